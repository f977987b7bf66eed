import { join } from 'node:path';
import { apiEntry, type ApiName } from './apis.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { SPEC_NAMES, type SpecName } from './spec-names.ts';

export { SPEC_NAMES, type SpecName } from './spec-names.ts';

export interface SpecFile {
  name: SpecName;
  /** Relative to the repository root, as written in headers and messages. */
  relativePath: string;
  path: string;
  /** Where `npm run gen:types` writes its TypeScript types. */
  generatedTypesPath: string;
}

export const SPEC_FILES: readonly SpecFile[] = SPEC_NAMES.map((name) => ({
  name,
  relativePath: `spec/${name}.openapi.yaml`,
  path: join(PACKAGE_ROOT, `spec/${name}.openapi.yaml`),
  generatedTypesPath: join(PACKAGE_ROOT, `spec/generated/${name}.ts`),
}));

/** The spec file of an API of the table. */
export function specFileOf(api: ApiName): SpecFile {
  const { spec } = apiEntry(api);
  return SPEC_FILES.find((file) => file.name === spec)!;
}

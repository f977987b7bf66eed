import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.ts';

/** The three OpenAPI files of the project, by short name: spec/<name>.openapi.yaml. */
export const SPEC_NAMES = ['pocketm8', 'pace-user', 'mock-control'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];

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

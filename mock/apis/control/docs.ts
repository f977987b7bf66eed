import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MockContext } from '../context.ts';
import { loadSpec } from '../../core/compiled-spec.ts';
import { PACKAGE_ROOT } from '../../core/package-root.ts';
import type { JsonObject } from '../../core/json-pointer.ts';
import { SPEC_FILES, type SpecName } from '../../core/spec-files.ts';
import { specForReference } from './docs-spec.ts';
import type { ControlHandlers } from './types.ts';

const PAGE = join(PACKAGE_ROOT, 'mock/server/console/docs.html');
/** Swagger UI's files, from the npm package (no CDN). */
export const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', png: 'image/png' } as const;

/** The page, read once per process (every world serves the same). */
let page: string | undefined;
// Built on first use and shared by every world: the parsed specs are those the app already loaded.
const specs = new Map<SpecName, JsonObject>();

export function docsHandlers(
  _context: MockContext,
): Pick<ControlHandlers, 'getApiReference' | 'getApiReferenceAsset' | 'getApiReferenceSpec'> {
  const html = (page ??= readFileSync(PAGE, 'utf8'));
  const specFor = (name: SpecName) => {
    let spec = specs.get(name);
    if (!spec) {
      const file = SPEC_FILES.find((candidate) => candidate.name === name)!;
      spec = specForReference(name, loadSpec(file.path).document);
      specs.set(name, spec);
    }
    return spec;
  };
  return {
    getApiReference: () => ({ status: 200, body: html, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-cache' } }),
    getApiReferenceAsset: ({ params }) => ({
      status: 200,
      contentType: TYPES[params.file.slice(params.file.lastIndexOf('.') + 1) as keyof typeof TYPES],
      headers: { 'Cache-Control': 'public, max-age=3600' },
      stream: createReadStream(join(SWAGGER_UI_DIR, params.file)),
    }),
    getApiReferenceSpec: ({ params }) => ({ status: 200, body: specFor(params.name), headers: { 'Cache-Control': 'no-cache' } }),
  };
}

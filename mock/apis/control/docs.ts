import type { MockContext } from '../context.ts';
import type { JsonObject } from '../../core/json-pointer.ts';
import type { SpecName } from '../../core/spec-names.ts';
import { ApiError } from '../../lib/api-error.ts';
import { NO_PAGES } from './console.ts';
import { specForReference } from './docs-spec.ts';
import type { ControlHandlers } from './types.ts';

const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', png: 'image/png' } as const;

export function docsHandlers(
  context: MockContext,
): Pick<ControlHandlers, 'getApiReference' | 'getApiReferenceAsset' | 'getApiReferenceSpec'> {
  const { assets } = context;
  const pages = () => {
    if (!assets.pages) throw new ApiError('NOT_FOUND', { detail: NO_PAGES });
    return assets.pages;
  };
  // Built on first use: the parsed specs are those the app already loaded.
  const specs = new Map<SpecName, JsonObject>();
  const specFor = (name: SpecName) => {
    let spec = specs.get(name);
    if (!spec) {
      spec = specForReference(name, assets.spec(name).document);
      specs.set(name, spec);
    }
    return spec;
  };
  return {
    getApiReference: () => ({
      status: 200,
      body: pages().docs(),
      contentType: 'text/html; charset=utf-8',
      headers: { 'Cache-Control': 'no-cache' },
    }),
    getApiReferenceAsset: ({ params }) => ({
      status: 200,
      contentType: TYPES[params.file.slice(params.file.lastIndexOf('.') + 1) as keyof typeof TYPES],
      headers: { 'Cache-Control': 'public, max-age=3600' },
      stream: pages().swaggerFile(params.file),
    }),
    getApiReferenceSpec: ({ params }) => ({ status: 200, body: specFor(params.name), headers: { 'Cache-Control': 'no-cache' } }),
  };
}

import type { MockAssets } from '../../core/assets.ts';
import type { JsonObject } from '../../core/json-pointer.ts';
import type { SpecName } from '../../core/spec-names.ts';
import { ApiError } from '../../lib/api-error.ts';
import { NO_PAGES } from './console.ts';
import { specForReference } from './docs-spec.ts';
import type { ControlHandlers } from './types.ts';

const TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', png: 'image/png' } as const;

function pagesOf(assets: MockAssets) {
  if (!assets.pages) throw new ApiError('NOT_FOUND', { detail: NO_PAGES });
  return assets.pages;
}

// Made on first use from the document the app already loaded, once per document.
const references = new WeakMap<JsonObject, JsonObject>();

function referenceOf(assets: MockAssets, name: SpecName): JsonObject {
  const { document } = assets.spec(name);
  let spec = references.get(document);
  if (!spec) {
    spec = specForReference(name, document);
    references.set(document, spec);
  }
  return spec;
}

export const docsHandlers: Pick<ControlHandlers, 'getApiReference' | 'getApiReferenceAsset' | 'getApiReferenceSpec'> = {
  getApiReference: ({ world }) => ({
    status: 200,
    body: pagesOf(world.assets).docs(),
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-cache' },
  }),
  getApiReferenceAsset: ({ params, world }) => ({
    status: 200,
    contentType: TYPES[params.file.slice(params.file.lastIndexOf('.') + 1) as keyof typeof TYPES],
    headers: { 'Cache-Control': 'public, max-age=3600' },
    stream: pagesOf(world.assets).swaggerFile(params.file),
  }),
  getApiReferenceSpec: ({ params, world }) => ({
    status: 200,
    body: referenceOf(world.assets, params.name),
    headers: { 'Cache-Control': 'no-cache' },
  }),
};

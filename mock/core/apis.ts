import type { SpecName } from './spec-names.ts';

/** How an API writes its errors: Pocketm8's plain JSON body, or a JSON:API error document. */
export type ErrorFormat = 'plain' | 'json-api';

export type ApiName = 'pocketm8' | 'pace' | 'control';

export interface ApiEntry {
  name: ApiName;
  /** Its OpenAPI file (spec/<spec>.openapi.yaml). */
  spec: SpecName;
  /** Where it is served; the control API's paths (`/__mock`, `/media`, `/docs`) are absolute. */
  basePath: string;
  errorFormat: ErrorFormat;
}

/**
 * The one table of the APIs the mock serves (no file system: the MSW door loads it in browsers;
 * `specFileOf` in spec-files.ts finds an API's file). The app, the contract suites, Dredd, Prism and the
 * /docs reference all read it; nothing else names a base path or a spec file.
 */
export const APIS: readonly ApiEntry[] = [
  { name: 'pocketm8', spec: 'pocketm8', basePath: '/api', errorFormat: 'plain' },
  { name: 'pace', spec: 'pace-user', basePath: '/user/2021-2', errorFormat: 'json-api' },
  { name: 'control', spec: 'mock-control', basePath: '', errorFormat: 'plain' },
];

export function apiEntry(name: ApiName): ApiEntry {
  return APIS.find((api) => api.name === name)!;
}

/** The base path of an API (`/api`, `/user/2021-2`). */
export const basePathOf = (api: ApiName) => apiEntry(api).basePath;

const POCKETM8 = basePathOf('pocketm8');
const PACE = basePathOf('pace');

/** Which API a path (without a world prefix) belongs to, for the journal, faults and the error format. */
export function apiOf(path: string): ApiName | 'other' {
  if (path === POCKETM8 || path.startsWith(`${POCKETM8}/`)) return 'pocketm8';
  if (path === PACE || path.startsWith(`${PACE}/`)) return 'pace';
  if (path.startsWith('/__mock') || path.startsWith('/media/') || path === '/docs' || path.startsWith('/docs/')) return 'control';
  return 'other';
}

/** The error format of whatever a path belongs to (plain JSON when it belongs to none). */
export const errorFormatOf = (path: string): ErrorFormat => {
  const api = apiOf(path);
  return api === 'other' ? 'plain' : apiEntry(api).errorFormat;
};

import type { FieldProblem } from '../lib/api-error.ts';

/** The world every request without a selector acts on: the mock as it always was. */
export const DEFAULT_WORLD = 'default';

/** One path segment of letters, digits, `_`, `.` and `-` that starts with a letter or digit: never a path outside the data folder. */
export const WORLD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const PREFIX = '/worlds/';
const NAME_RULE = 'must be 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit, such as e2e-3';

export type WorldSelection =
  /** `prefixed`: the world came from the path, whose rest is `path`. */
  { name: string; prefixed: boolean; path: string; problem?: undefined } | { problem: FieldProblem; path: string };

/**
 * Which world a request addresses: the path prefix `/worlds/{name}` or the `X-Mock-World` header
 * (worlds.md). Neither: `default`. Both and different, or a name that breaks the rule: a problem,
 * reported against the rest of the path so that the error takes the addressed API's format.
 */
export function selectWorld(rawPath: string, header: string | string[] | undefined): WorldSelection {
  let name: string | undefined;
  let path = rawPath;
  let prefixed = false;
  if (rawPath === '/worlds' || rawPath.startsWith(PREFIX)) {
    const end = rawPath.indexOf('/', PREFIX.length);
    const segment = rawPath.slice(PREFIX.length, end === -1 ? undefined : end);
    path = end === -1 ? '/' : rawPath.slice(end);
    prefixed = true;
    try {
      name = decodeURIComponent(segment);
    } catch {
      name = segment;
    }
    if (!WORLD_NAME.test(name)) return { problem: { field: 'world', message: NAME_RULE }, path };
  }
  const headerName = Array.isArray(header) ? header[0] : header;
  if (headerName !== undefined) {
    if (!WORLD_NAME.test(headerName)) return { problem: { field: 'X-Mock-World', message: NAME_RULE, parameter: 'X-Mock-World' }, path };
    if (name !== undefined && name !== headerName)
      return {
        problem: { field: 'X-Mock-World', message: `names world "${headerName}" but the path names "${name}"`, parameter: 'X-Mock-World' },
        path,
      };
    name = headerName;
  }
  return { name: name ?? DEFAULT_WORLD, prefixed, path };
}

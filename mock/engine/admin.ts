import { headerOf, parseQuery, type CoreRequest } from '../core/request.ts';

/** The confirmation link stands for an email an end user opens: its token is the credential. */
const OPEN_PREFIX = '/__mock/pace/confirm/';

/** Every admin token the request offers: bearer header, X-Mock-Admin-Token, `?adminToken=`. */
function offeredTokens(request: CoreRequest): string[] {
  const query = request.search.includes('adminToken') ? parseQuery(request.search).adminToken : undefined;
  const offered: unknown[] = [
    /^Bearer\s+(\S+)$/i.exec(headerOf(request.headers, 'authorization') ?? '')?.[1],
    request.headers['x-mock-admin-token'],
    query,
  ];
  return offered.flat().filter((token): token is string => typeof token === 'string' && token !== '');
}

/**
 * Compares in time that depends only on the expected token's length, never on where the two
 * differ, so neither the token nor a prefix of it leaks through timing.
 */
function sameToken(expected: string, offered: string): boolean {
  let difference = expected.length ^ offered.length;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= expected.charCodeAt(index) ^ (offered.charCodeAt(index) || 0);
  }
  return difference === 0;
}

/**
 * Whether a control request may pass: always when no admin token is configured; otherwise only
 * with the token (the PACE confirmation link is open: its own token is the credential).
 */
export function adminAllows(adminToken: string | null, request: CoreRequest, path: string): boolean {
  if (!adminToken || !path.startsWith('/__mock') || path.startsWith(OPEN_PREFIX)) return true;
  return offeredTokens(request).some((offered) => sameToken(adminToken, offered));
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { MockContext } from '../../context.ts';
import { ApiError } from '../../lib/api-error.ts';

/** The confirmation link stands for an email an end user opens: its token is the credential. */
const OPEN_PREFIX = '/pace/confirm/';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Every admin token the request offers: bearer header, X-Mock-Admin-Token, `?adminToken=`. */
function offeredTokens(req: Request): string[] {
  const offered: unknown[] = [
    /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1],
    req.headers['x-mock-admin-token'],
    (req.query as Record<string, unknown>).adminToken,
  ];
  return offered.flat().filter((token): token is string => typeof token === 'string' && token !== '');
}

/**
 * Guards `/__mock` (mounted there, before the control routes): with an admin token configured, a
 * request without it gets 401 UNAUTHENTICATED through the error handler. Compares digests in
 * constant time, so neither the token nor its length leaks through timing.
 */
export function requireAdmin(context: MockContext): RequestHandler {
  const token = context.config.adminToken;
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, _res, next) => {
    if (req.path.startsWith(OPEN_PREFIX)) return next();
    const ok = offeredTokens(req).some((offered) => timingSafeEqual(digest(offered), expected));
    next(ok ? undefined : new ApiError('UNAUTHENTICATED'));
  };
}

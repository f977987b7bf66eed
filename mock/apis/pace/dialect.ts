import type { Response } from 'express';
import type { ApiDialect } from '../../http/mount.ts';
import { newRequestId } from '../../lib/xid.ts';
import { jsonApiErrorReply } from './json-api-errors.ts';

function requestIdOf(res: Response): string {
  if (typeof res.locals.requestId !== 'string') res.locals.requestId = newRequestId();
  return res.locals.requestId as string;
}

/** An error document's ids made equal to the request id (a forced answer is a spec example). */
function withRequestId(body: unknown, requestId: string): unknown {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { errors?: unknown }).errors)) return body;
  const { errors } = body as { errors: unknown[] };
  return { ...body, errors: errors.map((error) => (typeof error === 'object' && error !== null ? { ...error, id: requestId } : error)) };
}

/**
 * PACE at the HTTP edge: JSON:API error documents, 406 for an Accept that excludes JSON:API,
 * 422 for a body that cannot be read, `Request-Id` on every answer and `Deprecation: true` on
 * every answer of a deprecated operation (UpdateUserPhone).
 */
export const paceDialect: ApiDialect = {
  formatError: (error, res) => jsonApiErrorReply(error, requestIdOf(res)),
  invalidBodyCode: 'UNPROCESSABLE',
  checkAccept: true,
  decorate(reply, operation, res) {
    const requestId = requestIdOf(res);
    reply.headers = { ...reply.headers, 'Request-Id': requestId, ...(operation.deprecated ? { Deprecation: 'true' } : {}) };
    reply.body = withRequestId(reply.body, requestId);
  },
};

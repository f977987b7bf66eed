import { ApiError } from '../lib/api-error.ts';
import { newRequestId } from '../lib/xid.ts';
import type { ErrorFormat } from './apis.ts';
import type { Reply } from './handler-types.ts';
import { jsonApiErrorReply } from './json-api-errors.ts';
import { plainErrorReply } from './plain-errors.ts';

export { ApiError };

/** A fresh id for a request (PACE's `Request-Id` and error ids): an xid, as PACE's own. */
export { newRequestId } from '../lib/xid.ts';

/**
 * The one place an error becomes an answer: the body of the API's format (plain JSON for Pocketm8
 * and the control API, a JSON:API error document for PACE), whatever door the request came through.
 */
export function errorReply(format: ErrorFormat, error: ApiError, requestId: () => string = newRequestId): Reply & { body: unknown } {
  const reply = format === 'json-api' ? jsonApiErrorReply(error, requestId()) : plainErrorReply(error);
  return { ...reply, body: reply.body };
}

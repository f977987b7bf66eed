import type { ApiError } from '../lib/api-error.ts';
import type { Reply } from './handler-types.ts';

/** The Pocketm8 error body `{message, errors?, attemptsLeft?, retryAfter?}`, also used by the control API. */
export function plainErrorReply(error: ApiError): Reply {
  const { errors, attemptsLeft, retryAfter } = error.details;
  const body: Record<string, unknown> = {
    message: error.status === 500 && error.code !== 'INTERNAL_ERROR' ? 'INTERNAL_ERROR' : error.code,
  };
  if (errors && errors.length > 0) body.errors = errors.map(({ field, message }) => ({ field, message }));
  if (attemptsLeft !== undefined) body.attemptsLeft = attemptsLeft;
  const headers: Record<string, string> = {};
  if (error.status === 429) {
    const seconds = retryAfter ?? 1;
    body.retryAfter = seconds;
    headers['Retry-After'] = String(seconds);
  }
  return { status: error.status, body, headers, contentType: 'application/json; charset=utf-8' };
}

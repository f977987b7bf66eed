import type { ApiError, ErrorCode, ErrorDetails, FieldProblem } from '../lib/api-error.ts';
import type { Reply } from './handler-types.ts';
import type { components } from '../../spec/generated/pace-user.ts';

type JsonApiError = components['schemas']['Error'];

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** The detail mount.ts gives a body that is not JSON; PACE (pace/bricks) titles it so. */
const PARSE_FAILURE = "can't parse content";

/** Where PACE's code differs from the catalogue's name. */
const WIRE_CODE: Partial<Record<ErrorCode, string>> = {
  MISSING_LINKED_IDENTITY: 'missing-linked-identity',
  UNPROCESSABLE: 'VALIDATION_ERROR',
};

/** Titles that are not just the code in words (`RESEND_TOO_SOON` -> `Resend too soon`). */
const TITLE: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: 'Unauthorized',
  MISSING_LINKED_IDENTITY: 'Missing linked identity for authorized access',
  UNPROCESSABLE: 'Validation error',
  PHONE_TAKEN: 'Phone number taken',
  INTERNAL_ERROR: 'Internal server error',
};

/** The detail when the thrower gave none. */
const DETAIL: Partial<Record<ErrorCode, (details: ErrorDetails) => string>> = {
  UNAUTHENTICATED: () => 'The access token is missing, invalid or expired.',
  MISSING_LINKED_IDENTITY: () =>
    'Linked identity is needed to access this resource, please check why the user does not have a linked identity',
  NOT_FOUND: () => 'Resource not found.',
  RESEND_TOO_SOON: ({ retryAfter }) =>
    `A message was sent to this destination less than 60 seconds ago. Try again in ${retryAfter ?? 1} seconds.`,
  TOO_MANY_REQUESTS: ({ retryAfter }) => `At most 5 messages an hour are sent to one destination. Try again in ${retryAfter ?? 1} seconds.`,
  DELIVERY_FAILED: () => 'The message could not be delivered.',
  INTERNAL_ERROR: () => 'Something went wrong on our side. Please try again later.',
};

/** The header a protocol error is about. */
const SOURCE_PARAMETER: Partial<Record<ErrorCode, string>> = { NOT_ACCEPTABLE: 'Accept', UNSUPPORTED_MEDIA_TYPE: 'Content-Type' };

function titleOf(code: ErrorCode): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return TITLE[code] ?? `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function sourceOf(code: ErrorCode, problem: FieldProblem | undefined): Pick<JsonApiError, 'source'> {
  if (problem?.pointer !== undefined) return { source: { pointer: problem.pointer } };
  const parameter = problem?.parameter ?? SOURCE_PARAMETER[code];
  return parameter ? { source: { parameter } } : {};
}

/**
 * Any catalogue error as a JSON:API error document: one error object per field problem (each
 * with its `source`), `id` the request's id, `status` the HTTP status as a string.
 */
export function jsonApiErrorReply(error: ApiError, requestId: string): Reply {
  const { details } = error;
  // PACE documents 501 for its internal errors; a forced status stays as asked.
  const status = error.code === 'INTERNAL_ERROR' && details.status === undefined ? 501 : error.status;
  const parseFailure = details.detail === PARSE_FAILURE;
  const meta = {
    ...(details.attemptsLeft !== undefined ? { attemptsLeft: details.attemptsLeft } : {}),
    ...(details.retryAfter !== undefined ? { retryAfter: details.retryAfter } : {}),
  };
  const problems: (FieldProblem | undefined)[] = details.errors?.length ? details.errors : [undefined];
  const errors = problems.map((problem): JsonApiError => {
    const detail = parseFailure
      ? 'The body is not valid JSON.'
      : (details.detail ?? (problem ? `${problem.field} ${problem.message}` : DETAIL[error.code]?.(details)));
    return {
      id: requestId,
      status: String(status),
      code: WIRE_CODE[error.code] ?? error.code,
      title: parseFailure ? PARSE_FAILURE : titleOf(error.code),
      ...(detail !== undefined ? { detail } : {}),
      ...sourceOf(error.code, problem),
      ...(Object.keys(meta).length > 0 ? { meta } : {}),
    };
  });
  const headers: Record<string, string> = { 'Request-Id': requestId };
  if (status === 429 && details.retryAfter !== undefined) headers['Retry-After'] = String(details.retryAfter);
  return { status, headers, body: { errors }, contentType: JSON_API_MEDIA_TYPE };
}

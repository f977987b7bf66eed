/**
 * The one error catalogue. Services and routes throw `ApiError`; the API's error middleware turns
 * it into that API's error body (plain JSON for Pocketm8 and the control API, JSON:API for PACE).
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MISSING_LINKED_IDENTITY: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NO_PENDING_VERIFICATION: 404,
  ROOM_NOT_FOUND: 404,
  NOT_LINKED: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  ALREADY_LINKED: 409,
  INVALID_STATUS_TRANSITION: 409,
  CODE_EXPIRED: 410,
  TOKEN_EXPIRED: 410,
  CHALLENGE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_CODE: 422,
  EMAIL_REQUIRED: 422,
  INVALID_TOKEN: 422,
  UNPROCESSABLE: 422,
  TOO_MANY_ATTEMPTS: 429,
  RESEND_TOO_SOON: 429,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  DELIVERY_FAILED: 502,
  SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One thing wrong with a request, as the error bodies name it. */
export interface FieldProblem {
  /** Dotted path of a body field, a parameter name, or `body`. */
  field: string;
  message: string;
  /** JSON pointer into the body (`/data/attributes/phoneNumber`), for JSON:API's source.pointer. */
  pointer?: string;
  /** The parameter's name when the problem is in a path or query parameter. */
  parameter?: string;
}

export interface ErrorDetails {
  errors?: FieldProblem[];
  attemptsLeft?: number;
  retryAfter?: number;
  /** A sentence for people (JSON:API `detail`). */
  detail?: string;
  /** Overrides the catalogue status (for `Prefer: code=`, fault rules, and PACE's wrong code at 404). */
  status?: number;
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(details.detail ?? code);
    this.status = details.status ?? ERROR_STATUS[code];
  }
}

/** The status for a forced `Prefer: code=NNN`: the catalogue code that best names it. */
export function codeForStatus(status: number): ErrorCode {
  const found = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((code) => ERROR_STATUS[code] === status);
  return found ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR');
}

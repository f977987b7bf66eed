import { expect } from 'vitest';
import type { ContractResponse } from './client.ts';

/** The error body of the Pocketm8 API (the client has already checked it against the spec). */
export interface ErrorBody {
  message: string;
  attemptsLeft?: number;
  retryAfter?: number;
  errors?: { field: string; message: string }[];
}

/** Asserts the status and the error code in `message`; answers the body for further checks. */
export function expectError(res: ContractResponse, status: number, message: string): ErrorBody {
  const body = res.body as ErrorBody;
  expect({ status: res.status, message: body?.message }).toEqual({ status, message });
  return body;
}

/** A 429: `retryAfter` in the body and the `Retry-After` header say the same number of seconds. */
export function expectRetryAfter(res: ContractResponse, message: string, atMostSeconds: number): number {
  const body = expectError(res, 429, message);
  expect(body.retryAfter, 'retryAfter in the body').toBeGreaterThanOrEqual(1);
  expect(body.retryAfter).toBeLessThanOrEqual(atMostSeconds);
  expect(res.headers['retry-after'], 'the Retry-After header').toBe(String(body.retryAfter));
  return body.retryAfter ?? 0;
}

/** Asserts a plain success `{message}`. */
export function expectMessage(res: ContractResponse, status: number, message: string): void {
  expect({ status: res.status, message: (res.body as { message?: string })?.message }).toEqual({ status, message });
}

/**
 * A send of a code answers exactly `200 {"message": "VERIFICATION_CODE_SENT"}`, as the public
 * Update Phone page shows: nothing more a client could come to rely on.
 */
export function expectCodeSent(res: ContractResponse, what: string): void {
  expect({ status: res.status, body: res.body }, what).toEqual({ status: 200, body: { message: 'VERIFICATION_CODE_SENT' } });
}

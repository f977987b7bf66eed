import { createHmac } from 'node:crypto';

/** Every purpose a secret can be sent for; part of the HMAC message. */
export const PURPOSES = [
  'sign-in',
  'challenge',
  'email-change',
  'phone-change',
  'pace-phone-change',
  'password-reset',
  'pace-phone-confirm',
] as const;
export type Purpose = (typeof PURPOSES)[number];

function hmac(seed: string, purpose: Purpose, destination: string, n: number): Buffer {
  return createHmac('sha256', seed).update(`${purpose}|${destination}|${n}`).digest();
}

/**
 * The derived 6-digit code of verification.md: HMAC-SHA256(seed, `purpose|destination|n`),
 * first 4 bytes big-endian unsigned, modulo 1,000,000, zero-padded.
 */
export function deriveCode(seed: string, purpose: Purpose, destination: string, n: number): string {
  return String(hmac(seed, purpose, destination, n).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Reset and confirmation tokens: the same HMAC, first 16 bytes as 32 lowercase hex characters. */
export function deriveToken(seed: string, purpose: Purpose, destination: string, n: number): string {
  return hmac(seed, purpose, destination, n).subarray(0, 16).toString('hex');
}

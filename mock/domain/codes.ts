import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

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

// @noble/hashes rather than node:crypto: the same synchronous HMAC in Node and in a browser (MSW).
function digest(seed: string, purpose: Purpose, destination: string, n: number): Uint8Array {
  return hmac(sha256, utf8ToBytes(seed), utf8ToBytes(`${purpose}|${destination}|${n}`));
}

/**
 * The derived 6-digit code of verification.md: HMAC-SHA256(seed, `purpose|destination|n`),
 * first 4 bytes big-endian unsigned, modulo 1,000,000, zero-padded.
 */
export function deriveCode(seed: string, purpose: Purpose, destination: string, n: number): string {
  const bytes = digest(seed, purpose, destination, n);
  return String(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) % 1_000_000).padStart(6, '0');
}

/** Reset and confirmation tokens: the same HMAC, first 16 bytes as 32 lowercase hex characters. */
export function deriveToken(seed: string, purpose: Purpose, destination: string, n: number): string {
  return bytesToHex(digest(seed, purpose, destination, n).subarray(0, 16));
}

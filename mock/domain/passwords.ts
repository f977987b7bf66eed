import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';

// Cheap scrypt settings: the mock holds test accounts only, and start-up hashes every fixture user.
// @noble/hashes (not node:crypto) so that the same code runs in a browser (MSW); same bytes out.
const COST = { N: 1024, r: 8, p: 1 } as const;

export function hashPassword(password: string, salt: Uint8Array = randomBytes(16)): string {
  return `scrypt:${bytesToHex(salt)}:${bytesToHex(scrypt(password, salt, { ...COST, dkLen: 32 }))}`;
}

const HEX = /^(?:[0-9a-f]{2})+$/i;

/** Compares in time that depends only on the lengths, never on where the bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  const [scheme, saltHex, hashHex] = stored?.split(':') ?? [];
  if (scheme !== 'scrypt' || !saltHex || !hashHex || !HEX.test(saltHex) || !HEX.test(hashHex)) return false;
  const expected = hexToBytes(hashHex);
  return sameBytes(expected, scrypt(password, hexToBytes(saltHex), { ...COST, dkLen: expected.length }));
}

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// Cheap scrypt settings: the mock holds test accounts only, and start-up hashes every fixture user.
const COST = { N: 1024, r: 8, p: 1 } as const;

export function hashPassword(password: string, salt = randomBytes(16)): string {
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32, COST).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  const [scheme, saltHex, hashHex] = stored?.split(':') ?? [];
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  return timingSafeEqual(expected, scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, COST));
}

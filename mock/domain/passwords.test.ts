import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  const salt = new Uint8Array(16).map((_, index) => index * 7);

  it('hashes to the bytes node:crypto scrypt gives (stored hashes stay valid)', () => {
    const expected = scryptSync('correct horse', salt, 32, { N: 1024, r: 8, p: 1 }).toString('hex');
    expect(hashPassword('correct horse', salt)).toBe(`scrypt:${Buffer.from(salt).toString('hex')}:${expected}`);
  });

  it('verifies the right password only', () => {
    const stored = hashPassword('correct horse');
    expect(verifyPassword('correct horse', stored)).toBe(true);
    expect(verifyPassword('wrong horse', stored)).toBe(false);
  });

  it.each([null, '', 'bcrypt:00:00', 'scrypt::', 'scrypt:zz:00', 'scrypt:00:0'])('refuses a stored value it cannot read: %s', (stored) => {
    expect(verifyPassword('anything', stored)).toBe(false);
  });
});

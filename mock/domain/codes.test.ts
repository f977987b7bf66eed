import { describe, expect, it } from 'vitest';
import { deriveCode, deriveToken } from './codes.ts';

describe('deriveCode', () => {
  it.each([
    ['phone-change', '+4176545653', 1, '007879'],
    ['phone-change', '+4176545653', 2, '609348'],
    ['sign-in', '+41791234567', 1, '062613'],
    ['email-change', 'new.address@example.com', 1, '253117'],
  ] as const)('%s %s #%i is %s', (purpose, destination, n, expected) => {
    expect(deriveCode('pocketm8', purpose, destination, n)).toBe(expected);
  });

  it('depends on the seed', () => {
    expect(deriveCode('other-seed', 'phone-change', '+4176545653', 1)).not.toBe('007879');
  });
});

describe('deriveToken', () => {
  it('matches the password-reset vector', () => {
    expect(deriveToken('pocketm8', 'password-reset', 'alice@example.com', 1)).toBe('15ebb760cd21e0b4405579b4bff803bf');
  });
});

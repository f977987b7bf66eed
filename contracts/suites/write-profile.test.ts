// Group `write`: Update Profile, field by field, read back with Get Profile. Works as the
// configured test user (whose profile is put back afterwards) or a new user signed up by SMS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSettings, pocketm8 } from '../lib/client.ts';
import { freshText, profileOf, type Profile } from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError } from '../lib/expectations.ts';
import { titled } from '../lib/flow-test.ts';
import { pngPart } from '../lib/samples.ts';
import { uploadedAvatar } from '../lib/resources.ts';
import { testUser, type TestUser } from '../lib/world.ts';

const WRITABLE = ['firstName', 'lastName', 'displayName', 'locale', 'twoFactorEnabled'] as const;

let me: TestUser;
let original: Profile;
beforeAll(async () => {
  me = await clockStill(() => testUser());
  original = await profileOf(me.token);
});
afterAll(async () => {
  if (!contractSettings().user || !original) return;
  const restore: Record<string, unknown> = {};
  for (const field of WRITABLE) if (original[field] !== null) restore[field] = original[field];
  await pocketm8('updateProfile', { token: me.token, body: restore });
});

const patch = async (body: Record<string, unknown>) => {
  const res = await pocketm8('updateProfile', { token: me.token, body });
  expect(res.status, `PATCH /profile ${JSON.stringify(body)}`).toBe(200);
  return res.body as Profile;
};

describe('write: profile', () => {
  it.each([
    [{ firstName: 'Ada' }],
    [{ lastName: 'Lovelace-Byron' }],
    [{ displayName: 'Ada L. (contract)' }],
    [{ locale: 'fr-CH' }],
    [{ locale: 'en' }],
  ])('PATCH %j changes that field only; GET reads it back', async (change) => {
    const before = await profileOf(me.token);
    const after = await patch(change);
    expect(after).toEqual({ ...before, ...change, updatedAt: after.updatedAt });
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    expect(await profileOf(me.token)).toEqual(after);
  });

  it('PATCH several fields at once', async () => {
    const change = { firstName: 'Grace', lastName: 'Hopper', displayName: freshText('Grace H.'), locale: 'de-CH' };
    const after = await patch(change);
    expect(after).toMatchObject(change);
    expect(await profileOf(me.token)).toEqual(after);
  });

  const configured = contractSettings().user ? 'the configured test user keeps its 2FA setting and avatar' : undefined;
  it.skipIf(configured !== undefined)(titled('twoFactorEnabled on and off (the user has a verified phone)', configured), async () => {
    expect((await patch({ twoFactorEnabled: true })).twoFactorEnabled).toBe(true);
    expect((await profileOf(me.token)).twoFactorEnabled).toBe(true);
    expect((await patch({ twoFactorEnabled: false })).twoFactorEnabled).toBe(false);
    expect((await profileOf(me.token)).twoFactorEnabled).toBe(false);
  });

  it.skipIf(configured !== undefined)(titled('avatar: upload, set on the profile, read back', configured), async () => {
    const avatar = await uploadedAvatar(me.token, pngPart('write.png'));
    const res = await pocketm8('updateAvatar', { token: me.token, body: { avatarId: avatar.id } });
    expect(res.status).toBe(200);
    const profile = res.body as Profile;
    expect(profile.avatarUrl).not.toBeNull();
    expect(await profileOf(me.token)).toEqual(profile);
  });

  it('Update Avatar with an unknown avatar -> 404 NOT_FOUND, nothing changes', async () => {
    const before = await profileOf(me.token);
    expectError(await pocketm8('updateAvatar', { token: me.token, body: { avatarId: 'ava_does_not_exist_0' } }), 404, 'NOT_FOUND');
    expect(await profileOf(me.token)).toEqual(before);
  });

  it.each([
    [{ email: 'someone@example.com' }],
    [{ phone: '+41791112233' }],
    [{ id: 'usr_other' }],
    [{ avatarUrl: 'http://example.com/a.png' }],
    [{ emailVerified: true }],
    [{ pendingPhone: '+41791112233' }],
    [{ displayName: 'Fine', createdAt: '2020-01-01T00:00:00Z' }],
    [{}],
  ])('read-only, unknown or no fields %j -> 400 VALIDATION_ERROR, nothing changes', async (body) => {
    const before = await profileOf(me.token);
    expectError(await pocketm8('updateProfile', { token: me.token, body }), 400, 'VALIDATION_ERROR');
    expect(await profileOf(me.token)).toEqual(before);
  });
});

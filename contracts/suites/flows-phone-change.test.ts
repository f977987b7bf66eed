// Group `flows`: the phone change (PUT /profile/phone, verify, resend) and the code rules on it.
import { describe, expect } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { profileOf, type Profile } from '../lib/accounts.ts';
import { expectCodeSent, expectError, expectRetryAfter } from '../lib/expectations.ts';
import { flow } from '../lib/flow-test.ts';
import { advanceClock, freshPhone, secretOf, signUpBySms, wrongCode, type TestUser } from '../lib/world.ts';

async function requestPhone(user: TestUser, phone: string): Promise<string> {
  const res = await pocketm8('updatePhone', { token: user.token, body: { phone } });
  expectCodeSent(res, `PUT /profile/phone ${phone}`);
  const { code } = await secretOf({ channel: 'sms', to: phone, purpose: 'phone-change' });
  if (!code) throw new Error('no phone-change code');
  return code;
}

async function resend(user: TestUser, to: string): Promise<string> {
  const res = await pocketm8('resendCode', { token: user.token, body: { type: 'phone' } });
  expectCodeSent(res, 'POST /profile/resend-code');
  const { code } = await secretOf({ channel: 'sms', to, purpose: 'phone-change' });
  if (!code) throw new Error('no phone-change code');
  return code;
}

const verify = (user: TestUser, code: string) => pocketm8('verifyProfileCode', { token: user.token, body: { type: 'phone', code } });

/** The phone in force has not moved; the pending one is as expected. */
async function expectPhones(user: TestUser, phone: string, pendingPhone: string | null): Promise<Profile> {
  const profile = await profileOf(user.token);
  expect({ phone: profile.phone, phoneVerified: profile.phoneVerified, pendingPhone: profile.pendingPhone }).toEqual({
    phone,
    phoneVerified: true,
    pendingPhone,
  });
  return profile;
}

describe('flows: phone change', () => {
  flow(['code'], 'PUT phone -> pending -> wrong code 422 -> right code -> verified new phone; the used code then answers 404', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    const code = await requestPhone(me, next);
    await expectPhones(me, me.phone, next);

    const wrong = expectError(await verify(me, wrongCode(code)), 422, 'INVALID_CODE');
    expect(wrong.attemptsLeft).toBe(4);
    await expectPhones(me, me.phone, next);

    const right = await verify(me, code);
    expect(right.status).toBe(200);
    const body = right.body as { message: string; profile: Profile };
    expect(body.message).toBe('PHONE_UPDATED');
    expect(body.profile).toMatchObject({ id: me.userId, phone: next, phoneVerified: true, pendingPhone: null });
    const after = await expectPhones(me, next, null);
    expect(after).toEqual(body.profile);

    expectError(await verify(me, code), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code'], 'the new phone signs in to the same account by SMS', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    expect((await verify(me, await requestPhone(me, next))).status).toBe(200);
    const again = await signUpBySms(next);
    expect(again.userId).toBe(me.userId);
  });

  flow(['code'], "a second PUT replaces the pending phone: the first number's code no longer confirms", async () => {
    const me = await signUpBySms();
    const first = freshPhone();
    const second = freshPhone();
    const firstCode = await requestPhone(me, first);
    const secondCode = await requestPhone(me, second);
    await expectPhones(me, me.phone, second);
    if (firstCode !== secondCode) expectError(await verify(me, firstCode), 422, 'INVALID_CODE');
    expect((await verify(me, secondCode)).status).toBe(200);
    await expectPhones(me, second, null);
  });

  flow(['code'], 'resend too soon -> 429 RESEND_TOO_SOON with Retry-After equal to retryAfter; the pending code still works', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    const code = await requestPhone(me, next);
    expectRetryAfter(await pocketm8('resendCode', { token: me.token, body: { type: 'phone' } }), 'RESEND_TOO_SOON', 60);
    expectRetryAfter(await pocketm8('updatePhone', { token: me.token, body: { phone: next } }), 'RESEND_TOO_SOON', 60);
    expect((await verify(me, code)).status).toBe(200);
  });

  flow(['code'], 'resend and verify with nothing pending -> 404 NO_PENDING_VERIFICATION', async () => {
    const me = await signUpBySms();
    expectError(await pocketm8('resendCode', { token: me.token, body: { type: 'phone' } }), 404, 'NO_PENDING_VERIFICATION');
    expectError(await pocketm8('resendCode', { token: me.token, body: { type: 'email' } }), 404, 'NO_PENDING_VERIFICATION');
    expectError(await verify(me, '123456'), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(
    ['code'],
    'five wrong tries (attemptsLeft 4..0), the 6th try even with the right code -> 429 TOO_MANY_ATTEMPTS, then 404',
    async () => {
      const me = await signUpBySms();
      const next = freshPhone();
      const code = await requestPhone(me, next);
      const left: (number | undefined)[] = [];
      for (let i = 0; i < 5; i += 1) left.push(expectError(await verify(me, wrongCode(code)), 422, 'INVALID_CODE').attemptsLeft);
      expect(left).toEqual([4, 3, 2, 1, 0]);
      expectRetryAfter(await verify(me, code), 'TOO_MANY_ATTEMPTS', 3600);
      expectError(await verify(me, code), 404, 'NO_PENDING_VERIFICATION');
      const profile = await profileOf(me.token);
      expect(profile.phone).toBe(me.phone);
    },
  );

  flow(['code'], 'a phone another account holds -> 409 PHONE_TAKEN, nothing pending', async () => {
    const me = await signUpBySms();
    const other = await signUpBySms();
    expectError(await pocketm8('updatePhone', { token: me.token, body: { phone: other.phone } }), 409, 'PHONE_TAKEN');
    await expectPhones(me, me.phone, null);
  });

  flow(
    ['code'],
    'the phone taken by another account while the code was pending -> verify 409 PHONE_TAKEN, the change is dropped',
    async () => {
      const me = await signUpBySms();
      const next = freshPhone();
      const code = await requestPhone(me, next);
      await signUpBySms(next);
      expectError(await verify(me, code), 409, 'PHONE_TAKEN');
      await expectPhones(me, me.phone, null);
    },
  );

  flow(
    ['code', 'control'],
    'the mock: a phone ending in 9999 is taken (409), one ending in 0000 fails delivery (502); nothing pending',
    async () => {
      const me = await signUpBySms();
      expectError(await pocketm8('updatePhone', { token: me.token, body: { phone: '+41780009999' } }), 409, 'PHONE_TAKEN');
      expectError(await pocketm8('updatePhone', { token: me.token, body: { phone: '+41780010000' } }), 502, 'DELIVERY_FAILED');
      await expectPhones(me, me.phone, null);
    },
  );
});

describe('flows: phone change with the clock', () => {
  flow(['code', 'clock'], 'resend after the cooldown: a new code, the old one answers 422, the new one works', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    const first = await requestPhone(me, next);
    await advanceClock('61s');
    const second = await resend(me, next);
    if (second !== first) {
      const old = expectError(await verify(me, first), 422, 'INVALID_CODE');
      expect(old.attemptsLeft).toBe(4);
    }
    expect((await verify(me, second)).status).toBe(200);
    await expectPhones(me, next, null);
  });

  flow(['code', 'clock'], 'after the change the old phone no longer signs in to the account: it makes a new one', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    expect((await verify(me, await requestPhone(me, next))).status).toBe(200);
    await advanceClock('61s');
    const sent = await pocketm8('sendSmsCode', { body: { phone: me.phone } });
    expect(sent.status).toBe(200);
    const { code } = await secretOf({ channel: 'sms', to: me.phone, purpose: 'sign-in' });
    const res = await pocketm8('verifyCode', { body: { phone: me.phone, code } });
    expect(res.status).toBe(200);
    const body = res.body as { isNewUser: boolean; user: Profile };
    expect(body.isNewUser).toBe(true);
    expect(body.user.id).not.toBe(me.userId);
  });

  flow(['code', 'clock'], 'a code older than 10 minutes -> 410 CODE_EXPIRED, the phone stays; a resent code then works', async () => {
    const me = await signUpBySms();
    const next = freshPhone();
    const code = await requestPhone(me, next);
    await advanceClock('10m');
    expectError(await verify(me, code), 410, 'CODE_EXPIRED');
    await expectPhones(me, me.phone, next);
    const fresh = await resend(me, next);
    expect((await verify(me, fresh)).status).toBe(200);
    await expectPhones(me, next, null);
  });

  flow(
    ['code', 'clock'],
    '5 sends to one phone an hour: the 6th -> 429 TOO_MANY_REQUESTS; after retryAfter seconds a send works again',
    async () => {
      const me = await signUpBySms();
      const next = freshPhone();
      await requestPhone(me, next);
      for (let send = 2; send <= 5; send += 1) {
        await advanceClock('61s');
        await resend(me, next);
      }
      await advanceClock('61s');
      const wait = expectRetryAfter(await pocketm8('resendCode', { token: me.token, body: { type: 'phone' } }), 'TOO_MANY_REQUESTS', 3600);
      expect(wait).toBeGreaterThan(3600 - 5 * 61 - 5);
      await advanceClock(`${wait}s`);
      const code = await resend(me, next);
      expect((await verify(me, code)).status).toBe(200);
    },
  );
});

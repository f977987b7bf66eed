// Group `flows`: SMS sign-up and sign-in (send-sms-code, verify-code) and the code rules on them.
import { describe, expect } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { profileOf, type Profile } from '../lib/accounts.ts';
import { expectCodeSent, expectError, expectRetryAfter } from '../lib/expectations.ts';
import { flow } from '../lib/flow-test.ts';
import { advanceClock, freshPhone, secretOf, signUpBySms, wrongCode } from '../lib/world.ts';

interface SmsSession {
  token: string;
  tokenType: string;
  expiresAt: string;
  isNewUser: boolean;
  user: Profile;
}

const DAY = 24 * 3600 * 1000;

async function sendCode(phone: string): Promise<string> {
  const res = await pocketm8('sendSmsCode', { body: { phone } });
  expectCodeSent(res, `POST /auth/user/send-sms-code ${phone}`);
  const { code } = await secretOf({ channel: 'sms', to: phone, purpose: 'sign-in' });
  if (!code) throw new Error('no sign-in code');
  return code;
}

const verify = (phone: string, code: string) => pocketm8('verifyCode', { body: { phone, code } });

describe('flows: SMS sign-up and sign-in', () => {
  flow(['code'], 'a new phone signs up: isNewUser, the phone verified, no email, a token valid 30 days that works', async () => {
    const phone = freshPhone();
    const code = await sendCode(phone);
    const res = await verify(phone, code);
    expect(res.status).toBe(200);
    const session = res.body as SmsSession;
    expect(session).toMatchObject({ tokenType: 'Bearer', isNewUser: true });
    expect(session.user).toMatchObject({
      phone,
      phoneVerified: true,
      email: null,
      emailVerified: false,
      pendingEmail: null,
      pendingPhone: null,
      twoFactorEnabled: false,
    });
    const days = (Date.parse(session.expiresAt) - Date.parse(session.user.createdAt)) / DAY;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(await profileOf(session.token)).toEqual(session.user);
    expectError(await verify(phone, code), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code'], 'an existing account signs in by SMS: isNewUser false, the same user; both sessions work', async () => {
    const me = await signUpBySms();
    // A second sign-in to the same phone would wait for the 60 s cooldown: move the account to a
    // new phone (phone change) and sign in there.
    const next = freshPhone();
    expect((await pocketm8('updatePhone', { token: me.token, body: { phone: next } })).status).toBe(200);
    const { code: changeCode } = await secretOf({ channel: 'sms', to: next, purpose: 'phone-change' });
    expect((await pocketm8('verifyProfileCode', { token: me.token, body: { type: 'phone', code: changeCode } })).status).toBe(200);

    const res = await verify(next, await sendCode(next));
    expect(res.status).toBe(200);
    const session = res.body as SmsSession;
    expect(session.isNewUser).toBe(false);
    expect(session.user.id).toBe(me.userId);
    expect(session.token).not.toBe(me.token);
    expect((await profileOf(session.token)).id).toBe(me.userId);
    expect((await profileOf(me.token)).id).toBe(me.userId);
  });

  flow(['code'], 'verify without a code sent -> 404 NO_PENDING_VERIFICATION', async () => {
    expectError(await verify(freshPhone(), '123456'), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code'], 'send again too soon -> 429 RESEND_TOO_SOON with Retry-After; the first code still works', async () => {
    const phone = freshPhone();
    const code = await sendCode(phone);
    expectRetryAfter(await pocketm8('sendSmsCode', { body: { phone } }), 'RESEND_TOO_SOON', 60);
    expect((await verify(phone, code)).status).toBe(200);
  });

  flow(['code'], 'five wrong tries (attemptsLeft 4..0), the 6th even right -> 429 TOO_MANY_ATTEMPTS, then 404', async () => {
    const phone = freshPhone();
    const code = await sendCode(phone);
    for (const left of [4, 3, 2, 1, 0])
      expect(expectError(await verify(phone, wrongCode(code)), 422, 'INVALID_CODE').attemptsLeft).toBe(left);
    expectRetryAfter(await verify(phone, code), 'TOO_MANY_ATTEMPTS', 3600);
    expectError(await verify(phone, code), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code', 'control'], 'the mock: a phone ending in 0000 -> 502 DELIVERY_FAILED', async () => {
    expectError(await pocketm8('sendSmsCode', { body: { phone: '+41780020000' } }), 502, 'DELIVERY_FAILED');
  });
});

describe('flows: SMS sign-in with the clock', () => {
  flow(['code', 'clock'], 'the same phone signs in again after the cooldown: isNewUser false, the same user', async () => {
    const me = await signUpBySms();
    await advanceClock('61s');
    const res = await verify(me.phone, await sendCode(me.phone));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isNewUser: false, user: { id: me.userId, phone: me.phone } });
  });

  flow(['code', 'clock'], 'a resend replaces the code: the old one answers 422, the new one signs in', async () => {
    const phone = freshPhone();
    const first = await sendCode(phone);
    await advanceClock('61s');
    const second = await sendCode(phone);
    if (first !== second) expectError(await verify(phone, first), 422, 'INVALID_CODE');
    expect((await verify(phone, second)).status).toBe(200);
  });

  flow(['code', 'clock'], 'a code older than 10 minutes -> 410 CODE_EXPIRED', async () => {
    const phone = freshPhone();
    const code = await sendCode(phone);
    await advanceClock('10m');
    expectError(await verify(phone, code), 410, 'CODE_EXPIRED');
  });

  flow(['code', 'clock'], '5 sends to one phone an hour: the 6th -> 429 TOO_MANY_REQUESTS with Retry-After', async () => {
    const phone = freshPhone();
    await sendCode(phone);
    for (let send = 2; send <= 5; send += 1) {
      await advanceClock('61s');
      await sendCode(phone);
    }
    await advanceClock('61s');
    const wait = expectRetryAfter(await pocketm8('sendSmsCode', { body: { phone } }), 'TOO_MANY_REQUESTS', 3600);
    await advanceClock(`${wait}s`);
    const code = await sendCode(phone);
    expect((await verify(phone, code)).status).toBe(200);
  });
});

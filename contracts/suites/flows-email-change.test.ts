// Group `flows`: the email change (PUT /profile/email, verify, resend).
import { describe, expect } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { freshEmail, giveEmail, profileOf, type Profile } from '../lib/accounts.ts';
import { expectCodeSent, expectError, expectRetryAfter } from '../lib/expectations.ts';
import { flow } from '../lib/flow-test.ts';
import { advanceClock, secretOf, signUpBySms, wrongCode, type TestUser } from '../lib/world.ts';

/** Asks for the change with `typed` (any case) and reads the code sent to the lower-cased address. */
async function requestEmail(user: TestUser, typed: string): Promise<string> {
  const res = await pocketm8('updateEmail', { token: user.token, body: { email: typed } });
  expectCodeSent(res, `PUT /profile/email ${typed}`);
  const { code } = await secretOf({ channel: 'email', to: typed.toLowerCase(), purpose: 'email-change' });
  if (!code) throw new Error('no email-change code');
  return code;
}

const verify = (user: TestUser, code: string) => pocketm8('verifyProfileCode', { token: user.token, body: { type: 'email', code } });

async function expectEmails(user: TestUser, email: string | null, pendingEmail: string | null): Promise<Profile> {
  const profile = await profileOf(user.token);
  expect({ email: profile.email, emailVerified: profile.emailVerified, pendingEmail: profile.pendingEmail }).toEqual({
    email,
    emailVerified: email !== null,
    pendingEmail,
  });
  return profile;
}

describe('flows: email change', () => {
  flow(
    ['code'],
    'PUT email (mixed case) -> pending, lower-cased -> wrong code 422 -> right code -> verified; the used code then answers 404',
    async () => {
      const me = await signUpBySms();
      const email = freshEmail('change');
      const typed = email
        .replace(/^contract/, 'Contract')
        .toUpperCase()
        .replace('@EXAMPLE.COM', '@Example.COM');
      const code = await requestEmail(me, typed);
      await expectEmails(me, null, email);

      const wrong = expectError(await verify(me, wrongCode(code)), 422, 'INVALID_CODE');
      expect(wrong.attemptsLeft).toBe(4);
      await expectEmails(me, null, email);

      const right = await verify(me, code);
      expect(right.status).toBe(200);
      const body = right.body as { message: string; profile: Profile };
      expect(body.message).toBe('EMAIL_UPDATED');
      expect(body.profile).toMatchObject({ id: me.userId, email, emailVerified: true, pendingEmail: null, phone: me.phone });
      expect(await expectEmails(me, email, null)).toEqual(body.profile);
      expectError(await verify(me, code), 404, 'NO_PENDING_VERIFICATION');
    },
  );

  flow(['code'], 'a second change keeps the verified email until the new code is verified', async () => {
    const me = await signUpBySms();
    const first = await giveEmail(me);
    const second = freshEmail('second');
    const code = await requestEmail(me, second);
    await expectEmails(me, first, second);
    expect((await verify(me, code)).status).toBe(200);
    await expectEmails(me, second, null);
  });

  flow(['code'], 'an email another account holds (in any case) -> 409 EMAIL_TAKEN, nothing pending', async () => {
    const other = await signUpBySms();
    const taken = await giveEmail(other);
    const me = await signUpBySms();
    expectError(await pocketm8('updateEmail', { token: me.token, body: { email: taken.toUpperCase() } }), 409, 'EMAIL_TAKEN');
    await expectEmails(me, null, null);
  });

  flow(['code'], 'resend too soon -> 429 RESEND_TOO_SOON with Retry-After; the pending code still works', async () => {
    const me = await signUpBySms();
    const email = freshEmail('resend');
    const code = await requestEmail(me, email);
    expectRetryAfter(await pocketm8('resendCode', { token: me.token, body: { type: 'email' } }), 'RESEND_TOO_SOON', 60);
    expectRetryAfter(await pocketm8('updateEmail', { token: me.token, body: { email } }), 'RESEND_TOO_SOON', 60);
    expectError(await pocketm8('resendCode', { token: me.token, body: { type: 'phone' } }), 404, 'NO_PENDING_VERIFICATION');
    expect((await verify(me, code)).status).toBe(200);
    await expectEmails(me, email, null);
  });

  flow(['code'], 'five wrong tries, then the right code -> 429 TOO_MANY_ATTEMPTS, then 404', async () => {
    const me = await signUpBySms();
    const code = await requestEmail(me, freshEmail('burn'));
    for (const left of [4, 3, 2, 1, 0]) expect(expectError(await verify(me, wrongCode(code)), 422, 'INVALID_CODE').attemptsLeft).toBe(left);
    expectRetryAfter(await verify(me, code), 'TOO_MANY_ATTEMPTS', 3600);
    expectError(await verify(me, code), 404, 'NO_PENDING_VERIFICATION');
    expect((await profileOf(me.token)).email).toBeNull();
  });

  flow(['code', 'control'], 'the mock: an email at fail.example -> 502 DELIVERY_FAILED, nothing pending', async () => {
    const me = await signUpBySms();
    expectError(
      await pocketm8('updateEmail', { token: me.token, body: { email: `someone-${Date.now()}@fail.example` } }),
      502,
      'DELIVERY_FAILED',
    );
    await expectEmails(me, null, null);
  });
});

describe('flows: email change with the clock', () => {
  flow(['code', 'clock'], 'resend after the cooldown: the old code answers 422, the new one works', async () => {
    const me = await signUpBySms();
    const email = freshEmail('resend');
    const first = await requestEmail(me, email);
    await advanceClock('61s');
    expectCodeSent(await pocketm8('resendCode', { token: me.token, body: { type: 'email' } }), 'POST /profile/resend-code');
    const { code: second } = await secretOf({ channel: 'email', to: email, purpose: 'email-change' });
    if (!second) throw new Error('no code');
    if (second !== first) expectError(await verify(me, first), 422, 'INVALID_CODE');
    expect((await verify(me, second)).status).toBe(200);
    await expectEmails(me, email, null);
  });

  flow(['code', 'clock'], 'a code older than 10 minutes -> 410 CODE_EXPIRED, the email stays unverified', async () => {
    const me = await signUpBySms();
    const email = freshEmail('expiry');
    const code = await requestEmail(me, email);
    await advanceClock('10m');
    expectError(await verify(me, code), 410, 'CODE_EXPIRED');
    await expectEmails(me, null, email);
  });

  flow(
    ['code', 'clock'],
    'the email taken by another account while the code was pending -> verify 409 EMAIL_TAKEN, the change is dropped',
    async () => {
      const me = await signUpBySms();
      const other = await signUpBySms();
      const email = freshEmail('race');
      const mine = await requestEmail(me, email);
      // One send per address and purpose a minute: the other account asks after the cooldown.
      await advanceClock('61s');
      const theirs = await requestEmail(other, email);
      expect((await verify(other, theirs)).status).toBe(200);
      expectError(await verify(me, mine), 409, 'EMAIL_TAKEN');
      await expectEmails(me, null, null);
      await expectEmails(other, email, null);
    },
  );
});

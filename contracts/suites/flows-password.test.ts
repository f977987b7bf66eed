// Group `flows`: password sign-in, the sign-in lock, the 2FA challenge and the password reset by
// token. The users are the suite's own (signed up by SMS, given an email and a password by reset
// token), so that no shared login is locked, challenged or changed; without a code source that
// gives tokens the configured test user (--login/--password) is used for plain sign-in only.
import { describe, expect, it } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import {
  freshEmail,
  freshPassword,
  giveEmail,
  lackingPasswordLogin,
  newPasswordUser,
  passwordLogin,
  profileOf,
  requestResetToken,
  signIn,
  type PasswordUser,
  type Profile,
} from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError, expectMessage, expectRetryAfter } from '../lib/expectations.ts';
import { flow, titled } from '../lib/flow-test.ts';
import { advanceClock, secretOf, signUpBySms, wrongCode } from '../lib/world.ts';

interface Session {
  token: string;
  tokenType: string;
  expiresAt: string;
  user: Profile;
}

interface Challenge {
  message: string;
  challenge: { id: string; channel: string; destination: string; expiresAt: string };
}

const SIGN_IN_WINDOW_S = 15 * 60;

async function expectSession(login: string, password: string, userId?: string): Promise<Session> {
  const res = await signIn(login, password);
  expect(res.status, `sign-in of ${login}`).toBe(200);
  const session = res.body as Session;
  expect(session.tokenType).toBe('Bearer');
  if (userId) expect(session.user.id).toBe(userId);
  expect((await profileOf(session.token)).id).toBe(session.user.id);
  return session;
}

/** Five failed sign-ins for this login. */
async function fail5(login: string): Promise<void> {
  for (let i = 0; i < 5; i += 1) expectError(await signIn(login, `wrong-${i}-pass`), 401, 'INVALID_CREDENTIALS');
}

/** Turns 2FA on for the user and signs in: the answer is a challenge; answers it and its code. */
async function challenged(user: PasswordUser): Promise<{ id: string; code: string; body: Challenge }> {
  const on = await pocketm8('updateProfile', { token: user.token, body: { twoFactorEnabled: true } });
  expect(on.status).toBe(200);
  expect((on.body as Profile).twoFactorEnabled).toBe(true);
  const res = await signIn(user.email, user.password);
  expect(res.status).toBe(200);
  const body = res.body as Challenge;
  const { code } = await secretOf({ channel: 'sms', to: user.phone, purpose: 'challenge' });
  if (!code) throw new Error('no challenge code');
  return { id: body.challenge.id, code, body };
}

const answer = (challengeId: string, code: string) => pocketm8('verifyChallenge', { body: { challengeId, code } });

describe('flows: password sign-in', () => {
  const noLogin = lackingPasswordLogin();
  it.skipIf(noLogin !== undefined)(
    titled('sign-in by email (any case) and by phone gives a working session of the same user', noLogin),
    () =>
      clockStill(async () => {
        const login = await passwordLogin();
        const res = await signIn(login.login, login.password);
        expect(res.status).toBe(200);
        if (!login.user) {
          // The configured user may have 2FA on: then the answer is a challenge, which this run cannot read.
          if ('challenge' in (res.body as object)) expect(res.body).toMatchObject({ message: 'CHALLENGE_REQUIRED' });
          else expect((await profileOf((res.body as Session).token)).id).toBe((res.body as Session).user.id);
          return;
        }
        const { user } = login;
        await expectSession(user.email.toUpperCase(), user.password, user.userId);
        const byPhone = await expectSession(user.phone, user.password, user.userId);
        expect(byPhone.user).toMatchObject({ email: user.email, phone: user.phone, twoFactorEnabled: false });
        expect(byPhone.token).not.toBe(user.token);
      }),
  );

  flow(['code', 'token'], 'a wrong password and an unknown login answer the same 401 INVALID_CREDENTIALS', async () => {
    const user = await newPasswordUser();
    expect(await signIn(user.email, `${user.password}x`)).toMatchObject({ status: 401, body: { message: 'INVALID_CREDENTIALS' } });
    expect(await signIn(freshEmail('nobody'), user.password)).toMatchObject({ status: 401, body: { message: 'INVALID_CREDENTIALS' } });
    expectError(await signIn(user.phone, 'Wrong-pass-1'), 401, 'INVALID_CREDENTIALS');
  });

  flow([], 'five failures for a login that does not exist lock it: 429 TOO_MANY_ATTEMPTS with Retry-After', async () => {
    const login = freshEmail('nobody');
    await fail5(login);
    expectRetryAfter(await signIn(login, 'another-try-1'), 'TOO_MANY_ATTEMPTS', SIGN_IN_WINDOW_S);
    expectRetryAfter(await signIn(login, 'another-try-2'), 'TOO_MANY_ATTEMPTS', SIGN_IN_WINDOW_S);
  });

  flow(['code', 'token'], 'five failures lock an account: even the right password -> 429 TOO_MANY_ATTEMPTS', async () => {
    const user = await newPasswordUser();
    await fail5(user.email);
    expectRetryAfter(await signIn(user.email, user.password), 'TOO_MANY_ATTEMPTS', SIGN_IN_WINDOW_S);
    // The lock holds the login, not the sessions the user already has.
    expect((await profileOf(user.token)).id).toBe(user.userId);
  });

  flow(['code', 'token', 'clock'], 'the lock ends when the 15-minute window has passed', async () => {
    const user = await newPasswordUser();
    await fail5(user.email);
    const wait = expectRetryAfter(await signIn(user.email, user.password), 'TOO_MANY_ATTEMPTS', SIGN_IN_WINDOW_S);
    await advanceClock(`${wait}s`);
    await expectSession(user.email, user.password, user.userId);
  });
});

describe('flows: two-factor sign-in', () => {
  flow(
    ['code', 'token'],
    'CHALLENGE_REQUIRED (masked phone, no token) -> wrong code 422 -> right code 200 with a token -> the challenge reused 404',
    async () => {
      const user = await newPasswordUser();
      const { id, code, body } = await challenged(user);
      expect(body.message).toBe('CHALLENGE_REQUIRED');
      expect(body).not.toHaveProperty('token');
      expect(body.challenge.channel).toBe('sms');
      expect(body.challenge.destination).not.toBe(user.phone);
      expect(body.challenge.destination).toMatch(/\*/);
      expect(body.challenge.destination.endsWith(user.phone.slice(-3))).toBe(true);
      expect(body.challenge.destination).not.toContain(user.phone.slice(4, -3));

      expect(expectError(await answer(id, wrongCode(code)), 422, 'INVALID_CODE').attemptsLeft).toBe(4);
      const res = await answer(id, code);
      expect(res.status).toBe(200);
      const session = res.body as Session;
      expect(session).toMatchObject({ tokenType: 'Bearer', user: { id: user.userId, twoFactorEnabled: true } });
      expect((await profileOf(session.token)).id).toBe(user.userId);
      expectError(await answer(id, code), 404, 'NO_PENDING_VERIFICATION');
    },
  );

  flow(['code', 'token'], 'with 2FA turned off again, the password alone signs in', async () => {
    const user = await newPasswordUser();
    await challenged(user);
    const off = await pocketm8('updateProfile', { token: user.token, body: { twoFactorEnabled: false } });
    expect((off.body as Profile).twoFactorEnabled).toBe(false);
    await expectSession(user.email, user.password, user.userId);
  });

  flow([], 'an unknown challenge -> 404 NO_PENDING_VERIFICATION', async () => {
    expectError(await answer('chl_does_not_exist_0', '123456'), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code', 'token'], 'five wrong codes, then the right one -> 429 TOO_MANY_ATTEMPTS, then 404; no session', async () => {
    const user = await newPasswordUser();
    const { id, code } = await challenged(user);
    for (const left of [4, 3, 2, 1, 0]) expect(expectError(await answer(id, wrongCode(code)), 422, 'INVALID_CODE').attemptsLeft).toBe(left);
    expectRetryAfter(await answer(id, code), 'TOO_MANY_ATTEMPTS', 3600);
    expectError(await answer(id, code), 404, 'NO_PENDING_VERIFICATION');
  });

  flow(['code', 'token', 'clock'], 'a challenge older than 10 minutes -> 410 CHALLENGE_EXPIRED', async () => {
    const user = await newPasswordUser();
    const { id, code } = await challenged(user);
    await advanceClock('10m');
    expectError(await answer(id, code), 410, 'CHALLENGE_EXPIRED');
  });
});

describe('flows: password reset by token', () => {
  flow(
    ['code', 'token'],
    'token -> TOKEN_VALID (still usable) -> weak passwords 400 -> PASSWORD_RESET -> old session 401 -> new password signs in -> token reuse 422',
    async () => {
      const me = await signUpBySms();
      const email = await giveEmail(me);
      const token = await requestResetToken(email);
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expectRetryAfter(await pocketm8('resetPassword', { body: { email } }), 'RESEND_TOO_SOON', 60);

      expectMessage(await pocketm8('verifyToken', { body: { token } }), 200, 'TOKEN_VALID');
      expectMessage(await pocketm8('verifyToken', { body: { token } }), 200, 'TOKEN_VALID');
      for (const weak of ['short-1', 'no-digits-here', '1234567890']) {
        expectError(await pocketm8('verifyToken', { body: { token, password: weak } }), 400, 'VALIDATION_ERROR');
      }
      expectMessage(await pocketm8('verifyToken', { body: { token } }), 200, 'TOKEN_VALID');
      expect((await profileOf(me.token)).id).toBe(me.userId);

      const password = freshPassword();
      expectMessage(await pocketm8('verifyToken', { body: { token, password } }), 200, 'PASSWORD_RESET');
      expectError(await pocketm8('getProfile', { token: me.token }), 401, 'UNAUTHENTICATED');
      await expectSession(email, password, me.userId);
      await expectSession(me.phone, password, me.userId);

      expectError(await pocketm8('verifyToken', { body: { token } }), 422, 'INVALID_TOKEN');
      expectError(await pocketm8('verifyToken', { body: { token, password: freshPassword() } }), 422, 'INVALID_TOKEN');
      await expectSession(email, password, me.userId);
    },
  );

  flow([], 'an unknown email gets the same 200 RESET_TOKEN_SENT, and the same 429 when asked again too soon', async () => {
    const email = freshEmail('nobody');
    expectMessage(await pocketm8('resetPassword', { body: { email } }), 200, 'RESET_TOKEN_SENT');
    expectRetryAfter(await pocketm8('resetPassword', { body: { email } }), 'RESEND_TOO_SOON', 60);
  });

  flow([], 'a token nobody was sent -> 422 INVALID_TOKEN', async () => {
    expectError(await pocketm8('verifyToken', { body: { token: '0123456789abcdef0123456789abcdef' } }), 422, 'INVALID_TOKEN');
    expectError(
      await pocketm8('verifyToken', { body: { token: 'fedcba9876543210fedcba9876543210', password: freshPassword() } }),
      422,
      'INVALID_TOKEN',
    );
  });

  // pocketm8-api.md: a bad reset token is 422 INVALID_TOKEN whatever its shape, so a client cannot
  // tell a mistyped token from an unknown one by its status.
  flow([], 'a token of another shape (not 32 lowercase hex characters) -> 422 INVALID_TOKEN too, never 400', async () => {
    for (const token of ['not-a-token', '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef', '', `${'0'.repeat(32)} `]) {
      expectError(await pocketm8('verifyToken', { body: { token } }), 422, 'INVALID_TOKEN');
      expectError(await pocketm8('verifyToken', { body: { token, password: freshPassword() } }), 422, 'INVALID_TOKEN');
    }
  });

  flow(['control'], 'the mock: an email at fail.example -> 502 DELIVERY_FAILED', async () => {
    expectError(await pocketm8('resetPassword', { body: { email: `reset-${Date.now()}@fail.example` } }), 502, 'DELIVERY_FAILED');
  });

  flow(
    ['code', 'token', 'clock'],
    'a token older than 1 hour -> 410 TOKEN_EXPIRED (checking and resetting); the sessions stay',
    async () => {
      const me = await signUpBySms();
      const email = await giveEmail(me);
      const token = await requestResetToken(email);
      await advanceClock('59m');
      expectMessage(await pocketm8('verifyToken', { body: { token } }), 200, 'TOKEN_VALID');
      await advanceClock('61s');
      expectError(await pocketm8('verifyToken', { body: { token } }), 410, 'TOKEN_EXPIRED');
      expectError(await pocketm8('verifyToken', { body: { token, password: freshPassword() } }), 410, 'TOKEN_EXPIRED');
      expect((await profileOf(me.token)).id).toBe(me.userId);
    },
  );
});

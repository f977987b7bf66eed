import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { deriveCode } from '../../domain/codes.ts';
import { bearer, createTestApp } from '../../../test/harness.ts';
import { changed } from '../../store/marks.ts';

let mock: MockApp;
beforeEach(async () => {
  mock = await createTestApp();
});

const post = (path: string, body: object) => request(mock.app).post(`/api/auth/user/${path}`).send(body);
const lastOutbox = () => mock.context.data().outbox.at(-1);

describe('Sign In', () => {
  it('signs in with email or phone and the token works', async () => {
    for (const login of ['Alice@Example.com', '+41791234567']) {
      const res = await post('sign-in', { login, password: 'alice-pass-1' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { id: 'usr_alice', email: 'alice@example.com' } });
      const profile = await request(mock.app).get('/api/profile').set('Authorization', `Bearer ${res.body.token}`);
      expect(profile.body.id).toBe('usr_alice');
    }
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown login', async () => {
    expect((await post('sign-in', { login: 'alice@example.com', password: 'nope' })).body).toEqual({ message: 'INVALID_CREDENTIALS' });
    expect((await post('sign-in', { login: 'nobody@example.com', password: 'x' })).status).toBe(401);
  });

  it('locks a login after 5 failures in 15 minutes, even for the right password, and lifts it later', async () => {
    for (let i = 0; i < 5; i += 1) expect((await post('sign-in', { login: 'alice@example.com', password: 'wrong' })).status).toBe(401);
    const locked = await post('sign-in', { login: 'alice@example.com', password: 'alice-pass-1' });
    expect(locked.status).toBe(429);
    expect(locked.body.message).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    mock.context.clock.advance(15 * 60_000 + 1000);
    expect((await post('sign-in', { login: 'alice@example.com', password: 'alice-pass-1' })).status).toBe(200);
  });

  it('asks for a challenge when 2FA is on, and Verify Challenge completes it', async () => {
    const res = await post('sign-in', { login: 'bob@example.com', password: 'bob-pass-2' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'CHALLENGE_REQUIRED', challenge: { channel: 'sms', destination: '+41******766' } });
    expect(res.body.token).toBeUndefined();
    const sms = lastOutbox();
    expect(sms).toMatchObject({ channel: 'sms', to: '+41798887766', purpose: 'challenge' });
    expect(sms?.code).toBe(deriveCode('pocketm8', 'challenge', '+41798887766', 1));
    const wrong = await post('verify-challenge', {
      challengeId: res.body.challenge.id,
      code: sms?.code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toEqual({ message: 'INVALID_CODE', attemptsLeft: 4 });
    const ok = await post('verify-challenge', { challengeId: res.body.challenge.id, code: sms?.code });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe('usr_bob');
    expect((await post('verify-challenge', { challengeId: res.body.challenge.id, code: sms?.code })).status).toBe(404);
  });

  it('answers 410 CHALLENGE_EXPIRED after 10 minutes and 404 for an unknown challenge', async () => {
    const res = await post('sign-in', { login: 'bob@example.com', password: 'bob-pass-2' });
    mock.context.clock.advance(10 * 60_000);
    const expired = await post('verify-challenge', { challengeId: res.body.challenge.id, code: lastOutbox()?.code });
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({ message: 'CHALLENGE_EXPIRED' });
    expect((await post('verify-challenge', { challengeId: 'chl_9999', code: '123456' })).body).toEqual({
      message: 'NO_PENDING_VERIFICATION',
    });
  });

  it('burns a challenge code on the 6th try with 429', async () => {
    const res = await post('sign-in', { login: 'bob@example.com', password: 'bob-pass-2' });
    const code = lastOutbox()?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left -= 1) {
      expect((await post('verify-challenge', { challengeId: res.body.challenge.id, code: wrong })).body.attemptsLeft).toBe(left);
    }
    const burnt = await post('verify-challenge', { challengeId: res.body.challenge.id, code });
    expect(burnt.status).toBe(429);
    expect(burnt.headers['retry-after']).toBeDefined();
  });

  it('answers 502 DELIVERY_FAILED when the challenge SMS cannot be delivered', async () => {
    const bob = mock.context.data().users.find((user) => user.id === 'usr_bob')!;
    bob.phone = '+41790000000';
    changed(mock.context.data(), 'users', bob);
    const res = await post('sign-in', { login: 'bob@example.com', password: 'bob-pass-2' });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ message: 'DELIVERY_FAILED' });
  });
});

describe('SMS sign-in and sign-up', () => {
  it('signs in a known phone with the derived code', async () => {
    const sent = await post('send-sms-code', { phone: '+41791234567' });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ message: 'VERIFICATION_CODE_SENT' });
    expect(lastOutbox()?.code).toBe('062613');
    const res = await post('verify-code', { phone: '+41791234567', code: '062613' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isNewUser: false, user: { id: 'usr_alice' } });
  });

  it('creates an account for an unknown phone', async () => {
    await post('send-sms-code', { phone: '+41761112233' });
    const res = await post('verify-code', { phone: '+41761112233', code: lastOutbox()?.code });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isNewUser: true, user: { phone: '+41761112233', phoneVerified: true, email: null } });
    const again = await request(mock.app).get('/api/profile').set('Authorization', `Bearer ${res.body.token}`);
    expect(again.body.id).toBe(res.body.user.id);
  });

  it('enforces the code rules: wrong code, resend replaces, cooldown, expiry, single use', async () => {
    await post('send-sms-code', { phone: '+41791234567' });
    const first = lastOutbox()?.code;
    const cooldown = await post('send-sms-code', { phone: '+41791234567' });
    expect(cooldown.status).toBe(429);
    expect(cooldown.body).toMatchObject({ message: 'RESEND_TOO_SOON' });
    expect(cooldown.headers['retry-after']).toBe(String(cooldown.body.retryAfter));
    mock.context.clock.advance(60_000);
    await post('send-sms-code', { phone: '+41791234567' });
    const second = lastOutbox()?.code;
    expect(second).toBe(deriveCode('pocketm8', 'sign-in', '+41791234567', 2));
    expect((await post('verify-code', { phone: '+41791234567', code: first })).status).toBe(first === second ? 200 : 422);
    mock.context.clock.advance(10 * 60_000);
    const expired = await post('verify-code', { phone: '+41791234567', code: second });
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({ message: 'CODE_EXPIRED' });
  });

  it('allows 5 sends an hour per destination, then 429 TOO_MANY_REQUESTS', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await post('send-sms-code', { phone: '+41761112233' })).status).toBe(200);
      mock.context.clock.advance(61_000);
    }
    const limited = await post('send-sms-code', { phone: '+41761112233' });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe('TOO_MANY_REQUESTS');
    expect(limited.body.retryAfter).toBeGreaterThan(3000);
  });

  it('lets the hour move on: a send goes through once the oldest is an hour old, and older sends are not kept', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await post('send-sms-code', { phone: '+41761112244' })).status).toBe(200);
      mock.context.clock.advance(10 * 60_000);
    }
    // 50 minutes after the first send: still five in the hour.
    expect((await post('send-sms-code', { phone: '+41761112244' })).status).toBe(429);
    mock.context.clock.advance(10 * 60_000);
    expect((await post('send-sms-code', { phone: '+41761112244' })).status).toBe(200);
    const kept = mock.context.data().sends.map((send) => Date.parse(send.at));
    expect(kept).toHaveLength(5);
    expect(Math.min(...kept)).toBeGreaterThan(mock.context.clock.now() - 60 * 60_000);
  });

  it('answers 404 with nothing pending, and after the code was used', async () => {
    expect((await post('verify-code', { phone: '+41761112233', code: '123456' })).body).toEqual({ message: 'NO_PENDING_VERIFICATION' });
    await post('send-sms-code', { phone: '+41791234567' });
    await post('verify-code', { phone: '+41791234567', code: '062613' });
    expect((await post('verify-code', { phone: '+41791234567', code: '062613' })).status).toBe(404);
  });

  it.each([
    ['a magic failing phone', '+41760000000', 502, 'DELIVERY_FAILED'],
    ['a phone that is not E.164', '076 545 56 53', 400, 'VALIDATION_ERROR'],
  ])('answers %s with %i', async (_name, phone, status, message) => {
    const res = await post('send-sms-code', { phone });
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
    expect(mock.context.data().outbox).toHaveLength(0);
  });

  it('uses a fixed code when configured', async () => {
    mock = await createTestApp({ codes: { kind: 'fixed', code: '123456', seed: 'pocketm8' } });
    await post('send-sms-code', { phone: '+41761112233' });
    expect((await post('verify-code', { phone: '+41761112233', code: '123456' })).status).toBe(200);
  });
});

describe('password reset', () => {
  it('emails a token, checks it, resets the password and ends every session', async () => {
    const res = await post('reset-password', { email: 'alice@example.com' });
    expect(res.body).toEqual({ message: 'RESET_TOKEN_SENT' });
    const mail = lastOutbox();
    expect(mail).toMatchObject({
      channel: 'email',
      to: 'alice@example.com',
      purpose: 'password-reset',
      token: '15ebb760cd21e0b4405579b4bff803bf',
    });
    expect((await post('verify-token', { token: mail?.token })).body).toEqual({ message: 'TOKEN_VALID' });
    expect((await post('verify-token', { token: mail?.token, password: 'short1' })).status).toBe(400);
    expect((await post('verify-token', { token: mail?.token, password: 'new-secret-42' })).body).toEqual({ message: 'PASSWORD_RESET' });
    expect((await request(mock.app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(401);
    expect((await post('sign-in', { login: 'alice@example.com', password: 'alice-pass-1' })).status).toBe(401);
    expect((await post('sign-in', { login: 'alice@example.com', password: 'new-secret-42' })).status).toBe(200);
    const reused = await post('verify-token', { token: mail?.token, password: 'another-secret-1' });
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({ message: 'INVALID_TOKEN' });
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const res = await post('reset-password', { email: 'nobody@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'RESET_TOKEN_SENT' });
    expect(mock.context.data().outbox).toHaveLength(0);
    expect((await post('reset-password', { email: 'nobody@example.com' })).status).toBe(429);
  });

  it.each(['not-a-token', '15EBB760CD21E0B4405579B4BFF803BF', '15ebb760', '', 'ü'.repeat(300)])(
    'answers 422 INVALID_TOKEN to a token of another shape (%s), as to an unknown one: never 400',
    async (token) => {
      await post('reset-password', { email: 'alice@example.com' });
      for (const body of [{ token }, { token, password: 'new-secret-42' }]) {
        const res = await post('verify-token', body);
        expect({ status: res.status, body: res.body }).toEqual({ status: 422, body: { message: 'INVALID_TOKEN' } });
      }
      expect(mock.context.violations).toEqual([]);
    },
  );

  it('answers 410 TOKEN_EXPIRED after an hour', async () => {
    await post('reset-password', { email: 'alice@example.com' });
    mock.context.clock.advance(60 * 60_000);
    const res = await post('verify-token', { token: lastOutbox()?.token });
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ message: 'TOKEN_EXPIRED' });
  });

  it('answers 502 for an email at fail.example', async () => {
    expect((await post('reset-password', { email: 'x@fail.example' })).status).toBe(502);
  });
});

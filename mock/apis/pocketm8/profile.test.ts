import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { bearer, createTestApp } from '../../../test/harness.ts';
import { toIso } from '../../domain/clock.ts';
import { changed } from '../../store/marks.ts';

let mock: MockApp;
beforeEach(async () => {
  mock = await createTestApp();
});

const as = (who: Parameters<typeof bearer>[0]) => ({
  get: (path: string) => request(mock.app).get(`/api${path}`).set('Authorization', bearer(who)),
  put: (path: string, body: object) => request(mock.app).put(`/api${path}`).set('Authorization', bearer(who)).send(body),
  post: (path: string, body: object) => request(mock.app).post(`/api${path}`).set('Authorization', bearer(who)).send(body),
  patch: (path: string, body: object) => request(mock.app).patch(`/api${path}`).set('Authorization', bearer(who)).send(body),
});
const alice = () => as('alice');
const lastCode = () => mock.context.data().outbox.at(-1)?.code;
const wrongFor = (code: string | undefined) => (code === '000000' ? '111111' : '000000');

describe('profile', () => {
  it('reads the profile of the token owner', async () => {
    const res = await alice().get('/profile');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'usr_alice',
      email: 'alice@example.com',
      phone: '+41791234567',
      pendingEmail: null,
      pendingPhone: null,
    });
  });

  it('updates the writable fields and rejects read-only and unknown ones', async () => {
    const res = await alice().patch('/profile', { displayName: 'Alice M.', locale: 'en-GB' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Alice M.', locale: 'en-GB' });
    expect((await alice().get('/profile')).body.displayName).toBe('Alice M.');
    for (const body of [{ email: 'x@example.com' }, { id: 'usr_x' }, { nickname: 'x' }, {}]) {
      const rejected = await alice().patch('/profile', body);
      expect(rejected.status).toBe(400);
      expect(rejected.body.message).toBe('VALIDATION_ERROR');
    }
  });

  it('refuses 2FA without a verified phone', async () => {
    const res = await as('dave').patch('/profile', { twoFactorEnabled: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'twoFactorEnabled', message: 'needs a verified phone' }]);
  });
});

describe('phone change', () => {
  it('keeps the old phone until the code is verified', async () => {
    const sent = await alice().put('/profile/phone', { phone: '+4176545653' });
    expect(sent.status).toBe(200);
    expect(sent.body.message).toBe('VERIFICATION_CODE_SENT');
    expect(mock.context.data().outbox.at(-1)).toMatchObject({ channel: 'sms', to: '+4176545653', purpose: 'phone-change', code: '007879' });
    const pending = await alice().get('/profile');
    expect(pending.body).toMatchObject({ phone: '+41791234567', pendingPhone: '+4176545653' });
    const wrong = await alice().post('/profile/verify-code', { type: 'phone', code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toEqual({ message: 'INVALID_CODE', attemptsLeft: 4 });
    expect((await alice().get('/profile')).body.phone).toBe('+41791234567');
    const ok = await alice().post('/profile/verify-code', { type: 'phone', code: '007879' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ message: 'PHONE_UPDATED', profile: { phone: '+4176545653', phoneVerified: true, pendingPhone: null } });
    expect((await alice().get('/profile')).body.phone).toBe('+4176545653');
    expect((await alice().post('/profile/verify-code', { type: 'phone', code: '007879' })).status).toBe(404);
  });

  it('answers exactly the public page\'s {"message":"VERIFICATION_CODE_SENT"} on every send; the times are in the outbox', async () => {
    const sends = [
      () => alice().put('/profile/phone', { phone: '+4176545653' }),
      () => alice().put('/profile/email', { email: 'new.address@example.com' }),
      () => alice().post('/profile/resend-code', { type: 'phone' }),
      () => request(mock.app).post('/api/auth/user/send-sms-code').send({ phone: '+41761112233' }),
    ];
    for (const [index, send] of sends.entries()) {
      if (index === 2) mock.context.clock.advance(60_000);
      const res = await send();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'VERIFICATION_CODE_SENT' });
      const sent = mock.context.data().outbox.at(-1);
      expect(Date.parse(sent?.expiresAt ?? '') - Date.parse(sent?.sentAt ?? '')).toBe(10 * 60_000);
      expect(Date.parse(sent?.resendAvailableAt ?? '') - Date.parse(sent?.sentAt ?? '')).toBe(60_000);
    }
    expect(mock.context.violations).toEqual([]);
  });

  it('shows in the outbox when the hourly limit, not the cooldown, decides the next send', async () => {
    for (let send = 0; send < 5; send += 1) {
      await alice().put('/profile/phone', { phone: '+4176545653' });
      mock.context.clock.advance(61_000);
    }
    const [first, last] = [mock.context.data().outbox.at(0), mock.context.data().outbox.at(-1)];
    expect(last?.resendAvailableAt).toBe(toIso(Date.parse(first?.sentAt ?? '') + 3_600_000));
    const refused = await alice().put('/profile/phone', { phone: '+4176545653' });
    expect(refused.body.message).toBe('TOO_MANY_REQUESTS');
  });

  it('resend gives a new code and the old one stops working', async () => {
    await alice().put('/profile/phone', { phone: '+4176545653' });
    const early = await alice().post('/profile/resend-code', { type: 'phone' });
    expect(early.status).toBe(429);
    expect(early.body.message).toBe('RESEND_TOO_SOON');
    expect(Number(early.headers['retry-after'])).toBe(early.body.retryAfter);
    mock.context.clock.advance(60_000);
    const resent = await alice().post('/profile/resend-code', { type: 'phone' });
    expect(resent.status).toBe(200);
    expect(lastCode()).toBe('609348');
    expect((await alice().post('/profile/verify-code', { type: 'phone', code: '007879' })).body.message).toBe('INVALID_CODE');
    expect((await alice().post('/profile/verify-code', { type: 'phone', code: '609348' })).status).toBe(200);
  });

  it('burns the code on the 6th try, expires it after 10 minutes', async () => {
    await alice().put('/profile/phone', { phone: '+4176545653' });
    for (let i = 0; i < 5; i += 1) await alice().post('/profile/verify-code', { type: 'phone', code: wrongFor('007879') });
    const burnt = await alice().post('/profile/verify-code', { type: 'phone', code: '007879' });
    expect(burnt.status).toBe(429);
    expect(burnt.body.message).toBe('TOO_MANY_ATTEMPTS');
    expect((await alice().post('/profile/verify-code', { type: 'phone', code: '007879' })).status).toBe(404);
    mock.context.clock.advance(60_000);
    await alice().post('/profile/resend-code', { type: 'phone' });
    mock.context.clock.advance(10 * 60_000);
    const expired = await alice().post('/profile/verify-code', { type: 'phone', code: lastCode() ?? '' });
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({ message: 'CODE_EXPIRED' });
  });

  it.each([
    ["another user's phone", '+41798887766', 409, 'PHONE_TAKEN'],
    ['a phone ending in 9999', '+41761239999', 409, 'PHONE_TAKEN'],
    ['a phone ending in 0000', '+41761230000', 502, 'DELIVERY_FAILED'],
    ['the current phone', '+41791234567', 400, 'VALIDATION_ERROR'],
    ['a phone with spaces', '+41 76 545 56 53', 400, 'VALIDATION_ERROR'],
  ])('answers %s with %i and leaves nothing pending', async (_name, phone, status, message) => {
    const res = await alice().put('/profile/phone', { phone });
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
    expect((await alice().get('/profile')).body.pendingPhone).toBeNull();
  });

  it('answers 409 when the number was taken while the code was pending', async () => {
    await alice().put('/profile/phone', { phone: '+4176545653' });
    const dave = mock.context.data().users.find((user) => user.id === 'usr_dave')!;
    dave.phone = '+4176545653';
    changed(mock.context.data(), 'users', dave);
    const res = await alice().post('/profile/verify-code', { type: 'phone', code: '007879' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: 'PHONE_TAKEN' });
    expect((await alice().get('/profile')).body).toMatchObject({ phone: '+41791234567', pendingPhone: null });
  });

  it('answers 404 NO_PENDING_VERIFICATION for resend and verify with nothing pending', async () => {
    expect((await alice().post('/profile/resend-code', { type: 'email' })).body).toEqual({ message: 'NO_PENDING_VERIFICATION' });
    expect((await alice().post('/profile/verify-code', { type: 'phone', code: '123456' })).status).toBe(404);
  });

  it('does not let one user verify with a code sent for another', async () => {
    await alice().put('/profile/phone', { phone: '+4176545653' });
    const res = await as('carol').post('/profile/verify-code', { type: 'phone', code: '007879' });
    expect(res.status).toBe(404);
  });
});

describe('email change', () => {
  it('sends the code to the new email and switches after the code', async () => {
    const sent = await alice().put('/profile/email', { email: 'New.Address@Example.com' });
    expect(sent.status).toBe(200);
    expect(mock.context.data().outbox.at(-1)).toMatchObject({ channel: 'email', to: 'new.address@example.com', code: '253117' });
    expect((await alice().get('/profile')).body).toMatchObject({ email: 'alice@example.com', pendingEmail: 'new.address@example.com' });
    const ok = await alice().post('/profile/verify-code', { type: 'email', code: '253117' });
    expect(ok.body).toMatchObject({
      message: 'EMAIL_UPDATED',
      profile: { email: 'new.address@example.com', emailVerified: true, pendingEmail: null },
    });
  });

  it('lets two users wait for the same new email: the first to verify gets it, the other a 409', async () => {
    await alice().put('/profile/email', { email: 'shared@example.com' });
    const aliceCode = mock.context.data().outbox.at(-1)?.code;
    mock.context.clock.advance(60_000);
    await as('dave').put('/profile/email', { email: 'shared@example.com' });
    const daveCode = mock.context.data().outbox.at(-1)?.code;
    expect((await as('dave').post('/profile/verify-code', { type: 'email', code: daveCode })).status).toBe(200);
    const late = await alice().post('/profile/verify-code', { type: 'email', code: aliceCode });
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ message: 'EMAIL_TAKEN' });
    expect((await alice().get('/profile')).body).toMatchObject({ email: 'alice@example.com', pendingEmail: null });
  });

  it.each([
    ['taken', 'bob@example.com', 409, 'EMAIL_TAKEN'],
    ['undeliverable', 'someone@fail.example', 502, 'DELIVERY_FAILED'],
    ['malformed', 'not-an-email', 400, 'VALIDATION_ERROR'],
  ])('answers a %s email with %i', async (_name, email, status, message) => {
    const res = await alice().put('/profile/email', { email });
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
  });
});

describe('avatar', () => {
  it('sets an avatar the user owns and refuses one of another user', async () => {
    const own = await as('bob').post('/profile/avatar', { avatarId: 'ava_0001' });
    expect(own.status).toBe(200);
    expect(own.body.avatarUrl).toMatch(/\/media\/avatars\/ava_0001$/);
    const foreign = await alice().post('/profile/avatar', { avatarId: 'ava_0001' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: 'NOT_FOUND' });
  });
});

describe('avatar replacement', () => {
  it('retires the replaced avatar: its media URL answers 404', async () => {
    const png = readFileSync(join(mock.context.fixtures.media, 'ava_0001'));
    const uploaded = await request(mock.app)
      .post('/api/avatars')
      .set('Authorization', bearer('bob'))
      .attach('file', png, { filename: 'a.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    expect((await as('bob').post('/profile/avatar', { avatarId: uploaded.body.id })).status).toBe(200);
    expect((await request(mock.app).get('/media/avatars/ava_0001')).status).toBe(404);
    expect((await request(mock.app).get(`/media/avatars/${uploaded.body.id}`)).status).toBe(200);
  });
});

describe('sign-in of a 2FA account', () => {
  it('is held to the send limits of its challenge code', async () => {
    const signIn = () => request(mock.app).post('/api/auth/user/sign-in').send({ login: 'bob@example.com', password: 'bob-pass-2' });
    expect((await signIn()).body.message).toBe('CHALLENGE_REQUIRED');
    const again = await signIn();
    expect(again.status).toBe(429);
    expect(again.body.message).toBe('RESEND_TOO_SOON');
    expect(again.headers['retry-after']).toBe(String(again.body.retryAfter));
  });
});

describe('authorization', () => {
  it.each([
    ['get', '/profile'],
    ['patch', '/profile'],
    ['put', '/profile/email'],
    ['put', '/profile/phone'],
    ['post', '/profile/resend-code'],
    ['post', '/profile/avatar'],
    ['post', '/profile/verify-code'],
  ] as const)('%s %s answers 401 without a token and with a garbage token', async (method, path) => {
    expect((await request(mock.app)[method](`/api${path}`)).status).toBe(401);
    const garbage = await request(mock.app)[method](`/api${path}`).set('Authorization', 'Bearer garbage-token');
    expect(garbage.status).toBe(401);
    expect(garbage.body).toEqual({ message: 'UNAUTHENTICATED' });
  });
});

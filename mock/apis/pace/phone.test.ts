import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { HOUR, MINUTE } from '../../lib/duration.ts';
import { bearer, createTestApp } from '../../../test/harness.ts';
import { lastMessage, paceClient, wrongFor } from '../../../test/pace-client.ts';
import { changed } from '../../store/marks.ts';

let mock: MockApp;
beforeEach(async () => {
  mock = await createTestApp();
});
afterEach(() => {
  expect(mock.context.violations).toEqual([]);
});

const as = (who: Parameters<typeof paceClient>[1]) => paceClient(mock, who);
const smsTo = (phone: string) => lastMessage(mock, 'pace-phone-change', phone);
const pendingOf = (userId: string) => mock.context.data().pacePending.find((record) => record.userId === userId);

describe('first number (no phone yet: dave)', () => {
  it('sends the SMS code at once, counts as set but not verified, and verifies into the profile', async () => {
    const dave = as('dave');
    expect((await dave.check()).status).toBe(404);

    const put = await dave.update('+41 76 111 22 33');
    expect(put.status).toBe(201);
    expect(put.text).toBe('');
    expect(put.headers.deprecation).toBe('true');
    expect(put.headers['request-id']).toEqual(expect.any(String));
    const sms = smsTo('+41761112233');
    expect(sms).toMatchObject({ channel: 'sms', purpose: 'pace-phone-change', code: expect.stringMatching(/^\d{6}$/) });
    expect(lastMessage(mock, 'pace-phone-confirm')).toBeUndefined();
    expect(pendingOf('usr_dave')).toMatchObject({ phone: '+41761112233', stage: 'awaiting-code' });

    expect((await dave.check()).status).toBe(201);
    expect((await dave.profile()).body).toMatchObject({ phone: null, phoneVerified: false, pendingPhone: null });

    const wrong = await dave.verify(wrongFor(sms?.code));
    expect(wrong.status).toBe(404);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_CODE', status: '404', source: { pointer: '/code' }, meta: { attemptsLeft: 4 } }),
    ]);
    expect((await dave.check()).status).toBe(201);

    const right = await dave.verify(sms?.code ?? '');
    expect(right.status).toBe(200);
    expect(right.text).toBe('');
    expect(right.headers.deprecation).toBeUndefined();
    expect((await dave.check()).status).toBe(200);
    expect((await dave.profile()).body).toMatchObject({ phone: '+41761112233', phoneVerified: true });
    expect(pendingOf('usr_dave')).toBeUndefined();

    const again = await dave.verify(sms?.code ?? '');
    expect(again.status).toBe(404);
    expect(again.body.errors[0].code).toBe('NO_PENDING_VERIFICATION');
  });

  it('is cancelled after 24 hours: verify answers 404 and the user has no phone again', async () => {
    const dave = as('dave');
    expect((await dave.update('+41761112233')).status).toBe(201);
    mock.context.clock.advance(24 * HOUR);
    expect((await dave.check()).status).toBe(404);
    const late = await dave.verify(smsTo('+41761112233')?.code ?? '');
    expect(late.status).toBe(404);
    expect(late.body.errors[0].code).toBe('NO_PENDING_VERIFICATION');
    expect(pendingOf('usr_dave')).toBeUndefined();
    expect((await dave.profile()).body).toMatchObject({ phone: null, phoneVerified: false });
  });

  it('replaces a pending number with a new request; the earlier code stops working', async () => {
    const dave = as('dave');
    await dave.update('+41761112233');
    const first = smsTo('+41761112233')?.code ?? '';
    await dave.update('+41761114455');
    expect(pendingOf('usr_dave')).toMatchObject({ phone: '+41761114455' });
    expect((await dave.verify(first)).body.errors[0].code).toBe('INVALID_CODE');
    expect((await dave.verify(smsTo('+41761114455')?.code ?? '')).status).toBe(200);
    expect((await dave.profile()).body.phone).toBe('+41761114455');
  });
});

describe('change of an existing number (alice)', () => {
  it('emails a link, sends the SMS once the link is opened, and keeps the old number in force until verified', async () => {
    const alice = as('alice');
    const put = await alice.update('+49 170 888 999 000');
    expect(put.status).toBe(201);
    const email = lastMessage(mock, 'pace-phone-confirm');
    expect(email).toMatchObject({ channel: 'email', to: 'alice@example.com', token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(email?.confirmUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/__mock/pace/confirm/${email?.token}$`));
    expect(email?.body).toContain(email?.confirmUrl);
    expect(smsTo('+49170888999000')).toBeUndefined();
    expect(pendingOf('usr_alice')).toMatchObject({ phone: '+49170888999000', stage: 'awaiting-confirmation' });
    expect((await alice.check()).status).toBe(200);
    expect((await alice.profile()).body).toMatchObject({ phone: '+41791234567', phoneVerified: true });

    const early = await alice.verify('123456');
    expect(early.status).toBe(404);
    expect(early.body.errors[0].code).toBe('NO_PENDING_VERIFICATION');

    const opened = await alice.openLink(email?.confirmUrl ?? '');
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('+49170888999000');
    const sms = smsTo('+49170888999000');
    expect(sms?.code).toMatch(/^\d{6}$/);
    expect(pendingOf('usr_alice')?.stage).toBe('awaiting-code');
    expect((await alice.openLink(email?.confirmUrl ?? '')).status).toBe(404);
    expect((await alice.check()).status).toBe(200);

    expect((await alice.verify(wrongFor(sms?.code))).body.errors[0].meta).toEqual({ attemptsLeft: 4 });
    expect((await alice.verify(sms?.code ?? '')).status).toBe(200);
    expect((await alice.check()).status).toBe(200);
    expect((await alice.profile()).body).toMatchObject({ phone: '+49170888999000', phoneVerified: true });
  });

  it('answers 200 and sends nothing for the number already verified, even written with spaces', async () => {
    const before = mock.context.data().outbox.length;
    const res = await as('alice').update('+41 79 123 45 67');
    expect(res.status).toBe(200);
    expect(res.headers.deprecation).toBe('true');
    expect(mock.context.data().outbox).toHaveLength(before);
    expect(pendingOf('usr_alice')).toBeUndefined();
  });

  it('answers 422 EMAIL_REQUIRED to a user with a phone but no email (carol), and sends nothing', async () => {
    const res = await as('carol').update('+41761112233');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'EMAIL_REQUIRED', status: '422', title: 'Email required' })]);
    expect(mock.context.data().outbox).toHaveLength(0);
    expect(pendingOf('usr_carol')).toBeUndefined();
  });

  it('is cancelled after 24 hours even once the code was sent: the old number stays', async () => {
    const alice = as('alice');
    await alice.update('+49170888999000');
    await alice.openLink(lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '');
    mock.context.clock.advance(24 * HOUR - 5 * MINUTE);
    expect((await alice.update('+49170888999000')).status).toBe(201);
    const link = lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '';
    mock.context.clock.advance(24 * HOUR);
    expect((await alice.openLink(link)).status).toBe(410);
    expect((await alice.verify(smsTo('+49170888999000')?.code ?? '')).status).toBe(404);
    expect((await alice.check()).status).toBe(200);
    expect((await alice.profile()).body).toMatchObject({ phone: '+41791234567', phoneVerified: true });
  });

  it('makes an earlier link stop working when a new request replaces the change', async () => {
    const alice = as('alice');
    await alice.update('+49170888999000');
    const first = lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '';
    mock.context.clock.advance(MINUTE);
    await alice.update('+49170888999111');
    expect((await alice.openLink(first)).status).toBe(404);
    expect((await alice.openLink(lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '')).status).toBe(200);
    expect(smsTo('+49170888999111')).toBeDefined();
  });
});

describe('codes and limits', () => {
  it('counts down wrong tries and burns the code on the 6th try, right or wrong', async () => {
    const dave = as('dave');
    await dave.update('+41761112233');
    const code = smsTo('+41761112233')?.code ?? '';
    for (const left of [4, 3, 2, 1, 0]) {
      const res = await dave.verify(wrongFor(code));
      expect(res.status).toBe(404);
      expect(res.body.errors[0]).toMatchObject({
        code: 'INVALID_CODE',
        detail: expect.stringContaining(`${left} attempt`),
        meta: { attemptsLeft: left },
      });
    }
    const sixth = await dave.verify(code);
    expect(sixth.status).toBe(429);
    expect(sixth.body.errors[0]).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: '429' });
    expect(sixth.body.errors[0].meta).toBeUndefined();
    expect(sixth.headers['retry-after']).toBeUndefined();
    expect((await dave.verify(code)).body.errors[0].code).toBe('NO_PENDING_VERIFICATION');
    expect((await dave.check()).status).toBe(201);
  });

  it('answers 410 CODE_EXPIRED for a code older than 10 minutes', async () => {
    const dave = as('dave');
    await dave.update('+41761112233');
    mock.context.clock.advance(11 * MINUTE);
    const res = await dave.verify(smsTo('+41761112233')?.code ?? '');
    expect(res.status).toBe(410);
    expect(res.body.errors[0]).toMatchObject({ code: 'CODE_EXPIRED', status: '410', title: 'Code expired' });
    expect((await dave.check()).status).toBe(201);
  });

  it('answers 429 RESEND_TOO_SOON with Retry-After within 60 seconds, and keeps the pending change', async () => {
    const dave = as('dave');
    // Sends are stored to the second: starting on a whole second, the next 20 s end in the same one.
    mock.context.clock.set((Math.floor(Date.now() / 1000) + 1) * 1000);
    await dave.update('+41761112233');
    const code = smsTo('+41761112233')?.code ?? '';
    mock.context.clock.advance(20_000);
    const res = await dave.update('+41761112233');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('40');
    expect(res.headers.deprecation).toBe('true');
    expect(res.body.errors[0]).toMatchObject({ code: 'RESEND_TOO_SOON', meta: { retryAfter: 40 } });
    expect((await dave.verify(code)).status).toBe(200);
  });
});

describe('magic destinations and taken numbers', () => {
  it('answers 502 DELIVERY_FAILED for a first number ending in 0000, with nothing pending or sent', async () => {
    const dave = as('dave');
    const res = await dave.update('+41761110000');
    expect(res.status).toBe(502);
    expect(res.body.errors[0]).toMatchObject({ code: 'DELIVERY_FAILED', status: '502' });
    expect(mock.context.data().outbox).toHaveLength(0);
    expect((await dave.check()).status).toBe(404);
  });

  it.each([
    ['a number ending in 9999', '+41761119999'],
    ["bob's verified number", '+41 79 888 77 66'],
  ])('answers 409 PHONE_TAKEN for %s', async (_what, phoneNumber) => {
    const res = await as('dave').update(phoneNumber);
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ code: 'PHONE_TAKEN', source: { pointer: '/data/attributes/phoneNumber' } });
    expect(pendingOf('usr_dave')).toBeUndefined();
  });

  it('answers 502 for a change confirmed by an email at fail.example', async () => {
    const alice = mock.context.data().users.find((user) => user.id === 'usr_alice');
    if (alice) alice.email = 'alice@fail.example';
    if (alice) changed(mock.context.data(), 'users', alice);
    const res = await as('alice').update('+49170888999000');
    expect(res.status).toBe(502);
    expect(pendingOf('usr_alice')).toBeUndefined();
  });

  it('keeps a change to a number ending in 0000 waiting for confirmation when the SMS fails', async () => {
    const alice = as('alice');
    expect((await alice.update('+49170888990000')).status).toBe(201);
    const link = lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '';
    const opened = await alice.openLink(link);
    expect(opened.status).toBe(502);
    expect(opened.text).toContain('+49170888990000');
    expect(pendingOf('usr_alice')?.stage).toBe('awaiting-confirmation');
    expect((await alice.openLink(link)).status).toBe(502);
  });

  it('answers 409 on verify when another user verified the number in the meantime (through Pocketm8)', async () => {
    const dave = as('dave');
    await dave.update('+41761112233');
    const bobChange = await request(mock.app).put('/api/profile/phone').set('Authorization', bearer('bob')).send({ phone: '+41761112233' });
    expect(bobChange.status).toBe(200);
    const bobCode = lastMessage(mock, 'phone-change', '+41761112233')?.code ?? '';
    expect(
      (await request(mock.app).post('/api/profile/verify-code').set('Authorization', bearer('bob')).send({ type: 'phone', code: bobCode }))
        .status,
    ).toBe(200);

    const res = await dave.verify(smsTo('+41761112233')?.code ?? '');
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('PHONE_TAKEN');
    expect((await dave.check()).status).toBe(404);
  });
});

describe('shared with Pocketm8', () => {
  it('accepts a token from a Pocketm8 sign-in', async () => {
    const signIn = await request(mock.app).post('/api/auth/user/sign-in').send({ login: 'dave@example.com', password: 'dave-pass-4' });
    expect(signIn.status).toBe(200);
    const token = signIn.body.token as string;
    const res = await request(mock.app).get('/user/2021-2/user/phone').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0].code).toBe('NOT_FOUND');
  });

  it("clears Pocketm8's pending change to the number PACE verified", async () => {
    const dave = as('dave');
    expect(
      (await request(mock.app).put('/api/profile/phone').set('Authorization', bearer('dave')).send({ phone: '+41761112233' })).status,
    ).toBe(200);
    expect((await dave.profile()).body.pendingPhone).toBe('+41761112233');
    mock.context.clock.advance(MINUTE);
    await dave.update('+41761112233');
    expect((await dave.verify(smsTo('+41761112233')?.code ?? '')).status).toBe(200);
    expect((await dave.profile()).body).toMatchObject({ phone: '+41761112233', phoneVerified: true, pendingPhone: null });
  });
});

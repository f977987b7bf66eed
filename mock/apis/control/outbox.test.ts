import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';

const NEW_PHONE = '+4176545653';

/** Three messages: two sign-in SMS to two phones and a reset email to Alice. */
async function appWithMessages() {
  const mock = await createTestApp();
  await request(mock.app).post('/api/auth/user/send-sms-code').send({ phone: NEW_PHONE }).expect(200);
  await request(mock.app).post('/api/auth/user/reset-password').send({ email: 'alice@example.com' }).expect(200);
  await request(mock.app).post('/api/auth/user/send-sms-code').send({ phone: '+41791234567' }).expect(200);
  return mock;
}

describe('GET /__mock/outbox', () => {
  it('answers an empty array when nothing was sent', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/__mock/outbox');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('lists every message newest first, with the code or token in clear', async () => {
    const { app } = await appWithMessages();
    const res = await request(app).get('/__mock/outbox');
    expect(res.status).toBe(200);
    expect(res.body.map((entry: { to: string }) => entry.to)).toEqual(['+41791234567', 'alice@example.com', NEW_PHONE]);
    expect(res.body[2]).toEqual({
      id: expect.any(String),
      channel: 'sms',
      to: NEW_PHONE,
      purpose: 'sign-in',
      code: expect.stringMatching(/^\d{6}$/),
      body: expect.stringContaining(res.body[2].code),
      sentAt: expect.any(String),
      expiresAt: expect.any(String),
      resendAvailableAt: expect.any(String),
    });
    expect(res.body[1]).toMatchObject({
      channel: 'email',
      purpose: 'password-reset',
      token: expect.stringMatching(/^[0-9a-f]{32}$/),
      subject: expect.any(String),
    });
  });

  it.each([
    ['channel=email', ['alice@example.com']],
    ['channel=sms', ['+41791234567', NEW_PHONE]],
    ['purpose=sign-in', ['+41791234567', NEW_PHONE]],
    ['purpose=phone-change', []],
    ['to=%2B4176545653', [NEW_PHONE]],
    ['to=+4176545653', [NEW_PHONE]],
    ['to=%2B41%20765%20456%2053', [NEW_PHONE]],
    ['to=ALICE@EXAMPLE.COM', ['alice@example.com']],
    ['channel=sms&to=alice@example.com', []],
    ['channel=sms&purpose=sign-in&to=%2B41791234567', ['+41791234567']],
  ])('filters with ?%s', async (query, expected) => {
    const { app } = await appWithMessages();
    const res = await request(app).get(`/__mock/outbox?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.map((entry: { to: string }) => entry.to)).toEqual(expected);
  });

  it.each(['channel=fax', 'purpose=nope', `to=${'x'.repeat(321)}`])('answers 400 VALIDATION_ERROR for ?%s', async (query) => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/__mock/outbox?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: query.split('=')[0], message: expect.any(String) }] });
  });
});

describe('GET /__mock/outbox/latest', () => {
  it('answers the newest message, or the newest matching one', async () => {
    const { app } = await appWithMessages();
    expect((await request(app).get('/__mock/outbox/latest')).body.to).toBe('+41791234567');
    const res = await request(app).get('/__mock/outbox/latest?to=%2B4176545653&purpose=sign-in');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ to: NEW_PHONE, purpose: 'sign-in', code: expect.stringMatching(/^\d{6}$/) });
  });

  it('gives the code that signs in', async () => {
    const { app } = await appWithMessages();
    const { body } = await request(app).get('/__mock/outbox/latest?to=%2B4176545653');
    const res = await request(app).post('/api/auth/user/verify-code').send({ phone: NEW_PHONE, code: body.code });
    expect(res.status).toBe(200);
  });

  it('answers 404 NOT_FOUND when nothing matches', async () => {
    const { app } = await appWithMessages();
    for (const path of ['/__mock/outbox/latest?to=%2B41000000001', '/__mock/outbox/latest?channel=email&purpose=sign-in']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'NOT_FOUND' });
    }
    const { app: empty } = await createTestApp();
    expect((await request(empty).get('/__mock/outbox/latest')).status).toBe(404);
  });

  it('answers 400 VALIDATION_ERROR for a bad filter', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/__mock/outbox/latest?channel=pigeon');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
  });
});

describe('DELETE /__mock/outbox', () => {
  it('empties the outbox; codes already sent keep working', async () => {
    const { app } = await appWithMessages();
    const { body: sent } = await request(app).get('/__mock/outbox/latest?to=%2B4176545653');
    const res = await request(app).delete('/__mock/outbox');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await request(app).get('/__mock/outbox')).body).toEqual([]);
    expect((await request(app).post('/api/auth/user/verify-code').send({ phone: NEW_PHONE, code: sent.code })).status).toBe(200);
  });

  it('keeps cooldowns: a resend right after clearing is still too soon', async () => {
    const { app } = await appWithMessages();
    await request(app).delete('/__mock/outbox').expect(204);
    const res = await request(app).post('/api/auth/user/send-sms-code').send({ phone: NEW_PHONE });
    expect(res.status).toBe(429);
    expect(res.body.message).toBe('RESEND_TOO_SOON');
  });
});

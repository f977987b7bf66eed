import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';

const HOUR = 3_600_000;

describe('GET /__mock/clock', () => {
  it('answers the mock clock with offset 0 at start', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/__mock/clock');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: expect.stringMatching(/Z$/), offsetMs: 0 });
    expect(Math.abs(Date.parse(res.body.now) - Date.now())).toBeLessThan(60_000);
  });
});

describe('POST /__mock/clock', () => {
  it.each([
    ['1500ms', 1_500],
    ['90s', 90_000],
    ['10m', 600_000],
    ['24h', 24 * HOUR],
    ['7d', 7 * 24 * HOUR],
  ])('advances by %s', async (advance, ms) => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/clock').send({ advance });
    expect(res.status).toBe(200);
    expect(res.body.offsetMs).toBe(ms);
    expect((await request(app).get('/__mock/clock')).body.offsetMs).toBe(ms);
  });

  it('adds advances up', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/clock').send({ advance: '1h' }).expect(200);
    const res = await request(app).post('/__mock/clock').send({ advance: '30m' });
    expect(res.body.offsetMs).toBe(1.5 * HOUR);
  });

  it('sets an absolute time, also back to an earlier one that is not before the system clock', async () => {
    const { app } = await createTestApp();
    const target = new Date(Date.now() + 48 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await request(app).post('/__mock/clock').send({ set: target });
    expect(res.status).toBe(200);
    expect(res.body.now).toBe(target);
    expect(res.body.offsetMs).toBeGreaterThan(47 * HOUR);
    const earlier = new Date(Date.now() + 2 * HOUR).toISOString();
    const back = await request(app).post('/__mock/clock').send({ set: earlier });
    expect(back.status).toBe(200);
    expect(back.body.offsetMs).toBeLessThan(3 * HOUR);
  });

  it('goes back to the system clock with reset', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/clock').send({ advance: '5d' }).expect(200);
    const res = await request(app).post('/__mock/clock').send({ reset: true });
    expect(res.status).toBe(200);
    expect(res.body.offsetMs).toBe(0);
  });

  it('lets a sent code expire: verify after 11 minutes is 410 CODE_EXPIRED', async () => {
    const { app } = await createTestApp();
    const phone = '+4176545653';
    await request(app).post('/api/auth/user/send-sms-code').send({ phone }).expect(200);
    const { body: sent } = await request(app).get('/__mock/outbox/latest?to=%2B4176545653').expect(200);
    await request(app).post('/__mock/clock').send({ advance: '11m' }).expect(200);
    const res = await request(app).post('/api/auth/user/verify-code').send({ phone, code: sent.code });
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ message: 'CODE_EXPIRED' });
  });

  it('answers 400 VALIDATION_ERROR for a set before the system clock, naming the field', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/clock').send({ set: '2020-01-01T00:00:00Z' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'VALIDATION_ERROR',
      errors: [{ field: 'set', message: expect.stringContaining('must not be before the system clock') }],
    });
    expect((await request(app).get('/__mock/clock')).body.offsetMs).toBe(0);
  });

  it('answers 400 VALIDATION_ERROR for a move beyond the range of dates', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/clock').send({ advance: '2000000d' }).expect(200);
    const res = await request(app).post('/__mock/clock').send({ advance: '9999999d' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'VALIDATION_ERROR',
      errors: [{ field: 'advance', message: 'moves the clock beyond the range of dates' }],
    });
    expect((await request(app).get('/__mock/clock')).body.offsetMs).toBe(2_000_000 * 24 * HOUR);
  });

  it.each([
    ['a malformed duration', { advance: '10 minutes' }],
    ['a negative duration', { advance: '-5m' }],
    ['too many digits', { advance: '12345678s' }],
    ['no key', {}],
    ['two keys', { advance: '1m', reset: true }],
    ['reset false', { reset: false }],
    ['a set that is no date-time', { set: 'tomorrow' }],
    ['an unknown key', { travel: '1d' }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, body) => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/clock').send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('answers 400 VALIDATION_ERROR for malformed JSON and for a missing body', async () => {
    const { app } = await createTestApp();
    const malformed = await request(app).post('/__mock/clock').set('Content-Type', 'application/json').send('{"advance":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: 'body', message: 'is not valid JSON' }] });
    expect((await request(app).post('/__mock/clock')).status).toBe(400);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/clock').set('Content-Type', 'text/plain').send('advance=1h');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ message: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MB', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .post('/__mock/clock')
      .send({ advance: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'PAYLOAD_TOO_LARGE' });
  });
});

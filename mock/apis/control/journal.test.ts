import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

describe('GET /__mock/requests', () => {
  it('lists answered requests newest first, with the full path and no query string', async () => {
    const { app } = await createTestApp();
    await request(app).get('/api/profile?x=secret').set('Authorization', bearer('alice')).expect(200);
    await request(app).get('/api/profile').expect(401);
    await request(app).post('/__mock/clock').send({ advance: '1m' }).expect(200);
    const res = await request(app).get('/__mock/requests');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { method: 'POST', path: '/__mock/clock', status: 200, durationMs: expect.any(Number), time: expect.any(String), api: 'control' },
      { method: 'GET', path: '/api/profile', status: 401, durationMs: expect.any(Number), time: expect.any(String), api: 'pocketm8' },
      { method: 'GET', path: '/api/profile', status: 200, durationMs: expect.any(Number), time: expect.any(String), api: 'pocketm8' },
    ]);
  });

  it('records the mock time of arrival, PACE and unknown paths too', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/clock').send({ advance: '2d' }).expect(200);
    await request(app).get('/user/2021-2/user/phone');
    await request(app).get('/elsewhere').expect(404);
    const { body } = await request(app).get('/__mock/requests?limit=2');
    expect(body.map((entry: { api: string }) => entry.api)).toEqual(['other', 'pace']);
    expect(Date.parse(body[0].time) - Date.now()).toBeGreaterThan(47 * 3_600_000);
  });

  it('returns at most limit entries, 50 by default', async () => {
    const { app } = await createTestApp();
    for (let n = 0; n < 55; n += 1) await request(app).get('/api/profile');
    expect((await request(app).get('/__mock/requests')).body).toHaveLength(50);
    expect((await request(app).get('/__mock/requests?limit=3')).body).toHaveLength(3);
    expect((await request(app).get('/__mock/requests?limit=1000')).body).toHaveLength(55);
  });

  it.each(['limit=0', 'limit=1001', 'limit=ten', 'limit=1.5'])('answers 400 VALIDATION_ERROR for ?%s', async (query) => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/__mock/requests?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: 'limit', message: expect.any(String) }] });
  });
});

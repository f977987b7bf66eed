import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

const elapsed = async (run: () => PromiseLike<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

describe('POST /__mock/faults', () => {
  it('adds a rule that answers its status for `times` matching requests, then removes itself', async () => {
    const { app } = await createTestApp();
    const created = await request(app).post('/__mock/faults').send({ method: 'GET', path: '/api/profile', status: 503, times: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'flt_000001',
      method: 'GET',
      path: '/api/profile',
      status: 503,
      latencyMs: 0,
      times: 2,
      remaining: 2,
    });

    const first = await request(app).get('/api/profile').set('Authorization', bearer('alice'));
    expect(first.status).toBe(503);
    // GET /api/profile documents no 503: the Pocketm8 error of that status.
    expect(first.body).toEqual({ message: 'SERVICE_UNAVAILABLE' });
    expect((await request(app).get('/__mock/faults')).body[0].remaining).toBe(1);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(503);
    expect((await request(app).get('/__mock/faults')).body).toEqual([]);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(200);
  });

  it('matches only its method, and a prefix with *', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/faults').send({ method: 'POST', path: '/api/auth/*', status: 500 }).expect(201);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(200);
    expect((await request(app).post('/api/auth/user/send-sms-code').send({ phone: '+4176545653' })).status).toBe(500);
    expect((await request(app).post('/api/auth/user/reset-password').send({ email: 'alice@example.com' })).status).toBe(500);
    // Without times, the rule stays.
    expect((await request(app).get('/__mock/faults')).body).toEqual([expect.objectContaining({ times: null, remaining: null })]);
    expect((await request(app).get('/__mock/outbox')).body).toEqual([]);
  });

  it('never touches /__mock routes', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/faults').send({ path: '/*', status: 503 }).expect(201);
    expect((await request(app).get('/__mock/health')).status).toBe(200);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(503);
  });

  it('adds latency without changing the answer (at least the requested delay)', async () => {
    const { app } = await createTestApp();
    const created = await request(app).post('/__mock/faults').send({ path: '/api/profile', latencyMs: 150, times: 1 });
    expect(created.body).toEqual({
      id: 'flt_000001',
      method: null,
      path: '/api/profile',
      status: null,
      latencyMs: 150,
      times: 1,
      remaining: 1,
    });
    let status = 0;
    const took = await elapsed(async () => {
      status = (await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status;
    });
    expect(status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(150);
  });

  it('gives each rule its own id and tries the oldest first', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/faults').send({ path: '/api/profile', status: 502, times: 1 }).expect(201);
    const second = await request(app).post('/__mock/faults').send({ path: '/api/*', status: 504 });
    expect(second.body.id).toBe('flt_000002');
    expect((await request(app).get('/api/profile')).status).toBe(502);
    expect((await request(app).get('/api/profile')).status).toBe(504);
  });

  it.each([
    ['neither status nor latencyMs', { path: '/api/profile' }],
    ['no path', { status: 503 }],
    ['a path without a leading slash', { path: 'api/profile', status: 503 }],
    ['a * in the middle', { path: '/api/*/x', status: 503 }],
    ['a status out of range', { path: '/api/profile', status: 600 }],
    ['a latency over a minute', { path: '/api/profile', latencyMs: 60_001 }],
    ['times 0', { path: '/api/profile', status: 503, times: 0 }],
    ['a lower-case method', { method: 'get', path: '/api/profile', status: 503 }],
    ['an unknown field', { path: '/api/profile', status: 503, probability: 0.5 }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, body) => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/faults').send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
    expect((await request(app).get('/__mock/faults')).body).toEqual([]);
  });

  it('answers 415 and 413 for a body that is not JSON or too large', async () => {
    const { app } = await createTestApp();
    expect((await request(app).post('/__mock/faults').set('Content-Type', 'text/plain').send('path=/api')).status).toBe(415);
    expect(
      (
        await request(app)
          .post('/__mock/faults')
          .send({ path: `/${'a'.repeat(1_100_000)}`, status: 503 })
      ).status,
    ).toBe(413);
  });
});

describe('GET, DELETE /__mock/faults', () => {
  it('lists rules oldest first, deletes one, then all', async () => {
    const { app } = await createTestApp();
    for (const status of [500, 502, 503]) await request(app).post('/__mock/faults').send({ path: '/api/profile', status }).expect(201);
    expect((await request(app).get('/__mock/faults')).body.map((rule: { status: number }) => rule.status)).toEqual([500, 502, 503]);

    const deleted = await request(app).delete('/__mock/faults/flt_000002');
    expect(deleted.status).toBe(204);
    expect((await request(app).get('/__mock/faults')).body.map((rule: { id: string }) => rule.id)).toEqual(['flt_000001', 'flt_000003']);

    const cleared = await request(app).delete('/__mock/faults');
    expect(cleared.status).toBe(204);
    expect((await request(app).get('/__mock/faults')).body).toEqual([]);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(200);
  });

  it('answers 404 NOT_FOUND for an unknown id and for a used-up rule', async () => {
    const { app } = await createTestApp();
    const unknown = await request(app).delete('/__mock/faults/flt_999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'NOT_FOUND' });
    await request(app).post('/__mock/faults').send({ path: '/api/profile', status: 503, times: 1 }).expect(201);
    await request(app).get('/api/profile').expect(503);
    expect((await request(app).delete('/__mock/faults/flt_000001')).status).toBe(404);
  });
});

describe('Prefer header on the Pocketm8 routes', () => {
  it('answers Prefer: code= with the documented example for that status and changes nothing', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .put('/api/profile/phone')
      .set('Authorization', bearer('alice'))
      .set('Prefer', 'code=409')
      .send({ phone: '+4176545653' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: 'PHONE_TAKEN' });
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).body.pendingPhone).toBeNull();
    expect((await request(app).get('/__mock/outbox')).body).toEqual([]);
  });

  it('answers a status the operation does not document with the error of that status', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/api/auth/user/send-sms-code').set('Prefer', 'code=503').send({ phone: '+4176545653' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ message: 'SERVICE_UNAVAILABLE' });
    expect((await request(app).get('/__mock/outbox')).body).toEqual([]);
  });

  it('sends Retry-After: 60 with a documented 429', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/api/auth/user/send-sms-code').set('Prefer', 'code=429').send({ phone: '+4176545653' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body).toEqual({ message: 'RESEND_TOO_SOON', retryAfter: expect.any(Number) });
  });

  it('waits at least Prefer: latency= and then answers as usual', async () => {
    const { app } = await createTestApp();
    let status = 0;
    const took = await elapsed(async () => {
      status = (await request(app).get('/api/profile').set('Authorization', bearer('alice')).set('Prefer', 'latency=120')).status;
    });
    expect(status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(120);
  });

  it('takes both at once, and wins over a matching rule', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/faults').send({ path: '/api/profile', status: 500 }).expect(201);
    let status = 0;
    const took = await elapsed(async () => {
      status = (await request(app).get('/api/profile').set('Prefer', 'code=502, latency=80')).status;
    });
    expect(status).toBe(502);
    expect(took).toBeGreaterThanOrEqual(80);
  });

  it('ignores Prefer on /__mock routes and preferences it does not know', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/__mock/health').set('Prefer', 'code=503')).status).toBe(200);
    expect(
      (await request(app).get('/api/profile').set('Authorization', bearer('alice')).set('Prefer', 'example=foo, dynamic=true')).status,
    ).toBe(200);
  });
});

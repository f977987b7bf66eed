import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TOKENS, createTestApp } from '../../test/harness.ts';

const ADMIN = 'admin-secret-token';

const ROUTES = [
  { method: 'get', path: '/__mock/health', ok: 200 },
  { method: 'get', path: '/__mock/outbox', ok: 200 },
  { method: 'delete', path: '/__mock/outbox', ok: 204 },
  { method: 'post', path: '/__mock/reset', ok: 200 },
  { method: 'get', path: '/__mock/clock', ok: 200 },
  { method: 'get', path: '/__mock/requests', ok: 200 },
  { method: 'get', path: '/__mock/faults', ok: 200 },
  { method: 'get', path: '/__mock/users', ok: 200 },
  { method: 'get', path: '/__mock/snapshots', ok: 200 },
  { method: 'post', path: '/__mock/snapshots/s1', ok: 201 },
  { method: 'get', path: '/__mock', ok: 200 },
  { method: 'get', path: '/__mock/', ok: 200 },
] as const;

type Way = 'bearer' | 'header' | 'query';

function call(app: Parameters<typeof request>[0], method: (typeof ROUTES)[number]['method'], path: string, token?: string, way?: Way) {
  const url = way === 'query' && token !== undefined ? `${path}?adminToken=${encodeURIComponent(token)}` : path;
  const test = request(app)[method](url);
  if (way === 'bearer' && token !== undefined) test.set('Authorization', `Bearer ${token}`);
  if (way === 'header' && token !== undefined) test.set('X-Mock-Admin-Token', token);
  return test;
}

describe('admin token', () => {
  it.each(ROUTES)('leaves $method $path open when no admin token is configured', async ({ method, path, ok }) => {
    const { app } = await createTestApp();
    expect((await call(app, method, path)).status).toBe(ok);
  });

  describe('configured', () => {
    it.each(ROUTES)('answers $method $path without a token with 401 UNAUTHENTICATED', async ({ method, path }) => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      const res = await call(app, method, path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'UNAUTHENTICATED' });
    });

    it.each<Way>(['bearer', 'header', 'query'])('rejects a wrong token given as %s', async (way) => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      for (const wrong of [`${ADMIN}x`, ADMIN.slice(0, -1), 'x']) {
        const res = await call(app, 'get', '/__mock/health', wrong, way);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ message: 'UNAUTHENTICATED' });
      }
    });

    it.each(ROUTES.flatMap((route) => (['bearer', 'header', 'query'] as const).map((way) => ({ ...route, way }))))(
      'accepts $method $path with the token given as $way',
      async ({ method, path, ok, way }) => {
        const { app } = await createTestApp({ adminToken: ADMIN });
        expect((await call(app, method, path, ADMIN, way)).status).toBe(ok);
      },
    );

    it("does not take a user's bearer token for the admin token", async () => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      expect((await call(app, 'get', '/__mock/outbox', TOKENS.alice, 'bearer')).status).toBe(401);
    });

    it('answers an unknown /__mock path without the token with 401, not 404', async () => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      expect((await call(app, 'get', '/__mock/nothing-here')).status).toBe(401);
      expect((await call(app, 'get', '/__mock/nothing-here', ADMIN, 'header')).status).toBe(404);
    });

    it('leaves the PACE confirmation link open: its token is the credential', async () => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      const res = await request(app).get('/__mock/pace/confirm/0123456789abcdef0123456789abcdef');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    });

    it('leaves the media downloads open (capability URLs)', async () => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      expect((await request(app).get('/media/files/fil_0001')).status).toBe(200);
      expect((await request(app).get('/media/avatars/ava_0001')).status).toBe(200);
    });

    it('does not guard the Pocketm8 API with it', async () => {
      const { app } = await createTestApp({ adminToken: ADMIN });
      expect((await request(app).get('/api/profile').set('Authorization', `Bearer ${TOKENS.alice}`)).status).toBe(200);
    });
  });
});

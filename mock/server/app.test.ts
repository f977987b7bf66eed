import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.ts';

describe('createApp', () => {
  it('answers an unknown API path with the Pocketm8 404 body', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
  });

  it('answers 401 UNAUTHENTICATED without a token on a protected operation', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/profile');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'UNAUTHENTICATED' });
  });

  it('honours Prefer: code= with the documented example', async () => {
    const { app } = await createTestApp();
    const res = await request(app).put('/api/profile/phone').set('Prefer', 'code=409').send({ phone: '+4176545653' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: 'PHONE_TAKEN' });
  });

  it('answers 415 for a JSON operation called with another content type', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/api/auth/user/send-sms-code').set('Content-Type', 'text/plain').send('phone=+41791234567');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ message: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers 400 VALIDATION_ERROR with field errors for malformed JSON and schema breaks', async () => {
    const { app } = await createTestApp();
    const malformed = await request(app).post('/api/auth/user/send-sms-code').set('Content-Type', 'application/json').send('{"phone":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: 'body', message: 'is not valid JSON' }] });
    const invalid = await request(app).post('/api/auth/user/send-sms-code').send({ phone: '076 545 56 53', extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'phone' }), { field: 'extra', message: 'is not allowed' }]),
    );
  });

  it('answers 413 for a JSON body over 1 MB', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .post('/api/auth/user/send-sms-code')
      .send({ phone: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers CORS for browsers on another origin, preflight included', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .get('/api/profile')
      .set('Origin', 'http://localhost:5173')
      .set('Authorization', 'Bearer pm8_fixture_alice_0000000000000000');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('Retry-After');
    const preflight = await request(app)
      .options('/api/profile/phone')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'PUT');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    const configured = await createTestApp({ corsOrigin: 'http://localhost:5173' });
    const other = await request(configured.app).get('/api/profile').set('Origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).not.toBe('http://evil.example');
  });
});

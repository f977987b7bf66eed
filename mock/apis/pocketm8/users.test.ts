import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

describe('getUsers', () => {
  it('lists the other users by display name, as summaries without email or phone', async () => {
    const { app, context } = await createTestApp();
    const res = await request(app).get('/api/users').set('Authorization', bearer('alice'));
    expect(res.status).toBe(200);
    const origin = new URL(res.request.url).origin;
    expect(res.body).toEqual({
      data: [
        { id: 'usr_bob', displayName: 'Bob Brunner', avatarUrl: `${origin}/media/avatars/ava_0001` },
        { id: 'usr_carol', displayName: 'Carol Keller', avatarUrl: null },
        { id: 'usr_dave', displayName: 'Dave Frei', avatarUrl: null },
        { id: 'usr_erin', displayName: 'Erin Roth', avatarUrl: null },
      ],
      meta: { page: 1, perPage: 20, total: 4, totalPages: 1 },
    });
    expect(context.violations).toEqual([]);
  });

  it('orders users with the same display name by id', async () => {
    const { app, context } = await createTestApp();
    const carol = context.data().users.find((user) => user.id === 'usr_carol')!;
    carol.displayName = 'dave frei';
    const res = await request(app).get('/api/users').set('Authorization', bearer('alice'));
    expect(res.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_bob', 'usr_carol', 'usr_dave', 'usr_erin']);
  });

  it.each([
    ['alice', 'ER', ['usr_bob', 'usr_carol', 'usr_erin']],
    ['bob', 'meier', ['usr_alice']],
    ['bob', 'bob', []],
    ['dave', 'zzz', []],
  ] as const)('searches the display name case-insensitively (%s, %j)', async (who, search, expected) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/users').query({ search }).set('Authorization', bearer(who));
    expect(res.body.data.map((user: { id: string }) => user.id)).toEqual(expected);
  });

  it('pages', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/users').query({ page: 2, perPage: 3 }).set('Authorization', bearer('alice'));
    expect(res.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_erin']);
    expect(res.body.meta).toEqual({ page: 2, perPage: 3, total: 4, totalPages: 2 });
  });

  it.each([
    [{ perPage: 0 }, 'perPage'],
    [{ perPage: 101 }, 'perPage'],
    [{ page: 'two' }, 'page'],
    [{ search: 'x'.repeat(201) }, 'search'],
  ])('answers 400 VALIDATION_ERROR for %j', async (query, field) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/users').query(query).set('Authorization', bearer('alice'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [expect.objectContaining({ field })] });
  });

  it('answers 401 without a valid token', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/api/users')).status).toBe(401);
    expect((await request(app).get('/api/users').set('Authorization', 'Bearer nope')).body).toEqual({ message: 'UNAUTHENTICATED' });
  });
});

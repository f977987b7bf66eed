import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

const ids = (body: { data: { id: string }[] }) => body.data.map((contact) => contact.id);

describe('getContacts', () => {
  it("lists the caller's own contacts by display name", async () => {
    const { app, context } = await createTestApp();
    const res = await request(app).get('/api/contacts').set('Authorization', bearer('alice'));
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(['cnt_0001', 'cnt_0002', 'cnt_0003']);
    expect(res.body.data[0]).toEqual({
      id: 'cnt_0001',
      userId: 'usr_bob',
      displayName: 'Bob Brunner',
      phone: '+41798887766',
      email: 'bob@example.com',
      avatarUrl: null,
      favorite: true,
      createdAt: '2026-02-01T08:00:00Z',
    });
    expect(res.body.meta).toEqual({ page: 1, perPage: 20, total: 3, totalPages: 1 });
    expect(context.violations).toEqual([]);
  });

  it.each([
    ['bob', {}, ['cnt_0004']],
    ['carol', {}, []],
    ['alice', { favorite: true }, ['cnt_0001']],
    ['alice', { favorite: false }, ['cnt_0002', 'cnt_0003']],
    ['alice', { search: 'keller' }, ['cnt_0002']],
    ['alice', { search: '+414422' }, ['cnt_0003']],
    ['alice', { search: 'PRAXIS.example' }, ['cnt_0003']],
    ['alice', { search: 'example', favorite: false }, ['cnt_0003']],
    ['alice', { perPage: 2, page: 2 }, ['cnt_0003']],
  ] as const)('%s with %j', async (who, query, expected) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/contacts').query(query).set('Authorization', bearer(who));
    expect(ids(res.body)).toEqual(expected);
  });

  it.each([
    [{ favorite: 'yes' }, 'favorite'],
    [{ perPage: 500 }, 'perPage'],
  ])('answers 400 VALIDATION_ERROR for %j', async (query, field) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/contacts').query(query).set('Authorization', bearer('alice'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});

describe('getContact', () => {
  it.each([
    ['alice', 'cnt_0003', 200],
    ['bob', 'cnt_0004', 200],
    ['bob', 'cnt_0001', 404],
    ['alice', 'cnt_0004', 404],
    ['alice', 'cnt_9999', 404],
  ] as const)('%s GET %s answers %i', async (who, id, status) => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/api/contacts/${id}`).set('Authorization', bearer(who));
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.id).toBe(id);
    else expect(res.body).toEqual({ message: 'NOT_FOUND' });
  });

  it('answers 400 for an id that breaks the pattern and 401 without a token', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/api/contacts/a.b').set('Authorization', bearer('alice'))).status).toBe(400);
    expect((await request(app).get('/api/contacts/cnt_0001')).status).toBe(401);
    expect((await request(app).get('/api/contacts')).status).toBe(401);
  });
});

// Group `read`: only safe calls (GET), fit for shared environments.
import { beforeAll, describe, expect, it } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { testUser, type TestUser } from '../lib/world.ts';

let me: TestUser;
beforeAll(async () => {
  me = await testUser();
});

interface Page {
  data: { id: string }[];
  meta: { page: number; perPage: number; total: number; totalPages: number };
}

describe('read: profile', () => {
  it('Get Profile answers the signed-in user', async () => {
    const res = await pocketm8('getProfile', { token: me.token });
    expect(res.status).toBe(200);
    expect((res.body as { id: string }).id).toBe(me.userId);
  });
});

describe.each([
  ['getUsers', {}],
  ['getContacts', {}],
  ['getTasks', { sort: 'title' }],
  ['getFiles', {}],
] as const)('read: %s', (operationId, query) => {
  it('answers a page with consistent meta', async () => {
    const res = await pocketm8(operationId, { token: me.token, query: { ...query, page: 1, perPage: 5 } });
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(page.meta).toMatchObject({ page: 1, perPage: 5 });
    expect(page.data.length).toBeLessThanOrEqual(5);
    expect(page.meta.totalPages).toBe(Math.ceil(page.meta.total / 5));
  });

  it.each([[{ perPage: 0 }], [{ perPage: 101 }], [{ page: 0 }], [{ page: 'first' }]])(
    'answers 400 VALIDATION_ERROR for %j',
    async (bad) => {
      const res = await pocketm8(operationId, { token: me.token, query: bad });
      expect(res.status).toBe(400);
      expect((res.body as { message: string }).message).toBe('VALIDATION_ERROR');
    },
  );
});

describe('read: one of each', () => {
  it.for([
    ['getTasks', 'getTask'],
    ['getFiles', 'getFile'],
    ['getContacts', 'getContact'],
  ] as const)('%s then %s answers the listed item', async ([list, one], context) => {
    const page = (await pocketm8(list, { token: me.token })).body as Page;
    const first = page.data[0];
    // A new user (sign-up by SMS) owns nothing yet: say so rather than pass on nothing.
    if (!first) return context.skip(`the test user has no items in ${list}`);
    const res = await pocketm8(one, { token: me.token, params: { id: first.id } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(first);
  });

  it.each(['getTask', 'getFile', 'getContact'] as const)('%s answers 404 NOT_FOUND for an unknown id', async (operationId) => {
    const res = await pocketm8(operationId, { token: me.token, params: { id: 'zz_does_not_exist_0' } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
  });

  it('Task Edit answers the choices for a new task', async () => {
    const res = await pocketm8('getTaskEditRelations', { token: me.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statuses: ['open'], priorities: ['low', 'normal', 'high'] });
  });
});

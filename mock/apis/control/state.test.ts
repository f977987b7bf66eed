import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';

type App = Parameters<typeof request>[0];

/** Signs up a new phone user through the SMS flow; answers the code it used. */
async function signUp(app: App, phone: string): Promise<string> {
  await request(app).post('/api/auth/user/send-sms-code').send({ phone }).expect(200);
  const { body } = await request(app)
    .get(`/__mock/outbox/latest?to=${encodeURIComponent(phone)}`)
    .expect(200);
  await request(app).post('/api/auth/user/verify-code').send({ phone, code: body.code }).expect(200);
  return body.code as string;
}

const userIds = async (app: App) =>
  (await request(app).get('/__mock/users').expect(200)).body.map((user: { id: string }) => user.id) as string[];
const outboxIds = async (app: App) =>
  (await request(app).get('/__mock/outbox').expect(200)).body.map((entry: { id: string }) => entry.id) as string[];
const offset = async (app: App) => (await request(app).get('/__mock/clock').expect(200)).body.offsetMs as number;

describe('POST /__mock/reset', () => {
  it('puts data, outbox, clock, counters and fault rules back to the start; keeps snapshots and journal', async () => {
    const { app, context } = await createTestApp();
    const fixtureUsers = await userIds(app);
    const firstCode = await signUp(app, '+4176545653');
    await request(app).post('/__mock/clock').send({ advance: '3h' }).expect(200);
    await request(app).post('/__mock/faults').send({ path: '/api/*', latencyMs: 1 }).expect(201);
    await request(app).post('/__mock/snapshots/kept').expect(201);
    expect(await userIds(app)).toHaveLength(fixtureUsers.length + 1);

    const res = await request(app).post('/__mock/reset');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'RESET' });

    expect(await userIds(app)).toEqual(fixtureUsers);
    expect(await outboxIds(app)).toEqual([]);
    expect(await offset(app)).toBe(0);
    expect((await request(app).get('/__mock/faults')).body).toEqual([]);
    expect((await request(app).get('/__mock/snapshots')).body).toEqual([{ name: 'kept', createdAt: expect.any(String) }]);
    expect(context.journal.some((entry) => entry.path === '/api/auth/user/verify-code')).toBe(true);
    // Counters are zeroed: the first code to that phone comes again.
    expect(await signUp(app, '+4176545653')).toBe(firstCode);
  });

  it('logs out nobody from the fixtures: fixture tokens work after a reset', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/reset').expect(200);
    expect((await request(app).get('/api/profile').set('Authorization', 'Bearer pm8_fixture_alice_0000000000000000')).status).toBe(200);
  });
});

describe('snapshots', () => {
  it('restores data, outbox and clock offset as they were when taken', async () => {
    const { app } = await createTestApp();
    await signUp(app, '+4176545653');
    await request(app).post('/__mock/clock').send({ advance: '1h' }).expect(200);
    const usersThen = await userIds(app);
    const outboxThen = await outboxIds(app);
    const offsetThen = await offset(app);

    const taken = await request(app).post('/__mock/snapshots/after-sign-up');
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ name: 'after-sign-up', createdAt: expect.any(String) });

    await signUp(app, '+4176545654');
    await request(app).post('/__mock/clock').send({ advance: '2d' }).expect(200);
    expect(await userIds(app)).not.toEqual(usersThen);

    const restored = await request(app).post('/__mock/snapshots/after-sign-up/restore');
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({ name: 'after-sign-up', restoredAt: expect.any(String) });
    expect(await userIds(app)).toEqual(usersThen);
    expect(await outboxIds(app)).toEqual(outboxThen);
    expect(Math.abs((await offset(app)) - offsetThen)).toBe(0);

    // A snapshot stays and can be restored again.
    await signUp(app, '+4176545655');
    await request(app).post('/__mock/snapshots/after-sign-up/restore').expect(200);
    expect(await userIds(app)).toEqual(usersThen);
  });

  it('brings back the bytes of a file deleted after the snapshot', async () => {
    const { app, context } = await createTestApp();
    const before = await request(app).get('/media/files/fil_0001').buffer(true).expect(200);
    await request(app).post('/__mock/snapshots/with-files').expect(201);
    context.data().files = context.data().files.filter((file) => file.id !== 'fil_0001');
    await context.blobs.delete('fil_0001');
    expect((await request(app).get('/media/files/fil_0001')).status).toBe(404);

    await request(app).post('/__mock/snapshots/with-files/restore').expect(200);
    const after = await request(app).get('/media/files/fil_0001').buffer(true);
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
  });

  it('lists snapshots newest first; taking one again replaces it and makes it the newest', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/__mock/snapshots')).body).toEqual([]);
    for (const name of ['one', 'two', 'three', 'one']) await request(app).post(`/__mock/snapshots/${name}`).expect(201);
    const res = await request(app).get('/__mock/snapshots');
    expect(res.status).toBe(200);
    expect(res.body.map((snapshot: { name: string }) => snapshot.name)).toEqual(['one', 'three', 'two']);
  });

  it('answers 404 NOT_FOUND for an unknown name', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/__mock/snapshots/never-taken/restore');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
  });

  it.each([
    ['post', '/__mock/snapshots/bad%20name'],
    ['post', `/__mock/snapshots/${'a'.repeat(65)}`],
    ['post', '/__mock/snapshots/dots.are.not.allowed/restore'],
  ] as const)('answers 400 VALIDATION_ERROR for %s %s', async (method, path) => {
    const { app } = await createTestApp();
    const res = await request(app)[method](path);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: 'name', message: expect.any(String) }] });
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

type Who = 'alice' | 'bob' | 'carol' | 'dave';

const ids = (body: { data: { id: string }[] }) => body.data.map((item) => item.id);

describe('task lifecycle', () => {
  it('creates, reads, lists, moves, updates and deletes a task, with the state checked between steps', async () => {
    const { app, context } = await createTestApp();
    context.clock.set(Date.parse('2026-11-22T10:00:00Z')); // after the fixtures' tasks, whatever the system clock says
    const api = request(app);
    const alice = bearer('alice');

    const created = await api
      .post('/api/tasks')
      .set('Authorization', alice)
      .send({
        title: 'Plan the offsite',
        description: 'Venue and agenda',
        priority: 'high',
        dueDate: '2026-12-10',
        assigneeIds: ['usr_bob', 'usr_carol'],
        fileIds: ['fil_0001'],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`/api/tasks/${id}`);
    expect(created.body).toMatchObject({
      title: 'Plan the offsite',
      description: 'Venue and agenda',
      status: 'open',
      priority: 'high',
      dueDate: '2026-12-10',
      assigneeIds: ['usr_bob', 'usr_carol'],
      fileIds: ['fil_0001'],
      ownerId: 'usr_alice',
    });
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    expect((await api.get('/api/files/fil_0001').set('Authorization', alice)).body.taskIds).toEqual(['tsk_0001', id]);

    const read = await api.get(created.headers.location as string).set('Authorization', alice);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect((await api.get(`/api/tasks/${id}`).set('Authorization', bearer('carol'))).status).toBe(200);

    const newest = await api.get('/api/tasks').query({ perPage: 1 }).set('Authorization', alice);
    expect(ids(newest.body)).toEqual([id]);
    expect(newest.body.meta).toEqual({ page: 1, perPage: 1, total: 6, totalPages: 6 });
    const carols = await api
      .get('/api/tasks')
      .query({ assigneeId: 'usr_carol', status: 'open', search: 'OFFSITE' })
      .set('Authorization', alice);
    expect(ids(carols.body)).toEqual([id]);

    const started = await api.post(`/api/tasks/${id}/status`).set('Authorization', bearer('bob')).send({ status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');
    const invalid = await api.post(`/api/tasks/${id}/status`).set('Authorization', alice).send({ status: 'in_progress' });
    expect(invalid.status).toBe(409);
    expect(invalid.body).toEqual({ message: 'INVALID_STATUS_TRANSITION' });
    expect((await api.post(`/api/tasks/${id}/status`).set('Authorization', alice).send({ status: 'done' })).body.status).toBe('done');
    expect((await api.get(`/api/tasks/${id}`).set('Authorization', alice)).body.status).toBe('done');

    const updated = await api
      .put(`/api/tasks/${id}`)
      .set('Authorization', alice)
      .send({ title: 'Plan the offsite (v2)', fileIds: ['fil_0002'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id,
      title: 'Plan the offsite (v2)',
      description: null,
      status: 'done',
      priority: 'normal',
      dueDate: null,
      assigneeIds: [],
      fileIds: ['fil_0002'],
      createdAt: created.body.createdAt,
    });
    expect((await api.get(`/api/tasks/${id}`).set('Authorization', bearer('carol'))).status).toBe(404);
    expect((await api.get('/api/files/fil_0001').set('Authorization', alice)).body.taskIds).toEqual(['tsk_0001']);
    expect((await api.get('/api/files/fil_0002').set('Authorization', alice)).body.taskIds).toEqual(['tsk_0002', id]);

    const deleted = await api.delete(`/api/tasks/${id}`).set('Authorization', alice);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api.get(`/api/tasks/${id}`).set('Authorization', alice)).status).toBe(404);
    expect((await api.get('/api/files/fil_0002').set('Authorization', alice)).body.taskIds).toEqual(['tsk_0002']);
    expect(context.violations).toEqual([]);
  });
});

describe('createTask', () => {
  it('fills the defaults: no description, priority normal, no due date, nobody assigned, no files', async () => {
    const { app } = await createTestApp();
    const res = await request(app).post('/api/tasks').set('Authorization', bearer('dave')).send({ title: 'Water the plants' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Water the plants',
      description: null,
      status: 'open',
      priority: 'normal',
      dueDate: null,
      assigneeIds: [],
      fileIds: [],
      ownerId: 'usr_dave',
    });
  });

  it('lets a file an assignee can see be attached by that assignee', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .post('/api/tasks')
      .set('Authorization', bearer('bob'))
      .send({ title: 'Use the brief', fileIds: ['fil_0001'] });
    expect(res.status).toBe(201);
    expect(res.body.fileIds).toEqual(['fil_0001']);
  });

  it.each([
    ['an unknown assignee', { title: 'x', assigneeIds: ['usr_nobody'] }],
    ['an unknown file', { title: 'x', fileIds: ['fil_9999'] }],
    ["a file the caller cannot see (bob's private notes)", { title: 'x', fileIds: ['fil_0003'] }],
  ])('answers 404 NOT_FOUND for %s and creates nothing', async (_case, body) => {
    const { app, context } = await createTestApp();
    const before = context.data().tasks.length;
    const res = await request(app).post('/api/tasks').set('Authorization', bearer('alice')).send(body);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
    expect(context.data().tasks).toHaveLength(before);
    expect(context.data().files.find((file) => file.id === 'fil_0003')?.taskIds).toEqual(['tsk_0006']);
  });

  it.each([
    ['no title', { description: 'x' }, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['an unknown priority', { title: 'x', priority: 'urgent' }, 'priority'],
    ['a due date that is not a date', { title: 'x', dueDate: '01.12.2026' }, 'dueDate'],
    ['the same assignee twice', { title: 'x', assigneeIds: ['usr_bob', 'usr_bob'] }, 'assigneeIds'],
    ['a read-only field', { title: 'x', status: 'done' }, 'status'],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, body, field) => {
    const { app } = await createTestApp();
    const res = await request(app).post('/api/tasks').set('Authorization', bearer('alice')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers 413 for a JSON body over 1 MB and 415 for another content type', async () => {
    const { app } = await createTestApp();
    const large = await request(app)
      .post('/api/tasks')
      .set('Authorization', bearer('alice'))
      .send({ title: 'x', description: 'y'.repeat(1_100_000) });
    expect(large.status).toBe(413);
    expect(large.body).toEqual({ message: 'PAYLOAD_TOO_LARGE' });
    const text = await request(app)
      .post('/api/tasks')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', 'text/plain')
      .send('title=x');
    expect(text.status).toBe(415);
    expect(text.body).toEqual({ message: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('getTasks', () => {
  it.each([
    ['alice', ['tsk_0005', 'tsk_0004', 'tsk_0003', 'tsk_0002', 'tsk_0001']],
    ['bob', ['tsk_0006', 'tsk_0005', 'tsk_0001']],
    ['carol', ['tsk_0003']],
    ['dave', []],
  ] as const)('shows %s the tasks they own or are assigned to, newest first', async (who, expected) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/tasks').set('Authorization', bearer(who));
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
    expect(res.body.meta).toEqual({ page: 1, perPage: 20, total: expected.length, totalPages: expected.length === 0 ? 0 : 1 });
  });

  it.each([
    ['createdAt', ['tsk_0001', 'tsk_0002', 'tsk_0003', 'tsk_0004', 'tsk_0005']],
    ['-createdAt', ['tsk_0005', 'tsk_0004', 'tsk_0003', 'tsk_0002', 'tsk_0001']],
    ['dueDate', ['tsk_0002', 'tsk_0001', 'tsk_0005', 'tsk_0003', 'tsk_0004']],
    ['-dueDate', ['tsk_0005', 'tsk_0001', 'tsk_0002', 'tsk_0004', 'tsk_0003']],
    ['title', ['tsk_0003', 'tsk_0004', 'tsk_0001', 'tsk_0002', 'tsk_0005']],
  ])('sorts by %s (tasks without a due date last)', async (sort, expected) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/tasks').query({ sort }).set('Authorization', bearer('alice'));
    expect(ids(res.body)).toEqual(expected);
  });

  it.each([
    [{ status: 'done' }, ['tsk_0003']],
    [{ status: 'open' }, ['tsk_0005', 'tsk_0001']],
    [{ assigneeId: 'usr_bob' }, ['tsk_0001']],
    [{ assigneeId: 'usr_alice' }, ['tsk_0005']],
    [{ search: 'SLIDES' }, ['tsk_0001']],
    [{ search: 'room' }, ['tsk_0003']],
    [{ status: 'open', search: 'contract' }, ['tsk_0005']],
    [{ status: 'archived', assigneeId: 'usr_bob' }, []],
  ])('filters by %j', async (query, expected) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/tasks').query(query).set('Authorization', bearer('alice'));
    expect(ids(res.body)).toEqual(expected);
  });

  it('pages through the list', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .get('/api/tasks')
      .query({ sort: 'createdAt', page: 2, perPage: 2 })
      .set('Authorization', bearer('alice'));
    expect(ids(res.body)).toEqual(['tsk_0003', 'tsk_0004']);
    expect(res.body.meta).toEqual({ page: 2, perPage: 2, total: 5, totalPages: 3 });
    const past = await request(app).get('/api/tasks').query({ page: 4, perPage: 2 }).set('Authorization', bearer('alice'));
    expect(past.body.data).toEqual([]);
  });

  it('breaks ties by id in the direction of the sort', async () => {
    const { app } = await createTestApp();
    const api = request(app);
    const first = (await api.post('/api/tasks').set('Authorization', bearer('dave')).send({ title: 'Same title' })).body.id as string;
    const second = (await api.post('/api/tasks').set('Authorization', bearer('dave')).send({ title: 'Same title' })).body.id as string;
    const newest = await api.get('/api/tasks').set('Authorization', bearer('dave'));
    expect(ids(newest.body)).toEqual([second, first]);
    const byTitle = await api.get('/api/tasks').query({ sort: 'title' }).set('Authorization', bearer('dave'));
    expect(ids(byTitle.body)).toEqual([first, second]);
  });

  it.each([
    [{ status: 'closed' }, 'status'],
    [{ sort: 'priority' }, 'sort'],
    [{ perPage: 0 }, 'perPage'],
    [{ perPage: 101 }, 'perPage'],
    [{ page: 0 }, 'page'],
    [{ assigneeId: 'usr bob' }, 'assigneeId'],
  ])('answers 400 VALIDATION_ERROR for %j', async (query, field) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/tasks').query(query).set('Authorization', bearer('alice'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [expect.objectContaining({ field })] });
  });
});

describe('updateTask', () => {
  it('replaces every writable field and keeps the status', async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .put('/api/tasks/tsk_0002')
      .set('Authorization', bearer('alice'))
      .send({
        title: 'Review the copy',
        description: 'Sign-up and sign-in',
        priority: 'low',
        dueDate: '2026-12-24',
        assigneeIds: ['usr_alice', 'usr_dave'],
        fileIds: ['fil_0002', 'fil_0001'],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'tsk_0002',
      title: 'Review the copy',
      description: 'Sign-up and sign-in',
      status: 'in_progress',
      priority: 'low',
      dueDate: '2026-12-24',
      assigneeIds: ['usr_alice', 'usr_dave'],
      fileIds: ['fil_0002', 'fil_0001'],
      ownerId: 'usr_alice',
      createdAt: '2026-11-02T09:00:00Z',
    });
    expect(res.body.updatedAt).not.toBe('2026-11-02T09:00:00Z');
    const brief = await request(app).get('/api/files/fil_0001').set('Authorization', bearer('dave'));
    expect(brief.status).toBe(200);
    expect(brief.body.taskIds).toEqual(['tsk_0001', 'tsk_0002']);
  });

  it.each([
    ['a bad title', { title: '' }, 400, 'VALIDATION_ERROR'],
    ['an unknown assignee', { title: 'x', assigneeIds: ['usr_ghost'] }, 404, 'NOT_FOUND'],
    ['a file the owner cannot see', { title: 'x', fileIds: ['fil_0003'] }, 404, 'NOT_FOUND'],
  ])('answers %s with %i and changes nothing', async (_case, body, status, message) => {
    const { app } = await createTestApp();
    const res = await request(app).put('/api/tasks/tsk_0001').set('Authorization', bearer('alice')).send(body);
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
    const task = await request(app).get('/api/tasks/tsk_0001').set('Authorization', bearer('alice'));
    expect(task.body).toMatchObject({
      title: 'Prepare the demo',
      assigneeIds: ['usr_bob'],
      fileIds: ['fil_0001'],
      updatedAt: '2026-11-01T09:00:00Z',
    });
  });

  it('answers 413 and 415 for bodies the mount refuses', async () => {
    const { app } = await createTestApp();
    const large = await request(app)
      .put('/api/tasks/tsk_0001')
      .set('Authorization', bearer('alice'))
      .send({ title: 'x', description: 'y'.repeat(1_100_000) });
    expect(large.status).toBe(413);
    const text = await request(app)
      .put('/api/tasks/tsk_0001')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', 'text/plain')
      .send('x');
    expect(text.status).toBe(415);
  });
});

describe('updateTaskStatus', () => {
  // tsk_0001 open, tsk_0002 in_progress, tsk_0003 done, tsk_0004 archived (all alice's)
  it.each([
    ['tsk_0001', 'in_progress', 200],
    ['tsk_0001', 'done', 200],
    ['tsk_0001', 'archived', 200],
    ['tsk_0001', 'open', 409],
    ['tsk_0002', 'open', 200],
    ['tsk_0002', 'done', 200],
    ['tsk_0002', 'archived', 200],
    ['tsk_0002', 'in_progress', 409],
    ['tsk_0003', 'open', 200],
    ['tsk_0003', 'archived', 200],
    ['tsk_0003', 'in_progress', 409],
    ['tsk_0003', 'done', 409],
    ['tsk_0004', 'open', 200],
    ['tsk_0004', 'in_progress', 409],
    ['tsk_0004', 'done', 409],
    ['tsk_0004', 'archived', 409],
  ])('%s to %s answers %i', async (id, status, expected) => {
    const { app } = await createTestApp();
    const before = (await request(app).get(`/api/tasks/${id}`).set('Authorization', bearer('alice'))).body.status as string;
    const res = await request(app).post(`/api/tasks/${id}/status`).set('Authorization', bearer('alice')).send({ status });
    expect(res.status).toBe(expected);
    const after = (await request(app).get(`/api/tasks/${id}`).set('Authorization', bearer('alice'))).body.status as string;
    expect(after).toBe(expected === 200 ? status : before);
    if (expected === 409) expect(res.body).toEqual({ message: 'INVALID_STATUS_TRANSITION' });
  });

  it('answers 400 for an unknown status, 413 and 415 for refused bodies', async () => {
    const { app } = await createTestApp();
    const unknown = await request(app).post('/api/tasks/tsk_0001/status').set('Authorization', bearer('alice')).send({ status: 'closed' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    const large = await request(app)
      .post('/api/tasks/tsk_0001/status')
      .set('Authorization', bearer('alice'))
      .send({ status: 'y'.repeat(1_100_000) });
    expect(large.status).toBe(413);
    const text = await request(app)
      .post('/api/tasks/tsk_0001/status')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', 'text/plain')
      .send('done');
    expect(text.status).toBe(415);
  });
});

describe('who may do what', () => {
  // tsk_0001: owner alice, assignee bob. tsk_0006: bob's private task.
  const rows: { who: Who; method: 'get' | 'put' | 'post' | 'delete'; path: string; body?: object; status: number }[] = [
    { who: 'alice', method: 'get', path: '/api/tasks/tsk_0001', status: 200 },
    { who: 'bob', method: 'get', path: '/api/tasks/tsk_0001', status: 200 },
    { who: 'carol', method: 'get', path: '/api/tasks/tsk_0001', status: 404 },
    { who: 'alice', method: 'get', path: '/api/tasks/tsk_0006', status: 404 },
    { who: 'alice', method: 'get', path: '/api/tasks/tsk_9999', status: 404 },
    { who: 'bob', method: 'put', path: '/api/tasks/tsk_0001', body: { title: 'Mine now' }, status: 403 },
    { who: 'carol', method: 'put', path: '/api/tasks/tsk_0001', body: { title: 'Mine now' }, status: 404 },
    { who: 'bob', method: 'post', path: '/api/tasks/tsk_0001/status', body: { status: 'done' }, status: 200 },
    { who: 'carol', method: 'post', path: '/api/tasks/tsk_0001/status', body: { status: 'done' }, status: 404 },
    { who: 'alice', method: 'post', path: '/api/tasks/tsk_0006/status', body: { status: 'done' }, status: 404 },
    { who: 'bob', method: 'delete', path: '/api/tasks/tsk_0001', status: 403 },
    { who: 'carol', method: 'delete', path: '/api/tasks/tsk_0001', status: 404 },
    { who: 'alice', method: 'delete', path: '/api/tasks/tsk_0006', status: 404 },
    { who: 'alice', method: 'delete', path: '/api/tasks/tsk_9999', status: 404 },
  ];

  it.each(rows)('$who $method $path answers $status', async ({ who, method, path, body, status }) => {
    const { app } = await createTestApp();
    const call = request(app)[method](path).set('Authorization', bearer(who));
    const res = body ? await call.send(body) : await call;
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body).toEqual({ message: 'FORBIDDEN' });
    if (status === 404) expect(res.body).toEqual({ message: 'NOT_FOUND' });
    if (status >= 400) {
      const task = (await request(app).get('/api/tasks/tsk_0001').set('Authorization', bearer('alice'))).body;
      expect(task).toMatchObject({ title: 'Prepare the demo', status: 'open' });
    }
  });

  it('deletes a task for its owner and leaves its files in place, detached', async () => {
    const { app } = await createTestApp();
    const res = await request(app).delete('/api/tasks/tsk_0001').set('Authorization', bearer('alice'));
    expect(res.status).toBe(204);
    const brief = await request(app).get('/api/files/fil_0001').set('Authorization', bearer('alice'));
    expect(brief.body.taskIds).toEqual([]);
    expect((await request(app).get('/api/files/fil_0001').set('Authorization', bearer('bob'))).status).toBe(404);
    expect(ids((await request(app).get('/api/tasks').set('Authorization', bearer('bob'))).body)).toEqual(['tsk_0006', 'tsk_0005']);
  });

  it.each([
    ['post', '/api/tasks'],
    ['get', '/api/tasks'],
    ['get', '/api/tasks/tsk_0001'],
    ['put', '/api/tasks/tsk_0001'],
    ['post', '/api/tasks/tsk_0001/status'],
    ['delete', '/api/tasks/tsk_0001'],
  ] as const)('%s %s answers 401 without a token', async (method, path) => {
    const { app } = await createTestApp();
    const res = await request(app)[method](path).send({ title: 'x', status: 'done' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'UNAUTHENTICATED' });
  });

  it.each([
    ['get', '/api/tasks/bad%20id'],
    ['delete', '/api/tasks/bad%20id'],
  ] as const)('%s %s answers 400 for an id that breaks the pattern', async (method, path) => {
    const { app } = await createTestApp();
    const res = await request(app)[method](path).set('Authorization', bearer('alice'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';

const ALL_USERS = ['usr_alice', 'usr_bob', 'usr_carol', 'usr_dave', 'usr_erin'];

describe('getTaskEditRelations', () => {
  it("offers a new task every user, the caller's visible files, `open` and the priorities", async () => {
    const { app, context } = await createTestApp();
    const res = await request(app).get('/api/relations/task-edit').set('Authorization', bearer('alice'));
    expect(res.status).toBe(200);
    expect(res.body.assignees.map((user: { id: string }) => user.id)).toEqual(ALL_USERS);
    expect(res.body.assignees[1]).toEqual({
      id: 'usr_bob',
      displayName: 'Bob Brunner',
      avatarUrl: `${new URL(res.request.url).origin}/media/avatars/ava_0001`,
    });
    expect(res.body.files).toEqual([
      { id: 'fil_0004', name: 'contacts.csv', mimeType: 'text/csv', size: 47 },
      { id: 'fil_0002', name: 'logo.png', mimeType: 'image/png', size: 74 },
      { id: 'fil_0001', name: 'brief.txt', mimeType: 'text/plain', size: 51 },
    ]);
    expect(res.body.statuses).toEqual(['open']);
    expect(res.body.priorities).toEqual(['low', 'normal', 'high']);
    expect(context.violations).toEqual([]);
  });

  it.each([
    ['alice', 'tsk_0001', ['in_progress', 'done', 'archived']],
    ['alice', 'tsk_0002', ['open', 'done', 'archived']],
    ['alice', 'tsk_0003', ['open', 'archived']],
    ['alice', 'tsk_0004', ['open']],
    ['bob', 'tsk_0001', ['in_progress', 'done', 'archived']],
  ] as const)('%s editing %s may move it to %j', async (who, taskId, statuses) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/relations/task-edit').query({ taskId }).set('Authorization', bearer(who));
    expect(res.status).toBe(200);
    expect(res.body.statuses).toEqual(statuses);
    expect(res.body.assignees).toHaveLength(5);
  });

  it.each([
    ['carol', { taskId: 'tsk_0001' }, 404],
    ['alice', { taskId: 'tsk_0006' }, 404],
    ['alice', { taskId: 'tsk_9999' }, 404],
    ['alice', { taskId: 'not an id' }, 400],
  ] as const)('%s with %j answers %i', async (who, query, status) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/relations/task-edit').query(query).set('Authorization', bearer(who));
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(status === 404 ? 'NOT_FOUND' : 'VALIDATION_ERROR');
  });
});

describe('getFileEditRelations', () => {
  it("offers the caller's open tasks by title, the caller's rooms by name, and the file's links", async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/relations/file-edit').query({ fileId: 'fil_0001' }).set('Authorization', bearer('alice'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tasks: [
        { id: 'tsk_0003', title: 'Book the meeting room', status: 'done' },
        { id: 'tsk_0001', title: 'Prepare the demo', status: 'open' },
        { id: 'tsk_0002', title: 'Review the sign-up copy', status: 'in_progress' },
        { id: 'tsk_0005', title: 'Send Alice the contract', status: 'open' },
      ],
      linkedTaskIds: ['tsk_0001'],
      rooms: [
        { roomId: '!design:matrix.pocketm8.ch', name: 'Design' },
        { roomId: '!general:matrix.pocketm8.ch', name: 'General' },
        { roomId: '!ops:matrix.pocketm8.ch', name: 'Operations' },
      ],
      linkedRoomIds: ['!design:matrix.pocketm8.ch'],
    });
  });

  it("answers a user who sees the file through a task with that user's own tasks and rooms", async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/relations/file-edit').query({ fileId: 'fil_0001' }).set('Authorization', bearer('bob'));
    expect(res.status).toBe(200);
    expect(res.body.tasks.map((task: { id: string }) => task.id)).toEqual(['tsk_0006', 'tsk_0001', 'tsk_0005']);
    expect(res.body.rooms.map((room: { name: string }) => room.name)).toEqual(['Bob private', 'Design', 'General']);
  });

  it.each([
    ['alice', { fileId: 'fil_0003' }, 404, 'NOT_FOUND'],
    ['carol', { fileId: 'fil_0001' }, 404, 'NOT_FOUND'],
    ['alice', { fileId: 'fil_9999' }, 404, 'NOT_FOUND'],
    ['alice', {}, 400, 'VALIDATION_ERROR'],
    ['alice', { fileId: 'a/b' }, 400, 'VALIDATION_ERROR'],
  ] as const)('%s with %j answers %i', async (who, query, status, message) => {
    const { app } = await createTestApp();
    const res = await request(app).get('/api/relations/file-edit').query(query).set('Authorization', bearer(who));
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
  });

  it('answers 401 without a token, for both forms', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/api/relations/file-edit').query({ fileId: 'fil_0001' })).status).toBe(401);
    expect((await request(app).get('/api/relations/task-edit')).status).toBe(401);
  });
});

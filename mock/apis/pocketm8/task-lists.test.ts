// The task list comes from a per-user index (mock/domain/task-index.ts). Each way tasks change
// is made after a list was read (so the index exists), then the lists are read again: a stale
// index would show a task to a user who no longer sees it, or hide one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createClock } from '../../domain/clock.ts';
import { loadFixtures } from '../../engine/fixtures.ts';
import { createApp, type MockApp } from '../../server/app.ts';
import { createMemoryBlobStore } from '../../store/blobs.ts';
import { openFileStore } from '../../store/store.ts';
import { bearer, createTestApp, DEFAULT_FIXTURES, TEST_CONFIG } from '../../../test/harness.ts';

type Who = 'alice' | 'bob' | 'carol' | 'dave';

async function listed(mock: MockApp, who: Who, prefix = ''): Promise<string[]> {
  const res = await request(mock.app).get(`${prefix}/api/tasks?perPage=100`).set('Authorization', bearer(who));
  expect(res.status).toBe(200);
  return (res.body.data as { id: string }[]).map((task) => task.id).sort();
}

async function createTask(mock: MockApp, assigneeIds: string[], prefix = ''): Promise<string> {
  const res = await request(mock.app)
    .post(`${prefix}/api/tasks`)
    .set('Authorization', bearer('alice'))
    .send({ title: 'listed', assigneeIds });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const FIXTURE_LISTS = { bob: ['tsk_0001', 'tsk_0005', 'tsk_0006'], carol: ['tsk_0003'], dave: [] as string[] };

describe('task lists after every way tasks change', () => {
  it('follow creates, assignee changes and deletes', async () => {
    const mock = await createTestApp();
    expect(await listed(mock, 'bob')).toEqual(FIXTURE_LISTS.bob);
    const id = await createTask(mock, ['usr_bob']);
    expect(await listed(mock, 'bob')).toEqual([...FIXTURE_LISTS.bob, id].sort());

    // Assigned to carol instead (PUT replaces the assignees): bob loses it, carol gets it.
    const moved = await request(mock.app)
      .put(`/api/tasks/${id}`)
      .set('Authorization', bearer('alice'))
      .send({ title: 'listed', assigneeIds: ['usr_carol'] });
    expect(moved.status).toBe(200);
    expect(await listed(mock, 'bob')).toEqual(FIXTURE_LISTS.bob);
    expect(await listed(mock, 'carol')).toEqual([...FIXTURE_LISTS.carol, id].sort());
    // Unassigned: only its owner sees it.
    await request(mock.app).put(`/api/tasks/${id}`).set('Authorization', bearer('alice')).send({ title: 'listed' }).expect(200);
    expect(await listed(mock, 'carol')).toEqual(FIXTURE_LISTS.carol);
    expect(await listed(mock, 'alice')).toContain(id);

    await request(mock.app).delete(`/api/tasks/${id}`).set('Authorization', bearer('alice')).expect(204);
    expect(await listed(mock, 'alice')).not.toContain(id);
    // A delete and a create between two lists: as many tasks as before, another array.
    const gone = await createTask(mock, ['usr_bob']);
    expect(await listed(mock, 'bob')).toContain(gone);
    await request(mock.app).delete(`/api/tasks/${gone}`).set('Authorization', bearer('alice')).expect(204);
    const other = await createTask(mock, ['usr_carol']);
    expect(await listed(mock, 'bob')).toEqual(FIXTURE_LISTS.bob);
    expect(await listed(mock, 'carol')).toEqual([...FIXTURE_LISTS.carol, other].sort());
    // A status change keeps the task in the lists of those who see it.
    await request(mock.app)
      .post('/api/tasks/tsk_0001/status')
      .set('Authorization', bearer('bob'))
      .send({ status: 'in_progress' })
      .expect(200);
    expect(await listed(mock, 'bob')).toEqual(FIXTURE_LISTS.bob);
  });

  it('follow a reset, a snapshot restored, a world copied and a world made from the fixtures', async () => {
    const mock = await createTestApp();
    await request(mock.app).post('/__mock/snapshots/before').expect(201);
    const id = await createTask(mock, ['usr_dave']);
    expect(await listed(mock, 'dave')).toEqual([id]);

    await request(mock.app).post('/__mock/snapshots/before/restore').expect(200);
    expect(await listed(mock, 'dave')).toEqual([]);

    const again = await createTask(mock, ['usr_dave']);
    await request(mock.app).put('/__mock/worlds/copy').send({ from: 'world:default' }).expect(201);
    expect(await listed(mock, 'dave', '/worlds/copy')).toEqual([again]);
    // Each world its own index: a change in the copy leaves the default world's lists alone.
    await request(mock.app).delete(`/worlds/copy/api/tasks/${again}`).set('Authorization', bearer('alice')).expect(204);
    expect(await listed(mock, 'dave', '/worlds/copy')).toEqual([]);
    expect(await listed(mock, 'dave')).toEqual([again]);

    await request(mock.app).put('/__mock/worlds/fresh').expect(201);
    expect(await listed(mock, 'dave', '/worlds/fresh')).toEqual([]);
    await request(mock.app).put('/__mock/worlds/copy').send({ from: 'fixtures' }).expect(200);
    expect(await listed(mock, 'dave', '/worlds/copy')).toEqual([]);

    await request(mock.app).post('/__mock/reset').expect(200);
    expect(await listed(mock, 'dave')).toEqual([]);
    expect(await listed(mock, 'bob')).toEqual(FIXTURE_LISTS.bob);
  });

  describe('on a file store', () => {
    const folders: string[] = [];
    afterAll(async () => {
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    });

    it('follow the state read back from db.json and its log', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'pocketm8-lists-'));
      folders.push(folder);
      const fixtures = await loadFixtures(DEFAULT_FIXTURES);
      const open = async () =>
        createApp({
          config: TEST_CONFIG,
          store: await openFileStore(join(folder, 'db.json'), fixtures.data),
          blobs: createMemoryBlobStore(fixtures.media),
          fixtures,
          clock: createClock(),
        });
      const first = await open();
      expect(await listed(first, 'dave')).toEqual([]);
      const folded = await createTask(first, ['usr_dave']);
      const logged = await createTask(first, ['usr_dave']);
      // Not flushed: the second task is in the log only, as after a crash.
      const reopened = await open();
      expect(await listed(reopened, 'dave')).toEqual([folded, logged].sort());
    });
  });
});

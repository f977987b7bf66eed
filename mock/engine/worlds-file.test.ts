// Named worlds over a file store (mock/store/world-storage.ts): each under worlds/{name}/ beside
// db.json, read back after a clean restart, and gone from the disk when deleted.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../domain/clock.ts';
import { createApp, type MockApp } from '../server/app.ts';
import { createFileBlobStore } from '../store/blobs.ts';
import { openFileStore } from '../store/store.ts';
import { fileWorldStorage } from '../store/file-world-storage.ts';
import { bearer, DEFAULT_FIXTURES, TEST_CONFIG } from '../../test/harness.ts';
import { loadFixtures } from './fixtures.ts';
import type { operations } from '../../spec/generated/mock-control.ts';

const fixtures = loadFixtures(DEFAULT_FIXTURES);
type Listed = operations['listWorlds']['responses'][200]['content']['application/json'];

let folder: string;
let dbFile: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pocketm8-worlds-'));
  dbFile = join(folder, 'db.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The mock as the bin builds it with `--db <folder>/db.json`. */
async function start(): Promise<MockApp> {
  const loaded = await fixtures;
  return createApp({
    config: TEST_CONFIG,
    store: await openFileStore(dbFile, loaded.data),
    blobs: createFileBlobStore(join(folder, 'media'), loaded.media),
    fixtures: loaded,
    clock: createClock(),
    worldStorage: fileWorldStorage(dbFile, loaded.media),
  });
}

const titles = async (app: MockApp['app'], prefix = '') =>
  ((await request(app).get(`${prefix}/api/tasks?perPage=100`).set('Authorization', bearer('alice'))).body.data as { title: string }[]).map(
    (task) => task.title,
  );

/** A task `in {name}` in each world named (which makes the world). */
async function taskIn(app: MockApp['app'], ...worlds: string[]): Promise<void> {
  for (const name of worlds)
    await request(app)
      .post(`/worlds/${name}/api/tasks`)
      .set('Authorization', bearer('alice'))
      .send({ title: `in ${name}` })
      .expect(201);
}

describe('named worlds in a file store', () => {
  it('survive a clean restart, each with its own state and uploads, under worlds/{name}/', async () => {
    const first = await start();
    const kept = await request(first.app)
      .post('/worlds/keep/api/tasks')
      .set('Authorization', bearer('alice'))
      .send({ title: 'kept in keep' });
    expect(kept.status).toBe(201);
    const file = await request(first.app)
      .post('/api/files')
      .set('X-Mock-World', 'keep')
      .set('Authorization', bearer('alice'))
      .attach('file', Buffer.from('bytes of keep'), { filename: 'keep.txt', contentType: 'text/plain' });
    expect(file.status).toBe(201);
    await request(first.app).post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'kept in default' }).expect(201);
    await first.mock.close();
    expect(existsSync(join(folder, 'worlds', 'keep', 'db.json'))).toBe(true);
    expect(await readdir(join(folder, 'worlds', 'keep', 'media'))).toHaveLength(1);

    const second = await start();
    const task = await request(second.app).get(`/worlds/keep/api/tasks/${kept.body.id}`).set('Authorization', bearer('alice'));
    expect(task.status).toBe(200);
    expect(task.body.title).toBe('kept in keep');
    const bytes = await request(second.app).get(`/worlds/keep/media/files/${file.body.id}`);
    expect(bytes.status).toBe(200);
    expect(bytes.text).toBe('bytes of keep');
    expect(await titles(second.app, '/worlds/keep')).not.toContain('kept in default');
    expect(await titles(second.app)).toContain('kept in default');
    expect(await titles(second.app)).not.toContain('kept in keep');
    await second.mock.close();
  });

  it('after a restart, GET /__mock/worlds lists the worlds kept on disk as before, without a request to each', async () => {
    const first = await start();
    await taskIn(first.app, 'qa-anna', 'qa-ben');
    await request(first.app).post('/__mock/clock').set('X-Mock-World', 'qa-ben').send({ advance: '11m' }).expect(200);
    const before = (await request(first.app).get('/__mock/worlds')).body as Listed;
    await first.mock.close();

    const second = await start();
    const after = (await request(second.app).get('/__mock/worlds')).body as Listed;
    expect(after.map((world) => world.name).sort()).toEqual(['default', 'qa-anna', 'qa-ben']);
    for (const name of ['qa-anna', 'qa-ben']) {
      const was = before.find((world) => world.name === name)!;
      const now = after.find((world) => world.name === name)!;
      expect(now.counts).toEqual(was.counts);
      // Times of the disk: made no later than its first write, last used no earlier than that.
      expect(Date.parse(now.createdAt)).toBeLessThanOrEqual(Date.parse(now.lastUsedAt));
      expect(Date.parse(now.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(was.createdAt));
    }
    // Listing read them back; it did not make them fresh.
    expect(await titles(second.app, '/worlds/qa-anna')).toContain('in qa-anna');
    await second.mock.close();
  });

  it('DELETE removes the folder of a world, opened or only on disk from an earlier run', async () => {
    const first = await start();
    await taskIn(first.app, 'opened', 'on-disk');
    await request(first.app).delete('/__mock/worlds/opened').expect(204);
    expect(existsSync(join(folder, 'worlds', 'opened'))).toBe(false);
    expect(existsSync(join(folder, 'worlds', 'on-disk', 'db.json'))).toBe(true);
    await first.mock.close();

    const second = await start();
    // Not requested since the restart: still known, and deleted from the disk.
    await request(second.app).delete('/__mock/worlds/on-disk').expect(204);
    expect(await readdir(join(folder, 'worlds'))).toEqual([]);
    expect(await titles(second.app, '/worlds/on-disk')).not.toContain('in on-disk');
    await request(second.app).delete('/__mock/worlds/never').expect(404);
    await second.mock.close();
  });

  it('PUT over a world kept on disk by an earlier run makes it fresh', async () => {
    const first = await start();
    await request(first.app).post('/worlds/again/api/tasks').set('Authorization', bearer('alice')).send({ title: 'old run' }).expect(201);
    await first.mock.close();
    const second = await start();
    expect((await request(second.app).put('/__mock/worlds/again')).status).toBe(200);
    expect(await titles(second.app, '/worlds/again')).not.toContain('old run');
    await second.mock.close();
    const third = await start();
    expect(await titles(third.app, '/worlds/again')).not.toContain('old run');
    await third.mock.close();
  });
});

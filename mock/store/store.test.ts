import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyData, type Data } from './data.ts';
import { changed } from './marks.ts';
import { logPathOf, openFileStore, readStoredState, type Store } from './store.ts';
import { taskRecord } from '../../test/records.ts';

const folders: string[] = [];
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});
function dbFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pm8-store-'));
  folders.push(folder);
  return join(folder, 'db.json');
}
const initial = () => ({ ...emptyData(), idCounters: { tsk: 7 } });
/** A change to the id counter, noted as the services note theirs. */
const count = (store: Store, n: number) => {
  store.data.idCounters.tsk = n;
  changed(store.data, 'idCounters');
};

describe('openFileStore', () => {
  it('starts a missing file from the initial state and writes nothing until the first change', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    expect(store.data.idCounters).toEqual({ tsk: 7 });
    expect(existsSync(file)).toBe(false);
    await store.commit();
    expect(existsSync(file)).toBe(false);

    count(store, 8);
    await store.commit();
    expect(JSON.parse(readFileSync(file, 'utf8')).idCounters).toEqual({ tsk: 8 });
  });

  it('makes the folders of a db.json path that does not exist yet', async () => {
    const file = join(dbFile(), '..', 'new', 'folder', 'db.json');
    const store = await openFileStore(file, initial);
    count(store, 9);
    await store.commit();
    expect((await readStoredState(file))!.idCounters).toEqual({ tsk: 9 });
  });

  it('reopens what it wrote, not the initial state', async () => {
    const file = dbFile();
    const first = await openFileStore(file, initial);
    first.data.sends.push({ purpose: 'phone-change', destination: '+41790000000', at: '2026-11-22T00:00:00.000Z' });
    changed(first.data, 'sends');
    await first.commit();
    const again = await openFileStore(file, initial);
    expect(again.data.sends).toHaveLength(1);
  });

  it('groups the changes that arrive during a write into one next write, and answers each commit once written', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    const commits = [];
    for (let n = 1; n <= 20; n += 1) {
      count(store, n);
      commits.push(store.commit());
    }
    await Promise.all(commits);
    expect(JSON.parse(readFileSync(file, 'utf8')).idCounters.tsk).toBe(20);
  });
});

describe('the file store log', () => {
  const task = (n: number) => taskRecord(`tsk_${n}`, `task ${n}`);
  const onDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Data;
  const add = (store: Store, n: number) => {
    store.data.tasks.push(task(n));
    changed(store.data, 'tasks');
  };
  const sha1Of = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');
  /** The log's lines after its header, which names the db.json it follows. */
  const logged = (file: string) => {
    const [header, ...lines] = readFileSync(logPathOf(file), 'utf8').trim().split('\n');
    expect(JSON.parse(header!)).toEqual({ base: sha1Of(file) });
    return lines.map((line) => JSON.parse(line) as unknown[]);
  };
  /** A store whose db.json was written (on its first write), then a task that only the log holds. */
  const withLoggedTask = async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    count(store, 8);
    await store.commit();
    add(store, 1);
    await store.commit();
    return { file, store };
  };

  it('writes db.json whole once, then appends only what changed to db.json.log', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    add(store, 1);
    await store.commit();
    expect(onDisk(file).tasks).toHaveLength(1);
    expect(logged(file)).toEqual([]);

    add(store, 2);
    store.data.tasks[0]!.title = 'renamed';
    changed(store.data, 'tasks', store.data.tasks[0]!);
    await store.commit();
    expect(onDisk(file).tasks.map((stored) => stored.title)).toEqual(['task 1']);
    expect(logged(file)).toEqual([
      [
        ['set', 'tasks', { ...task(1), title: 'renamed' }],
        ['set', 'tasks', task(2)],
      ],
    ]);
    expect((await readStoredState(file))!.tasks.map((stored) => stored.title)).toEqual(['renamed', 'task 2']);
  });

  it('keeps the changes made while db.json is being rewritten, for the next write', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    let folded = false;
    count(store, 8);
    const commits: Promise<unknown>[] = [store.commit().then(() => (folded = true))];
    // A change at every turn of the event loop until the first write (the fold) is done.
    for (let n = 1; !folded; n += 1) {
      await new Promise((done) => setImmediate(done));
      add(store, n);
      commits.push(store.commit());
    }
    await Promise.all(commits);
    expect((await readStoredState(file))!.tasks).toHaveLength(store.data.tasks.length);
  });

  it('writes nothing for a commit that changed nothing, nor for one whose noted records are as they were', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial);
    count(store, 8);
    await store.commit();
    const written = statSync(file).mtimeMs;
    await store.commit();
    await store.commit();
    store.data.tasks = [...store.data.tasks];
    changed(store.data, 'tasks');
    changed(store.data, 'idCounters');
    await store.commit();
    expect(logged(file)).toEqual([]);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('answers a commit with nothing noted once the write under way (which may hold its changes) is done', async () => {
    const { file, store } = await withLoggedTask();
    add(store, 2);
    let written = false;
    const writing = store.commit().then(() => (written = true));
    // The change of this request was noted before the write began, and is in it.
    await store.commit();
    expect(written).toBe(true);
    await writing;
    expect((await readStoredState(file))!.tasks).toHaveLength(2);
  });

  it('replays the log on open, and folds it into db.json on the first write and on flush', async () => {
    const { file } = await withLoggedTask();
    // Killed here: db.json lacks the task, the log has it.
    expect(onDisk(file).tasks).toEqual([]);

    const again = await openFileStore(file, initial);
    expect(again.data.tasks.map((stored) => stored.id)).toEqual(['tsk_1']);
    add(again, 2);
    await again.commit();
    expect(onDisk(file).tasks.map((stored) => stored.id)).toEqual(['tsk_1', 'tsk_2']);
    expect(logged(file)).toEqual([]);

    again.data.tasks.splice(0, 1);
    changed(again.data, 'tasks');
    await again.commit();
    await again.flush();
    expect(onDisk(file).tasks.map((stored) => stored.id)).toEqual(['tsk_2']);
    expect(logged(file)).toEqual([]);
  });

  it('leaves out a last line cut short by a crash', async () => {
    const { file } = await withLoggedTask();
    appendFileSync(logPathOf(file), '[["set","tasks",{"id":"tsk_2","ti');
    expect((await readStoredState(file))!.tasks.map((stored) => stored.id)).toEqual(['tsk_1']);
  });

  it('folds the log once it outgrows its limit and db.json', async () => {
    const file = dbFile();
    const store = await openFileStore(file, initial, { foldAtBytes: 2_000 });
    count(store, 8);
    await store.commit();
    for (let n = 1; n <= 20; n += 1) {
      add(store, n);
      await store.commit();
    }
    expect(statSync(logPathOf(file)).size).toBeLessThan(2_000);
    expect(onDisk(file).tasks.length).toBeGreaterThan(1);
    expect((await readStoredState(file))!.tasks).toHaveLength(20);
  });

  it('replays a log only over the db.json it names (not one left from before db.json was rewritten)', async () => {
    const { file, store } = await withLoggedTask();
    const oldBase = sha1Of(file);
    await store.flush();
    const base = sha1Of(file);
    const change = JSON.stringify([['set', 'tasks', { ...task(1), title: 'from the log' }]]);
    writeFileSync(logPathOf(file), `${JSON.stringify({ base: oldBase })}\n${change}\n`);
    expect((await readStoredState(file))!.tasks.map((stored) => stored.title)).toEqual(['task 1']);
    writeFileSync(logPathOf(file), `${JSON.stringify({ base })}\n${change}\n`);
    expect((await readStoredState(file))!.tasks.map((stored) => stored.title)).toEqual(['from the log']);
  });

  it('restarts on a clean stop without rewriting db.json when nothing changed', async () => {
    const { file, store } = await withLoggedTask();
    await store.flush();
    const folded = statSync(file).ino;
    const again = await openFileStore(file, initial);
    await again.flush();
    // A rewrite renames a new file over db.json: another inode.
    expect(statSync(file).ino).toBe(folded);
    expect(again.data.tasks.map((stored) => stored.id)).toEqual(['tsk_1']);
  });

  it('drops a log whose db.json was deleted to start over', async () => {
    const { file } = await withLoggedTask();
    rmSync(file);
    const reopened = await openFileStore(file, initial);
    expect(reopened.data).toEqual(initial());
    expect(existsSync(logPathOf(file))).toBe(false);
  });
});

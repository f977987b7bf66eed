import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSize } from './options.ts';

const run = promisify(execFile);

interface GeneratedTask {
  id: string;
  status: string;
  ownerId: string;
  assigneeIds: string[];
}

interface GeneratedDb {
  users: { id: string }[];
  sessions: { token: string; userId: string; expiresAt: string }[];
  tasks: GeneratedTask[];
}

/** A generated data set and what the scenarios need from it. */
export interface Dataset {
  size: DataSize;
  /** Fixtures folder for the mock (db.json + media/). */
  fixturesDir: string;
  /** `{ "tasks": [...] }`: json-server's db and the bare servers' memory. */
  tasksFile: string;
  /** A ready bearer token per user (users without a live session are left out). */
  users: { id: string; token: string }[];
  /** Tasks with the token of a user who may read them, spread over many users. */
  reads: { taskId: string; token: string }[];
}

const READS = 1000;

/** The generator's own source: a changed generator makes a new cache entry. */
async function generatorHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(join(root, 'scripts/generate-fixtures.ts')));
  const helpers = join(root, 'scripts/fixtures');
  for (const name of (await readdir(helpers).catch(() => [] as string[])).sort())
    hash.update(name).update(await readFile(join(helpers, name)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Runs scripts/generate-fixtures.ts for one size (cached under .tmp/bench/ by size, seed and the
 * generator's source) and reads from it the tokens and task ids the scenarios send.
 */
export async function prepareDataset(root: string, size: DataSize, seed: string): Promise<Dataset> {
  const stem = `${size.users}u-${size.tasks}t-${size.files}f-${seed}-`;
  const cache = join(root, '.tmp/bench/fixtures');
  const folder = join(cache, `${stem}${await generatorHash(root)}`);
  if (!existsSync(join(folder, 'db.json'))) {
    // What an older generator wrote for the same size and seed is stale.
    for (const name of await readdir(cache).catch(() => [] as string[]))
      if (name.startsWith(stem)) await rm(join(cache, name), { recursive: true, force: true });
    const building = `${folder}.building`;
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    const args = [
      '--import',
      'tsx',
      'scripts/generate-fixtures.ts',
      '--users',
      String(size.users),
      '--tasks',
      String(size.tasks),
      '--files',
      String(size.files),
      '--seed',
      seed,
      '--base',
      'none',
      '--out',
      building,
    ];
    await run(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    await rm(folder, { recursive: true, force: true });
    await rename(building, folder);
  }
  const db = JSON.parse(await readFile(join(folder, 'db.json'), 'utf8')) as GeneratedDb;
  if (db.tasks.length !== size.tasks) throw new Error(`generated ${db.tasks.length} tasks, asked for ${size.tasks}`);
  const tasksFile = join(folder, 'tasks.json');
  if (!existsSync(tasksFile)) await writeFile(tasksFile, JSON.stringify({ tasks: db.tasks }));

  const now = Date.now();
  const tokenOf = new Map<string, string>();
  for (const session of db.sessions) {
    if (Date.parse(session.expiresAt) > now && !tokenOf.has(session.userId)) tokenOf.set(session.userId, session.token);
  }
  const users = db.users.flatMap((user) => {
    const token = tokenOf.get(user.id);
    return token ? [{ id: user.id, token }] : [];
  });
  if (users.length === 0) throw new Error(`the generated data in ${folder} has no user with a live session token`);
  // Every n-th task, read with its owner's token: many users, many tasks, the same list for every server.
  const step = Math.max(1, Math.floor(db.tasks.length / READS));
  const reads: Dataset['reads'] = [];
  for (let index = 0; index < db.tasks.length && reads.length < READS; index += step) {
    const task = db.tasks[index];
    const token = task && (tokenOf.get(task.ownerId) ?? task.assigneeIds.map((id) => tokenOf.get(id)).find(Boolean));
    if (task && token) reads.push({ taskId: task.id, token });
  }
  if (reads.length === 0) throw new Error(`the generated data in ${folder} has no task readable with a ready token`);
  return { size, fixturesDir: folder, tasksFile, users, reads };
}

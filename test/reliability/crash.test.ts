import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../mock/store/data.ts';
import { readStoredState } from '../../mock/store/store.ts';
import { TOKENS } from '../harness.ts';
import { recordFigures } from './figures.ts';
import { startMockProcess, type MockProcess } from './mock-process.ts';

const ROUNDS = 4;
const WORKERS = 40;
/** Acknowledged writes per round before the kill; the workers keep ~WORKERS more in flight. */
const ACKED_BEFORE_KILL = 150;
const USERS = ['alice', 'bob', 'carol', 'dave'] as const;

/** What the clients were told is done: each of these must be on disk after any crash. */
interface Acknowledged {
  tasks: Map<string, { title: string; ownerId: string }>;
  /** Task deletions that answered 204. */
  deleted: Set<string>;
  /** Uploads that answered 201, with their bytes. */
  files: Map<string, string>;
}

const headers = (who: (typeof USERS)[number]) => ({ Authorization: `Bearer ${TOKENS[who]}` });

/**
 * WORKERS clients writing at once (task creations, uploads, deletions of acknowledged tasks)
 * until `stop()` is true or the server goes away; answers how many writes were sent.
 */
async function writeLoad(
  origin: string,
  round: number,
  acked: Acknowledged,
  stop: () => boolean,
): Promise<{ sent: number; acknowledged: number }> {
  let sent = 0;
  let acknowledged = 0;
  const worker = async (index: number) => {
    for (let n = 0; !stop(); n += 1) {
      const who = USERS[index % USERS.length]!;
      const label = `crash r${round} w${index} n${n}`;
      const kind = (index + n) % 4;
      const mine = kind === 3 ? [...acked.tasks].find(([, task]) => task.ownerId === `usr_${who}`) : undefined;
      sent += 1;
      try {
        if (kind === 1) {
          const bytes = `${label}: ${'x'.repeat(200 + index)}`;
          const form = new FormData();
          form.append('file', new Blob([bytes], { type: 'text/plain' }), `${label}.txt`);
          const res = await fetch(`${origin}/api/files`, { method: 'POST', headers: headers(who), body: form });
          if (res.status !== 201) throw new Error(`upload answered ${res.status}`);
          acked.files.set(((await res.json()) as { id: string }).id, bytes);
        } else if (mine) {
          // In flight, its outcome is unknown: the task must neither be found nor be missing.
          acked.tasks.delete(mine[0]);
          const res = await fetch(`${origin}/api/tasks/${mine[0]}`, { method: 'DELETE', headers: headers(who) });
          if (res.status !== 204) throw new Error(`delete answered ${res.status}`);
          acked.deleted.add(mine[0]);
        } else {
          const res = await fetch(`${origin}/api/tasks`, {
            method: 'POST',
            headers: { ...headers(who), 'Content-Type': 'application/json' },
            body: JSON.stringify({ title: label }),
          });
          if (res.status !== 201) throw new Error(`create answered ${res.status}`);
          const task = (await res.json()) as { id: string; title: string; ownerId: string };
          acked.tasks.set(task.id, { title: task.title, ownerId: task.ownerId });
        }
        acknowledged += 1;
      } catch (error) {
        if (stop()) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  return { sent, acknowledged };
}

/** What the store's files (db.json and its log, as a restart reads them) lack of the acknowledged writes. */
async function lostWrites(dbFile: string, acked: Acknowledged): Promise<string[]> {
  const data = (await readStoredState(dbFile))!;
  const tasks = new Map(data.tasks.map((task) => [task.id, task]));
  const lost: string[] = [];
  for (const [id, task] of acked.tasks) {
    const stored = tasks.get(id);
    if (stored?.title !== task.title || stored.ownerId !== task.ownerId) lost.push(`task ${id} (${task.title})`);
  }
  for (const id of acked.deleted) if (tasks.has(id)) lost.push(`deletion of ${id}`);
  const files = new Map(data.files.map((file) => [file.id, file]));
  for (const [id, bytes] of acked.files) {
    const blob = files.get(id)?.blob;
    const path = blob === undefined ? undefined : join(dbFile, '..', 'media', blob);
    if (!path || !existsSync(path) || readFileSync(path, 'utf8') !== bytes) lost.push(`file ${id}`);
  }
  return lost;
}

describe('crash safety of the file store, with the real bin as a child process', () => {
  let folder: string;
  let running: MockProcess | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pocketm8-crash-'));
  });

  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs under concurrent load, and restarts on the same file`, async () => {
    const dbFile = join(folder, 'crash', 'db.json');
    const acked: Acknowledged = { tasks: new Map(), deleted: new Set(), files: new Map() };
    const rounds: { sent: number; acknowledged: number; inFlightAtKill: number }[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      running = await startMockProcess(['--db', dbFile]);
      const mock = running;
      let killed = false;
      let ackedThisRound = 0;
      const before = acked.tasks.size + acked.deleted.size + acked.files.size;
      const load = writeLoad(mock.origin, round, acked, () => killed);
      // Kill mid-load, once enough writes are acknowledged and the rest are in flight.
      while (ackedThisRound < ACKED_BEFORE_KILL) {
        await new Promise((done) => setTimeout(done, 5));
        ackedThisRound = acked.tasks.size + acked.deleted.size + acked.files.size - before;
      }
      mock.child.kill('SIGKILL');
      killed = true;
      const { signal } = await mock.exited;
      expect(signal).toBe('SIGKILL');
      const { sent, acknowledged } = await load;
      rounds.push({ sent, acknowledged, inFlightAtKill: sent - acknowledged });
      // The file is whole JSON, and holds everything that was acknowledged.
      expect(() => JSON.parse(readFileSync(dbFile, 'utf8')) as unknown).not.toThrow();
      expect(await lostWrites(dbFile, acked)).toEqual([]);
    }

    // A last restart serves what was acknowledged through the API too.
    running = await startMockProcess(['--db', dbFile]);
    const [someTask] = [...acked.tasks];
    const res = await fetch(`${running.origin}/api/tasks/${someTask![0]}`, {
      headers: { Authorization: `Bearer ${TOKENS[someTask![1].ownerId.slice(4) as 'alice']}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { title: string }).title).toBe(someTask![1].title);
    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
    running = undefined;

    // Temporary files of writes cut short by a kill are cleared at the next start.
    const leftovers = readdirSync(join(folder, 'crash')).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    recordFigures('crash', {
      rounds: ROUNDS,
      writesSent: rounds.reduce((sum, round) => sum + round.sent, 0),
      writesAcknowledged: rounds.reduce((sum, round) => sum + round.acknowledged, 0),
      acknowledgedWritesChecked: acked.tasks.size + acked.deleted.size + acked.files.size,
      writesLost: 0,
      inFlightAtKill: rounds.map((round) => round.inFlightAtKill),
      tasksChecked: acked.tasks.size,
      deletionsChecked: acked.deleted.size,
      filesChecked: acked.files.size,
      staleTempFiles: leftovers.length,
    });
  }, 180_000);

  it('on SIGTERM finishes the requests in flight, writes them to disk, then exits 0', async () => {
    const dbFile = join(folder, 'term', 'db.json');
    running = await startMockProcess(['--db', dbFile]);
    const mock = running;
    const titles = Array.from({ length: 20 }, (_, index) => `term ${index}`);
    // Slow writes (Prefer: latency) that are still being handled when the signal comes.
    const writes = titles.map((title) =>
      fetch(`${mock.origin}/api/tasks`, {
        method: 'POST',
        headers: { ...headers('alice'), 'Content-Type': 'application/json', Prefer: 'latency=1500' },
        body: JSON.stringify({ title }),
      }),
    );
    await new Promise((done) => setTimeout(done, 500));
    const signalled = performance.now();
    mock.child.kill('SIGTERM');
    const answers = await Promise.all(writes);
    expect(answers.map((answer) => answer.status)).toEqual(titles.map(() => 201));
    const { code } = await mock.exited;
    expect(code).toBe(0);
    const stored = (JSON.parse(readFileSync(dbFile, 'utf8')) as Data).tasks.map((task) => task.title);
    expect(stored).toEqual(expect.arrayContaining(titles));
    recordFigures('sigterm', {
      inFlight: titles.length,
      answered2xx: answers.filter((answer) => answer.status === 201).length,
      onDisk: titles.filter((title) => stored.includes(title)).length,
      exitCode: code,
      exitAfterMs: Math.round(performance.now() - signalled),
    });
    running = undefined;
  }, 60_000);
});

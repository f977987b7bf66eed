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
/** Four worlds take writes at once: the default one, and three named worlds chosen by header or prefix. */
const WORLDS = [
  { name: 'default', via: 'none' },
  { name: 'crash-a', via: 'header' },
  { name: 'crash-b', via: 'prefix' },
  { name: 'crash-c', via: 'header' },
] as const;
type World = (typeof WORLDS)[number];
/** Writers per world (40 in all). */
const WORKERS = 10;
/** Acknowledged writes per world and round before the kill; the workers keep ~WORKERS more in flight in each. */
const ACKED_BEFORE_KILL = 40;
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

const newAcknowledged = (): Acknowledged => ({ tasks: new Map(), deleted: new Set(), files: new Map() });
const countOf = (acked: Acknowledged) => acked.tasks.size + acked.deleted.size + acked.files.size;

/** Where a world's requests go (`/worlds/{name}` for the prefix) and the headers that choose it. */
function address(origin: string, world: World): { base: string; chosen: Record<string, string> } {
  if (world.via === 'prefix') return { base: `${origin}/worlds/${world.name}`, chosen: {} };
  return { base: origin, chosen: world.via === 'header' ? { 'X-Mock-World': world.name } : {} };
}

/** The db.json a world keeps its state in: the main one for default, worlds/{name}/db.json beside it for the others. */
const dbFileOf = (dbFile: string, world: World) =>
  world.name === 'default' ? dbFile : join(dbFile, '..', 'worlds', world.name, 'db.json');

/**
 * WORKERS clients writing at once in one world (task creations, uploads, deletions of
 * acknowledged tasks) until `stop()` is true or the server goes away; answers how many writes
 * were sent and acknowledged.
 */
async function writeLoad(
  origin: string,
  world: World,
  round: number,
  acked: Acknowledged,
  stop: () => boolean,
): Promise<{ sent: number; acknowledged: number }> {
  let sent = 0;
  let acknowledged = 0;
  const { base, chosen } = address(origin, world);
  const inWorld = (who: (typeof USERS)[number]) => ({ ...headers(who), ...chosen });
  const worker = async (index: number) => {
    for (let n = 0; !stop(); n += 1) {
      const who = USERS[index % USERS.length]!;
      const label = `crash ${world.name} r${round} w${index} n${n}`;
      const kind = (index + n) % 4;
      const mine = kind === 3 ? [...acked.tasks].find(([, task]) => task.ownerId === `usr_${who}`) : undefined;
      sent += 1;
      try {
        if (kind === 1) {
          const bytes = `${label}: ${'x'.repeat(200 + index)}`;
          const form = new FormData();
          form.append('file', new Blob([bytes], { type: 'text/plain' }), `${label}.txt`);
          const res = await fetch(`${base}/api/files`, { method: 'POST', headers: inWorld(who), body: form });
          if (res.status !== 201) throw new Error(`upload answered ${res.status}`);
          acked.files.set(((await res.json()) as { id: string }).id, bytes);
        } else if (mine) {
          // In flight, its outcome is unknown: the task must neither be found nor be missing.
          acked.tasks.delete(mine[0]);
          const res = await fetch(`${base}/api/tasks/${mine[0]}`, { method: 'DELETE', headers: inWorld(who) });
          if (res.status !== 204) throw new Error(`delete answered ${res.status}`);
          acked.deleted.add(mine[0]);
        } else {
          const res = await fetch(`${base}/api/tasks`, {
            method: 'POST',
            headers: { ...inWorld(who), 'Content-Type': 'application/json' },
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

  it(`keeps every acknowledged write of ${WORLDS.length} worlds through ${ROUNDS} SIGKILLs under concurrent load, and restarts on the same files`, async () => {
    const dbFile = join(folder, 'crash', 'db.json');
    const acked = new Map<World, Acknowledged>(WORLDS.map((world) => [world, newAcknowledged()]));
    const rounds: { world: string; round: number; sent: number; acknowledged: number; inFlightAtKill: number }[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      running = await startMockProcess(['--db', dbFile]);
      const mock = running;
      let killed = false;
      const before = new Map(WORLDS.map((world) => [world, countOf(acked.get(world)!)]));
      const loads = WORLDS.map((world) => writeLoad(mock.origin, world, round, acked.get(world)!, () => killed));
      // Kill mid-load, once every world has enough writes acknowledged and the rest are in flight.
      const ackedThisRound = () => Math.min(...WORLDS.map((world) => countOf(acked.get(world)!) - before.get(world)!));
      while (ackedThisRound() < ACKED_BEFORE_KILL) await new Promise((done) => setTimeout(done, 5));
      mock.child.kill('SIGKILL');
      killed = true;
      const { signal } = await mock.exited;
      expect(signal).toBe('SIGKILL');
      const outcomes = await Promise.all(loads);
      for (const [index, world] of WORLDS.entries()) {
        const { sent, acknowledged } = outcomes[index]!;
        rounds.push({ world: world.name, round, sent, acknowledged, inFlightAtKill: sent - acknowledged });
        // Each world's file is whole JSON, and holds everything that was acknowledged in that world.
        const file = dbFileOf(dbFile, world);
        expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown, file).not.toThrow();
        expect(await lostWrites(file, acked.get(world)!), `${world.name}, round ${round}`).toEqual([]);
      }
    }

    // A last restart serves what was acknowledged through the API too: each world reads back its
    // own db.json at its first request (the same task ids exist in every world, with other titles).
    running = await startMockProcess(['--db', dbFile]);
    const origin = running.origin;
    for (const world of WORLDS) {
      const { base, chosen } = address(origin, world);
      const tasks = [...acked.get(world)!.tasks].slice(-20);
      for (const [id, task] of tasks) {
        const res = await fetch(`${base}/api/tasks/${id}`, {
          headers: { Authorization: `Bearer ${TOKENS[task.ownerId.slice(4) as 'alice']}`, ...chosen },
        });
        expect(res.status, `${world.name} ${id}`).toBe(200);
        expect(((await res.json()) as { title: string }).title).toBe(task.title);
      }
      expect(tasks.every(([, task]) => task.title.startsWith(`crash ${world.name} `))).toBe(true);
    }
    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
    running = undefined;

    // Temporary files of writes cut short by a kill are cleared at the next start (each world's at its first request).
    const leftovers = readdirSync(join(folder, 'crash'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    const perWorld = Object.fromEntries(
      WORLDS.map((world) => {
        const mine = rounds.filter((round) => round.world === world.name);
        const checked = acked.get(world)!;
        return [
          world.name,
          {
            chosenBy: world.via,
            writesSent: mine.reduce((sum, round) => sum + round.sent, 0),
            writesAcknowledged: mine.reduce((sum, round) => sum + round.acknowledged, 0),
            acknowledgedWritesChecked: countOf(checked),
            writesLost: 0,
            inFlightAtKill: mine.map((round) => round.inFlightAtKill),
            tasksChecked: checked.tasks.size,
            deletionsChecked: checked.deleted.size,
            filesChecked: checked.files.size,
          },
        ];
      }),
    );
    recordFigures('crash', {
      rounds: ROUNDS,
      worlds: WORLDS.length,
      writesSent: rounds.reduce((sum, round) => sum + round.sent, 0),
      writesAcknowledged: rounds.reduce((sum, round) => sum + round.acknowledged, 0),
      acknowledgedWritesChecked: [...acked.values()].reduce((sum, one) => sum + countOf(one), 0),
      writesLost: 0,
      staleTempFiles: leftovers.length,
      perWorld,
    });
  }, 240_000);

  it('on SIGTERM finishes the requests in flight, writes them to disk, then exits 0', async () => {
    const dbFile = join(folder, 'term', 'db.json');
    running = await startMockProcess(['--db', dbFile]);
    const mock = running;
    const titles = Array.from({ length: 20 }, (_, index) => `term ${index}`);
    // Slow writes (Prefer: latency) that are still being handled when the signal comes; every
    // other one in a named world (flushed on a clean stop as well).
    const inWorld = (index: number) => index % 2 === 1;
    const writes = titles.map((title, index) =>
      fetch(`${mock.origin}/api/tasks`, {
        method: 'POST',
        headers: {
          ...headers('alice'),
          'Content-Type': 'application/json',
          Prefer: 'latency=1500',
          ...(inWorld(index) ? { 'X-Mock-World': 'term-w' } : {}),
        },
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
    const storedIn = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as Data).tasks.map((task) => task.title);
    const stored = [...storedIn(dbFile), ...storedIn(join(folder, 'term', 'worlds', 'term-w', 'db.json'))];
    expect(storedIn(dbFile)).toEqual(expect.arrayContaining(titles.filter((_, index) => !inWorld(index))));
    expect(storedIn(join(folder, 'term', 'worlds', 'term-w', 'db.json'))).toEqual(
      expect.arrayContaining(titles.filter((_, index) => inWorld(index))),
    );
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

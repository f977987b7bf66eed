import type { Options, RequestSpec } from 'autocannon';
import { mkdtemp } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { Dataset } from './datasets.ts';
import { load, median, percentile, type Measurement } from './load.ts';
import type { BenchOptions } from './options.ts';
import { freePort, HOST, rssMb, startProcess, stopProcess, type Running } from './processes.ts';

/** The named world GET by id runs in. */
export const BENCH_WORLD = 'bench';
/** The fixtures a world is created from in the creation and memory runs: the mock's own default. */
const DEFAULT_FIXTURES = 'fixtures/default';
/** Worlds created before the timed ones. */
const WARM_CREATIONS = 10;

/** What the worlds phase measures, on the mock alone. */
export interface WorldsRun {
  /** GET one task by id (the main data set, in one process): the default world, `bench` by prefix, `bench` by header. */
  getById: { default: Measurement; prefix: Measurement; header: Measurement };
  /**
   * A named world's speed against the default world's: per order of the rotation, its rate over
   * the default world's in the same order (measured seconds apart), the median of the six. Steadier
   * than the ratio of the merged rates when the machine's speed wanders from second to second.
   */
  ratios: { prefix: number; header: number };
  /** `PUT /__mock/worlds/{name}` for new names, one at a time, on the default fixtures. */
  creation: { worlds: number; p50Ms: number; p99Ms: number; maxMs: number; non2xx: number };
  /** RSS (VmRSS) of the mock on the default fixtures with the default world only, then with `worlds` named worlds held. */
  memory: { worlds: number; oneWorldMb: number | null; heldMb: number | null; listed: number };
}

/** The mock as `npm start` runs it (the bundle, file store), on `fixturesDir`, ready once `readyPath` answers 200. */
async function startMock(
  root: string,
  workRoot: string,
  fixturesDir: string,
  ready: { path: string; headers: Record<string, string> },
): Promise<Running> {
  const workDir = await mkdtemp(join(workRoot, 'worlds-'));
  const port = await freePort();
  const args = [
    'bin/pocketm8-mock.js',
    '--db',
    join(workDir, 'db.json'),
    '--fixtures',
    fixturesDir,
    '--port',
    String(port),
    '--log-level',
    'warn',
  ];
  return startProcess({ command: process.execPath, args, cwd: root, port, readyPath: ready.path, readyHeaders: ready.headers });
}

type Way = 'default' | 'prefix' | 'header';

/** The six orders of the three ways: each runs twice in every place. */
const ORDERS: readonly (readonly Way[])[] = [
  ['default', 'prefix', 'header'],
  ['prefix', 'header', 'default'],
  ['header', 'default', 'prefix'],
  ['header', 'prefix', 'default'],
  ['default', 'header', 'prefix'],
  ['prefix', 'default', 'header'],
];

/** The main scenario's 1,000 reads, in the default world or in `bench` (by path prefix or header). */
function readsIn(url: string, dataset: Dataset, connections: number, how: Way): Options {
  const requests: RequestSpec[] = dataset.reads.map(({ taskId, token }) => ({
    method: 'GET',
    path: `${how === 'prefix' ? `/worlds/${BENCH_WORLD}` : ''}/api/tasks/${encodeURIComponent(taskId)}`,
    headers: { Authorization: `Bearer ${token}`, ...(how === 'header' ? { 'X-Mock-World': BENCH_WORLD } : {}) },
  }));
  return { url, connections, requests };
}

/** One request on a kept-alive connection; answers its status and milliseconds. */
function timed(agent: Agent, port: number, method: string, path: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: HOST, port, method, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Measured parts as one run: rates and shares weighted by time, percentiles of the parts averaged by their requests. */
function merged(runs: Measurement[]): Measurement {
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const byTime = (value: (run: Measurement) => number | null) =>
    runs.some((run) => value(run) === null) ? null : runs.reduce((sum, run) => sum + value(run)! * run.seconds, 0) / seconds;
  const byRequests = (value: (run: Measurement) => number) => runs.reduce((sum, run) => sum + value(run) * run.requests, 0) / requests;
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    requestsPerSec: requests / seconds,
    p50Ms: byRequests((run) => run.p50Ms),
    p99Ms: byRequests((run) => run.p99Ms),
    requests,
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    seconds,
    statusCodes,
    serverCpu: byTime((run) => run.serverCpu),
    clientCpu: byTime((run) => run.clientCpu)!,
    otherCpu: byTime((run) => run.otherCpu),
  };
}

/**
 * Worlds on the mock: GET by id in a named world next to the default world's (one process, the
 * main data set); then, on the default fixtures, the time to create a world and the memory of
 * `options.worlds.held` worlds held at once.
 */
export async function worldsRun(options: BenchOptions, dataset: Dataset, workRoot: string, root: string): Promise<WorldsRun> {
  const { connections, warmup, duration } = options;
  const first = dataset.reads[0]!;
  const auth = { Authorization: `Bearer ${first.token}` };
  let running = await startMock(root, workRoot, dataset.fixturesDir, { path: `/api/tasks/${first.taskId}`, headers: auth });
  let getById: WorldsRun['getById'];
  let ratios: WorldsRun['ratios'];
  try {
    // The world is made first (a copy of the fixtures), so no measured request pays for it.
    const agent = new Agent({ keepAlive: true });
    const made = await timed(agent, running.port, 'PUT', `/__mock/worlds/${BENCH_WORLD}`);
    agent.destroy();
    if (made.status !== 201) throw new Error(`PUT /__mock/worlds/${BENCH_WORLD} answered ${made.status}`);
    // Each warmed up, then measured in six parts, one in each order of the three: each kind runs
    // twice in every position, so that neither the JIT's warming, a drift of the machine nor the
    // place in the rotation favours one (two mirrored halves were not enough: whichever kind ran
    // in a given place came out up to 10% slower, whatever its selector).
    const ways = ORDERS[0]!;
    for (const how of ways) await load({ ...readsIn(running.url, dataset, connections, how), duration: warmup });
    const parts = new Map<Way, Measurement[]>(ways.map((how) => [how, []]));
    for (const order of ORDERS)
      for (const how of order) {
        parts
          .get(how)!
          .push(await load({ ...readsIn(running.url, dataset, connections, how), duration: duration / ORDERS.length }, running.pid));
      }
    const perOrder = (how: 'prefix' | 'header') =>
      median(parts.get(how)!.map((part, order) => part.requestsPerSec / parts.get('default')![order]!.requestsPerSec));
    getById = { default: merged(parts.get('default')!), prefix: merged(parts.get('prefix')!), header: merged(parts.get('header')!) };
    ratios = { prefix: perOrder('prefix'), header: perOrder('header') };
  } catch (error) {
    throw new Error(`worlds, GET by id: ${(error as Error).message}\n--- last output ---\n${running.output()}`);
  } finally {
    await stopProcess(running, 'term');
  }

  running = await startMock(root, workRoot, join(root, DEFAULT_FIXTURES), { path: '/__mock/health', headers: {} });
  try {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { port, pid } = running;
    // A few requests first (the control API's validators compile on first use), then the RSS of one world.
    for (let index = 0; index < 20; index += 1) await timed(agent, port, 'GET', '/__mock/worlds');
    await new Promise((done) => setTimeout(done, 500));
    const oneWorldMb = await rssMb(pid);
    const { created: creations, held } = options.worlds ?? { created: 0, held: 0 };
    const times: number[] = [];
    let non2xx = 0;
    // The first few creations compile the route's validators and warm the JIT: held, not timed.
    const untimed = Math.min(WARM_CREATIONS, held - creations);
    for (let index = 0; index < held; index += 1) {
      const { status, ms } = await timed(agent, port, 'PUT', `/__mock/worlds/w${index}`);
      if (status !== 201) non2xx += 1;
      if (index >= untimed && times.length < creations) times.push(ms);
    }
    await new Promise((done) => setTimeout(done, 500));
    const heldMb = await rssMb(pid);
    const listed = await new Promise<number>((resolve, reject) => {
      request({ host: HOST, port, path: '/__mock/worlds', agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve((JSON.parse(text) as unknown[]).length));
      })
        .on('error', reject)
        .end();
    });
    agent.destroy();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      getById,
      ratios,
      creation: {
        worlds: times.length,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        maxMs: sorted.at(-1) ?? Number.NaN,
        non2xx,
      },
      memory: { worlds: held, oneWorldMb, heldMb, listed },
    };
  } catch (error) {
    throw new Error(`worlds, creation and memory: ${(error as Error).message}\n--- last output ---\n${running.output()}`);
  } finally {
    await stopProcess(running, 'term');
  }
}

/**
 * npm run soak [-- --seconds 60 --users 16 --warmup 20]
 *
 * Starts the mock (the real bin, file store in a temporary folder) as a child process, drives
 * mixed traffic at it from this process over 127.0.0.1 (reads, task and file lifecycles with
 * uploads, Pocketm8 phone changes, email changes with PACE phone changes: every step checked
 * against the status the flow expects), samples the mock's RSS every half second, and fails
 * when any request went wrong or the RSS at the end (median of the last 5 s) is more than 20%
 * above the RSS after the warm-up (median of the 5 s after it; a third of the run by default).
 * The figures go to reports/reliability/soak.json.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { logPathOf } from '../mock/store/store.ts';
import { recordFigures } from '../test/reliability/figures.ts';
import { rssOf, startMockProcess } from '../test/reliability/mock-process.ts';
import { newTally, virtualUser } from './soak-traffic.ts';

export interface SoakOptions {
  seconds: number;
  users: number;
  /** Seconds of traffic before the RSS baseline (the median RSS of the next 5 s) is taken. */
  warmupSeconds: number;
  /** The allowed RSS growth from the end of the warm-up to the end, as a fraction. */
  maxRssGrowth: number;
}

export interface SoakResult {
  seconds: number;
  users: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  errorSamples: string[];
  scenarios: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  rssMiB: { afterWarmup: number; end: number; peak: number; growthPercent: number };
  /** RSS every 5 s, in MiB: a plateau is garbage-collector slack, a steady climb is a leak. */
  rssTimelineMiB: number[];
  /** The size of the file store at the end: the state the traffic left behind. */
  dbFileKiB: number;
  loadAverage: number[];
  passed: boolean;
}

const MIB = 1024 * 1024;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const folder = await mkdtemp(join(tmpdir(), 'pocketm8-soak-'));
  const mock = await startMockProcess(['--db', join(folder, 'db.json')]);
  try {
    const tally = newTally();
    let stopped = false;
    const started = performance.now();
    const users = Array.from({ length: options.users }, (_, vu) => virtualUser(mock.origin, vu, tally, () => stopped));
    const samples: { atMs: number; rss: number }[] = [];
    while (performance.now() - started < options.seconds * 1000) {
      await sleep(500);
      samples.push({ atMs: performance.now() - started, rss: rssOf(mock.pid) });
    }
    stopped = true;
    await Promise.all(users);
    const elapsed = (performance.now() - started) / 1000;
    const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
    // The garbage collector saws RSS up and down by tens of MiB: each end is the median of a window.
    const window = Math.min(5, (options.seconds - options.warmupSeconds) / 2) * 1000;
    const afterWarmup = median(
      samples
        .filter(({ atMs }) => atMs >= options.warmupSeconds * 1000 && atMs <= options.warmupSeconds * 1000 + window)
        .map(({ rss }) => rss),
    );
    const end = median(samples.filter(({ atMs }) => atMs >= options.seconds * 1000 - window).map(({ rss }) => rss));
    const growth = afterWarmup > 0 ? (end - afterWarmup) / afterWarmup : 0;
    const crashed = mock.child.exitCode !== null;
    // db.json and the log of changes not yet folded into it.
    const dbFileKiB = round(
      ((await stat(join(folder, 'db.json'))).size + ((await stat(logPathOf(join(folder, 'db.json'))).catch(() => null))?.size ?? 0)) / 1024,
      0,
    );
    return {
      seconds: round(elapsed),
      users: options.users,
      requests: tally.requests,
      requestsPerSecond: round(tally.requests / elapsed),
      errors: tally.errors + (crashed ? 1 : 0),
      errorSamples: crashed ? [`the mock exited: ${mock.stderr()}`, ...tally.samples] : tally.samples,
      scenarios: tally.byScenario,
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? 0),
      },
      rssMiB: {
        afterWarmup: round(afterWarmup / MIB),
        end: round(end / MIB),
        peak: round(Math.max(...samples.map(({ rss }) => rss)) / MIB),
        growthPercent: round(growth * 100),
      },
      rssTimelineMiB: samples.filter((_, index) => index % 10 === 9).map(({ rss }) => round(rss / MIB, 0)),
      dbFileKiB,
      loadAverage: loadavg().map((value) => round(value, 2)),
      passed: tally.errors === 0 && !crashed && growth <= options.maxRssGrowth,
    };
  } finally {
    mock.child.kill('SIGTERM');
    await mock.exited;
    await rm(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '60' }, users: { type: 'string', default: '16' }, warmup: { type: 'string' } },
  });
  const seconds = Number(values.seconds);
  const users = Number(values.users);
  if (!(seconds >= 2) || !(users >= 1)) throw new Error('--seconds must be at least 2 and --users at least 1');
  // The heap reaches its working size after some 20 s of this traffic (measured).
  const warmupSeconds = values.warmup === undefined ? Math.max(1, Math.round(seconds / 3)) : Number(values.warmup);
  process.stdout.write(`soak: ${seconds} s, ${users} virtual users, warm-up ${warmupSeconds} s\n`);
  const result = await runSoak({ seconds, users, warmupSeconds, maxRssGrowth: 0.2 });
  recordFigures('soak', { ...result });
  process.stdout.write(
    `${result.passed ? 'PASSED' : 'FAILED'}: ${result.requests} requests (${result.requestsPerSecond}/s), ${result.errors} errors, RSS ${result.rssMiB.afterWarmup} MiB after warm-up -> ${result.rssMiB.end} MiB at the end (${result.rssMiB.growthPercent}%)\n`,
  );
  for (const sample of result.errorSamples) process.stdout.write(`  ${sample}\n`);
  process.exitCode = result.passed ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`soak: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}

import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from './datasets.ts';
import { createPhoneFlow, type FlowResult } from './flow.ts';
import { load, median, warmAndLoad, type Measurement } from './load.ts';
import type { BenchOptions, ScenarioName } from './options.ts';
import { freePort, peakRssMb, stopProcess } from './processes.ts';
import { createTaskOptions, getByIdOptions, invalidWriteOptions, listPageOptions, mixedOptions } from './scenarios.ts';
import type { ServerDef, StartContext } from './servers.ts';

export type ScenarioResult = ({ supported: true; flow?: FlowResult } & Measurement) | { supported: false; note: string };

/** Whether every POST the server acknowledged is in its file after it was killed. */
export interface Durability {
  acknowledged: number;
  onDisk: number;
  missing: string[];
  /** How the server was stopped before its file was read. */
  stoppedWith: 'SIGKILL' | 'SIGTERM';
}

export interface MainRun {
  startupMs: number;
  /** The request answered by the first 200 (sent to answer read). */
  firstRequestMs: number;
  peakRssMb: number | null;
  scenarios: Record<ScenarioName, ScenarioResult>;
  durability?: Durability;
}

export interface StartupRun {
  /** Median of the fresh starts; `all` keeps each one. */
  startupMs: number;
  all: number[];
  /** The request answered by the first 200 of each fresh start (sent to answer read): median, the cost of a first request. */
  firstRequestMs: number;
  /** The mock only: starts on the db.json an earlier run left (no fixture copy, no media seeding). */
  restartMs?: number;
  peakRssMb: number | null;
}

const NO_FLOW = 'cannot run it: no send limits, no outbox, no pending change (only the mock keeps that state)';
const NO_CHECK = 'cannot run it: stores any body (no request validation)';

async function context(workRoot: string, root: string, dataset: Dataset, profileDir?: string): Promise<StartContext> {
  return { root, dataset, workDir: await mkdtemp(join(workRoot, 'run-')), port: await freePort(), ...(profileDir ? { profileDir } : {}) };
}

/**
 * Starts one server on the main data set and drives every scenario in turn (reads first, while
 * the data is as generated; then the invalid writes, which change nothing; then the writes); reads its peak RSS, then kills it (SIGKILL: a
 * crash) and looks for every acknowledged task in its file.
 */
export async function mainRun(
  server: ServerDef,
  options: BenchOptions,
  dataset: Dataset,
  workRoot: string,
  root: string,
  profileDir?: string,
): Promise<MainRun> {
  const start = await context(workRoot, root, dataset, profileDir);
  const running = await server.start(start);
  const { connections, warmup, duration } = options;
  try {
    const scenarios = {} as Record<ScenarioName, ScenarioResult>;
    const url = running.url;
    const wanted = new Set(options.scenarios);
    const skipped = { supported: false, note: 'not run (--scenarios)' } as const;
    const measure = async (name: ScenarioName, run: () => Promise<ScenarioResult>) => {
      scenarios[name] = wanted.has(name) ? await run() : skipped;
    };
    await measure('get-by-id', async () => ({
      supported: true,
      ...(await warmAndLoad(getByIdOptions(server, url, dataset, connections), warmup, duration, running.pid)),
    }));
    await measure('list-page', async () => ({
      supported: true,
      ...(await warmAndLoad(listPageOptions(server, url, dataset, connections), warmup, duration, running.pid)),
    }));
    await measure('invalid-write', async () => {
      if (!server.validates) return { supported: false, note: NO_CHECK };
      return {
        supported: true,
        ...(await warmAndLoad(invalidWriteOptions(server, url, dataset, connections), warmup, duration, running.pid)),
      };
    });
    // Every task a write scenario acknowledged is looked for on disk at the end.
    const acknowledged = new Set<string>();
    await measure('mixed', async () => {
      if (!server.validates) return { supported: false, note: NO_CHECK };
      const { options: mixed, kinds } = mixedOptions(server, url, dataset, connections, acknowledged);
      return { supported: true, ...(await warmAndLoad(mixed, warmup, duration, running.pid, kinds)) };
    });
    await measure('create-task', async () => ({
      supported: true,
      ...(await warmAndLoad(createTaskOptions(server, url, dataset, connections, acknowledged), warmup, duration, running.pid)),
    }));
    await measure('phone-change', async () => {
      if (server.name !== 'pocketm8-mock') return { supported: false, note: NO_FLOW };
      const flow = createPhoneFlow(dataset);
      await load({ ...flow.options(url, connections), duration: warmup });
      const measured = await load({ ...flow.options(url, connections), duration }, running.pid);
      return { supported: true, ...measured, flow: flow.result(measured.seconds) };
    });
    const peak = await peakRssMb(running.pid);
    let durability: Durability | undefined;
    if (server.tasksOnDisk && (wanted.has('create-task') || wanted.has('mixed'))) {
      // A CPU profile is only written on a normal exit: profiling runs stop with SIGTERM.
      const stoppedWith = profileDir ? 'SIGTERM' : 'SIGKILL';
      await stopProcess(running, profileDir ? 'term' : 'kill');
      const onDisk = await server.tasksOnDisk(start);
      const missing = [...acknowledged].filter((id) => !onDisk.has(id));
      durability = {
        acknowledged: acknowledged.size,
        onDisk: acknowledged.size - missing.length,
        missing: missing.slice(0, 20),
        stoppedWith,
      };
    }
    return {
      startupMs: running.startupMs,
      firstRequestMs: running.firstRequestMs,
      peakRssMb: peak,
      scenarios,
      ...(durability ? { durability } : {}),
    };
  } catch (error) {
    throw new Error(`${server.label}: ${(error as Error).message}\n--- last output ---\n${running.output()}`);
  } finally {
    await stopProcess(running, 'term');
  }
}

/**
 * Start-up time (median of `starts` fresh starts, each on its own new folder) and peak RSS after
 * a short read load, on one data set. The mock also restarts on the file its last run left.
 */
export async function startupRun(
  server: ServerDef,
  options: BenchOptions,
  dataset: Dataset,
  workRoot: string,
  root: string,
  starts: number,
): Promise<StartupRun> {
  const all: number[] = [];
  const firsts: number[] = [];
  let peak: number | null = null;
  let last: StartContext | undefined;
  for (let index = 0; index < starts; index += 1) {
    last = await context(workRoot, root, dataset);
    const running = await server.start(last);
    try {
      all.push(running.startupMs);
      firsts.push(running.firstRequestMs);
      if (index === starts - 1) {
        await load({ ...getByIdOptions(server, running.url, dataset, options.connections), duration: options.largeDuration });
        await load({ ...listPageOptions(server, running.url, dataset, options.connections), duration: options.largeDuration });
        peak = await peakRssMb(running.pid);
      }
    } finally {
      await stopProcess(running, 'term');
    }
  }
  let restartMs: number | undefined;
  if (server.name === 'pocketm8-mock' && last) {
    const restarts: number[] = [];
    for (let index = 0; index < starts; index += 1) {
      const running = await server.start({ ...last, port: await freePort() });
      restarts.push(running.startupMs);
      await stopProcess(running, 'term');
    }
    restartMs = median(restarts);
  }
  return {
    startupMs: median(all),
    all,
    firstRequestMs: median(firsts),
    peakRssMb: peak,
    ...(restartMs === undefined ? {} : { restartMs }),
  };
}

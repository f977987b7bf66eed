// npm run bench [-- --smoke]: the mock against Prism, json-server and two bare ceilings, and the mock's worlds; see docs/benchmarks.md.
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDataset } from './datasets.ts';
import { parseOptions, USAGE, type BenchOptions } from './options.ts';
import { mainRun, startupRun } from './phases.ts';
import { judge, render, writeReport, type BenchReport } from './report.ts';
import { SERVERS } from './servers.ts';
import { worldsRun } from './worlds.ts';
import { bundleMock, writeSpecCopies } from '../bundle.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const say = (line: string) => process.stderr.write(`${line}\n`);

async function bench(options: BenchOptions): Promise<BenchReport> {
  const report: BenchReport = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    smoke: options.smoke,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.versions.node,
      loadAverageBefore: loadavg(),
      loadAverageAfter: [],
    },
    settings: {
      connections: options.connections,
      duration: options.duration,
      warmup: options.warmup,
      main: options.main,
      large: options.large,
    },
    servers: {},
    targets: [],
  };
  say(`generating fixtures (${options.main.tasks} and ${options.large.tasks} tasks; cached in .tmp/bench/)`);
  const main = await prepareDataset(ROOT, options.main, options.seed);
  const large = options.skipStartup ? main : await prepareDataset(ROOT, options.large, options.seed);
  if (options.servers.includes('pocketm8-mock')) {
    // The mock runs as `npm start` runs it: from the bundle, built now so that it holds this code.
    say('bundling the mock (npm run bundle)');
    await bundleMock();
    writeSpecCopies();
  }
  const work = await mkdtemp(join(tmpdir(), 'pocketm8-bench-'));
  const profileDir = options.profile ? join(dirname(resolve(ROOT, options.out)), 'profile') : undefined;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  try {
    for (const name of options.servers) {
      const server = SERVERS[name];
      const entry: BenchReport['servers'][typeof name] = { label: server.label };
      report.servers[name] = entry;
      try {
        say(`${server.label}: scenarios`);
        entry.main = await mainRun(server, options, main, work, ROOT, name === 'pocketm8-mock' ? profileDir : undefined);
        if (!options.skipStartup) {
          say(`${server.label}: start-up and memory`);
          // Smoke runs take the main data's start-up from the scenario run's own start.
          entry.startup = options.smoke
            ? { startupMs: entry.main.startupMs, all: [entry.main.startupMs], firstRequestMs: entry.main.firstRequestMs, peakRssMb: null }
            : await startupRun(server, options, main, work, ROOT, 3);
          entry.large = await startupRun(server, options, large, work, ROOT, options.smoke ? 1 : 3);
        }
      } catch (error) {
        entry.error = (error as Error).message;
        say(`${server.label} failed: ${entry.error}`);
      }
    }
    if (options.worlds) {
      say('pocketm8 mock: worlds');
      try {
        report.worlds = await worldsRun(options, main, work, ROOT);
      } catch (error) {
        report.worldsError = (error as Error).message;
        say(`worlds failed: ${report.worldsError}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  report.machine.loadAverageAfter = loadavg();
  report.targets = judge(report);
  return report;
}

async function main(): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    say(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') return void process.stdout.write(`${USAGE}\n`);
  const report = await bench(options);
  const out = resolve(ROOT, options.out);
  const markdown = await writeReport(out, report);
  process.stdout.write(`${render(report)}\n\nJSON: ${out}\nMarkdown: ${markdown}\n`);
  if (Object.values(report.servers).some((server) => server.error) || report.worldsError) process.exitCode = 1;
}

main().catch((error: unknown) => {
  say(`bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});

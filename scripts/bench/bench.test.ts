import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, SERVER_NAMES } from './options.ts';
import type { BenchReport } from './report.ts';
import { MIXED_KINDS } from './scenarios.ts';
import { BENCH_WORLD } from './worlds.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

// CI checks that the benchmark runs and reports every server and scenario; never how fast.
describe('npm run bench -- --smoke', () => {
  let folder: string | undefined;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('completes and writes a JSON report with all five servers, every scenario and the worlds', async () => {
    folder = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
    const out = join(folder, 'bench.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/bench/run.ts', '--smoke', '--out', out], {
      cwd: ROOT,
      maxBuffer: 8 * 1024 * 1024,
    });
    expect(stdout).toContain('\nTargets\n');

    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    expect(report.smoke).toBe(true);
    expect(Object.keys(report.servers).sort()).toEqual([...SERVER_NAMES].sort());
    for (const name of SERVER_NAMES) {
      const server = report.servers[name]!;
      expect(server.error, name).toBeUndefined();
      expect(Object.keys(server.main!.scenarios).sort(), name).toEqual([...SCENARIO_NAMES].sort());
      expect(server.startup?.startupMs, name).toBeGreaterThan(0);
      expect(server.startup?.firstRequestMs, name).toBeGreaterThan(0);
      expect(server.large?.startupMs, name).toBeGreaterThan(0);
    }
    // Every scenario answered on every server that can do it: the flow on the mock alone, the
    // invalid and mixed writes where bodies are checked (not json-server).
    const supported = (name: string, scenario: string) =>
      scenario === 'phone-change'
        ? name === 'pocketm8-mock'
        : !(name === 'json-server' && (scenario === 'invalid-write' || scenario === 'mixed'));
    for (const name of SERVER_NAMES) {
      for (const scenario of SCENARIO_NAMES) {
        const result = report.servers[name]!.main!.scenarios[scenario];
        expect(result.supported, `${name} ${scenario}`).toBe(supported(name, scenario));
        if (result.supported) expect(result.requests, `${name} ${scenario}`).toBeGreaterThan(0);
      }
      // The invalid POST is refused (400, Prism 422), never stored; each kind of the mixed run answered as expected.
      const invalid = report.servers[name]!.main!.scenarios['invalid-write'];
      if (invalid.supported)
        expect(
          Object.keys(invalid.statusCodes).every((code) => code.startsWith('4')),
          name,
        ).toBe(true);
      const mixed = report.servers[name]!.main!.scenarios.mixed;
      if (mixed.supported) {
        for (const kind of MIXED_KINDS) {
          expect(mixed.kinds?.[kind]?.requests, `${name} ${kind}`).toBeGreaterThan(0);
          expect(mixed.kinds?.[kind]?.unexpected, `${name} ${kind}`).toBe(0);
        }
      }
    }
    // The worlds phase: GET by id in a named world both ways, creation times, the RSS of the worlds held.
    const { worlds } = report;
    expect(report.worldsError).toBeUndefined();
    for (const how of ['default', 'prefix', 'header'] as const) {
      expect(worlds!.getById[how].requests, how).toBeGreaterThan(0);
      expect(worlds!.getById[how].non2xx, how).toBe(0);
    }
    expect(worlds!.ratios.prefix).toBeGreaterThan(0);
    expect(worlds!.ratios.header).toBeGreaterThan(0);
    expect(worlds!.creation).toMatchObject({ worlds: 20, non2xx: 0 });
    expect(worlds!.creation.p99Ms).toBeGreaterThan(0);
    expect(worlds!.memory).toMatchObject({ worlds: 50, listed: 51 });
    expect(report.targets.map((target) => target.name)).toEqual([
      'GET by id vs json-server',
      'GET by id vs Prism',
      'GET by id vs bare Express',
      'GET by id vs bare node:http',
      'GET by id p99',
      'Page of 20 vs bare node:http',
      'Invalid writes vs GET by id',
      'Mixed load: reads p99',
      'POST vs json-server',
      'POST: acknowledged writes on disk',
      'Start-up to first 200 (main data)',
      'First request after start (main data)',
      'Peak RSS (main data)',
      `GET by id in a named world (/worlds/${BENCH_WORLD})`,
      'GET by id in a named world (X-Mock-World)',
      'World creation p99 (default fixtures)',
      'RSS with 50 worlds held',
    ]);
    expect(report.targets.filter((target) => target.met === null)).toEqual([]);
  }, 600_000);
});

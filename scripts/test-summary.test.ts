import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./test-summary.ts', import.meta.url));
const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

// A real vitest run with one test of each kind, so that the script is held to what vitest writes,
// in particular that a test passing on its retry keeps its first attempt's error.
const SAMPLE = `
let attempts = 0;
it('adds', () => expect(1 + 1).toBe(2));
it('breaks', () => expect('actual').toBe('expected'));
it('wobbles', () => {
  attempts += 1;
  expect(attempts).toBe(2);
});
it.skip('waits', () => {});
`;

function summarize(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('scripts/test-summary.ts', () => {
  let folder: string;
  let report: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'pm8-summary-'));
    writeFileSync(join(folder, 'sample.test.js'), SAMPLE);
    report = join(folder, 'report.json');
    spawnSync(
      process.execPath,
      [VITEST, 'run', '--root', folder, '--globals', '--retry=1', '--reporter=json', `--outputFile.json=${report}`],
      { cwd: folder, encoding: 'utf8' },
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints one line on stdout, `N passed, N failed`, and fails when a test failed', () => {
    const run = summarize(report);
    expect(run.stdout).toBe('2 passed, 1 failed\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('report.json: 2 passed, 1 failed, 1 skipped');
  });

  it('names the failed test and the one that passed on a retry, with the first lines of their errors', () => {
    const { stderr } = summarize(report);
    expect(stderr).toMatch(/FAILED \S*sample\.test\.js > breaks\n.*expected 'actual' to be 'expected'/);
    expect(stderr).toMatch(/FLAKY \(passed on a retry\) \S*sample\.test\.js > wobbles\n.*expected 1 to be 2/);
    expect(stderr).not.toMatch(/> adds/);
  });

  it('adds check lists, and counts a missing report or a cut line as a failure', () => {
    const checks = join(folder, 'checks.txt');
    writeFileSync(checks, 'passed quick start\nfailed contract read\npass');
    const run = summarize(report, join(folder, 'missing.json'), '--checks', checks);
    expect(run.stdout).toBe('3 passed, 4 failed\n');
  });

  it('passes when every test passed', () => {
    const checks = join(folder, 'all-good.txt');
    writeFileSync(checks, 'passed one\npassed two\n');
    expect(summarize('--checks', checks)).toMatchObject({ status: 0, stdout: '2 passed, 0 failed\n' });
  });
});

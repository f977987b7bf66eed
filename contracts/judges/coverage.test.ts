// The suites' own coverage, judged: a whole contract run against a fresh mock passes, exercises
// every Pocketm8 and PACE operation, and every documented status except the few listed here,
// which no request can make the mock answer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type CommandResult } from '../../spec/lib/run-command.ts';
import type { CoverageReport } from '../lib/coverage.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const REPORT_DIR = join(ROOT, 'reports', 'contract-judge');

const NOT_501 =
  'PACE documents 501 for internal errors; the mock answers it only when told to (Prefer: code=501 or a fault rule), which proves nothing about a backend';

/** Documented statuses no suite can provoke, each with the reason (`api operationId status`). */
const UNREACHABLE: Readonly<Record<string, string>> = {
  'pocketm8 signIn 502':
    'the 2FA challenge SMS fails only for a phone ending in 0000, and no user can get such a phone (it never verifies)',
  'pocketm8 resendCode 502':
    'a resend needs a pending change, and a change to a failing destination fails at its first send, so none is ever pending',
  'pace CheckUserPhone 501': NOT_501,
  'pace UpdateUserPhone 404': 'answers only when the user behind a valid token no longer exists; no API call deletes a user',
  'pace UpdateUserPhone 501': NOT_501,
  'pace VerifyUserPhone 501': NOT_501,
};

describe('a whole contract run against a fresh mock', () => {
  let run: CommandResult;
  let report: CoverageReport;

  beforeAll(async () => {
    run = await runCommand(TSX, ['contracts/runner.ts', '--report-dir', REPORT_DIR], { cwd: ROOT });
    report = JSON.parse(await readFile(join(REPORT_DIR, 'coverage.json'), 'utf8')) as CoverageReport;
  }, 300_000);

  it('passes every test of every group', () => {
    expect(run.exitCode, `${run.stdout.slice(-6000)}\n${run.stderr.slice(-2000)}`).toBe(0);
  });

  it('exercises every operation of Pocketm8 and PACE', () => {
    const untouched = report.rows.filter((row) => row.exercised.length === 0).map((row) => `${row.api} ${row.operationId}`);
    expect(untouched, 'operations no suite called').toEqual([]);
    expect(new Set(report.rows.map((row) => row.api))).toEqual(new Set(['pocketm8', 'pace']));
  });

  it('exercises every documented status but the unreachable ones, and sees no response break the spec', () => {
    const missing = report.rows.flatMap((row) => row.missing.map((status) => `${row.api} ${row.operationId} ${status}`));
    console.log(
      `statuses not exercised (allowed):\n${missing.map((key) => `  ${key}: ${UNREACHABLE[key] ?? '(NOT ALLOWED)'}`).join('\n')}`,
    );
    expect(
      missing.filter((key) => !(key in UNREACHABLE)),
      'documented statuses no suite provoked: write a test, or add them to UNREACHABLE with the reason',
    ).toEqual([]);
    expect(
      Object.keys(UNREACHABLE).filter((key) => !missing.includes(key)),
      'exercised now: remove them from UNREACHABLE',
    ).toEqual([]);
    expect(report.rows.filter((row) => row.violations > 0).map((row) => `${row.api} ${row.operationId}: ${row.violations}`)).toEqual([]);
  });
});

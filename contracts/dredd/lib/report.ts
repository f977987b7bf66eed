import type { DreddApi, TransactionOutcome } from './hook-settings.ts';

/** What one Dredd process said at its end: `complete: 179 passing, 2 failing, 0 errors, 2 skipped, 183 total`. */
export interface DreddTally {
  passing: number;
  failing: number;
  errors: number;
  skipped: number;
  total: number;
}

export function parseTally(output: string): DreddTally | undefined {
  const match = /^complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total$/m.exec(output);
  if (!match) return undefined;
  const [passing = 0, failing = 0, errors = 0, skipped = 0, total = 0] = match.slice(1).map(Number);
  return { passing, failing, errors, skipped, total };
}

export interface ApiRun {
  api: DreddApi;
  exitCode: number;
  tally: DreddTally | undefined;
  outcomes: TransactionOutcome[];
  log: string;
}

/** Why a run does not count as passed (empty: it passed). */
export function problemsOf(run: ApiRun): string[] {
  const problems: string[] = [];
  const count = (status: TransactionOutcome['status']) => run.outcomes.filter((outcome) => outcome.status === status).length;
  if (!run.tally) problems.push(`${run.api}: Dredd ended without its summary line (see ${run.log})`);
  else {
    if (run.tally.errors > 0) problems.push(`${run.api}: Dredd reported ${run.tally.errors} error(s) (see ${run.log})`);
    if (run.tally.total !== run.outcomes.length)
      problems.push(`${run.api}: Dredd ran ${run.tally.total} transactions, the hooks saw ${run.outcomes.length}`);
    if (run.tally.passing !== count('pass') || run.tally.skipped !== count('skip')) {
      problems.push(
        `${run.api}: Dredd counted ${run.tally.passing} passed / ${run.tally.skipped} skipped, the hooks ${count('pass')} / ${count('skip')}`,
      );
    }
  }
  if (run.exitCode !== 0) problems.push(`${run.api}: Dredd exited with ${run.exitCode}`);
  for (const outcome of run.outcomes) {
    if (outcome.status === 'fail') problems.push(`${run.api}: FAILED ${outcome.key}: ${outcome.reason ?? ''}`);
    if (outcome.status === 'skip' && !outcome.reason) problems.push(`${run.api}: ${outcome.key} skipped without a reason`);
  }
  return problems;
}

/** The lines `npm run contract:dredd` prints at the end. */
export function formatRuns(runs: readonly ApiRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    const count = (status: TransactionOutcome['status']) => run.outcomes.filter((outcome) => outcome.status === status).length;
    lines.push(
      `${run.api}: ${run.outcomes.length} transactions, ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped (log: ${run.log})`,
    );
  }
  const skips = runs.flatMap((run) => run.outcomes.filter((outcome) => outcome.status === 'skip'));
  if (skips.length > 0) {
    lines.push('', 'skipped, with the reason:');
    for (const skip of skips) lines.push(`  ${skip.api.padEnd(8)} ${skip.key.padEnd(30)} ${skip.reason ?? '(no reason!)'}`);
  }
  return lines.join('\n');
}

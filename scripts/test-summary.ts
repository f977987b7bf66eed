// Reads vitest JSON reports (and check lists) and prints the one line CI reads: `N passed, N failed`.
//
//   node --import tsx scripts/test-summary.ts <report.json>... [--checks <file>]...
//
// A check list has one line a check, `passed <name>` or `failed <name>`, for what CI runs outside
// vitest (the README's quick start, `npm run contract`): each counts as one test. How each input
// counted goes to stderr, so that the summary line is the only line on stdout and the last one.
// So do the names of the tests that failed and of those that passed only on a retry (their first
// attempt's error kept by vitest), with the first lines of each error: the tail of a CI log is
// often all that is kept of it.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface AssertionResult {
  fullName: string;
  status: string;
  failureMessages?: string[];
}

interface VitestJson {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  testResults: { name: string; status: string; message?: string; assertionResults?: AssertionResult[] }[];
}

interface Count {
  passed: number;
  failed: number;
  skipped: number;
}

const MESSAGE_LINES = 6;

/** Lines naming each failed test, each test that passed on a retry and each file that failed to load. */
function troubles(report: VitestJson): string[] {
  const lines: string[] = [];
  const excerpt = (message: string) =>
    message
      .split('\n')
      .slice(0, MESSAGE_LINES)
      .map((line) => `      ${line}`);
  for (const file of report.testResults) {
    const where = relative(process.cwd(), file.name);
    if (file.status === 'failed' && file.message) lines.push(`  FAILED to load ${where}`, ...excerpt(file.message));
    for (const test of file.assertionResults ?? []) {
      const first = test.failureMessages?.[0];
      if (test.status === 'failed') lines.push(`  FAILED ${where} > ${test.fullName}`, ...excerpt(first ?? '(no message)'));
      else if (test.status === 'passed' && first) lines.push(`  FLAKY (passed on a retry) ${where} > ${test.fullName}`, ...excerpt(first));
    }
  }
  return lines;
}

function countReport(file: string): Count {
  let report: VitestJson;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  } catch {
    // A run that wrote no report (a crash before the reporter) counts as one failure.
    return { passed: 0, failed: 1, skipped: 0 };
  }
  for (const line of troubles(report)) console.error(line);
  // A test file that failed to load has no failed test of its own: count it.
  const fileErrors = report.testResults.filter((result) => result.status === 'failed' && result.message).length;
  let failed = report.numFailedTests + fileErrors;
  // An error outside any test (a failing global setup or teardown) fails the run without a failed test.
  if (!report.success && failed === 0) failed = 1;
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests };
}

function countChecks(file: string): Count {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const passed = lines.filter((line) => line.startsWith('passed ')).length;
  // Anything else (a failed check, a line cut short) is a failure.
  return { passed, failed: lines.length - passed, skipped: 0 };
}

const total: Count = { passed: 0, failed: 0, skipped: 0 };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const isChecks = args[i] === '--checks';
  const file = isChecks ? args[++i] : args[i];
  if (file === undefined) {
    console.error('--checks needs a file');
    total.failed += 1;
    continue;
  }
  const count = isChecks ? countChecks(file) : countReport(file);
  console.error(`${file}: ${count.passed} passed, ${count.failed} failed${count.skipped ? `, ${count.skipped} skipped` : ''}`);
  total.passed += count.passed;
  total.failed += count.failed;
  total.skipped += count.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

// Reads vitest JSON reports and prints the one line CI reads: `N passed, N failed`.
import { readFileSync } from 'node:fs';

interface VitestJson {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  testResults: { status: string; message?: string }[];
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let report: VitestJson;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  } catch {
    // A run that wrote no report (a crash before the reporter) counts as one failure.
    failed += 1;
    continue;
  }
  passed += report.numPassedTests;
  skipped += report.numPendingTests;
  // A test file that failed to load has no failed test of its own: count it.
  const fileErrors = report.testResults.filter((result) => result.status === 'failed' && result.message).length;
  failed += report.numFailedTests + fileErrors;
  // An error outside any test (a failing global setup or teardown) fails the run without a failed test.
  if (!report.success && report.numFailedTests + fileErrors === 0) failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildMswBundle } from '../../scripts/bundle-msw.ts';
import { ENV } from '../lib/settings.ts';

/** Where the suites send their requests: nothing listens there, MSW answers in each test process. */
export const MSW_BASE_URL = 'http://localhost:4010';

/**
 * Vitest global setup of the `contract-msw` project: the contract suites judge pocketm8-mock/msw
 * (createHandlers, built fresh here) instead of a server. Each test file's process starts MSW's
 * setupServer over its own handlers (setup.ts); the suites' HTTP calls (supertest, over node:http)
 * are answered by MSW's interceptors and never leave the process.
 */
export default async function setup(): Promise<void> {
  await buildMswBundle({ types: true });
  const reportDir = resolve('reports/contract-msw/records');
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  process.env[ENV.reportDir] = reportDir;
  process.env[ENV.baseUrl] = MSW_BASE_URL;
}

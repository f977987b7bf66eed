import { mkdirSync, rmSync } from 'node:fs';
import { buildMswBundle } from '../../scripts/bundle-msw.ts';
import { MSW_REPORT_DIR } from './settings.ts';

/**
 * Vitest global setup of the `contract-msw` project: the contract suites judge pocketm8-mock/msw
 * (createHandlers, built fresh here) instead of a server. Each test file's process starts MSW's
 * setupServer over its own handlers (setup.ts); the suites' HTTP calls (supertest, over node:http)
 * are answered by MSW's interceptors and never leave the process. The suites' settings come from
 * the project's `env` (vitest.config.ts), not from here: global setups share one environment.
 */
export default async function setup(): Promise<void> {
  await buildMswBundle({ types: true });
  rmSync(MSW_REPORT_DIR, { recursive: true, force: true });
  mkdirSync(MSW_REPORT_DIR, { recursive: true });
}

// Runs the Playwright recipe as a user would (`npx playwright test`), four workers, Debian's chromium.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('the Playwright recipe passes with four workers', async () => {
  const config = new URL('./playwright.config.ts', import.meta.url).pathname;
  const cli = new URL('../../node_modules/@playwright/test/cli.js', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, [cli, 'test', '-c', config, '--workers', '4'], {
    maxBuffer: 16 << 20,
    env: { ...process.env, CI: '1' },
  });
  expect(stdout).toMatch(/\b9 passed\b/);
  expect(stdout).not.toMatch(/failed|flaky/);
}, 240_000);

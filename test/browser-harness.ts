// What the browser tests of the QA console and the API reference share: Debian's chromium driven
// by playwright-core, and the mock listening on a free port of the loopback.
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { AppConfig, MockContext } from '../mock/apis/context.ts';
import { createTestApp } from './harness.ts';
import { describeNeeding, type Program } from './needs.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../reports/screenshots/', import.meta.url));

const CHROMIUM: Program = { path: CHROMIUM_PATH, install: 'apt-get install chromium' };

/** A describe block of browser tests: skipped without chromium, but in CI (test/needs.ts). */
export function describeInBrowser(title: string, body: () => void): void {
  describeNeeding(CHROMIUM, title, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface RunningMock {
  /** `http://127.0.0.1:<port>` */
  base: string;
  context: MockContext;
  close(): Promise<void>;
}

/** A fresh mock (memory store, default fixtures, strict response checks) on a free port. */
export async function startMock(config: Partial<AppConfig> = {}): Promise<RunningMock> {
  const { app, context } = await createTestApp(config);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    context,
    close: () =>
      new Promise<void>((resolve) => {
        // The console's event stream never ends by itself.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Where a screenshot goes: reports/screenshots/<name>.png (CI keeps reports/ as artifacts). */
export async function screenshotPath(name: string): Promise<string> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  return `${SCREENSHOTS_DIR}${name}.png`;
}

import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PACKAGE_ROOT as ROOT } from '../core/package-root.ts';
import { buildMswBundle } from '../../scripts/bundle-msw.ts';
import { describeInBrowser, launchChromium } from '../../test/browser-harness.ts';

const EXAMPLE = join(ROOT, 'examples/msw-browser');

/**
 * examples/msw-browser as a user would serve it: index.html, main.js bundled (as README.md says)
 * against pocketm8-mock/msw built fresh, and MSW's worker script from the given msw package.
 */
async function serveExample(msw: 'msw' | 'msw-next', csp?: string): Promise<{ url: string; server: Server }> {
  const outDir = join(ROOT, `.tmp/msw-browser/${msw}`);
  const { file } = await buildMswBundle({ outDir, msw });
  const bundled = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(EXAMPLE, 'main.js')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    logLevel: 'error',
    alias: { 'pocketm8-mock/msw': file, ...(msw === 'msw' ? {} : { msw }) },
  });
  const files: Record<string, { type: string; body: string | Uint8Array }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(EXAMPLE, 'index.html')) },
    '/app.js': { type: 'text/javascript', body: bundled.outputFiles[0]!.contents },
    '/mockServiceWorker.js': { type: 'text/javascript', body: readFileSync(join(ROOT, `node_modules/${msw}/lib/mockServiceWorker.js`)) },
  };
  const server = createServer((req, res) => {
    const served = files[req.url ?? ''];
    if (!served) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': served.type, ...(csp ? { 'Content-Security-Policy': csp } : {}) }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** What a tester does on the example page: new phone, send, read the code from the outbox, verify. */
async function changePhone(page: Page, phone: string): Promise<void> {
  await page.fill('#change [name=phone]', phone);
  await page.click('#change button');
  await expect.poll(() => page.textContent('#status')).toBe('Code sent.');
  await page.click('#read-code');
  await expect.poll(() => page.textContent('#status')).toMatch(/^The mock sent: /);
  await page.click('#verify button:not([type])');
}

describeInBrowser('examples/msw-browser in chromium: the mock with no server', () => {
  let browser: Browser;
  const servers: Server[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  async function open(msw: 'msw' | 'msw-next', csp?: string) {
    const { url, server } = await serveExample(msw, csp);
    servers.push(server);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    return { page, errors, close: () => context.close() };
  }

  it.each(['msw', 'msw-next'] as const)(
    'registers the worker, changes the phone with fetch, reads the code from the in-browser outbox (%s)',
    async (msw) => {
      const { page, errors, close } = await open(msw);
      expect(await page.textContent('#profile')).toBe('Phone: +41791234567 (verified)');
      await changePhone(page, '+41791112233');
      await expect.poll(() => page.textContent('#profile')).toBe('Phone: +41791112233 (verified)');
      expect(await page.textContent('#status')).toBe('Phone changed.');
      expect(errors).toEqual([]);
      await close();
    },
  );

  // Ajv compiles validators with `new Function`: the first request that needs one (a JSON body
  // here) answers 500 when the page's CSP forbids eval. Reads that need no validator still work.
  it("needs 'unsafe-eval' under a Content-Security-Policy (Ajv compiles validators at run time)", async () => {
    const strict = await open('msw', "script-src 'self'");
    expect(await strict.page.textContent('#profile')).toBe('Phone: +41791234567 (verified)');
    await strict.page.fill('#change [name=phone]', '+41791112233');
    await strict.page.click('#change button');
    await expect.poll(() => strict.page.textContent('#status')).toMatch(/^PUT \/api\/profile\/phone: 500 .*INTERNAL_ERROR/);
    await strict.close();

    const allowed = await open('msw', "script-src 'self' 'unsafe-eval'");
    await changePhone(allowed.page, '+41791112234');
    await expect.poll(() => allowed.page.textContent('#profile')).toBe('Phone: +41791112234 (verified)');
    await allowed.close();
  });
});

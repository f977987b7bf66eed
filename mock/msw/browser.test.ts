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
    // Tells whether the page may eval: a script of the page's own origin, so the CSP lets it run.
    '/eval-probe.js': {
      type: 'text/javascript',
      body: "try { new Function('')(); document.body.dataset.eval = 'allowed'; } catch (error) { document.body.dataset.eval = error.name; }",
    },
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

  // The bundle's validators are code generated at build time: no `new Function` in the page, so a
  // CSP without 'unsafe-eval' takes the whole flow (JSON bodies validated, replies checked).
  it("runs under a Content-Security-Policy without 'unsafe-eval' (validators generated at build time)", async () => {
    const { page, errors, close } = await open('msw', "script-src 'self'");
    // The page really forbids eval (Playwright's own evaluate is exempt: a script of the page asks).
    await page.addScriptTag({ url: '/eval-probe.js' });
    expect(await page.getAttribute('body', 'data-eval')).toBe('EvalError');
    await changePhone(page, '+41791112233');
    await expect.poll(() => page.textContent('#profile')).toBe('Phone: +41791112233 (verified)');
    expect(await page.textContent('#status')).toBe('Phone changed.');
    expect(errors).toEqual([]);
    await close();
  });
});

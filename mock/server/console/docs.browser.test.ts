// The API reference at /docs in a real browser: every operation of the three specs is listed,
// nothing is loaded from outside the mock, and "Try it out" reaches the mock itself.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSpec } from '../../core/compiled-spec.ts';
import { SPEC_FILES } from '../../core/spec-files.ts';
import { describeInBrowser, launchChromium, screenshotPath, startMock, type RunningMock } from '../../../test/browser-harness.ts';

describeInBrowser('API reference in chromium', () => {
  let browser: Browser;
  let mock: RunningMock;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // With an admin token configured the reference stays open: it holds no secrets.
    mock = await startMock({ adminToken: 'docs-admin-token' });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => {
      if (!request.url().startsWith(`${mock.base}/`) && !request.url().startsWith('data:')) outside.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it.each(SPEC_FILES.map((file) => ({ name: file.name, path: file.path })))('lists every operation of $name', async ({ name, path }) => {
    await page.goto(`${mock.base}/docs?spec=${name}`);
    const title = (loadSpec(path).document.info as { title: string }).title;
    await page.locator('.info .title', { hasText: title }).waitFor({ timeout: 15_000 });
    await page.locator('.opblock').first().waitFor();
    const shown = await page.locator('.opblock-summary-operation-id').allTextContents();
    const documented = loadSpec(path).operations.map((operation) => operation.operationId);
    expect(shown.toSorted()).toEqual(documented.toSorted());
    await page.screenshot({ path: await screenshotPath(`docs-${name}`) });
  });

  it('sends "Try it out" to the mock itself', async () => {
    await page.goto(`${mock.base}/docs?spec=mock-control`);
    const operation = page.locator('#operations-Health-getHealth');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    await operation.locator('.live-responses-table tbody .response-col_status').first().waitFor();
    expect(await operation.locator('.request-url pre').textContent()).toBe(`${mock.base}/__mock/health`);
    // No admin token given: the mock's own answer, 401.
    expect((await operation.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim()).toBe('401');
  });

  it('loads nothing from outside the mock', () => {
    expect(outside).toEqual([]);
  });
});

// The QA console in a real browser: a phone change made through the API shows its code on the
// console without a reload, the code copies, the mock clock marks it expired, reset empties it;
// on a phone-sized screen too; the console of a world shows that world only, and the picker
// switches between worlds. Screenshots go to reports/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../../../test/harness.ts';
import { describeInBrowser, launchChromium, screenshotPath, startMock, type RunningMock } from '../../../test/browser-harness.ts';

const ADMIN = 'console-admin-token';
const NEW_PHONE = '+41791112233';

interface Sent {
  id: string;
  code?: string;
  confirmUrl?: string;
}

describeInBrowser('QA console in chromium', () => {
  let browser: Browser;
  let mock: RunningMock;
  let context: BrowserContext;
  let page: Page;

  // The console runs with an admin token configured, as a shared mock would: the page must pass
  // it on to its own calls and to its event stream.
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${mock.base}${path}`, {
      method,
      headers: { 'X-Mock-Admin-Token': ADMIN, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
    return res.status === 204 ? undefined : res.json();
  };
  const message = (id: string) => page.locator(`#outbox .message[data-id="${id}"]`);

  beforeAll(async () => {
    browser = await launchChromium();
    mock = await startMock({ adminToken: ADMIN });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: mock.base });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${mock.base}/__mock/?adminToken=${ADMIN}`);
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it('starts with the fixtures: no messages, no pending changes, the users listed', async () => {
    await expect.poll(() => page.locator('#outbox-empty').isVisible()).toBe(true);
    expect(await page.locator('#outbox .message').count()).toBe(0);
    expect(await page.locator('#users-none').isVisible()).toBe(true);
    expect(await page.locator('#users-others .user').count()).toBe(5);
    expect(await page.locator('#problem').isVisible()).toBe(false);
  });

  it('shows a phone change made through the API within a second, without a reload', async () => {
    await page.evaluate('window.stillTheSamePage = true');
    // A PACE change first (its email carries a link), then the Pocketm8 phone change.
    const pace = await fetch(`${mock.base}/user/2021-2/user/phone`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKENS.bob}`, 'Content-Type': 'application/vnd.api+json' },
      body: JSON.stringify({ data: { type: 'phone', id: 'console', attributes: { phoneNumber: '+491701234567' } } }),
    });
    expect(pace.status).toBe(201);
    const res = await fetch(`${mock.base}/api/profile/phone`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: NEW_PHONE }),
    });
    expect(res.status).toBe(200);
    const sms = (await control('GET', `/__mock/outbox/latest?to=${encodeURIComponent(NEW_PHONE)}`)) as Sent;

    await message(sms.id).locator('.code').waitFor({ timeout: 1000 });
    expect(await message(sms.id).locator('.code').textContent()).toBe(sms.code);
    expect(await page.evaluate('window.stillTheSamePage')).toBe(true);

    // Newest first: channel, destination, purpose, times (sent, next send allowed, expiry), and the expiry read from the mock clock.
    const first = page.locator('#outbox .message').first();
    expect(await first.getAttribute('data-id')).toBe(sms.id);
    expect(await first.locator('.head').textContent()).toBe(`sms${NEW_PHONE}phone-change`);
    expect(await first.locator('.times').textContent()).toMatch(
      /^sent \d\d:\d\d:\d\d · resend from \d\d:\d\d:\d\d · expires \d\d:\d\d:\d\d · expires in (9:5\d|10:00)$/,
    );
    expect(await first.getAttribute('data-state')).toBe('valid');

    // The PACE email: its confirmation link is a link.
    const email = (await control('GET', '/__mock/outbox/latest?purpose=pace-phone-confirm')) as Sent;
    expect(await message(email.id).locator(`a.link[href="${email.confirmUrl}"]`).count()).toBe(1);
    expect(await page.locator('#outbox .message').count()).toBe(2);
  });

  it('lists the users with their pending changes and the last requests', async () => {
    const alice = page.locator('#users-pending .user[data-id="usr_alice"]');
    await expect.poll(() => alice.locator('.pending').textContent()).toBe(`phone → ${NEW_PHONE} (waiting for the code)`);
    expect(await page.locator('#users-pending .user[data-id="usr_bob"] .pending').textContent()).toMatch(
      /^PACE phone → \+491701234567 \(waiting for the email link, cancelled /,
    );
    const rows = await page.locator('#requests tr').allTextContents();
    expect(rows[0]).toMatch(/^\d\d:\d\d:\d\dPUT\/api\/profile\/phone200[\d.]+$/);
    expect(rows[1]).toMatch(/^\d\d:\d\d:\d\dPUT\/user\/2021-2\/user\/phone201[\d.]+$/);
    await page.locator('body').screenshot({ path: await screenshotPath('console-phone-change') });
  });

  it('copies the code to the clipboard', async () => {
    const sms = (await control('GET', `/__mock/outbox/latest?to=${encodeURIComponent(NEW_PHONE)}`)) as Sent;
    const button = message(sms.id).locator('button.copy');
    await button.click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(sms.code);
    expect(await button.textContent()).toBe('Copied');
  });

  it('fits a phone-sized screen: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    const code = page.locator('#outbox .message .code').first();
    const box = await code.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    for (const name of ['+1 min', '+10 min', '+24 h', 'Reset clock', 'Reset all…']) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await page.screenshot({ path: await screenshotPath('console-phone-size') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('marks the message expired when the mock clock moves past it, and valid again when it goes back', async () => {
    const sms = (await control('GET', `/__mock/outbox/latest?to=${encodeURIComponent(NEW_PHONE)}`)) as Sent;
    await page.getByRole('button', { name: '+1 min', exact: true }).click();
    await expect.poll(async () => ((await control('GET', '/__mock/clock')) as { offsetMs: number }).offsetMs).toBe(60_000);
    await expect.poll(() => message(sms.id).locator('.expiry').textContent()).toMatch(/^expires in (9:00|8:[0-5]\d)$/);
    expect(await page.locator('#clock-offset').textContent()).toBe('1 min ahead of real time');

    await page.getByRole('button', { name: '+10 min', exact: true }).click();
    await expect.poll(() => message(sms.id).getAttribute('data-state')).toBe('expired');
    // The console's own second ticks on: under load a few seconds may pass between the two reads.
    await expect.poll(() => message(sms.id).locator('.expiry').textContent()).toMatch(/^expired 1:[0-5]\d ago$/);
    await page.locator('body').screenshot({ path: await screenshotPath('console-expired') });

    // Moved by someone else (a test script): the console follows the clock event.
    await control('POST', '/__mock/clock', { reset: true });
    await expect.poll(() => message(sms.id).getAttribute('data-state')).toBe('valid');
    expect(await page.locator('#clock-offset').textContent()).toBe('');

    await page.getByRole('button', { name: '+24 h', exact: true }).click();
    await expect.poll(() => page.locator('#clock-offset').textContent()).toBe('24 h ahead of real time');
    await page.getByRole('button', { name: 'Reset clock', exact: true }).click();
    await expect.poll(() => page.locator('#clock-offset').textContent()).toBe('');
  });

  it('resets everything only after confirming', async () => {
    await page.getByRole('button', { name: 'Reset all…' }).click();
    expect(await page.locator('#reset-dialog').isVisible()).toBe(true);
    await page.locator('#reset-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('#reset-dialog').isVisible()).toBe(false);
    expect(((await control('GET', '/__mock/outbox')) as unknown[]).length).toBe(2);

    await page.getByRole('button', { name: 'Reset all…' }).click();
    await page.locator('#reset-dialog').getByRole('button', { name: 'Reset all' }).click();
    await expect.poll(() => page.locator('#outbox .message').count()).toBe(0);
    expect(await page.locator('#outbox-empty').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#users-none').isVisible()).toBe(true);
    expect(await control('GET', '/__mock/outbox')).toEqual([]);
    expect(await page.locator('#requests tr').first().textContent()).toMatch(/POST\/__mock\/reset200/);

    // Still live after the reset: the next message appears by itself.
    await fetch(`${mock.base}/api/profile/phone`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: NEW_PHONE }),
    });
    await page.locator('#outbox .message .code').first().waitFor({ timeout: 1000 });
  });

  describe('worlds', () => {
    const WORLD_PHONE = '+41793334455';
    let world: Page;
    const picked = (on: Page) => on.locator('#world').inputValue();
    const listed = (on: Page) => on.locator('#world option').allTextContents();

    it('the console of world qa-1 shows a code sent in qa-1, and the default console does not', async () => {
      world = await context.newPage();
      world.setDefaultTimeout(10_000);
      await world.goto(`${mock.base}/worlds/qa-1/__mock/?adminToken=${ADMIN}`);
      await world.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
      // A fresh world: the fixtures, no message, while the default world has one.
      await expect.poll(() => world.locator('#users-others .user').count()).toBe(5);
      expect(await world.locator('#outbox .message').count()).toBe(0);
      expect(await page.locator('#outbox .message').count()).toBe(1);
      expect(await picked(world)).toBe('qa-1');
      expect(await world.title()).toBe('qa-1 · Pocketm8 mock console');

      const res = await fetch(`${mock.base}/worlds/qa-1/api/profile/phone`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: WORLD_PHONE }),
      });
      expect(res.status).toBe(200);
      const sms = (await control('GET', `/worlds/qa-1/__mock/outbox/latest?to=${encodeURIComponent(WORLD_PHONE)}`)) as Sent;
      await world.locator(`#outbox .message[data-id="${sms.id}"] .code`).waitFor({ timeout: 1000 });
      expect(await world.locator(`#outbox .message[data-id="${sms.id}"] .code`).textContent()).toBe(sms.code);
      expect(await world.locator('#outbox .message').count()).toBe(1);
      await expect
        .poll(() => world.locator('#users-pending .user[data-id="usr_alice"] .pending').textContent())
        .toBe(`phone → ${WORLD_PHONE} (waiting for the code)`);
      expect(await world.locator('#requests tr').first().textContent()).toMatch(/^\d\d:\d\d:\d\dPUT\/api\/profile\/phone200[\d.]+$/);

      // The same ids count from the fixtures in every world: the default console must show its own
      // message, not qa-1's (its code and destination).
      expect((await control('GET', `/__mock/outbox?to=${encodeURIComponent(WORLD_PHONE)}`)) as unknown[]).toEqual([]);
      await world.waitForTimeout(300);
      expect(await page.locator('#outbox .message').count()).toBe(1);
      expect(await page.locator('#outbox .message .to').allTextContents()).toEqual([NEW_PHONE]);
      expect(await page.locator('#requests').textContent()).not.toContain(WORLD_PHONE);
      expect(await page.locator('#users-pending .user[data-id="usr_alice"] .pending').textContent()).toBe(
        `phone → ${NEW_PHONE} (waiting for the code)`,
      );
      await world.locator('body').screenshot({ path: await screenshotPath('console-world') });
      // The world's own controls act on it only.
      await world.getByRole('button', { name: '+10 min', exact: true }).click();
      await expect.poll(() => world.locator('#clock-offset').textContent()).toBe('10 min ahead of real time');
      expect(((await control('GET', '/__mock/clock')) as { offsetMs: number }).offsetMs).toBe(0);
      expect(await page.locator('#clock-offset').textContent()).toBe('');
    });

    it('the picker lists the worlds by last use, qa-1 among them on the default console too', async () => {
      expect(await listed(world)).toEqual(expect.arrayContaining(['default', 'qa-1']));
      // The default console reads the list every few seconds: qa-1 appears without a reload.
      await expect.poll(() => listed(page), { timeout: 8000 }).toContain('qa-1');
      expect(await picked(page)).toBe('default');
      const names = ((await control('GET', '/__mock/worlds')) as { name: string }[]).map((known) => known.name);
      await expect.poll(() => listed(page), { timeout: 8000 }).toEqual(names);
    });

    it('switching to a world opens its console (admin token kept); default goes back to /__mock/', async () => {
      await page.locator('#world').selectOption('qa-1');
      await page.waitForURL(`${mock.base}/worlds/qa-1/__mock/?adminToken=${ADMIN}`);
      await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator('#outbox .message .to').allTextContents()).toEqual([WORLD_PHONE]);
      expect(await picked(page)).toBe('qa-1');

      await page.locator('#world').selectOption('default');
      await page.waitForURL(`${mock.base}/__mock/?adminToken=${ADMIN}`);
      await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
      await expect.poll(() => page.locator('#outbox .message .to').allTextContents()).toEqual([NEW_PHONE]);
      expect(await picked(page)).toBe('default');
      expect(await page.locator('#problem').isVisible()).toBe(false);
    });

    it('a world deleted under its console: the console follows the fresh world', async () => {
      await control('DELETE', '/__mock/worlds/qa-1');
      // The stream of the old world ends; the page reads the fresh world (no message) and listens to it.
      await expect.poll(() => world.locator('#outbox .message').count()).toBe(0);
      await world.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
      const res = await fetch(`${mock.base}/api/profile/phone`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json', 'X-Mock-World': 'qa-1' },
        body: JSON.stringify({ phone: WORLD_PHONE }),
      });
      expect(res.status).toBe(200);
      await expect.poll(() => world.locator('#outbox .message .to').allTextContents(), { timeout: 10_000 }).toEqual([WORLD_PHONE]);
      await world.close();
    });
  });
});

// What an app's own test looks like: the app code (here a few fetch calls) talks to the mock's API
// base URL of this file's world, and the test reads the SMS code from the outbox.
import { describe, expect, it } from 'vitest';
import { mockWorld } from './mock-world.ts';

const mock = mockWorld(import.meta.filename);
const ALICE = 'pm8_fixture_alice_0000000000000000';

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${mock.urls.pocketm8}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${ALICE}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('phone change', () => {
  it('sends a code and takes it', async () => {
    expect((await api('/profile/phone', { method: 'PUT', body: { phone: '+41791230001' } })).status).toBe(200);
    const code = await mock.waitForCode({ to: '+41791230001', purpose: 'phone-change' });
    const verified = await api('/profile/verify-code', { method: 'POST', body: { type: 'phone', code } });
    expect(verified.status).toBe(200);
    expect((await api('/profile')).body).toMatchObject({ phone: '+41791230001', phoneVerified: true });
  });

  it('starts every test from the fixtures', async () => {
    expect(await mock.outbox.list()).toEqual([]);
    expect((await api('/profile')).body).toMatchObject({ pendingPhone: null });
  });

  it('lets a code expire by moving this world clock only', async () => {
    await api('/profile/phone', { method: 'PUT', body: { phone: '+41791230002' } });
    const code = await mock.waitForCode({ to: '+41791230002' });
    await mock.clock.advance('11m');
    expect((await api('/profile/verify-code', { method: 'POST', body: { type: 'phone', code } })).body).toMatchObject({
      message: 'CODE_EXPIRED',
    });
  });
});

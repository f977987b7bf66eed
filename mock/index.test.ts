import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../test/harness.ts';
import { MockControlError, startMock, type RunningMock } from './index.ts';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
});

// Server handles of this process once closes under way have run (Node closes a handle that
// failed to listen in the close phase of the event loop, after the rejection is seen).
async function listeningServers(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
}

/** A phone change of Alice's, as an app under test would ask for it. */
const askPhoneChange = (base: string, phone: string) =>
  fetch(`${base}/profile/phone`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ phone }),
  });

describe('startMock', () => {
  it('resolves once the mock answers, on a free port of 127.0.0.1', async () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect((await mock.client().health()).status).toBe('ok');
  });

  it('gives a fresh world and a client bound to it', async () => {
    const world = await mock.world('start-1');
    expect(world.world).toBe('start-1');
    expect(world.urls.pocketm8).toBe(`${mock.url}/worlds/start-1/api`);
    expect((await askPhoneChange(world.urls.pocketm8, '+41790000111')).status).toBe(200);
    expect(await world.outbox.list()).toHaveLength(1);
    expect(await mock.client().outbox.list()).toHaveLength(0);
    // Made fresh again: the message is gone.
    await mock.world('start-1');
    expect(await world.outbox.list()).toHaveLength(0);
  });

  it('refuses bad options with a clear message', async () => {
    await expect(startMock({ codes: { mode: 'fixed', code: '12' } })).rejects.toThrow(/fixed code must be 6 digits/);
    await expect(startMock({ worldTtl: 'soon' })).rejects.toThrow(/worldTtl must be a duration/);
  });

  it('rejects a taken port with a clear error and keeps nothing listening', async () => {
    const handles = await listeningServers();
    await expect(startMock({ port: mock.port })).rejects.toThrow(new RegExp(`port ${mock.port}.*in use|EADDRINUSE`));
    expect(await listeningServers()).toBe(handles);
  });

  it('rejects unreadable fixtures with a clear error and starts nothing', async () => {
    const handles = await listeningServers();
    await expect(startMock({ fixtures: '/nonexistent/fixtures' })).rejects.toThrow(/fixtures.*\/nonexistent\/fixtures/);
    expect(await listeningServers()).toBe(handles);
  });

  it('serves fixed codes when asked', async () => {
    const fixed = await startMock({ codes: { mode: 'fixed', code: '246810' } });
    try {
      await askPhoneChange(`${fixed.url}/api`, '+41790000112');
      expect(await fixed.client().waitForCode({ to: '+41790000112' })).toBe('246810');
    } finally {
      await fixed.close();
    }
  });
});

describe('createMockClient', () => {
  it('waitForCode resolves when the message arrives', async () => {
    const client = await mock.world('wait-1');
    const waiting = client.waitForCode({ to: '+41790000113', purpose: 'phone-change', timeoutMs: 3000 });
    setTimeout(() => void askPhoneChange(client.urls.pocketm8, '+41790000113'), 150);
    const code = await waiting;
    expect(code).toMatch(/^\d{6}$/);
    expect((await client.outbox.latest({ to: '+41790000113' })).code).toBe(code);
  });

  it('waitForCode rejects with a clear message at the timeout', async () => {
    const client = await mock.world('wait-2');
    await expect(client.waitForCode({ to: '+41790000114', timeoutMs: 200 })).rejects.toThrow(
      'waitForCode: no message with a code to +41790000114 arrived in world "wait-2" within 200 ms',
    );
  });

  it('moves the clock, takes snapshots and sets faults in its world only', async () => {
    const client = await mock.world('steer-1');
    const moved = await client.clock.advance('11m');
    expect(moved.offsetMs).toBe(660_000);
    expect((await mock.client().clock.get()).offsetMs).toBe(0);
    await client.snapshots.save('s1');
    expect((await client.snapshots.list()).map((snapshot) => snapshot.name)).toEqual(['s1']);
    const rule = await client.faults.add({ path: '/api/profile', status: 503 });
    expect(await client.faults.list()).toEqual([rule]);
    expect(await mock.client().faults.list()).toEqual([]);
    await client.faults.remove(rule.id);
    expect((await client.clock.reset()).offsetMs).toBe(0);
    expect((await client.reset()).message).toBe('RESET');
  });

  it('lists and deletes worlds', async () => {
    await mock.world('gone-1');
    expect((await mock.client().worlds.list()).map((world) => world.name)).toContain('gone-1');
    await mock.client().worlds.delete('gone-1');
    expect((await mock.client().worlds.list()).map((world) => world.name)).not.toContain('gone-1');
  });

  it('surfaces control API errors as typed errors with status and body', async () => {
    const error = await mock
      .client()
      .worlds.delete('default')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockControlError);
    expect(error).toMatchObject({ status: 409, body: { message: 'CONFLICT' }, method: 'DELETE' });
    const missing = await mock
      .client()
      .outbox.latest({ to: '+41799999999' })
      .catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ status: 404, body: { message: 'NOT_FOUND' } });
  });

  it('fails fast, naming the URL it tried, when no mock is running there', async () => {
    const { createMockClient } = await import('./index.ts');
    const started = Date.now();
    const error = await createMockClient({ baseUrl: 'http://127.0.0.1:9' })
      .waitForCode({ to: '+41790000114', timeoutMs: 10_000 })
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/http:\/\/127\.0\.0\.1:9\//);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("surfaces the mock's 400 for a world name it refuses", async () => {
    const error = await mock.world('Not A Name!').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MockControlError);
    expect(error).toMatchObject({ status: 400 });
    const { createMockClient } = await import('./index.ts');
    const refused = await createMockClient({ baseUrl: mock.url, world: 'Not A Name!' })
      .outbox.list()
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 400 });
  });

  it('carries the admin token', async () => {
    const guarded = await startMock({ adminToken: 'let-me-in' });
    try {
      expect((await guarded.client().health()).status).toBe('ok');
      const { createMockClient } = await import('./index.ts');
      await expect(createMockClient({ baseUrl: guarded.url }).health()).rejects.toMatchObject({ status: 401 });
    } finally {
      await guarded.close();
    }
  });
});

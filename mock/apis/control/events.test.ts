import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { createTestApp } from '../../../test/harness.ts';

interface Listening {
  mock: MockApp;
  base: string;
  close(): Promise<void>;
}

const open: Listening[] = [];

async function listen(config: Parameters<typeof createTestApp>[0] = {}): Promise<Listening> {
  const mock = await createTestApp(config);
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const listening = {
    mock,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(listening);
  return listening;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((listening) => listening.close()));
});

/** Opens the event stream; `next(name)` waits for the next event of that name and answers its data. */
function subscribe(url: string) {
  return new Promise<{ res: IncomingMessage; next(name: string): Promise<unknown>; close(): void }>((resolve, reject) => {
    const req = get(url, (res) => {
      let buffered = '';
      const waiting: { name: string; resolve(data: unknown): void }[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const index = waiting.findIndex((wait) => wait.name === name);
          if (index >= 0 && data !== undefined) waiting.splice(index, 1)[0]!.resolve(JSON.parse(data));
          end = buffered.indexOf('\n\n');
        }
      });
      resolve({
        res,
        next: (name) => new Promise((done) => waiting.push({ name, resolve: done })),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
  });
}

const busListeners = ({ context }: MockApp) =>
  (['outbox', 'clock', 'reset', 'request'] as const).reduce((sum, name) => sum + context.bus.listenerCount(name), 0);

describe('GET /__mock/events', () => {
  it('streams outbox, clock, reset and request events as server-sent events', async () => {
    const { mock, base } = await listen();
    const events = await subscribe(`${base}/__mock/events`);
    expect(events.res.statusCode).toBe(200);
    expect(events.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(events.res.headers['cache-control']).toBe('no-cache');

    const outbox = events.next('outbox');
    const journal = events.next('request');
    await request(mock.app).post('/api/auth/user/send-sms-code').send({ phone: '+4176545653' }).expect(200);
    expect(await outbox).toMatchObject({ channel: 'sms', to: '+4176545653', purpose: 'sign-in', code: expect.stringMatching(/^\d{6}$/) });
    expect(await journal).toMatchObject({ method: 'POST', path: '/api/auth/user/send-sms-code', status: 200, api: 'pocketm8' });

    const clock = events.next('clock');
    await request(mock.app).post('/__mock/clock').send({ advance: '24h' }).expect(200);
    expect(await clock).toEqual({ now: expect.any(String), offsetMs: 86_400_000 });

    const reset = events.next('reset');
    await request(mock.app).post('/__mock/reset').expect(200);
    expect(await reset).toEqual({ message: 'RESET' });

    await request(mock.app).post('/__mock/snapshots/s1').expect(201);
    const restored = events.next('reset');
    await request(mock.app).post('/__mock/snapshots/s1/restore').expect(200);
    expect(await restored).toEqual({ message: 'RESTORED', name: 's1' });
    events.close();
  });

  it('sends an event that the verification engine emits directly', async () => {
    const { mock, base } = await listen();
    const events = await subscribe(`${base}/__mock/events`);
    const outbox = events.next('outbox');
    mock.context.verification.send({
      purpose: 'email-change',
      channel: 'email',
      destination: 'new.address@example.com',
      userId: 'usr_alice',
      secret: 'code',
      lifetimeMs: 600_000,
      message: (code) => ({ subject: 'Your code', body: `Your code is ${code}` }),
    });
    expect(await outbox).toMatchObject({ to: 'new.address@example.com', code: '253117' });
    events.close();
  });

  it('removes its listeners when the client goes away', async () => {
    const listening = await listen();
    const before = busListeners(listening.mock);
    const first = await subscribe(`${listening.base}/__mock/events`);
    const second = await subscribe(`${listening.base}/__mock/events`);
    expect(busListeners(listening.mock)).toBe(before + 8);
    first.close();
    await vi.waitFor(() => expect(busListeners(listening.mock)).toBe(before + 4));
    second.close();
    await vi.waitFor(() => expect(busListeners(listening.mock)).toBe(before));
  });

  it('takes the admin token as ?adminToken= (EventSource cannot send headers)', async () => {
    const { base } = await listen({ adminToken: 'admin-secret' });
    const refused = await subscribe(`${base}/__mock/events`);
    expect(refused.res.statusCode).toBe(401);
    refused.close();
    const events = await subscribe(`${base}/__mock/events?adminToken=admin-secret`);
    expect(events.res.statusCode).toBe(200);
    events.close();
  });

  it('answers HEAD with the headers only', async () => {
    const { mock } = await listen();
    const res = await request(mock.app).head('/__mock/events');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  });
});

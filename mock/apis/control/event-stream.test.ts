import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus, type EventBus } from '../../domain/events.ts';
import type { OutboxEntry } from '../../store/data.ts';
import { openEventStream } from './event-stream.ts';

const entry: OutboxEntry = {
  id: 'msg_0001',
  channel: 'sms',
  to: '+4176545653',
  purpose: 'phone-change',
  code: '007879',
  body: 'Your Pocketm8 code is 007879.',
  sentAt: '2026-11-22T10:00:00Z',
  expiresAt: '2026-11-22T10:10:00Z',
};

const listeners = (bus: EventBus) => (['outbox', 'clock', 'reset', 'request'] as const).map((name) => bus.listenerCount(name));

const NOTHING_YET = Symbol('nothing yet');
/** Lets the microtasks run: a read of a chunk already queued settles within them. */
async function settled(): Promise<typeof NOTHING_YET> {
  for (let tick = 0; tick < 20; tick += 1) await Promise.resolve();
  return NOTHING_YET;
}

/** A reader of the stream whose `drain()` answers everything queued so far, as text. */
function reader(stream: ReadableStream<Uint8Array>) {
  const reading = stream.getReader();
  const decoder = new TextDecoder();
  let pending: ReturnType<typeof reading.read> | undefined;
  return {
    async drain(): Promise<string> {
      let text = '';
      for (;;) {
        pending ??= reading.read();
        const result = await Promise.race([pending, settled()]);
        if (result === NOTHING_YET) return text;
        pending = undefined;
        if (result.done) return text;
        text += decoder.decode(result.value);
      }
    },
    /** Whether the stream failed (was cut off). */
    async failed(): Promise<boolean> {
      return (pending ?? reading.read()).then(
        () => false,
        () => true,
      );
    },
    cancel: () => reading.cancel(),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('openEventStream', () => {
  it('sends each bus event with its name and one line of JSON', async () => {
    const bus = createEventBus();
    const stream = reader(openEventStream(bus));
    expect(await stream.drain()).toBe(': connected\n\n');
    bus.emit('outbox', entry);
    bus.emit('clock', { now: '2026-11-23T10:00:00Z', offsetMs: 86_400_000 });
    bus.emit('reset');
    bus.emit('reset', { message: 'RESTORED', name: 'before-pace' });
    bus.emit('request', {
      method: 'GET',
      path: '/api/profile',
      status: 200,
      durationMs: 1.5,
      time: '2026-11-22T10:00:00Z',
      api: 'pocketm8',
    });
    expect(await stream.drain()).toBe(
      [
        `event: outbox\ndata: ${JSON.stringify(entry)}\n\n`,
        'event: clock\ndata: {"now":"2026-11-23T10:00:00Z","offsetMs":86400000}\n\n',
        'event: reset\ndata: {"message":"RESET"}\n\n',
        'event: reset\ndata: {"message":"RESTORED","name":"before-pace"}\n\n',
        'event: request\ndata: {"method":"GET","path":"/api/profile","status":200,"durationMs":1.5,"time":"2026-11-22T10:00:00Z","api":"pocketm8"}\n\n',
      ].join(''),
    );
    await stream.cancel();
  });

  it('sends a keep-alive comment every 15 seconds', async () => {
    vi.useFakeTimers();
    const stream = reader(openEventStream(createEventBus()));
    await stream.drain();
    vi.advanceTimersByTime(14_999);
    expect(await stream.drain()).toBe('');
    vi.advanceTimersByTime(1);
    expect(await stream.drain()).toBe(': keep-alive\n\n');
    vi.advanceTimersByTime(30_000);
    expect(await stream.drain()).toBe(': keep-alive\n\n: keep-alive\n\n');
    await stream.cancel();
  });

  it('removes its listeners and its timer when cancelled', async () => {
    vi.useFakeTimers();
    const bus = createEventBus();
    const stream = openEventStream(bus);
    expect(listeners(bus)).toEqual([1, 1, 1, 1]);
    expect(vi.getTimerCount()).toBe(1);
    await stream.cancel();
    expect(listeners(bus)).toEqual([0, 0, 0, 0]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cuts off a client that does not read, instead of buffering without end', async () => {
    const bus = createEventBus();
    const stream = openEventStream(bus);
    const big = { ...entry, body: 'x'.repeat(100_000) };
    for (let n = 0; n < 20; n += 1) bus.emit('outbox', big);
    expect(listeners(bus)).toEqual([0, 0, 0, 0]);
    expect(await reader(stream).failed()).toBe(true);
  });
});

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

/** Everything the stream has buffered so far, as text. */
function drain(stream: ReturnType<typeof openEventStream>): string {
  let text = '';
  for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) text += String(chunk);
  return text;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('openEventStream', () => {
  it('sends each bus event with its name and one line of JSON', () => {
    const bus = createEventBus();
    const stream = openEventStream(bus);
    expect(drain(stream)).toBe(': connected\n\n');
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
    expect(drain(stream)).toBe(
      [
        `event: outbox\ndata: ${JSON.stringify(entry)}\n\n`,
        'event: clock\ndata: {"now":"2026-11-23T10:00:00Z","offsetMs":86400000}\n\n',
        'event: reset\ndata: {"message":"RESET"}\n\n',
        'event: reset\ndata: {"message":"RESTORED","name":"before-pace"}\n\n',
        'event: request\ndata: {"method":"GET","path":"/api/profile","status":200,"durationMs":1.5,"time":"2026-11-22T10:00:00Z","api":"pocketm8"}\n\n',
      ].join(''),
    );
    stream.destroy();
  });

  it('sends a keep-alive comment every 15 seconds', () => {
    vi.useFakeTimers();
    const stream = openEventStream(createEventBus());
    drain(stream);
    vi.advanceTimersByTime(14_999);
    expect(drain(stream)).toBe('');
    vi.advanceTimersByTime(1);
    expect(drain(stream)).toBe(': keep-alive\n\n');
    vi.advanceTimersByTime(30_000);
    expect(drain(stream)).toBe(': keep-alive\n\n: keep-alive\n\n');
    stream.destroy();
  });

  it('removes its listeners and its timer when destroyed', () => {
    vi.useFakeTimers();
    const bus = createEventBus();
    const stream = openEventStream(bus);
    expect(listeners(bus)).toEqual([1, 1, 1, 1]);
    expect(vi.getTimerCount()).toBe(1);
    stream.destroy();
    expect(listeners(bus)).toEqual([0, 0, 0, 0]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cuts off a client that does not read, instead of buffering without end', () => {
    const bus = createEventBus();
    const stream = openEventStream(bus);
    stream.on('error', () => undefined);
    const big = { ...entry, body: 'x'.repeat(100_000) };
    for (let n = 0; n < 20; n += 1) bus.emit('outbox', big);
    expect(stream.destroyed).toBe(true);
    expect(listeners(bus)).toEqual([0, 0, 0, 0]);
  });
});

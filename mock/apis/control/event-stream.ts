import type { EventBus, JournalEntry, ResetEvent } from '../../domain/events.ts';
import type { OutboxEntry } from '../../store/data.ts';

export const KEEP_ALIVE_MS = 15_000;
/** A client that reads slower than this much gets cut off (EventSource reconnects by itself). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * A server-sent event stream of the bus: `outbox`, `clock`, `reset` and `request` events with one
 * line of JSON each, and a `: keep-alive` comment every `keepAliveMs`; it ends when the bus's world
 * is `closed`. Cancelling the stream (the
 * door does when the client goes away) removes its listeners and its timer. A web stream, so that
 * the MSW door serves it in browsers too.
 */
export function openEventStream(bus: EventBus, keepAliveMs = KEEP_ALIVE_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => undefined as void;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string) => {
          // More than the limit waits unread: the client is cut off.
          if ((controller.desiredSize ?? 0) < 0) {
            stop();
            controller.error(new Error('the client reads too slowly'));
          } else controller.enqueue(encoder.encode(text));
        };
        const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        const onOutbox = (entry: OutboxEntry) => send('outbox', entry);
        const onClock = (clock: { now: string; offsetMs: number }) => send('clock', clock);
        const onReset = (detail?: ResetEvent) => send('reset', detail ?? { message: 'RESET' });
        const onRequest = (entry: JournalEntry) => send('request', entry);
        // The world went away: the stream ends and an EventSource reconnects, to the world of that name now.
        const onClosed = () => {
          stop();
          controller.close();
        };
        const timer = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
        stop = () => {
          clearInterval(timer);
          bus.off('outbox', onOutbox).off('clock', onClock).off('reset', onReset).off('request', onRequest).off('closed', onClosed);
        };
        bus.on('outbox', onOutbox).on('clock', onClock).on('reset', onReset).on('request', onRequest).on('closed', onClosed);
        // Sends the headers at once, so the client's EventSource opens before the first event.
        write(': connected\n\n');
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: MAX_BUFFERED_BYTES, size: (chunk) => chunk.byteLength },
  );
}

import { Readable } from 'node:stream';
import type { MockContext } from '../context.ts';
import { openEventStream } from './event-stream.ts';
import type { ControlHandlers } from './types.ts';

export function eventHandlers(context: MockContext): Pick<ControlHandlers, 'streamEvents'> {
  return {
    streamEvents: ({ request }) => ({
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
      // A HEAD request gets the headers only; a stream that never ends would keep it open.
      stream: request.method === 'HEAD' ? Readable.from([]) : openEventStream(context.bus),
    }),
  };
}

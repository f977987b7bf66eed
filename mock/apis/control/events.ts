import type { MockContext } from '../context.ts';
import { streamOf } from '../../store/bytes.ts';
import { openEventStream } from './event-stream.ts';
import type { ControlHandlers } from './types.ts';

export function eventHandlers(context: MockContext): Pick<ControlHandlers, 'streamEvents'> {
  return {
    streamEvents: ({ request }) => ({
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
      // A HEAD request gets the headers only; a stream that never ends would keep it open.
      stream: request.method === 'HEAD' ? streamOf(new Uint8Array(0)) : openEventStream(context.bus),
    }),
  };
}

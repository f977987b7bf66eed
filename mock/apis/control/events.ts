import { streamOf } from '../../store/bytes.ts';
import { openEventStream } from './event-stream.ts';
import type { ControlHandlers } from './types.ts';

export const eventHandlers: Pick<ControlHandlers, 'streamEvents'> = {
  streamEvents: ({ request, world }) => ({
    status: 200,
    contentType: 'text/event-stream; charset=utf-8',
    headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
    // A HEAD request gets the headers only; a stream that never ends would keep it open.
    stream: request.method === 'HEAD' ? streamOf(new Uint8Array(0)) : openEventStream(world.bus),
  }),
};

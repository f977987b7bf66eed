import type { MockContext } from '../context.ts';
import type { ControlHandlers } from './types.ts';

export function healthHandlers(context: MockContext): Pick<ControlHandlers, 'getHealth'> {
  const { version } = context.assets;
  return {
    getHealth: () => ({
      status: 200,
      // performance.now() counts from the start of the process (Node) or of the page (a browser).
      body: { status: 'ok', uptimeMs: Math.round(performance.now()), now: context.clock.iso(), version },
    }),
  };
}

import type { ControlHandlers } from './types.ts';

export const healthHandlers: Pick<ControlHandlers, 'getHealth'> = {
  getHealth: ({ world }) => ({
    status: 200,
    // performance.now() counts from the start of the process (Node) or of the page (a browser).
    body: { status: 'ok', uptimeMs: Math.round(performance.now()), now: world.clock.iso(), version: world.assets.version },
  }),
};

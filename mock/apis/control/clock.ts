import type { Clock } from '../../domain/clock.ts';
import { toIso } from '../../domain/clock.ts';
import { ApiError } from '../../lib/api-error.ts';
import { parseDuration } from '../../lib/duration.ts';
import type { ControlHandlers } from './types.ts';

/** The last second RFC 3339 can write (four-digit years). */
const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

const invalid = (field: string, message: string) => new ApiError('VALIDATION_ERROR', { errors: [{ field, message }] });

function view(clock: Clock) {
  return { now: clock.iso(), offsetMs: clock.offsetMs };
}

export const clockHandlers: Pick<ControlHandlers, 'getClock' | 'moveClock'> = {
  getClock: ({ world }) => ({ status: 200, body: view(world.clock) }),
  moveClock: ({ body, world }) => {
    const { clock } = world;
    if ('advance' in body) {
      const ms = parseDuration(body.advance);
      if (ms === undefined) throw invalid('advance', 'must be a whole number followed by ms, s, m, h or d, e.g. 24h');
      if (clock.now() + ms > MAX_DATE_MS) throw invalid('advance', 'moves the clock beyond the range of dates');
      clock.advance(ms);
    } else if ('set' in body) {
      const at = Date.parse(body.set);
      if (!Number.isFinite(at)) throw invalid('set', 'must be an RFC 3339 date-time');
      if (!clock.set(at)) {
        const system = toIso(clock.now() - clock.offsetMs);
        throw invalid('set', `must not be before the system clock (${system}); the mock clock never runs behind real time`);
      }
    } else {
      clock.reset();
    }
    const moved = view(clock);
    world.bus.emit('clock', moved);
    return { status: 200, body: moved };
  },
};

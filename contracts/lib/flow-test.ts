import { it } from 'vitest';
import { clockStill, movingClock } from './clock-lease.ts';
import { lacking } from './world.ts';

export type Need = Parameters<typeof lacking>[number];

/** The title, with the reason when the test is skipped (so that the report says why). */
export const titled = (title: string, reason: string | undefined) => (reason ? `${title} [skipped: ${reason}]` : title);

/**
 * A flow test: skipped with its reason in the title when the run lacks what it needs; a test that
 * needs the clock runs alone (`movingClock`), every other one while the clock stands still, when
 * files share a clock (clock-lease.ts; in a world of the file's own both just run).
 */
export function flow(needs: readonly Need[], title: string, fn: () => Promise<void>, timeout?: number): void {
  const reason = lacking(...needs);
  const body = needs.includes('clock') ? () => movingClock(fn) : () => clockStill(fn);
  it.skipIf(reason !== undefined)(titled(title, reason), body, timeout);
}

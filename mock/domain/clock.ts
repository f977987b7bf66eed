/**
 * The one clock every lifetime, cooldown and window reads: the system clock plus an offset that
 * the control API moves forward. A new clock (restart) and `reset()` put the offset back to zero.
 */
export interface Clock {
  now(): number;
  iso(): string;
  readonly offsetMs: number;
  advance(ms: number): void;
  /** Moves to an absolute time; answers false (and does nothing) for a time before the system clock. */
  set(epochMs: number): boolean;
  reset(): void;
}

export function createClock(system: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => system() + offset,
    iso: () => toIso(system() + offset),
    get offsetMs() {
      return offset;
    },
    advance(ms) {
      offset += ms;
    },
    set(epochMs) {
      const wanted = epochMs - system();
      if (wanted < 0) return false;
      offset = wanted;
      return true;
    },
    reset() {
      offset = 0;
    },
  };
}

let isoSecond = Number.NaN;
let isoText = '';

/** RFC 3339 UTC without milliseconds, as every timestamp of the API (the last second's text is kept). */
export function toIso(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== isoSecond) {
    isoText = `${new Date(second * 1000).toISOString().slice(0, -5)}Z`;
    isoSecond = second;
  }
  return isoText;
}

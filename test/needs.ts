// Tests that drive a program of the machine (Debian's chromium, nginx): skipped where it is missing,
// never in CI.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

export interface Program {
  path: string;
  /** How to get it, for the message. */
  install: string;
}

/** Why the program cannot run here, or undefined when it can. */
export const missing = (program: Program): string | undefined =>
  existsSync(program.path) ? undefined : `${program.path} is missing (${program.install})`;

/**
 * A describe block of tests that need the program. Without it the block is skipped with the reason
 * in its title, except in CI (`CI=true`), where it becomes one failing test instead: CI installs the
 * program and must never pass without having driven it.
 */
export function describeNeeding(program: Program, title: string, body: () => void): void {
  const why = missing(program);
  if (why && process.env.CI === 'true') {
    describe(title, () => {
      it(`runs ${program.path} (CI=true: never skipped)`, () => {
        throw new Error(`CI=true and ${why}: .ci/run installs it with apt-get`);
      });
    });
    return;
  }
  describe.skipIf(why !== undefined)(why ? `${title} (skipped: ${why})` : title, body);
}

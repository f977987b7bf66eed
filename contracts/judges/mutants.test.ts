// Proof of teeth: the contract suites, run as any user runs them (`npm run contract` against a
// server), must fail on every broken variant of the mock (contracts/mutants/variants.ts), and the
// failing tests must be the ones that check what the variant broke; the unchanged mock passes the
// same tests. Two variants run at once (a 2-core machine: each is a server and a vitest run).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVariant, type VariantRun } from '../mutants/run-variant.ts';
import { UNCHANGED, VARIANTS, type Variant } from '../mutants/variants.ts';

const AT_ONCE = 2;
/** A variant may wait for the others ahead of it: the whole table runs within this. */
const TIMEOUT_MS = 20 * 60_000;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `fn` when fewer than AT_ONCE runs are under way. */
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const runs = new Map<string, VariantRun>();
const failing = (run: VariantRun) => run.cases.filter((test) => test.state === 'failed');
const ran = (run: VariantRun) => run.cases.filter((test) => test.state !== 'skipped');

describe.concurrent('proof of teeth: the contract suites against broken variants of the mock', () => {
  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))(
    '%s is caught',
    async (name, variant: Variant) => {
      const run = await limited(() => runVariant(variant));
      runs.set(name, run);
      const caught = failing(run);
      const report = caught.map((test) => `\n    ${test.name}\n      ${test.message}`).join('');
      console.log(`${name} (${variant.groups.join(',')} --grep "${variant.grep}", ${run.seconds} s) caught by:${report || ' nothing'}`);
      expect(run.exitCode, `the runner's exit code (report: ${run.reportDir})`).toBe(1);
      expect(caught.length, `failing tests against ${name}: ${variant.description}`).toBeGreaterThan(0);
      expect(
        caught.map((test) => test.name),
        `a failing test matches ${variant.caughtBy}`,
      ).toContainEqual(expect.stringMatching(variant.caughtBy));
    },
    TIMEOUT_MS,
  );

  it(
    'the unchanged mock passes every test the variants run',
    async () => {
      const run = await limited(() => runVariant(UNCHANGED));
      runs.set(UNCHANGED.name, run);
      console.log(
        `${UNCHANGED.name} (control, ${UNCHANGED.groups.join(',')}, ${run.seconds} s): ${ran(run).length} tests ran, ${failing(run).length} failed`,
      );
      expect(
        failing(run).map((test) => `${test.name}: ${test.message}`),
        `report: ${run.reportDir}`,
      ).toEqual([]);
      expect(run.exitCode).toBe(0);
      // The tests that catch each variant ran and passed here.
      const passed = ran(run).map((test) => test.name);
      for (const variant of VARIANTS)
        expect(passed, `${variant.name}'s catching tests`).toContainEqual(expect.stringMatching(variant.caughtBy));
    },
    TIMEOUT_MS,
  );
});

describe('proof of teeth: summary', () => {
  it('writes reports/mutants/summary.json', () => {
    const summary = [...VARIANTS, UNCHANGED].map((variant) => {
      const run = runs.get(variant.name);
      return {
        variant: variant.name,
        breaks: variant.description,
        groups: variant.groups,
        grep: variant.grep,
        exitCode: run?.exitCode,
        seconds: run?.seconds,
        caughtBy: run ? failing(run).map((test) => test.name) : [],
      };
    });
    writeFileSync(join(import.meta.dirname, '..', '..', 'reports', 'mutants', 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    expect(
      summary.filter((row) => row.exitCode === undefined).map((row) => row.variant),
      'variants that did not run',
    ).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { loadSpec } from '../../../mock/core/compiled-spec.ts';
import { specFileOf } from '../../../mock/core/spec-files.ts';
import { PACE_PLAN } from '../plans/pace.ts';
import { AUTH_PLAN } from '../plans/pocketm8-auth.ts';
import { PROFILE_PLAN } from '../plans/pocketm8-profile.ts';
import { WORK_PLAN } from '../plans/pocketm8-work.ts';
import { alignHeaders, expectSchema } from './expectations.ts';
import { readHookSettings, type DreddApi, type HookSettings, type TransactionOutcome } from './hook-settings.ts';
import type { Plan } from './plan.ts';
import { keyOf, setToken, type DreddTransaction } from './transaction.ts';
import { LackingError, World } from './world.ts';

type Done = () => void;

/** The Hooks object Dredd passes as `require('hooks')` (the JavaScript hooks API). */
export interface DreddHooks {
  beforeEach(hook: (transaction: DreddTransaction, done: Done) => void): void;
  beforeEachValidation(hook: (transaction: DreddTransaction, done: Done) => void): void;
  afterEach(hook: (transaction: DreddTransaction, done: Done) => void): void;
  afterAll(hook: (transactions: DreddTransaction[], done: Done) => void): void;
}

export const PLANS: Record<DreddApi, Plan> = { pocketm8: { ...AUTH_PLAN, ...PROFILE_PLAN, ...WORK_PLAN }, pace: PACE_PLAN };

/**
 * Dredd runs a hook with two parameters asynchronously and waits for `done`; an async function
 * alone would not be awaited. A hook that throws fails its transaction with the message.
 */
function later<T extends DreddTransaction | DreddTransaction[]>(hook: (subject: T) => Promise<void> | void) {
  return (subject: T, done: Done) => {
    Promise.resolve()
      .then(() => hook(subject))
      .catch((error: unknown) => {
        if (!Array.isArray(subject)) subject.fail = `hooks: ${(error as Error).message}`;
        else console.error(`hooks: ${(error as Error).message}`);
      })
      .finally(done);
  };
}

/** Registers the hooks for one API's Dredd run. */
export function install(hooks: DreddHooks, settings: HookSettings = readHookSettings()): void {
  const { document, operations } = loadSpec(specFileOf(settings.api).path);
  const plan = PLANS[settings.api];
  const world = new World(settings);
  const skipped = new Map<string, string>();
  const outcomes: TransactionOutcome[] = [];

  hooks.beforeEach(
    later(async (transaction: DreddTransaction) => {
      const [method = '', path = '', status = ''] = keyOf(transaction).split(' ');
      const step = plan[`${method} ${path}`]?.[status];
      if (!step) throw new Error(`no plan for ${keyOf(transaction)}: add one in contracts/dredd/plans`);
      const reason = 'skip' in step ? step.skip : world.lacking(step.needs ?? []);
      if (reason !== undefined || 'skip' in step) {
        transaction.skip = true;
        skipped.set(transaction.name, reason ?? 'skipped');
        return;
      }
      const operation = operations.find((candidate) => candidate.path === path && candidate.method === method.toLowerCase());
      try {
        if (operation?.secured) setToken(transaction, (await world.plainUser()).token);
        expectSchema(document, transaction);
        await step.prepare(transaction, world);
      } catch (error) {
        if (!(error instanceof LackingError)) throw error;
        transaction.skip = true;
        skipped.set(transaction.name, error.message);
      }
    }),
  );

  hooks.beforeEachValidation(later((transaction: DreddTransaction) => alignHeaders(document, transaction)));

  hooks.afterEach(
    later((transaction: DreddTransaction) => {
      const status = transaction.skip ? 'skip' : transaction.test?.status === 'pass' && !transaction.fail ? 'pass' : 'fail';
      const reason =
        status === 'skip'
          ? skipped.get(transaction.name)
          : status === 'fail'
            ? (transaction.test?.message ?? String(transaction.fail))
            : undefined;
      outcomes.push({
        api: settings.api,
        name: transaction.name,
        key: keyOf(transaction),
        status,
        ...(reason ? { reason: reason.trim() } : {}),
      });
    }),
  );

  hooks.afterAll(later(() => writeFileSync(settings.resultsFile, `${JSON.stringify(outcomes, null, 2)}\n`)));
}

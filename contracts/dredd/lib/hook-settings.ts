import type { ContractSettings } from '../../lib/settings.ts';

/** The two APIs Dredd judges, each from its own spec file with its own base URL. */
export const DREDD_APIS = ['pocketm8', 'pace'] as const;
export type DreddApi = (typeof DREDD_APIS)[number];

/**
 * What contracts/dredd/run.ts tells the hooks (one Dredd process per API), as JSON in one variable.
 * The URLs, code source and clock mean what they mean for the contract suites.
 */
export interface HookSettings extends Pick<
  ContractSettings,
  'pocketm8Url' | 'paceUrl' | 'controlUrl' | 'adminToken' | 'codeSource' | 'clock'
> {
  api: DreddApi;
  /** A user with contacts and Matrix rooms (no API call creates those); null: those cases are skipped. */
  testUser: Login | null;
  /** A user without a phone (PACE's first-number cases); null: those cases are skipped. */
  phonelessUser: Login | null;
  /** Where the hooks write every transaction's outcome (JSON). */
  resultsFile: string;
}

export interface Login {
  login: string;
  password: string;
}

export const HOOK_SETTINGS_ENV = 'POCKETM8_DREDD_HOOKS';

export function readHookSettings(env: Readonly<Record<string, string | undefined>> = process.env): HookSettings {
  const raw = env[HOOK_SETTINGS_ENV];
  if (!raw) throw new Error(`${HOOK_SETTINGS_ENV} is not set: run Dredd through npm run contract:dredd`);
  return JSON.parse(raw) as HookSettings;
}

/** One transaction's outcome, as the hooks saw it after Dredd's validation. */
export interface TransactionOutcome {
  api: DreddApi;
  /** Dredd's name: `/tasks/{id} > Get Task > 200 > application/json`. */
  name: string;
  /** `GET /tasks/{id} 200`: the plan's key. */
  key: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it was skipped, or what failed. */
  reason?: string;
}

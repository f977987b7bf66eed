import { WORLD_NAME } from './mock-worlds.ts';

/**
 * What a contract run is pointed at and how it learns codes. The runner (`npm run contract`) turns
 * its flags into these environment variables; vitest's workers read them here.
 */
export interface ContractSettings {
  /** Pocketm8 API base, as in the spec's servers (`http://localhost:4010/api`). */
  pocketm8Url: string;
  /** PACE User API base (`http://localhost:4010/user/2021-2`). */
  paceUrl: string;
  /** The mock's control API (`http://localhost:4010/__mock`), or null against a real backend. */
  controlUrl: string | null;
  adminToken: string | null;
  /** How the suite learns a code that was sent (see code-sources.ts). */
  codeSource: string;
  /** Whether the clock can be moved (`/__mock/clock`); without it expiry checks are skipped. */
  clock: 'mock' | 'none';
  /** A test user for password sign-in; null: users sign up by SMS. */
  user: { login: string; password: string } | null;
  /** Where coverage records go. */
  reportDir: string | null;
  /** `--world`: the one world of the mock every request of the run goes to (`X-Mock-World`). */
  world: string | null;
  /**
   * Set by the global setup when the mock has worlds and no `--world` is given: each test file
   * then runs in a world of its own, `<runId>-<file>` (mock-worlds.ts). Null against a real backend.
   */
  runId: string | null;
}

export const ENV = {
  baseUrl: 'CONTRACT_BASE_URL',
  pocketm8Url: 'CONTRACT_POCKETM8_URL',
  paceUrl: 'CONTRACT_PACE_URL',
  controlUrl: 'CONTRACT_CONTROL_URL',
  adminToken: 'CONTRACT_ADMIN_TOKEN',
  codeSource: 'CONTRACT_CODE_SOURCE',
  clock: 'CONTRACT_CLOCK',
  login: 'CONTRACT_LOGIN',
  password: 'CONTRACT_PASSWORD',
  reportDir: 'CONTRACT_REPORT_DIR',
  world: 'CONTRACT_WORLD',
  runId: 'CONTRACT_RUN_ID',
} as const;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Reads the settings; the server root (`CONTRACT_BASE_URL`) gives the defaults of the three URLs. */
export function readSettings(env: Readonly<Record<string, string | undefined>> = process.env): ContractSettings {
  const base = env[ENV.baseUrl];
  if (!base) throw new Error(`${ENV.baseUrl} is not set: run the suites through npm run contract (or set it to the server root)`);
  const root = trimSlash(base);
  const controlUrl = env[ENV.controlUrl] === 'none' ? null : trimSlash(env[ENV.controlUrl] ?? `${root}/__mock`);
  const login = env[ENV.login];
  const password = env[ENV.password];
  const world = env[ENV.world] || null;
  if (world !== null && !WORLD_NAME.test(world))
    throw new Error(
      `${ENV.world} "${world}" is not a world name: 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  return {
    pocketm8Url: trimSlash(env[ENV.pocketm8Url] ?? `${root}/api`),
    paceUrl: trimSlash(env[ENV.paceUrl] ?? `${root}/user/2021-2`),
    controlUrl,
    adminToken: env[ENV.adminToken] || null,
    codeSource: env[ENV.codeSource] ?? (controlUrl ? 'mock-outbox' : 'none'),
    clock: env[ENV.clock] === 'none' || !controlUrl ? 'none' : 'mock',
    user: login && password ? { login, password } : null,
    reportDir: env[ENV.reportDir] ?? null,
    world,
    runId: controlUrl && !world ? env[ENV.runId] || null : null,
  };
}

#!/usr/bin/env node
// npm run contract:dredd -- --base-url <url>: Dredd over both specs, each against its own base
// (<base>/api and <base>/user/2021-2), with the hooks in contracts/dredd/hooks.cjs. Without a
// base URL the mock starts in this process. Writes reports/dredd/{results,skipped}.json and the
// Dredd logs; exits 0 only when every transaction that ran passed and every skip has a reason.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DREDD_APIS,
  HOOK_SETTINGS_ENV,
  type DreddApi,
  type HookSettings,
  type Login,
  type TransactionOutcome,
} from './lib/hook-settings.ts';
import { formatRuns, parseTally, problemsOf, type ApiRun } from './lib/report.ts';
import { basePathOf } from '../../mock/core/apis.ts';

const HELP = `Usage: npm run contract:dredd -- [options]

  --base-url <url>            server root where /api and /user/2021-2 live (default: start the mock in-process)
  --pocketm8-url <url>        Pocketm8 API base if elsewhere (default <base-url>/api)
  --pace-url <url>            PACE User API base if elsewhere (default <base-url>/user/2021-2)
  --control-url <url>         the mock's control API, or "none" for a real backend (default <base-url>/__mock)
  --admin-token <token>       the mock's admin token, if it has one
  --code-source <src>         mock-outbox | fixed:<code> | derived:<seed> | command:<cmd> | none
  --login <login>             a user with contacts and Matrix rooms, --password <password>
  --phoneless-login <login>   a user without a phone (PACE first number), --phoneless-password <password>
  --apis <list>               pocketm8,pace (default both)
  --report-dir <dir>          default reports/dredd
  --help

Against the mock it started itself, the fixture users alice (contacts, rooms) and dave (no phone) are used.`;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DREDD = join(ROOT, 'node_modules', 'dredd', 'bin', 'dredd');
const HOOKS = fileURLToPath(new URL('./hooks.cjs', import.meta.url));
const SPECS: Record<DreddApi, string> = { pocketm8: 'spec/pocketm8.openapi.yaml', pace: 'spec/pace-user.openapi.yaml' };
/** The fixture users of fixtures/default (README: Fixture users), for the mock this script starts. */
const FIXTURE_TEST_USER: Login = { login: 'alice@example.com', password: 'alice-pass-1' };
const FIXTURE_PHONELESS_USER: Login = { login: 'dave@example.com', password: 'dave-pass-4' };

const STRING_FLAGS = [
  'base-url',
  'pocketm8-url',
  'pace-url',
  'control-url',
  'admin-token',
  'code-source',
  'login',
  'password',
  'phoneless-login',
  'phoneless-password',
  'apis',
  'report-dir',
] as const;

const trim = (url: string) => url.replace(/\/+$/, '');
const login = (name: string | undefined, password: string | undefined): Login | null =>
  name && password ? { login: name, password } : null;

/**
 * One Dredd process. Its output goes straight to the log file: Dredd ends with process.exit(),
 * which can cut off what it wrote to a pipe (spec/lib/run-command.ts explains).
 */
async function runDredd(api: DreddApi, base: string, settings: HookSettings, logFile: string): Promise<ApiRun> {
  const log = openSync(logFile, 'w');
  let exitCode: number | null;
  try {
    const child = spawn(process.execPath, [DREDD, SPECS[api], base, '--hookfiles', HOOKS, '--language', 'nodejs', '--no-color'], {
      cwd: ROOT,
      env: { ...process.env, [HOOK_SETTINGS_ENV]: JSON.stringify(settings) },
      stdio: ['ignore', log, log],
    });
    [exitCode] = (await once(child, 'close')) as [number | null];
  } finally {
    closeSync(log);
  }
  const output = readFileSync(logFile, 'utf8');
  let outcomes: TransactionOutcome[] = [];
  try {
    outcomes = JSON.parse(readFileSync(settings.resultsFile, 'utf8')) as TransactionOutcome[];
  } catch {
    // no results: the hooks did not load or crashed; problemsOf() says so
  }
  return { api, exitCode: exitCode ?? 1, tally: parseTally(output), outcomes, log: logFile };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' as const }])), help: { type: 'boolean' } },
    strict: true,
  });
  const flag = (name: (typeof STRING_FLAGS)[number]) => {
    const value = (values as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const apis = (flag('apis') ?? DREDD_APIS.join(',')).split(',').map((api) => api.trim()) as DreddApi[];
  const unknown = apis.filter((api) => !DREDD_APIS.includes(api));
  if (unknown.length > 0) throw new Error(`unknown API(s) ${unknown.join(', ')}: use ${DREDD_APIS.join(', ')}`);

  let server: Server | undefined;
  let base = flag('base-url');
  const ownMock = !base && !flag('pocketm8-url');
  if (ownMock) {
    const { startInProcessMock } = await import('../lib/in-process-mock.ts');
    server = await startInProcessMock();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  try {
    const root = base ? trim(base) : undefined;
    const controlFlag = flag('control-url');
    const controlUrl = controlFlag === 'none' ? null : controlFlag ? trim(controlFlag) : root ? `${root}/__mock` : null;
    const reportDir = resolve(flag('report-dir') ?? 'reports/dredd');
    rmSync(reportDir, { recursive: true, force: true });
    mkdirSync(reportDir, { recursive: true });
    const common = {
      pocketm8Url: trim(flag('pocketm8-url') ?? `${root}${basePathOf('pocketm8')}`),
      paceUrl: trim(flag('pace-url') ?? `${root}${basePathOf('pace')}`),
      controlUrl,
      adminToken: flag('admin-token') ?? null,
      codeSource: flag('code-source') ?? (controlUrl ? 'mock-outbox' : 'none'),
      clock: controlUrl ? ('mock' as const) : ('none' as const),
      testUser: login(flag('login'), flag('password')) ?? (ownMock ? FIXTURE_TEST_USER : null),
      phonelessUser: login(flag('phoneless-login'), flag('phoneless-password')) ?? (ownMock ? FIXTURE_PHONELESS_USER : null),
    };
    const runs: ApiRun[] = [];
    for (const api of apis) {
      const settings: HookSettings = { ...common, api, resultsFile: join(reportDir, `${api}-outcomes.json`) };
      console.log(`dredd ${SPECS[api]} ${api === 'pocketm8' ? common.pocketm8Url : common.paceUrl}`);
      runs.push(await runDredd(api, api === 'pocketm8' ? common.pocketm8Url : common.paceUrl, settings, join(reportDir, `${api}.log`)));
    }
    const outcomes = runs.flatMap((run) => run.outcomes);
    const problems = runs.flatMap(problemsOf);
    writeFileSync(join(reportDir, 'results.json'), `${JSON.stringify({ passed: problems.length === 0, problems, outcomes }, null, 2)}\n`);
    const skipped = outcomes
      .filter((outcome) => outcome.status === 'skip')
      .map(({ api, key, name, reason }) => ({ api, key, name, reason }));
    writeFileSync(join(reportDir, 'skipped.json'), `${JSON.stringify(skipped, null, 2)}\n`);
    console.log(`\n${formatRuns(runs)}\n`);
    if (problems.length > 0) console.log(`problems:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    console.log(`reports: ${join(reportDir, 'results.json')}  ${join(reportDir, 'skipped.json')}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    if (server) {
      server.closeAllConnections();
      server.close();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`contract:dredd: ${(error as Error).message}`);
    process.exit(2);
  },
);

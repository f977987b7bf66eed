#!/usr/bin/env node
// npm run contract -- --base-url <url>: runs the contract suites against a server (default: the
// mock, started in-process), prints the coverage table, writes coverage.json and JUnit XML, and
// exits 0 only when every selected check passed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startVitest } from 'vitest/node';
import { buildReport, formatReport } from './lib/coverage.ts';
import { WORLD_NAME } from './lib/mock-worlds.ts';
import { ENV } from './lib/settings.ts';

export const GROUPS = ['read', 'write', 'flows', 'negative'] as const;

const HELP = `Usage: pocketm8-contract [options]

  --base-url <url>       server root where /api and /user/2021-2 live (default: start the mock in-process)
  --pocketm8-url <url>   Pocketm8 API base if elsewhere (default <base-url>/api)
  --pace-url <url>       PACE User API base if elsewhere (default <base-url>/user/2021-2)
  --control-url <url>    the mock's control API, or "none" for a real backend (default <base-url>/__mock)
  --admin-token <token>  the mock's admin token, if it has one
  --groups <list>        comma list of ${GROUPS.join(', ')} (default: all)
  --code-source <src>    mock-outbox | fixed:<code> | derived:<seed> | command:<cmd> | none
                         (default mock-outbox with a control API, else none)
  --clock <mock|none>    can the suites move the clock (default mock with a control API)
  --login <login>        a test user (email or phone) for password sign-in (default: sign up by SMS)
  --password <password>  its password
  --world <name>         run every test in this one world of the mock (X-Mock-World; not reset first);
                         default against a mock: each test file in a fresh world of its own,
                         <run id>-<file>, deleted when the run ends
  --report-dir <dir>     where coverage.json, junit.xml and the records go (default reports/contract)
  --shard <i/n>          run one shard of n (merge with: npm run contract:report -- <dirs>)
  --grep <pattern>       run only the tests whose full name (describe titles and test title) matches
                         this regular expression (vitest's testNamePattern)
  --help

Each flag also reads an environment variable: CONTRACT_BASE_URL, CONTRACT_POCKETM8_URL, CONTRACT_PACE_URL,
CONTRACT_CONTROL_URL, CONTRACT_ADMIN_TOKEN, CONTRACT_CODE_SOURCE, CONTRACT_CLOCK, CONTRACT_LOGIN, CONTRACT_PASSWORD,
CONTRACT_WORLD.`;

const FLAG_ENV = {
  'base-url': ENV.baseUrl,
  'pocketm8-url': ENV.pocketm8Url,
  'pace-url': ENV.paceUrl,
  'control-url': ENV.controlUrl,
  'admin-token': ENV.adminToken,
  'code-source': ENV.codeSource,
  clock: ENV.clock,
  login: ENV.login,
  password: ENV.password,
  world: ENV.world,
} as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(FLAG_ENV).map((name) => [name, { type: 'string' as const }])),
      groups: { type: 'string' },
      'report-dir': { type: 'string' },
      shard: { type: 'string' },
      grep: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  for (const [flag, env] of Object.entries(FLAG_ENV)) {
    const value = (values as Record<string, string | boolean | undefined>)[flag];
    if (typeof value === 'string') process.env[env] = value;
  }
  const groups = (values.groups ?? GROUPS.join(','))
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean);
  const unknown = groups.filter((group) => !(GROUPS as readonly string[]).includes(group));
  if (unknown.length > 0) throw new Error(`unknown group(s) ${unknown.join(', ')}: use ${GROUPS.join(', ')}`);
  if (process.env[ENV.world] && !WORLD_NAME.test(process.env[ENV.world] ?? ''))
    throw new Error(`--world "${process.env[ENV.world]}": 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit`);
  if (values.shard && !/^\d+\/\d+$/.test(values.shard)) throw new Error('--shard takes i/n, e.g. 1/3');

  const reportDir = resolve(values['report-dir'] ?? 'reports/contract');
  const recordsDir = join(reportDir, 'records');
  rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  process.env[ENV.reportDir] = recordsDir;

  const root = fileURLToPath(new URL('..', import.meta.url));
  const vitest = await startVitest(
    'test',
    groups.map((group) => `contracts/suites/${group}`),
    {
      root,
      config: fileURLToPath(new URL('./vitest.config.ts', import.meta.url)),
      watch: false,
      reporters: ['default', 'junit'],
      outputFile: { junit: join(reportDir, 'junit.xml') },
      ...(values.shard ? { shard: values.shard } : {}),
      ...(values.grep ? { testNamePattern: new RegExp(values.grep) } : {}),
    },
  );
  // A run that found no test at all (a wrong --grep, a broken checkout) proves nothing: it fails.
  const passed = (tasks: readonly { type: string; result?: { state?: string }; tasks?: unknown }[]): number =>
    tasks.reduce(
      (n, task) => n + (task.type === 'test' ? (task.result?.state === 'pass' ? 1 : 0) : passed((task.tasks ?? []) as never)),
      0,
    );
  const ran = vitest ? passed(vitest.state.getFiles() as never) + vitest.state.getCountOfFailedTests() : 0;
  const failed =
    !vitest ||
    ran === 0 ||
    vitest.state.getCountOfFailedTests() > 0 ||
    vitest.state.getUnhandledErrors().length > 0 ||
    vitest.state.getFiles().some((file) => file.result?.state === 'fail');
  if (ran === 0) console.error('pocketm8-contract: no test ran (check --groups and --grep)');
  await vitest?.close();

  const report = buildReport([recordsDir]);
  writeFileSync(join(reportDir, 'coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatReport(report)}\n\ncoverage: ${join(reportDir, 'coverage.json')}  junit: ${join(reportDir, 'junit.xml')}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`pocketm8-contract: ${(error as Error).message}`);
    process.exit(2);
  },
);

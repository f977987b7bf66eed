// The package as a user gets it: `npm pack`, installed into an empty folder (from npm's cache where it can,
// the registry for what it lacks), then both bins, the programmatic API and its types used from there.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../mock/core/package-root.ts';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc');

let folder: string;
let consumer: string;
let tarball: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pocketm8-package-'));
  consumer = join(folder, 'consumer');
  // The bundles are built by `npm ci` (prepare) and `npm run build`; packing uses them as they are.
  expect(existsSync(join(PACKAGE_ROOT, 'dist/index.mjs')), 'dist/ is built (npm run build)').toBe(true);
  const { stdout } = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: PACKAGE_ROOT });
  tarball = join(folder, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: consumer, maxBuffer: 16 << 20 });
}, 300_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the packed package in an empty project', () => {
  it("holds what users run and not this repository's tests, reports or scripts", async () => {
    const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 16 << 20 });
    const files = stdout.split('\n').filter(Boolean);
    for (const wanted of [
      'package/dist/pocketm8-mock.mjs',
      'package/dist/index.mjs',
      'package/dist/msw/index.js',
      'package/fixtures/default/db.json',
      'package/spec/pocketm8.openapi.yaml',
      'package/bin/pocketm8-contract.js',
      'package/LICENSE',
    ])
      expect(files).toContain(wanted);
    // The contract suites are test files users run (npx pocketm8-contract); no other test file goes in.
    expect(
      files.filter(
        (file) =>
          (/\.test\.ts$/.test(file) && !file.startsWith('package/contracts/suites/')) ||
          /^package\/(test|scripts|reports|docs|examples)\//.test(file),
      ),
    ).toEqual([]);
  });

  it('npx pocketm8-mock serves with its own fixtures and keeps state in .data/ of the current folder', async () => {
    const child = spawn(join(consumer, 'node_modules/.bin/pocketm8-mock'), ['--port', '0'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 30_000;
      while (!/ready on (http:\/\/\S+)/.test(output) && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 50));
      const url = /ready on (http:\/\/\S+)/.exec(output)?.[1];
      expect(url, output).toBeDefined();
      expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
      const changed = await fetch(`${url}/api/profile/phone`, {
        method: 'PUT',
        headers: { Authorization: 'Bearer pm8_fixture_alice_0000000000000000', 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: '+41791237777' }),
      });
      expect(changed.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    expect(existsSync(join(consumer, '.data/db.json'))).toBe(true);
  }, 60_000);

  it('npx pocketm8-contract runs the read group against the mock it starts', async () => {
    const { stdout } = await run(
      join(consumer, 'node_modules/.bin/pocketm8-contract'),
      ['--groups', 'read', '--report-dir', join(folder, 'report')],
      {
        cwd: consumer,
        maxBuffer: 64 << 20,
      },
    );
    expect(stdout).toMatch(/getProfile/);
    expect(existsSync(join(folder, 'report/coverage.json'))).toBe(true);
  }, 180_000);

  it('startMock and createMockClient work from the package, with their types', async () => {
    writeFileSync(
      join(consumer, 'check.mts'),
      [
        "import { startMock, createMockClient, type MockClient } from 'pocketm8-mock';",
        'const mock = await startMock();',
        "const world: MockClient = await mock.world('pkg-1');",
        'const health = await createMockClient({ baseUrl: mock.url }).health();',
        "await fetch(`${world.urls.pocketm8}/profile/phone`, { method: 'PUT', headers: { Authorization: 'Bearer pm8_fixture_alice_0000000000000000', 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: '+41791238888' }) });",
        "const code: string = await world.waitForCode({ to: '+41791238888' });",
        'console.log(JSON.stringify({ status: health.status, code }));',
        'await mock.close();',
      ].join('\n'),
    );
    await run(
      process.execPath,
      [
        TSC,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--skipLibCheck',
        'check.mts',
      ],
      { cwd: consumer },
    );
    await run(
      process.execPath,
      [TSC, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'check.mts'],
      { cwd: consumer },
    );
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ status: 'ok', code: expect.stringMatching(/^\d{6}$/) });
  }, 60_000);

  // npm clones the repository and runs its `prepare` (npm run build) before packing it, so the bundles
  // are built from the committed sources. HEAD is what is installed, not the working tree. CI runs it
  // on one Node line only (PACKAGE_GIT_INSTALL=skip on the others): it is npm's work more than Node's.
  it.skipIf(!existsSync(join(PACKAGE_ROOT, '.git')) || process.env.PACKAGE_GIT_INSTALL === 'skip')(
    'installs from a git URL: npm builds the bundles itself and the mock serves from there',
    async () => {
      const fromGit = join(folder, 'from-git');
      mkdirSync(fromGit);
      writeFileSync(join(fromGit, 'package.json'), JSON.stringify({ name: 'from-git', private: true, type: 'module' }));
      await run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', `git+file://${PACKAGE_ROOT}`], {
        cwd: fromGit,
        maxBuffer: 16 << 20,
      });
      expect(existsSync(join(fromGit, 'node_modules/pocketm8-mock/dist/pocketm8-mock.mjs'))).toBe(true);
      const { stdout } = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import { startMock } from 'pocketm8-mock'; const mock = await startMock(); console.log((await mock.client().health()).status); await mock.close();",
        ],
        { cwd: fromGit },
      );
      expect(stdout.trim()).toBe('ok');
    },
    300_000,
  );

  it('is small enough to state', () => {
    const size = statSync(tarball).size;
    console.log(`[package] ${readdirSync(folder).find((name) => name.endsWith('.tgz'))}: ${(size / 1024).toFixed(0)} KiB`);
    expect(size).toBeGreaterThan(0);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleIsFresh } from '../bin/bundle-freshness.js';
import { startMockProcess, type MockProcess } from '../test/reliability/mock-process.ts';
import { TOKENS } from '../test/harness.ts';
import { checkResponse, loadSpec, readDocument, specFingerprint } from '../mock/core/compiled-spec.ts';
import { PACKAGE_ROOT as ROOT } from '../mock/core/package-root.ts';
import { SPEC_FILES, specFileOf } from '../mock/core/spec-files.ts';
import { bundleMock } from './bundle.ts';

// Inside the project, so that the bundle finds the specs and pages above it as it does in dist/.
const scratch = () => mkdtempSync(join(ROOT, '.tmp', 'bundle-test-'));

describe('bundleIsFresh', () => {
  let folder: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    folder = scratch();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function layout() {
    const out = mkdtempSync(join(folder, 'case-'));
    mkdirSync(join(out, 'dist'));
    writeFileSync(join(out, 'a.ts'), '');
    writeFileSync(join(out, 'dist/pocketm8-mock.mjs'), '');
    writeFileSync(join(out, 'dist/pocketm8-mock.inputs.json'), JSON.stringify({ root: '..', inputs: ['a.ts'] }));
    const at = (path: string, seconds: number) => utimesSync(join(out, path), seconds, seconds);
    return { bundle: join(out, 'dist/pocketm8-mock.mjs'), at };
  }

  it('is true when the bundle is newer than every input, false once an input is newer', () => {
    const { bundle, at } = layout();
    at('a.ts', 1_000);
    at('dist/pocketm8-mock.mjs', 2_000);
    expect(bundleIsFresh(bundle)).toBe(true);
    at('a.ts', 3_000);
    expect(bundleIsFresh(bundle)).toBe(false);
  });

  it('is false when an input, the list of inputs or the bundle is missing', () => {
    const missingInput = layout();
    rmSync(join(missingInput.bundle, '../../a.ts'));
    expect(bundleIsFresh(missingInput.bundle)).toBe(false);
    const missingList = layout();
    rmSync(missingList.bundle.replace(/\.mjs$/, '.inputs.json'));
    expect(bundleIsFresh(missingList.bundle)).toBe(false);
    expect(bundleIsFresh(join(folder, 'nowhere.mjs'))).toBe(false);
  });
});

describe('the one-file bundle (what npm start runs)', () => {
  let folder: string;
  let bundle: string;
  let mock: MockProcess;
  beforeAll(async () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    folder = scratch();
    bundle = await bundleMock(folder);
    expect(bundleIsFresh(bundle)).toBe(true);
    mock = await startMockProcess(['--in-memory'], 60_000, [bundle]);
  }, 120_000);
  afterAll(() => {
    mock?.child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the API with auth, validation and answers that keep the spec', async () => {
    const response = await fetch(`${mock.origin}/api/tasks/tsk_0001`, { headers: { Authorization: `Bearer ${TOKENS.alice}` } });
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const getTask = loadSpec(specFileOf('pocketm8').path).operations.find((operation) => operation.operationId === 'getTask')!;
    expect(
      checkResponse(getTask, {
        status: 200,
        contentType: response.headers.get('content-type') ?? undefined,
        headerNames: [...response.headers.keys()],
        hasBody: true,
        body,
      }),
    ).toEqual([]);
    expect((await fetch(`${mock.origin}/api/tasks/tsk_0001`)).status).toBe(401);
    const invalid = await fetch(`${mock.origin}/api/tasks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
      body: '{"title":""}',
    });
    expect(invalid.status).toBe(400);
  });

  it('finds the files it reads beside the code: the QA console, the API reference, the fixture media, the version', async () => {
    const console = await fetch(`${mock.origin}/__mock/`);
    expect(console.status).toBe(200);
    expect(await console.text()).toContain('<html');
    expect((await fetch(`${mock.origin}/docs`)).status).toBe(200);
    expect((await fetch(`${mock.origin}/docs/specs/pocketm8`)).status).toBe(200);
    expect((await fetch(`${mock.origin}/docs/assets/swagger-ui.css`)).status).toBe(200);
    const avatar = await fetch(`${mock.origin}/media/avatars/ava_0001`);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/png');
    const health = (await (await fetch(`${mock.origin}/__mock/health`)).json()) as { version: string };
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('carries validators generated from the specs as they are now (keyed by their fingerprints)', () => {
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('GENERATED_VALIDATORS');
    for (const file of SPEC_FILES) expect(code).toContain(specFingerprint(readDocument(file.path)));
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS, createTestApp } from '../../test/harness.ts';
import { loadSpec } from '../../mock/core/compiled-spec.ts';
import { SPEC_FILES } from '../../mock/core/spec-files.ts';
import { APIS } from '../../mock/core/apis.ts';
import { COLLECTION_FILE, ENVIRONMENT_FILE, LOCAL_BASE_URL, operationKey, requestsOf } from './build-collection.ts';
import { RUN_PLAN } from './run-plan.ts';
import { writePostmanFiles } from './write-files.ts';

interface Auth {
  type: string;
  [key: string]: unknown;
}
interface PostmanRequest {
  method: string;
  auth: Auth | null;
  url: {
    host: string[];
    path: string[];
    query?: { key: string; value: string; disabled?: boolean }[];
    variable?: { key: string; value: string }[];
  };
}
interface Folder {
  name: string;
  auth?: Auth;
  item: unknown[];
}
interface Collection {
  info: { name: string; schema: string };
  auth: Auth;
  variable: { key: string; value: string }[];
  item: Folder[];
}

const MOUNT = Object.fromEntries(APIS.map((api) => [api.spec, api.basePath])) as Record<(typeof SPEC_FILES)[number]['name'], string>;

let dir: string;
let collection: Collection;
let collectionText: string;
let environment: { name: string; values: { key: string; value: string; enabled: boolean }[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postman-'));
  await writePostmanFiles(dir);
  collectionText = await readFile(join(dir, COLLECTION_FILE), 'utf8');
  collection = JSON.parse(collectionText) as Collection;
  environment = JSON.parse(await readFile(join(dir, ENVIRONMENT_FILE), 'utf8'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const requestsIn = (folder: Folder) => requestsOf(folder.item).map((item) => item.request as PostmanRequest);

describe('npm run postman', () => {
  it('writes a Postman v2.1 collection with one folder per spec', () => {
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    expect(collection.item.map((folder) => folder.name)).toEqual(
      SPEC_FILES.map((file) => (loadSpec(file.path).document.info as { title: string }).title),
    );
  });

  it.each(SPEC_FILES.map((file, index) => ({ name: file.name, path: file.path, index })))(
    'has every operation of $name, at its path on the mock, and nothing else',
    ({ name, path, index }) => {
      const folder = collection.item[index]!;
      const documented = loadSpec(path).operations.map((operation) =>
        operationKey(operation.method, `${MOUNT[name]}${operation.path}`.split('/').slice(1)),
      );
      const listed = requestsIn(folder).map((req) => {
        expect(req.url.host).toEqual(['{{baseUrl}}']);
        return operationKey(req.method, req.url.path);
      });
      expect(listed.toSorted()).toEqual(documented.toSorted());
    },
  );

  it.each(SPEC_FILES.map((file, index) => ({ name: file.name, path: file.path, index })))(
    'gives the token to the operations of $name that need one',
    ({ name, path, index }) => {
      const folder = collection.item[index]!;
      const expected =
        name === 'mock-control'
          ? { type: 'apikey', apikey: expect.arrayContaining([{ key: 'key', value: 'X-Mock-Admin-Token', type: 'string' }]) }
          : { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] };
      expect(folder.auth).toEqual(expected);
      const spec = loadSpec(path);
      for (const req of requestsIn(folder)) {
        const key = operationKey(req.method, req.url.path);
        const operation = spec.operations.find(
          (candidate) => operationKey(candidate.method, `${MOUNT[name]}${candidate.path}`.split('/').slice(1)) === key,
        )!;
        const open =
          name === 'mock-control'
            ? [
                'getFileContent',
                'getAvatarContent',
                'confirmPacePhoneChange',
                'getApiReference',
                'getApiReferenceAsset',
                'getApiReferenceSpec',
              ].includes(operation.operationId)
            : !operation.secured;
        expect(req.auth, key).toEqual(open ? { type: 'noauth' } : null);
      }
    },
  );

  it('comes with an environment for the local mock and the fixture token', () => {
    expect(environment.name).toBe('Pocketm8 mock (local)');
    expect(environment.values.map(({ key, value, enabled }) => ({ key, value, enabled }))).toEqual([
      { key: 'baseUrl', value: LOCAL_BASE_URL, enabled: true },
      { key: 'token', value: TOKENS.alice, enabled: true },
      { key: 'adminToken', value: '', enabled: true },
    ]);
    expect(collection.variable.find((variable) => variable.key === 'baseUrl')?.value).toBe('http://localhost:4010');
  });

  it('writes the same bytes every time (stable ids: Postman offers to replace on a new import)', async () => {
    const again = await mkdtemp(join(tmpdir(), 'postman-'));
    try {
      await writePostmanFiles(again);
      expect(await readFile(join(again, COLLECTION_FILE), 'utf8')).toBe(collectionText);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it("saves examples that agree with the answers: a code send, PACE's errors, readable field problems", () => {
    interface Saved {
      code: number;
      header?: { key: string; value: string }[];
      body?: string;
    }
    const saved = (folder: Folder, key: string) =>
      requestsOf(folder.item)
        .filter((item) => operationKey((item.request as PostmanRequest).method, (item.request as PostmanRequest).url.path) === key)
        .flatMap((item) => item.response as Saved[]);
    for (const key of [
      'PUT /api/profile/phone',
      'PUT /api/profile/email',
      'POST /api/profile/resend-code',
      'POST /api/auth/user/send-sms-code',
    ]) {
      const ok = saved(collection.item[0]!, key).find((response) => response.code === 200);
      expect(JSON.parse(ok?.body ?? 'null'), key).toEqual({ message: 'VERIFICATION_CODE_SENT' });
    }
    const paceErrors = saved(collection.item[1]!, 'PUT /user/2021-2/user/phone').filter((response) => response.code >= 400);
    expect(paceErrors.length).toBeGreaterThan(5);
    for (const response of paceErrors) {
      expect(response.header?.find((header) => header.key === 'Content-Type')?.value).toBe('application/vnd.api+json');
      for (const error of (JSON.parse(response.body ?? '{}') as { errors: { id: string }[] }).errors)
        expect(error.id).toMatch(/^[0-9a-v]{19}[0g]$/);
    }
    expect(collectionText).not.toMatch(/must match|must be E\.164|must be <=/);
  });

  it('has requests the mock answers as imported: every Pocketm8 read without path variables gives 200', async () => {
    const { app } = await createTestApp();
    const reads = requestsIn(collection.item[0]!).filter(
      (req) => req.method === 'GET' && !req.url.path.some((segment) => segment.startsWith(':')),
    );
    expect(reads.length).toBeGreaterThanOrEqual(5);
    for (const req of reads) {
      const query = (req.url.query ?? [])
        .filter((param) => !param.disabled)
        .map((param) => `${param.key}=${encodeURIComponent(param.value)}`)
        .join('&');
      const path = `/${req.url.path.join('/')}${query ? `?${query}` : ''}`;
      const res = await request(app).get(path).set('Authorization', `Bearer ${TOKENS.alice}`);
      expect(res.status, path).toBe(200);
    }
  });

  it('sends the requests of each API in the order of its run plan', () => {
    SPEC_FILES.forEach((file, index) => {
      const ids = new Map(
        loadSpec(file.path).operations.map((operation) => [
          operationKey(operation.method, `${MOUNT[file.name]}${operation.path}`.split('/').slice(1)),
          operation.operationId,
        ]),
      );
      const sent = requestsIn(collection.item[index]!).map((req) => ids.get(operationKey(req.method, req.url.path)));
      expect(sent).toEqual(Object.keys(RUN_PLAN[file.name]));
    });
  });

  it('uses only variables it declares or its scripts set, and uploads files that exist', () => {
    const declared = new Set(collection.variable.map((variable) => variable.key));
    const project = fileURLToPath(new URL('../..', import.meta.url));
    for (const item of requestsOf(collection.item)) {
      const scripts = JSON.stringify(item.event ?? []);
      const used = [...JSON.stringify(item.request).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!);
      for (const name of used)
        expect(declared.has(name) || scripts.includes(`pm.variables.set('${name}'`), `${item.name as string}: {{${name}}}`).toBe(true);
      const body = (item.request as { body?: { formdata?: { type: string; src?: string }[] } }).body;
      for (const part of body?.formdata ?? []) if (part.type === 'file') expect(existsSync(join(project, part.src!)), part.src).toBe(true);
    }
  });
});

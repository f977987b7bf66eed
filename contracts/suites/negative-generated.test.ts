// Group `negative`: payloads generated from the specs' request schemas with a fixed seed (the same
// payloads every run). Valid ones must not be refused as invalid; invalid ones (one rule broken
// each) must get the documented validation error naming the field, never a 5xx. Then malformed
// bodies, wrong content types, and query and path parameters out of range.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, type CallOptions } from '../lib/client.ts';
import type { ApiName } from '../lib/contract-spec.ts';
import { textPart } from '../lib/samples.ts';
import { invalidParameterValues, payloadSet, replaceString, seedOf, type InvalidPayload } from '../lib/generate.ts';
import {
  allOperations,
  createTask,
  expectError,
  expectInvalid,
  expectNotInvalid,
  jsonBodyOperations,
  newUser,
  paceErrors,
  parametersOf,
  RUN_TAG,
  uploadedAs,
} from '../lib/negative.ts';
import { freshEmail, giveEmail, type ApiFile } from '../lib/accounts.ts';
import { freshPhone, lacking, type TestUser } from '../lib/world.ts';

const SEED = 20261122;
const VALID_PER_OPERATION = 4;

const operations = jsonBodyOperations().map((row) => ({
  ...row,
  payloads: payloadSet(row.body.schema, { seed: seedOf(`${row.api}:${row.operationId}`, SEED), count: VALID_PER_OPERATION }),
}));

/**
 * Operations that send a message get a fresh destination in place of the generated one, in valid
 * payloads and in invalid ones that still hold it: nobody real is texted even by a server that
 * wrongly accepts a payload, and the send limits of one destination do not hide what is tested.
 */
const DESTINATION: Record<string, { pointer: string; fresh: () => string }> = {
  sendSmsCode: { pointer: '/phone', fresh: freshPhone },
  updatePhone: { pointer: '/phone', fresh: freshPhone },
  updateEmail: { pointer: '/email', fresh: () => freshEmail('negative') },
  resetPassword: { pointer: '/email', fresh: () => freshEmail('negative') },
  UpdateUserPhone: { pointer: '/data/attributes/phoneNumber', fresh: freshPhone },
};

/** The payload with a fresh destination, unless the destination itself is what was broken. */
function withFreshDestination(operationId: string, payload: unknown, broken?: string): unknown {
  const destination = DESTINATION[operationId];
  if (!destination || broken === destination.pointer) return payload;
  return replaceString(payload, destination.pointer, destination.fresh());
}

let me: TestUser;
const ids = { task: '', file: '' };

beforeAll(async () => {
  me = await newUser();
  // With an email, a PACE phone change is confirmed by email (201) instead of refused (422 EMAIL_REQUIRED).
  if (!lacking('code')) await giveEmail(me);
  ids.task = (await createTask(me.token, { title: `generated ${RUN_TAG}` })).id;
  ids.file = (await uploadedAs<ApiFile>('uploadFile', me.token, textPart('negative suite', `generated-${RUN_TAG}.txt`))).id;
});

/** Path parameters naming this file's own task or file, so a body is judged, not a 404. */
function pathParams(path: string): Record<string, string> {
  return { id: path.startsWith('/tasks') ? ids.task : ids.file, fileId: ids.file };
}

const send = (api: ApiName, operationId: string, path: string, options: CallOptions) =>
  call(api, operationId, { token: me.token, params: pathParams(path), ...options });

describe.each(operations.map((row) => [`${row.api} ${row.operationId}`, row] as const))('generated: %s', (_title, row) => {
  const { api, operationId, path, body, payloads } = row;

  it(`the generator drew ${VALID_PER_OPERATION} valid payloads and some invalid ones`, () => {
    expect(payloads.valid).toHaveLength(VALID_PER_OPERATION);
    expect(payloads.invalid.length).toBeGreaterThan(3);
  });

  it.each(payloads.valid.map((payload, index) => [index + 1, payload] as const))(
    'valid payload #%s is not refused as invalid',
    async (_index, payload) => {
      const res = await send(api, operationId, path, { body: withFreshDestination(operationId, payload) });
      expectNotInvalid(api, res);
    },
  );

  it.each(payloads.invalid.map((mutation): [string, InvalidPayload] => [mutation.label, mutation]))(
    '%s: refused as invalid, naming the field',
    async (_label, mutation) => {
      const res = await send(api, operationId, path, { body: withFreshDestination(operationId, mutation.value, mutation.pointer) });
      expectInvalid(api, res, { pointer: mutation.pointer });
    },
  );

  it.each([
    ['malformed JSON text', '{"unfinished": '],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('%s: refused as invalid', async (_what, raw) => {
    const res = await send(api, operationId, path, { raw, contentType: body.mediaType });
    expectInvalid(api, res, { pointer: '' });
  });

  // JSON.parse makes these own properties; a server that merges them into objects is polluted.
  it.each(['__proto__', 'constructor'])('a valid payload with an own "%s" property: refused as invalid, naming it', async (key) => {
    const valid = JSON.stringify(withFreshDestination(operationId, payloads.valid[0]));
    const raw = `{"${key}":{"polluted":true}${valid === '{}' ? '' : ','}${valid.slice(1)}`;
    const res = await send(api, operationId, path, { raw, contentType: body.mediaType });
    expectInvalid(api, res, { pointer: `/${key}` });
  });

  it('a valid JSON body sent as text/plain answers 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await send(api, operationId, path, { raw: JSON.stringify(payloads.valid[0]), contentType: 'text/plain' });
    expectError(api, res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

// Query and path parameters of every operation, each broken alone; the rest of the request is valid.
const parameterCases = allOperations().flatMap((row) => {
  const parameters = parametersOf(row.api, row.operationId);
  const validBody = operations.find((candidate) => candidate.api === row.api && candidate.operationId === row.operationId)?.payloads
    .valid[0];
  const requiredQuery = (except: string) =>
    Object.fromEntries(parameters.filter((p) => p.in === 'query' && p.required && p.name !== except).map((p) => [p.name, ids.file]));
  return parameters.flatMap((parameter) => {
    const broken = invalidParameterValues(parameter.schema).map(({ label, value }) => ({
      label: `${label} (${value.length > 20 ? `${value.length} chars` : JSON.stringify(value)})`,
      value,
    }));
    if (parameter.required && parameter.in === 'query') broken.push({ label: 'missing (required)', value: '' });
    return broken.map(({ label, value }) => {
      const options = (): CallOptions => ({
        params: { ...pathParams(row.path), ...(parameter.in === 'path' ? { [parameter.name]: value } : {}) },
        query: { ...requiredQuery(parameter.name), ...(parameter.in === 'query' && value !== '' ? { [parameter.name]: value } : {}) },
        ...(validBody !== undefined ? { body: validBody } : {}),
      });
      return [
        `${row.api} ${row.operationId} ${parameter.in} ${parameter.name}: ${label}`,
        { ...row, parameter: parameter.name, options },
      ] as const;
    });
  });
});

describe('generated: query and path parameters out of range', () => {
  it('cover page, perPage, status, sort and path ids', () => {
    const titles = parameterCases.map(([title]) => title).join('\n');
    for (const expected of [
      'getTasks query page: below minimum ("0")',
      'getTasks query perPage: above maximum ("101")',
      'getTasks query status: not one of the enum',
      'getTasks query sort: not one of the enum',
      'getTask path id: oversize (65 chars)',
    ]) {
      expect(titles).toContain(expected);
    }
  });

  it.each(parameterCases)('%s: refused as invalid, naming the parameter', async (_title, row) => {
    const res = await call(row.api, row.operationId, { token: me.token, ...row.options() });
    expectInvalid(row.api, res, { parameter: row.parameter });
  });

  it('nothing was deleted by the refused deletes', async () => {
    const task = await call('pocketm8', 'getTask', { token: me.token, params: { id: ids.task } });
    const file = await call('pocketm8', 'getFile', { token: me.token, params: { id: ids.file } });
    expect([task.status, file.status]).toEqual([200, 200]);
  });
});

describe('generated: PACE error documents', () => {
  it('a refused PACE body names the request in every error (id = Request-Id)', async () => {
    const res = await call('pace', 'VerifyUserPhone', { token: me.token, body: { code: 12 } });
    const errors = paceErrors(res, 422);
    expect(errors.map((error) => error.source?.pointer)).toContain('/code');
  });
});

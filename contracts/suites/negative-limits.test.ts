// Group `negative`: size limits, content types and bodies that cannot be read. JSON over 1 MB
// answers 413 on every JSON operation of both APIs, uploads over their limit 413, content that is
// not an accepted type 415, a wrong Content-Type 415, and PACE's content negotiation (406, 415,
// 422 "can't parse content" whose error id is the Request-Id).
import { beforeAll, describe, expect, it } from 'vitest';
import { call, pocketm8, type CallOptions, type ContractResponse, type UploadPart } from '../lib/client.ts';
import type { ApiFile } from '../lib/accounts.ts';
import type { ApiName } from '../lib/contract-spec.ts';
import { ELF_BYTES, PNG_BYTES, textPart } from '../lib/samples.ts';
import {
  createTask,
  expectError,
  expectInvalid,
  expectNotInvalid,
  jsonBodyOperations,
  newUser,
  paceErrors,
  RUN_TAG,
  uploadedAs,
} from '../lib/negative.ts';
import { freshPhone, type TestUser } from '../lib/world.ts';

const MB = 1024 * 1024;

let me: TestUser;
const ids = { task: '', file: '' };

beforeAll(async () => {
  me = await newUser();
  ids.task = (await createTask(me.token, { title: `limits ${RUN_TAG}` })).id;
  ids.file = (await uploadedAs<ApiFile>('uploadFile', me.token, textPart('negative suite', `limits-${RUN_TAG}.txt`))).id;
});

const params = (path: string) => ({ id: path.startsWith('/tasks') ? ids.task : ids.file, fileId: ids.file });
const send = (api: ApiName, operationId: string, path: string, options: CallOptions) =>
  call(api, operationId, { token: me.token, params: params(path), ...options });

/** UpdateUserPhone is deprecated: every answer, error or not, says so. */
function expectDeprecation(operationId: string, res: ContractResponse): void {
  if (operationId === 'UpdateUserPhone') expect(res.headers.deprecation, 'Deprecation header on UpdateUserPhone').toBe('true');
}

const jsonOperations = jsonBodyOperations().map((row) => [`${row.api} ${row.operationId}`, row] as const);

describe('limits: JSON bodies', () => {
  const overOneMb = JSON.stringify({ padding: 'x'.repeat(MB + 1024) });

  it.each(jsonOperations)('%s: a JSON body over 1 MB answers 413 PAYLOAD_TOO_LARGE', async (_title, row) => {
    const res = await send(row.api, row.operationId, row.path, { raw: overOneMb, contentType: row.body.mediaType });
    expectError(row.api, res, 413, 'PAYLOAD_TOO_LARGE');
    expectDeprecation(row.operationId, res);
  });

  it('a valid body padded with whitespace to 900 KB is read like any other (201)', async () => {
    const raw = `${' '.repeat(900 * 1024)}${JSON.stringify({ title: `padded ${RUN_TAG}` })}`;
    const res = await pocketm8('createTask', { token: me.token, raw });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ title: `padded ${RUN_TAG}` });
  });

  it.each(jsonOperations)('%s: JSON nested 20000 levels deep is refused as invalid, not a crash', async (_title, row) => {
    const raw = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const res = await send(row.api, row.operationId, row.path, { raw, contentType: row.body.mediaType });
    expectInvalid(row.api, res, { pointer: '' });
  });

  const wrongTypes = jsonOperations.flatMap(([title, row]) =>
    [
      ['application/x-www-form-urlencoded', 'title=x&phone=%2B41780000001'],
      ['multipart/form-data; boundary=neg', '--neg\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--neg--\r\n'],
      ['application/xml', '<title>x</title>'],
    ].map(([contentType, raw]) => [`${title} as ${contentType!.split(';')[0]}`, { ...row, contentType: contentType!, raw: raw! }] as const),
  );

  it.each(wrongTypes)('%s answers 415 UNSUPPORTED_MEDIA_TYPE', async (_title, row) => {
    const res = await send(row.api, row.operationId, row.path, { raw: row.raw, contentType: row.contentType });
    expectError(row.api, res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectDeprecation(row.operationId, res);
  });
});

/** A buffer of `size` bytes that starts like `head` (magic bytes) and goes on with zeros. */
const sized = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length)]);

async function fileCount(): Promise<number> {
  const res = await pocketm8('getFiles', { token: me.token, query: { perPage: 1 } });
  expect(res.status).toBe(200);
  return (res.body as { meta: { total: number } }).meta.total;
}

describe('limits: uploads', () => {
  const upload = (operationId: 'uploadFile' | 'uploadAvatar', part: UploadPart, fields: Record<string, string> = {}) =>
    pocketm8(operationId, { token: me.token, multipart: { fields, files: [part] } });

  it('a file over 25 MB answers 413 FILE_TOO_LARGE and nothing is stored', async () => {
    const before = await fileCount();
    const res = await upload('uploadFile', {
      field: 'file',
      bytes: sized(Buffer.from('big text file\n'), 26 * MB),
      filename: 'big.txt',
      contentType: 'text/plain',
    });
    expectError('pocketm8', res, 413, 'FILE_TOO_LARGE');
    expect(await fileCount()).toBe(before);
  });

  it('an avatar over 5 MB answers 413 FILE_TOO_LARGE', async () => {
    const res = await upload('uploadAvatar', {
      field: 'file',
      bytes: sized(PNG_BYTES, 6 * MB),
      filename: 'big.png',
      contentType: 'image/png',
    });
    expectError('pocketm8', res, 413, 'FILE_TOO_LARGE');
  });

  it.each([
    ['text declared as image/png', Buffer.from('this is not an image at all\n'), 'fake.png'],
    ['a GIF (a file type, not an avatar type)', Buffer.from('474946383961010001000000002c00000000010001000002', 'hex'), 'anim.gif'],
    ['an executable', ELF_BYTES, 'tool.png'],
  ])('an avatar that is %s answers 415 UNSUPPORTED_MEDIA_TYPE', async (_what, bytes, filename) => {
    const res = await upload('uploadAvatar', { field: 'file', bytes, filename, contentType: 'image/png' });
    expectError('pocketm8', res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a file whose content is no accepted type answers 415, whatever its declared type', async () => {
    const res = await upload('uploadFile', { field: 'file', bytes: ELF_BYTES, filename: 'notes.txt', contentType: 'text/plain' });
    expectError('pocketm8', res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['uploadFile', 'uploadAvatar'] as const)('%s with a JSON body answers 415 UNSUPPORTED_MEDIA_TYPE', async (operationId) => {
    const res = await pocketm8(operationId, { token: me.token, raw: JSON.stringify({ file: 'x' }), contentType: 'application/json' });
    expectError('pocketm8', res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['uploadFile', 'uploadAvatar'] as const)('%s without a file part answers 400 naming `file`', async (operationId) => {
    const res = await pocketm8(operationId, { token: me.token, multipart: { fields: { description: 'no file here' } } });
    expectInvalid('pocketm8', res, { pointer: '/file' });
  });

  it.each([
    ['description', 'd'.repeat(2001)],
    ['taskId', 'not valid !'],
    ['unexpectedField', 'x'],
  ])('uploadFile with a bad %s part answers 400 naming it', async (field, value) => {
    const res = await upload(
      'uploadFile',
      { field: 'file', bytes: Buffer.from('hello\n'), filename: 'hello.txt', contentType: 'text/plain' },
      { [field]: value },
    );
    expectInvalid('pocketm8', res, { pointer: `/${field}` });
  });

  it('a multipart body without its boundary answers 400', async () => {
    const res = await pocketm8('uploadFile', { token: me.token, raw: 'no parts here', contentType: 'multipart/form-data' });
    expectInvalid('pocketm8', res, { pointer: '' });
  });
});

describe('limits: PACE content negotiation', () => {
  // A fresh number each time, written with spaces as PACE documents it.
  const phoneChange = () => ({
    data: { type: 'phone', attributes: { phoneNumber: freshPhone().replace(/^(\+\d{2})(\d{2})(\d{3})/, '$1 $2 $3 ') } },
  });

  it('UpdateUserPhone with Accept: text/html answers 406 NOT_ACCEPTABLE', async () => {
    const res = await call('pace', 'UpdateUserPhone', { token: me.token, body: phoneChange(), headers: { Accept: 'text/html' } });
    expect(paceErrors(res, 406).map((error) => error.code)).toContain('NOT_ACCEPTABLE');
    expectDeprecation('UpdateUserPhone', res);
  });

  it.each(['*/*', 'application/*', 'application/vnd.api+json', 'text/html, application/vnd.api+json;q=0.5'])(
    'UpdateUserPhone with Accept: %s is not refused with 406',
    async (accept) => {
      const res = await call('pace', 'UpdateUserPhone', {
        token: me.token,
        raw: JSON.stringify(phoneChange()),
        contentType: 'application/vnd.api+json',
        headers: { Accept: accept },
      });
      expect(res.status, res.text).not.toBe(406);
      expectNotInvalid('pace', res);
      expectDeprecation('UpdateUserPhone', res);
    },
  );

  it.each([
    ['UpdateUserPhone', 'application/json', phoneChange()],
    ['UpdateUserPhone', 'text/plain', phoneChange()],
    ['VerifyUserPhone', 'application/vnd.api+json', { code: '123456' }],
  ] as const)('%s with Content-Type %s answers 415 UNSUPPORTED_MEDIA_TYPE', async (operationId, contentType, body) => {
    const res = await call('pace', operationId, { token: me.token, raw: JSON.stringify(body), contentType });
    expect(paceErrors(res, 415).map((error) => error.code)).toContain('UNSUPPORTED_MEDIA_TYPE');
    expectDeprecation(operationId, res);
  });

  it.each([
    ['UpdateUserPhone', 'application/vnd.api+json; charset=utf-8', phoneChange()],
    ['VerifyUserPhone', 'application/json; charset=utf-8', { code: '123456' }],
  ] as const)('%s takes Content-Type %s (parameters are ignored)', async (operationId, contentType, body) => {
    const res = await call('pace', operationId, { token: me.token, raw: JSON.stringify(body), contentType });
    expect(res.status, res.text).not.toBe(415);
    expectNotInvalid('pace', res);
  });

  it.each([
    ['UpdateUserPhone', 'application/vnd.api+json'],
    ['VerifyUserPhone', 'application/json'],
  ] as const)(
    '%s with unparsable JSON answers 422 "can\'t parse content", its error id the Request-Id',
    async (operationId, contentType) => {
      const res = await call('pace', operationId, { token: me.token, raw: '{"data": {"type": "phone",', contentType });
      const errors = paceErrors(res, 422);
      expect(errors.map((error) => error.title)).toContain("can't parse content");
      expect(res.headers['request-id']).toBeTruthy();
      expectDeprecation(operationId, res);
    },
  );
});

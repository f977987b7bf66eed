import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { bearer, createTestApp } from '../../../test/harness.ts';
import { JSON_API, PHONE_PATH, VERIFY_PATH, lastMessage, phoneDocument, wrongFor } from '../../../test/pace-client.ts';
import { XID_PATTERN } from '../../lib/xid.ts';

let mock: MockApp;
beforeEach(async () => {
  mock = await createTestApp();
});
afterEach(() => {
  expect(mock.context.violations).toEqual([]);
});

const putPhone = (body: string, contentType = JSON_API) =>
  request(mock.app).put(PHONE_PATH).set('Authorization', bearer('dave')).set('Content-Type', contentType).send(body);
const putVerify = (body: string, contentType = 'application/json') =>
  request(mock.app).put(VERIFY_PATH).set('Authorization', bearer('dave')).set('Content-Type', contentType).send(body);

/** Every PACE error: a JSON:API document whose ids equal the Request-Id header, an xid. */
function expectJsonApiError(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  // JSON:API allows no media type parameters but ext and profile: no charset.
  expect(res.headers['content-type']).toBe(JSON_API);
  expect(res.headers['request-id']).toMatch(XID_PATTERN);
  expect(res.body.errors.length).toBeGreaterThan(0);
  for (const error of res.body.errors)
    expect(error).toMatchObject({ id: res.headers['request-id'], status: String(status), code, title: expect.any(String) });
  return res.body.errors as { detail?: string; title: string; source?: Record<string, string>; meta?: Record<string, number> }[];
}

describe('authentication', () => {
  const calls = [
    ['GET', PHONE_PATH],
    ['PUT', PHONE_PATH],
    ['PUT', VERIFY_PATH],
  ] as const;

  it.each(calls)('%s %s answers 401 UNAUTHENTICATED without a token and with a garbage one', async (method, path) => {
    const call = () => (method === 'GET' ? request(mock.app).get(path) : request(mock.app).put(path));
    expectJsonApiError(await call(), 401, 'UNAUTHENTICATED');
    const [error] = expectJsonApiError(await call().set('Authorization', 'Bearer not-a-token'), 401, 'UNAUTHENTICATED');
    expect(error).toMatchObject({ title: 'Unauthorized', detail: 'The access token is missing, invalid or expired.' });
  });

  it.each(calls)('%s %s answers 401 missing-linked-identity for a user without a linked identity (erin)', async (method, path) => {
    const res = await (method === 'GET' ? request(mock.app).get(path) : request(mock.app).put(path)).set('Authorization', bearer('erin'));
    const [error] = expectJsonApiError(res, 401, 'missing-linked-identity');
    expect(error).toEqual(
      expect.objectContaining({
        title: 'Missing linked identity for authorized access',
        detail: 'Linked identity is needed to access this resource, please check why the user does not have a linked identity',
      }),
    );
  });
});

describe('headers', () => {
  it('sends a Request-Id (an xid, as PACE does) on every answer and Deprecation: true on every UpdateUserPhone answer only', async () => {
    const check = await request(mock.app).get(PHONE_PATH).set('Authorization', bearer('alice'));
    expect(check.status).toBe(200);
    expect(check.headers['request-id']).toMatch(XID_PATTERN);
    expect(check.headers.deprecation).toBeUndefined();
    const unauthorized = await request(mock.app).put(PHONE_PATH);
    expect(unauthorized.headers.deprecation).toBe('true');
    const ok = await putPhone(phoneDocument('+41761112233'));
    expect(ok.status).toBe(201);
    expect(ok.headers.deprecation).toBe('true');
    expect(ok.headers['request-id']).not.toBe(check.headers['request-id']);
    expect(String(ok.headers['request-id']) > String(check.headers['request-id'])).toBe(true);
    const verify = await putVerify('{"code":"123456"}');
    expect(verify.headers['request-id']).toMatch(XID_PATTERN);
    expect(verify.headers.deprecation).toBeUndefined();
  });

  it('answers an unknown path under the PACE prefix with a JSON:API 404', async () => {
    expectJsonApiError(await request(mock.app).get('/user/2021-2/user/nope'), 404, 'NOT_FOUND');
  });

  it('answers JSON:API as application/vnd.api+json bare, while Pocketm8 and the control API keep charset=utf-8', async () => {
    expectJsonApiError(await putPhone('{"data":'), 422, 'VALIDATION_ERROR');
    expectJsonApiError(await request(mock.app).put(PHONE_PATH).set('Authorization', bearer('erin')), 401, 'missing-linked-identity');
    const plain = [
      await request(mock.app).get('/api/profile').set('Authorization', bearer('dave')),
      await request(mock.app).get('/api/profile'),
      await request(mock.app).get('/__mock/health'),
      await request(mock.app).get('/api/nope'),
    ];
    for (const res of plain) expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('sets the error id to the Request-Id in a forced answer (Prefer: code=)', async () => {
    const res = await request(mock.app).get(PHONE_PATH).set('Authorization', bearer('alice')).set('Prefer', 'code=501');
    expectJsonApiError(res, 501, 'INTERNAL_ERROR');
  });
});

describe('content negotiation', () => {
  it.each([undefined, JSON_API, `${JSON_API}; charset=utf-8`, '*/*', 'application/*', `text/html, ${JSON_API}`])(
    'accepts Accept: %s on UpdateUserPhone',
    async (accept) => {
      const call = putPhone(phoneDocument('+41761112233'));
      expect((await (accept === undefined ? call : call.set('Accept', accept))).status).toBe(201);
    },
  );

  it.each(['application/json', 'text/html', `${JSON_API};q=0`])('answers 406 to Accept: %s on UpdateUserPhone', async (accept) => {
    const [error] = expectJsonApiError(await putPhone(phoneDocument('+41761112233')).set('Accept', accept), 406, 'NOT_ACCEPTABLE');
    expect(error?.source).toEqual({ parameter: 'Accept' });
    expect(mock.context.data().outbox).toHaveLength(0);
  });

  it('leaves the operations that document no 406 alone', async () => {
    expect((await request(mock.app).get(PHONE_PATH).set('Authorization', bearer('alice')).set('Accept', 'application/json')).status).toBe(
      200,
    );
  });

  it.each([
    ['UpdateUserPhone', 'application/json', () => putPhone(phoneDocument('+41761112233'), 'application/json')],
    ['UpdateUserPhone', 'text/plain', () => putPhone(phoneDocument('+41761112233'), 'text/plain')],
    ['VerifyUserPhone', JSON_API, () => putVerify('{"code":"123456"}', JSON_API)],
  ])('answers 415 to %s sent as %s', async (_operation, _type, call) => {
    const [error] = expectJsonApiError(await call(), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(error?.source).toEqual({ parameter: 'Content-Type' });
  });

  it('ignores media type parameters such as charset', async () => {
    expect((await putPhone(phoneDocument('+41761112233'), `${JSON_API}; charset=utf-8`)).status).toBe(201);
  });
});

describe('bodies that cannot be used: 422', () => {
  it.each([
    ['UpdateUserPhone', () => putPhone('{"data":')],
    ['VerifyUserPhone', () => putVerify('{"code":')],
  ])("answers can't parse content to %s", async (_operation, call) => {
    const [error] = expectJsonApiError(await call(), 422, 'VALIDATION_ERROR');
    expect(error).toMatchObject({ title: "can't parse content", source: { pointer: '' } });
  });

  it.each([
    ['a number without +', { data: { type: 'phone', attributes: { phoneNumber: '0761112233' } } }, '/data/attributes/phoneNumber'],
    [
      'a number with double spaces',
      { data: { type: 'phone', attributes: { phoneNumber: '+41  761112233' } } },
      '/data/attributes/phoneNumber',
    ],
    ['another type', { data: { type: 'user', attributes: { phoneNumber: '+41761112233' } } }, '/data/type'],
    ['no attributes', { data: { type: 'phone' } }, '/data/attributes'],
    ['no phoneNumber', { data: { type: 'phone', attributes: {} } }, '/data/attributes/phoneNumber'],
    ['an unknown member', { data: { type: 'phone', attributes: { phoneNumber: '+41761112233' } }, meta: {} }, '/meta'],
  ])('answers VALIDATION_ERROR with source.pointer to UpdateUserPhone with %s', async (_what, body, pointer) => {
    const errors = expectJsonApiError(await putPhone(JSON.stringify(body)), 422, 'VALIDATION_ERROR');
    expect(errors.map((error) => error.source?.pointer)).toContain(pointer);
    expect(errors[0]).toMatchObject({ title: 'Validation error', detail: expect.any(String) });
    expect(mock.context.data().outbox).toHaveLength(0);
  });

  it.each([
    ['5 digits', { code: '12345' }, '/code'],
    ['a number', { code: 123456 }, '/code'],
    ['no code', {}, '/code'],
  ])('answers VALIDATION_ERROR to VerifyUserPhone with %s, which does not count as a try', async (_what, body, pointer) => {
    await putPhone(phoneDocument('+41761112233'));
    const errors = expectJsonApiError(await putVerify(JSON.stringify(body)), 422, 'VALIDATION_ERROR');
    expect(errors[0]?.source).toEqual({ pointer });
    const wrong = await putVerify(JSON.stringify({ code: wrongFor(lastMessage(mock, 'pace-phone-change')?.code) }));
    expect(wrong.body.errors[0].meta).toEqual({ attemptsLeft: 4 });
  });

  it('answers 413 PAYLOAD_TOO_LARGE to a body over 1 MB', async () => {
    const big = JSON.stringify({ data: { type: 'phone', id: 'x'.repeat(1_100_000), attributes: { phoneNumber: '+41761112233' } } });
    const [error] = expectJsonApiError(await putPhone(big), 413, 'PAYLOAD_TOO_LARGE');
    expect(error?.title).toBe('Payload too large');
    expectJsonApiError(await putVerify(JSON.stringify({ code: '1'.repeat(1_100_000) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 422 to an empty body', async () => {
    const res = await request(mock.app).put(PHONE_PATH).set('Authorization', bearer('dave')).set('Content-Type', JSON_API);
    expectJsonApiError(res, 422, 'VALIDATION_ERROR');
  });
});

// Every 400/422 a client can cause by a value says what is expected in words (with an example
// where a form is expected), from the spec's x-error-message or the keyword's own sentence;
// the validator's text (`must match pattern "^\+[1-9]…"`) never reaches a client.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../server/app.ts';
import { bearer, createTestApp } from '../../test/harness.ts';

const PHONE = 'must be a phone number in international form: + and 7 to 15 digits, such as +41791234567';
const PACE_PHONE =
  'must be a phone number in international form: + and 7 to 15 digits, single spaces between digits allowed, such as +49 170 888 999 000';
const RAW = /must match|must NOT|must be [<>]=?|must be equal|allowed values|must have required/;

let mock: MockApp;
beforeAll(async () => {
  mock = await createTestApp();
});
afterAll(() => {
  expect(mock.context.violations).toEqual([]);
});

const alice = (method: 'get' | 'post' | 'put' | 'patch', path: string) =>
  request(mock.app)[method](path).set('Authorization', bearer('alice'));

describe('Pocketm8 and the control API: errors[].message in words', () => {
  it.each([
    ['a phone without +', () => alice('put', '/api/profile/phone').send({ phone: '0791234567' }), 'phone', PHONE],
    ['a phone as a number', () => request(mock.app).post('/api/auth/user/send-sms-code').send({ phone: 41791234567 }), 'phone', PHONE],
    [
      'a short code',
      () => alice('post', '/api/profile/verify-code').send({ type: 'phone', code: '123' }),
      'code',
      'must be the 6-digit code that was sent, as a string, such as "007879"',
    ],
    [
      'an unknown status',
      () => alice('post', '/api/tasks/tsk_0001/status').send({ status: 'later' }),
      'status',
      'must be one of: open, in_progress, done, archived',
    ],
    [
      'an email that is none',
      () => alice('put', '/api/profile/email').send({ email: 'alice-at-example' }),
      'email',
      'must be an email address, such as alice@example.com',
    ],
    [
      'a due date that is none',
      () => alice('post', '/api/tasks').send({ title: 'x', dueDate: 'soon' }),
      'dueDate',
      'must be a date as YYYY-MM-DD, such as 2026-12-01',
    ],
    ['an empty title', () => alice('post', '/api/tasks').send({ title: '' }), 'title', 'must not be empty'],
    [
      'a locale that is none',
      () => alice('patch', '/api/profile').send({ locale: 'deutsch!' }),
      'locale',
      'must be a BCP 47 language tag of at most 35 characters, such as de-CH or en',
    ],
    [
      'a weak password',
      () => request(mock.app).post('/api/auth/user/verify-token').send({ token: 'x', password: 'password' }),
      'password',
      'must be 8 to 128 characters with at least one letter and one digit, such as new-secret-42',
    ],
    ['perPage over 100', () => alice('get', '/api/tasks?perPage=1000'), 'perPage', 'must be at most 100'],
    [
      'a sort that is none',
      () => alice('get', '/api/tasks?sort=owner'),
      'sort',
      'must be one of: createdAt, -createdAt, dueDate, -dueDate, title',
    ],
    [
      'a room id that is none',
      () => alice('post', '/api/integrations/matrix/files/fil_0001/link').send({ roomId: 'design' }),
      'roomId',
      'must be a Matrix room id: !, the room, : and its server, at most 255 characters, such as !design:matrix.pocketm8.ch',
    ],
    [
      'control: a duration that is none',
      () => request(mock.app).post('/__mock/clock').send({ advance: '3 days' }),
      'advance',
      'must be a duration: a whole number of 1 to 7 digits and a unit, ms, s, m, h or d, such as 24h or 90s',
    ],
    [
      'control: a snapshot name that is none',
      () => request(mock.app).post('/__mock/snapshots/before%20pace'),
      'name',
      'must be a snapshot name: 1 to 64 letters, digits, _ or -, such as before-pace',
    ],
  ])('%s', async (_what, call, field, message) => {
    const res = await call();
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
    expect(res.body.errors).toContainEqual({ field, message });
    for (const problem of res.body.errors as { message: string }[]) expect(problem.message).not.toMatch(RAW);
  });
});

describe('PACE: the words in detail, the place in source.pointer', () => {
  const put = (body: unknown) =>
    request(mock.app)
      .put('/user/2021-2/user/phone')
      .set('Authorization', bearer('dave'))
      .set('Content-Type', 'application/vnd.api+json')
      .send(JSON.stringify(body));

  it.each([
    [
      'a number without +',
      { data: { type: 'phone', attributes: { phoneNumber: '0761112233' } } },
      '/data/attributes/phoneNumber',
      `data.attributes.phoneNumber ${PACE_PHONE}`,
    ],
    [
      'another type',
      { data: { type: 'user', attributes: { phoneNumber: '+41761112233' } } },
      '/data/type',
      'data.type must be one of: phone',
    ],
    [
      'no phoneNumber',
      { data: { type: 'phone', attributes: {} } },
      '/data/attributes/phoneNumber',
      'data.attributes.phoneNumber is required',
    ],
  ])('UpdateUserPhone with %s', async (_what, body, pointer, detail) => {
    const res = await put(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ code: 'VALIDATION_ERROR', detail, source: { pointer } }));
    for (const error of res.body.errors as { detail: string }[]) expect(error.detail).not.toMatch(RAW);
  });

  it('VerifyUserPhone with a code that is not 6 digits', async () => {
    const res = await request(mock.app).put('/user/2021-2/user/phone/verify').set('Authorization', bearer('dave')).send({ code: '12345' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        detail: 'code must be the 6-digit code from the SMS, as a string, such as "748938"',
        source: { pointer: '/code' },
      }),
    ]);
  });
});

import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../mock/core/compiled-spec.ts';
import { basePathOf } from '../../mock/core/apis.ts';
import { specFileOf } from '../../mock/core/spec-files.ts';
import type { MockApp } from '../../mock/server/app.ts';
import { SESSION_LIFETIME_MS } from '../../mock/domain/sessions.ts';
import { encodeMultipart } from '../form-data.ts';
import type { Data } from '../../mock/store/data.ts';
import { createTestApp, TOKENS } from '../harness.ts';
import { errorBodyProblems } from './error-bodies.ts';
import { recordFigures } from './figures.ts';
import type { SentRequest } from './http-client.ts';
import { exampleRequest } from './spec-requests.ts';

type Who = keyof typeof TOKENS;
const USERS = Object.keys(TOKENS) as Who[];
let cells = 0;

async function call(mock: MockApp, sent: SentRequest, authorization?: string) {
  let pending = request(mock.app)[sent.method.toLowerCase() as 'get'](sent.path);
  for (const [name, value] of Object.entries(sent.headers)) pending = pending.set(name, String(value));
  if (authorization !== undefined) pending = pending.set('Authorization', authorization);
  // superagent would serialise a Buffer as JSON ({"type":"Buffer",...}): JSON goes as text.
  const jsonBody = /json/.test(String(sent.headers['content-type'] ?? ''));
  const res = await (sent.body ? pending.send(jsonBody ? sent.body.toString('utf8') : sent.body) : pending);
  cells += 1;
  return res;
}

/** The state, but the id counters (an upload takes its id before its checks; a gap in ids tells nothing). */
const stateOf = (mock: MockApp) => JSON.stringify({ ...mock.context.data(), idCounters: undefined });

const json = (method: string, path: string, body?: unknown): SentRequest => ({
  method,
  path: `/api${path}`,
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
});

/**
 * What a user must never read, worked out from the fixtures with the design's rules (not the
 * mock's code): tasks they neither own nor are assigned to, files they neither own nor see
 * through such a task, other users' contacts, rooms they are not in, every other user's token,
 * and any password hash.
 */
function secretsOf(data: Data, who: Who): RegExp[] {
  const userId = `usr_${who}`;
  const visibleTasks = new Set(
    data.tasks.filter((task) => task.ownerId === userId || task.assigneeIds.includes(userId)).map((task) => task.id),
  );
  const ids = [
    ...data.tasks.filter((task) => !visibleTasks.has(task.id)).flatMap((task) => [task.id, task.title]),
    ...data.files.filter((file) => file.ownerId !== userId && !file.taskIds.some((id) => visibleTasks.has(id))).map((file) => file.id),
    ...data.contacts.filter((contact) => contact.ownerId !== userId).map((contact) => contact.id),
    ...data.rooms.filter((room) => !room.memberIds.includes(userId)).map((room) => room.roomId),
    ...USERS.filter((other) => other !== who).map((other) => TOKENS[other]),
  ];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...ids.map((id) => new RegExp(`(?<![\\w-])${escape(id)}(?![\\w-])`)), /passwordHash/i, /scrypt/i];
}

function leaks(data: Data, who: Who, text: string): string[] {
  return secretsOf(data, who)
    .filter((secret) => secret.test(text))
    .map(String);
}

const apis = [
  { api: 'pocketm8' as const, prefix: basePathOf('pocketm8'), spec: loadSpec(specFileOf('pocketm8').path) },
  { api: 'pace' as const, prefix: basePathOf('pace'), spec: loadSpec(specFileOf('pace').path) },
];
const protectedOperations = apis.flatMap(({ api, prefix, spec }) =>
  spec.operations
    .filter((operation) => operation.secured)
    .map((operation) => ({ api, name: `${api} ${operation.operationId}`, sent: exampleRequest(spec.document, operation, prefix) })),
);

describe('every protected operation refuses a caller without a valid token: 401', () => {
  /** The token kinds, each made in a fresh mock; `check` proves the token worked before it stopped working. */
  const kinds: { kind: string; token: (mock: MockApp) => Promise<string | undefined> }[] = [
    { kind: 'no token', token: async () => undefined },
    { kind: 'a garbage token', token: async () => 'Bearer garbage-token' },
    { kind: 'a well-formed token nobody was given', token: async () => `Bearer pm8_${'0'.repeat(32)}` },
    { kind: 'another scheme with a valid token', token: async () => `Basic ${TOKENS.alice}` },
    {
      kind: 'an expired token (30 days after sign-in)',
      token: async (mock) => {
        const signIn = await request(mock.app)
          .post('/api/auth/user/sign-in')
          .send({ login: 'alice@example.com', password: 'alice-pass-1' });
        const bearer = `Bearer ${signIn.body.token as string}`;
        expect((await request(mock.app).get('/api/profile').set('Authorization', bearer)).status).toBe(200);
        mock.context.clock.advance(SESSION_LIFETIME_MS + 1000);
        return bearer;
      },
    },
    {
      kind: 'a token ended by a password reset',
      token: async (mock) => {
        expect((await request(mock.app).post('/api/auth/user/reset-password').send({ email: 'alice@example.com' })).status).toBe(200);
        const token = mock.context.data().outbox.at(-1)?.token;
        expect((await request(mock.app).post('/api/auth/user/verify-token').send({ token, password: 'brand-new-42' })).status).toBe(200);
        return `Bearer ${TOKENS.alice}`;
      },
    },
  ];

  it.each(kinds.map(({ kind, token }) => [kind, token] as const))('with %s', async (_kind, token) => {
    const mock = await createTestApp();
    const authorization = await token(mock);
    const before = JSON.stringify(mock.context.data());
    for (const { api, name, sent } of protectedOperations) {
      const res = await call(mock, sent, authorization);
      expect.soft(res.status, name).toBe(401);
      const code =
        api === 'pace' ? (res.body as { errors?: { code: string }[] }).errors?.[0]?.code : (res.body as { message?: string }).message;
      expect.soft(code, name).toBe('UNAUTHENTICATED');
      expect.soft(errorBodyProblems(api, res.headers['content-type'] as string, res.text), name).toEqual([]);
    }
    // Nothing changed for any of them.
    expect(JSON.stringify(mock.context.data())).toBe(before);
    expect(mock.context.violations).toEqual([]);
  });
});

/** One user's call on another user's resource: the design's status, and nothing of the owner's in the body. */
interface Cell {
  who: Who;
  what: string;
  sent: SentRequest;
  status: number;
  message?: string;
}

const upload = (fields: Record<string, string>): SentRequest => {
  const { body, contentType } = encodeMultipart([
    { name: 'file', value: 'hello', filename: 'x.txt', contentType: 'text/plain' },
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
  ]);
  return { method: 'POST', path: '/api/files', headers: { 'content-type': contentType }, body };
};
const DESIGN = '!design:matrix.pocketm8.ch';
const BOB_PRIVATE = '!bob-private:matrix.pocketm8.ch';

// tsk_0006, fil_0003, cnt_0004, ava_0001 and the room "Bob private" are Bob's alone. tsk_0001 and
// fil_0001 are Alice's; Bob sees them (assignee) but does not own them; Carol sees neither.
const CROSS_USER: Cell[] = [
  { who: 'alice', what: "read Bob's private task", sent: json('GET', '/tasks/tsk_0006'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'alice',
    what: "replace Bob's private task",
    sent: json('PUT', '/tasks/tsk_0006', { title: 'Mine' }),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "move Bob's private task",
    sent: json('POST', '/tasks/tsk_0006/status', { status: 'done' }),
    status: 404,
    message: 'NOT_FOUND',
  },
  { who: 'alice', what: "delete Bob's private task", sent: json('DELETE', '/tasks/tsk_0006'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'alice',
    what: "open the edit form of Bob's private task",
    sent: json('GET', '/relations/task-edit?taskId=tsk_0006'),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "attach Bob's private file to a new task",
    sent: json('POST', '/tasks', { title: 'Grab', fileIds: ['fil_0003'] }),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "attach Bob's private file to her own task",
    sent: json('PUT', '/tasks/tsk_0002', { title: 'Grab', fileIds: ['fil_0003'] }),
    status: 404,
    message: 'NOT_FOUND',
  },
  { who: 'alice', what: "upload into Bob's private task", sent: upload({ taskId: 'tsk_0006' }), status: 404, message: 'NOT_FOUND' },
  { who: 'alice', what: "list the files of Bob's private task", sent: json('GET', '/files?taskId=tsk_0006'), status: 200 },
  { who: 'alice', what: 'list the tasks assigned to Bob', sent: json('GET', '/tasks?assigneeId=usr_bob'), status: 200 },
  {
    who: 'bob',
    what: "replace Alice's task he is assigned to",
    sent: json('PUT', '/tasks/tsk_0001', { title: 'Mine' }),
    status: 403,
    message: 'FORBIDDEN',
  },
  { who: 'bob', what: "delete Alice's task he is assigned to", sent: json('DELETE', '/tasks/tsk_0001'), status: 403, message: 'FORBIDDEN' },
  { who: 'carol', what: "read Alice's task", sent: json('GET', '/tasks/tsk_0001'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'carol',
    what: "move Alice's task",
    sent: json('POST', '/tasks/tsk_0001/status', { status: 'done' }),
    status: 404,
    message: 'NOT_FOUND',
  },
  { who: 'carol', what: "delete Alice's task", sent: json('DELETE', '/tasks/tsk_0001'), status: 404, message: 'NOT_FOUND' },
  { who: 'alice', what: "read Bob's private file", sent: json('GET', '/files/fil_0003'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'alice',
    what: "rename Bob's private file",
    sent: json('PATCH', '/files/fil_0003', { name: 'mine.txt' }),
    status: 404,
    message: 'NOT_FOUND',
  },
  { who: 'alice', what: "delete Bob's private file", sent: json('DELETE', '/files/fil_0003'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'alice',
    what: "open the edit form of Bob's private file",
    sent: json('GET', '/relations/file-edit?fileId=fil_0003'),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "rename Bob's file she sees through a task",
    sent: json('PATCH', '/files/fil_0004', { name: 'mine.csv' }),
    status: 403,
    message: 'FORBIDDEN',
  },
  {
    who: 'alice',
    what: "delete Bob's file she sees through a task",
    sent: json('DELETE', '/files/fil_0004'),
    status: 403,
    message: 'FORBIDDEN',
  },
  {
    who: 'bob',
    what: "rename Alice's file he sees through a task",
    sent: json('PATCH', '/files/fil_0001', { name: 'mine.txt' }),
    status: 403,
    message: 'FORBIDDEN',
  },
  { who: 'carol', what: "read Alice's file", sent: json('GET', '/files/fil_0001'), status: 404, message: 'NOT_FOUND' },
  { who: 'alice', what: "read Bob's contact", sent: json('GET', '/contacts/cnt_0004'), status: 404, message: 'NOT_FOUND' },
  { who: 'bob', what: "read Alice's contact", sent: json('GET', '/contacts/cnt_0001'), status: 404, message: 'NOT_FOUND' },
  {
    who: 'alice',
    what: "set Bob's avatar as hers",
    sent: json('POST', '/profile/avatar', { avatarId: 'ava_0001' }),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "share Bob's private file into Matrix",
    sent: json('POST', '/integrations/matrix/files/fil_0003/link', { roomId: DESIGN }),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'alice',
    what: "unshare Bob's private file",
    sent: json('POST', '/integrations/matrix/files/fil_0003/unlink', { roomId: DESIGN }),
    status: 404,
    message: 'NOT_FOUND',
  },
  {
    who: 'bob',
    what: "share Alice's file he sees through a task",
    sent: json('POST', '/integrations/matrix/files/fil_0001/link', { roomId: '!general:matrix.pocketm8.ch' }),
    status: 403,
    message: 'FORBIDDEN',
  },
  {
    who: 'bob',
    what: "unshare Alice's file from a room they share",
    sent: json('POST', '/integrations/matrix/files/fil_0001/unlink', { roomId: DESIGN }),
    status: 403,
    message: 'FORBIDDEN',
  },
  {
    who: 'alice',
    what: "share her file into Bob's private room",
    sent: json('POST', '/integrations/matrix/files/fil_0002/link', { roomId: BOB_PRIVATE }),
    status: 404,
    message: 'ROOM_NOT_FOUND',
  },
  {
    who: 'carol',
    what: "unshare Alice's file",
    sent: json('POST', '/integrations/matrix/files/fil_0001/unlink', { roomId: DESIGN }),
    status: 404,
    message: 'NOT_FOUND',
  },
];

const LISTS = [
  '/profile',
  '/users',
  '/contacts',
  '/tasks',
  '/files',
  '/relations/task-edit',
  '/tasks?perPage=100&sort=title',
  '/files?perPage=100',
];

describe("one user's token on another user's resources", () => {
  afterAll(() =>
    recordFigures('authz', {
      cells,
      protectedOperations: protectedOperations.length,
      crossUserCells: CROSS_USER.length,
      listSweeps: USERS.length * LISTS.length,
    }),
  );

  it.each(CROSS_USER)('$who may not $what: $status', async ({ who, sent, status, message }) => {
    const mock = await createTestApp();
    const before = stateOf(mock);
    const res = await call(mock, sent, `Bearer ${TOKENS[who]}`);
    expect(res.status).toBe(status);
    if (message) expect(res.body).toEqual({ message });
    expect(leaks(mock.context.data(), who, res.text)).toEqual([]);
    if (status >= 400) expect(stateOf(mock)).toBe(before);
    expect(mock.context.violations).toEqual([]);
  });

  it.each(USERS)("%s reads no other user's data in any list, form or profile", async (who) => {
    const mock = await createTestApp();
    for (const path of LISTS) {
      const res = await call(mock, json('GET', path), `Bearer ${TOKENS[who]}`);
      expect(res.status, path).toBe(200);
      expect(leaks(mock.context.data(), who, res.text), path).toEqual([]);
    }
    // User summaries never carry anyone's email or phone.
    const users = await call(mock, json('GET', '/users?perPage=100'), `Bearer ${TOKENS[who]}`);
    for (const user of mock.context.data().users) {
      if (user.email) expect(users.text).not.toContain(user.email);
      if (user.phone) expect(users.text).not.toContain(user.phone);
    }
  });

  it("Alice cannot complete Bob's pending phone change with the code sent to Bob", async () => {
    const mock = await createTestApp();
    const as = (who: Who, sent: SentRequest) => call(mock, sent, `Bearer ${TOKENS[who]}`);
    expect((await as('bob', json('PUT', '/profile/phone', { phone: '+41790001122' }))).status).toBe(200);
    const bobsCode = mock.context.data().outbox.at(-1)?.code;
    const stolen = await as('alice', json('POST', '/profile/verify-code', { type: 'phone', code: bobsCode }));
    expect(stolen.status).toBe(404);
    expect(stolen.body).toEqual({ message: 'NO_PENDING_VERIFICATION' });
    // With a change of her own pending, Bob's code is just a wrong code.
    expect((await as('alice', json('PUT', '/profile/phone', { phone: '+41790003344' }))).status).toBe(200);
    const wrong = await as('alice', json('POST', '/profile/verify-code', { type: 'phone', code: bobsCode }));
    if (mock.context.data().outbox.at(-1)?.code !== bobsCode) expect(wrong.body).toMatchObject({ message: 'INVALID_CODE' });
    expect((await as('alice', json('GET', '/profile'))).body).toMatchObject({ phone: '+41791234567', pendingPhone: '+41790003344' });
    // Bob's change is untouched and still completes.
    expect((await as('bob', json('POST', '/profile/verify-code', { type: 'phone', code: bobsCode }))).status).toBe(200);
    expect((await as('bob', json('GET', '/profile'))).body).toMatchObject({ phone: '+41790001122', pendingPhone: null });
  });

  it("Alice cannot verify Dave's pending PACE phone change", async () => {
    const mock = await createTestApp();
    const pace = (who: Who, method: string, path: string, body: unknown, type = 'application/json') =>
      call(
        mock,
        { method, path: `/user/2021-2${path}`, headers: { 'content-type': type }, body: Buffer.from(JSON.stringify(body)) },
        `Bearer ${TOKENS[who]}`,
      );
    const first = await pace(
      'dave',
      'PUT',
      '/user/phone',
      { data: { type: 'phone', attributes: { phoneNumber: '+41790005566' } } },
      'application/vnd.api+json',
    );
    expect(first.status).toBe(201);
    const davesCode = mock.context.data().outbox.at(-1)?.code;
    const stolen = await pace('alice', 'PUT', '/user/phone/verify', { code: davesCode });
    expect(stolen.status).toBe(404);
    expect((stolen.body as { errors: { code: string }[] }).errors[0]?.code).toBe('NO_PENDING_VERIFICATION');
    expect(leaks(mock.context.data(), 'alice', stolen.text)).toEqual([]);
    expect(stolen.text).not.toContain('+41790005566');
    // Alice's phone is unchanged, and Dave's change still completes with his code.
    expect(mock.context.data().users.find((user) => user.id === 'usr_alice')?.phone).toBe('+41791234567');
    expect((await pace('dave', 'PUT', '/user/phone/verify', { code: davesCode })).status).toBe(200);
    expect(mock.context.data().users.find((user) => user.id === 'usr_dave')).toMatchObject({ phone: '+41790005566', phoneVerified: true });
  });
});

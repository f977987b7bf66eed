// Group `negative`: authorization. Every token-protected operation of both APIs refuses a missing
// or bad token; one user cannot see, change or delete another user's tasks, files and contacts,
// and an assignee may read a task but not change or delete it.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, contractSettings, control, pocketm8, type CallOptions } from '../lib/client.ts';
import { operationOf } from '../lib/contract-spec.ts';
import { clockStill } from '../lib/clock-lease.ts';
import {
  createTask,
  expectError,
  expectUnauthenticated,
  jsonBodyOf,
  newUser,
  RUN_TAG,
  securedOperations,
  uploadedAs,
  type OperationRow,
} from '../lib/negative.ts';
import { PNG_BYTES, pngPart, textPart } from '../lib/samples.ts';
import type { ApiFile, Avatar, Task } from '../lib/accounts.ts';
import { lacking, secretOf, testUser, type TestUser } from '../lib/world.ts';

/** A request that would be fine with a token: path ids, the spec's example body or a small file. */
function probe(row: OperationRow): CallOptions {
  const params = Object.fromEntries([...row.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name!, 'zz_authz_probe']));
  const operation = operationOf(row.api, row.operationId);
  if (operation.requestBody?.media.has('multipart/form-data')) {
    return { params, multipart: { files: [{ field: 'file', bytes: PNG_BYTES, filename: 'probe.png', contentType: 'image/png' }] } };
  }
  const body = jsonBodyOf(row.api, row.operationId);
  return body ? { params, body: body.example } : { params };
}

const BAD_CREDENTIALS: { credentials: string; options: CallOptions }[] = [
  { credentials: 'no Authorization header', options: { token: null } },
  { credentials: 'a garbage bearer token', options: { token: 'garbage-token-0123456789abcdef' } },
  { credentials: 'an empty bearer token', options: { headers: { Authorization: 'Bearer ' } } },
  { credentials: 'a Basic instead of a Bearer scheme', options: { headers: { Authorization: 'Basic dXNlcjpwYXNzd29yZA==' } } },
];

const matrix = securedOperations().flatMap((row) =>
  BAD_CREDENTIALS.map((bad): [string, OperationRow & typeof bad] => [
    `${row.api} ${row.operationId} (${row.method.toUpperCase()} ${row.path}) with ${bad.credentials}`,
    { ...row, ...bad },
  ]),
);

describe('authz: every token-protected operation', () => {
  it('covers both APIs', () => {
    expect(new Set(matrix.map(([, row]) => row.api))).toEqual(new Set(['pocketm8', 'pace']));
  });

  it.each(matrix)('%s answers 401', async (_title, row) => {
    const res = await call(row.api, row.operationId, { ...probe(row), ...row.options });
    expectUnauthenticated(row.api, res);
  });
});

interface Page {
  data: { id: string }[];
}

const NOWHERE_ROOM = '!nowhere-negative:matrix.pocketm8.ch';

describe("authz: another user's private task, file and avatar", () => {
  let a: TestUser;
  let b: TestUser;
  let task: Task;
  let file: ApiFile;
  let avatarId: string;
  let ownFileOfB: ApiFile;
  let secrets: string[];

  beforeAll(async () => {
    [a, b] = await Promise.all([newUser(), newUser()]);
    task = await createTask(a.token, { title: `private task ${RUN_TAG}`, description: `only for A ${RUN_TAG}` });
    file = await uploadedAs<ApiFile>('uploadFile', a.token, textPart('negative suite', `private-${RUN_TAG}.txt`));
    avatarId = (await uploadedAs<Avatar>('uploadAvatar', a.token, pngPart())).id;
    ownFileOfB = await uploadedAs<ApiFile>('uploadFile', b.token, textPart('negative suite', `b-own-${RUN_TAG}.txt`));
    secrets = [task.id, file.id, avatarId, `private task ${RUN_TAG}`, `private-${RUN_TAG}.txt`];
  });

  const attempts: [string, (ids: { task: string; file: string; avatar: string }) => CallOptions][] = [
    ['getTask', (ids) => ({ params: { id: ids.task } })],
    ['updateTask', (ids) => ({ params: { id: ids.task }, body: { title: 'taken over' } })],
    ['updateTaskStatus', (ids) => ({ params: { id: ids.task }, body: { status: 'in_progress' } })],
    ['deleteTask', (ids) => ({ params: { id: ids.task } })],
    ['getTaskEditRelations', (ids) => ({ query: { taskId: ids.task } })],
    ['getFile', (ids) => ({ params: { id: ids.file } })],
    ['updateFile', (ids) => ({ params: { id: ids.file }, body: { name: 'taken-over.txt' } })],
    ['deleteFile', (ids) => ({ params: { id: ids.file } })],
    ['linkMatrixFile', (ids) => ({ params: { fileId: ids.file }, body: { roomId: NOWHERE_ROOM } })],
    ['unlinkMatrixFile', (ids) => ({ params: { fileId: ids.file }, body: { roomId: NOWHERE_ROOM } })],
    ['getFileEditRelations', (ids) => ({ query: { fileId: ids.file } })],
    ['createTask', (ids) => ({ body: { title: 'steal a file', fileIds: [ids.file] } })],
    ['updateAvatar', (ids) => ({ body: { avatarId: ids.avatar } })],
  ];

  it.each(attempts)("B's %s on A's item answers 404 NOT_FOUND", async (operationId, options) => {
    const res = await pocketm8(operationId, { token: b.token, ...options({ task: task.id, file: file.id, avatar: avatarId }) });
    expectError('pocketm8', res, 404, 'NOT_FOUND');
  });

  it("B's upload attached to A's task answers 404 NOT_FOUND", async () => {
    const res = await pocketm8('uploadFile', {
      token: b.token,
      multipart: {
        fields: { taskId: task.id },
        files: [{ field: 'file', bytes: Buffer.from('hi'), filename: 'b.txt', contentType: 'text/plain' }],
      },
    });
    expectError('pocketm8', res, 404, 'NOT_FOUND');
  });

  const lists: [string, string, (ids: { task: string; file: string; ownFile: string; owner: string }) => CallOptions][] = [
    ['getTasks', 'all', () => ({})],
    ['getTasks', "A's title", () => ({ query: { search: `private task ${RUN_TAG}` } })],
    ['getTasks', "A's id as assignee", (ids) => ({ query: { assigneeId: ids.owner } })],
    ['getTasks', 'status open', () => ({ query: { status: 'open', perPage: 100 } })],
    ['getFiles', 'all', () => ({ query: { perPage: 100 } })],
    ['getFiles', "A's file name", () => ({ query: { search: `private-${RUN_TAG}` } })],
    ['getFiles', "A's task", (ids) => ({ query: { taskId: ids.task } })],
    ['getTaskEditRelations', 'a new task', () => ({})],
    ['getFileEditRelations', "B's own file", (ids) => ({ query: { fileId: ids.ownFile } })],
  ];

  it.each(lists)("B's %s (%s) never shows A's items", async (operationId, _what, options) => {
    const res = await pocketm8(operationId, {
      token: b.token,
      ...options({ task: task.id, file: file.id, ownFile: ownFileOfB.id, owner: a.userId }),
    });
    expect(res.status, res.text).toBe(200);
    for (const secret of secrets) expect(res.text, `${operationId} shows ${secret}`).not.toContain(secret);
  });

  it('the same searches by A find them (so their absence above means something)', async () => {
    const search = (operationId: string, query: Record<string, string>) => pocketm8(operationId, { token: a.token, query });
    expect((await search('getTasks', { search: `private task ${RUN_TAG}` })).text).toContain(task.id);
    expect((await search('getFiles', { search: `private-${RUN_TAG}` })).text).toContain(file.id);
    expect((await search('getTaskEditRelations', {})).text).toContain(file.id);
  });

  it("A's task and file are still there, unchanged by B's attempts", async () => {
    const readTask = await pocketm8('getTask', { token: a.token, params: { id: task.id } });
    expect(readTask.status).toBe(200);
    expect(readTask.body).toMatchObject({ id: task.id, title: task.title, status: 'open', updatedAt: task.updatedAt, fileIds: [] });
    const readFile = await pocketm8('getFile', { token: a.token, params: { id: file.id } });
    expect(readFile.status).toBe(200);
    expect(readFile.body).toMatchObject({ id: file.id, name: file.name, matrixLinks: [], updatedAt: file.updatedAt });
    const profileOfB = await pocketm8('getProfile', { token: b.token });
    expect((profileOfB.body as { avatarUrl: string | null }).avatarUrl).toBeNull();
  });
});

describe('authz: a task assigned to B, owned by A', () => {
  let a: TestUser;
  let b: TestUser;
  let task: Task;
  let file: ApiFile;

  beforeAll(async () => {
    [a, b] = await Promise.all([newUser(), newUser()]);
    task = await createTask(a.token, { title: `shared task ${RUN_TAG}`, assigneeIds: [b.userId] });
    file = await uploadedAs<ApiFile>('uploadFile', a.token, textPart('negative suite', `shared-${RUN_TAG}.txt`), { taskId: task.id });
  });

  it('B reads the task and the attached file, and finds them in its lists', async () => {
    const readTask = await pocketm8('getTask', { token: b.token, params: { id: task.id } });
    expect(readTask.status).toBe(200);
    expect(readTask.body).toMatchObject({ id: task.id, ownerId: a.userId, assigneeIds: [b.userId], fileIds: [file.id] });
    const readFile = await pocketm8('getFile', { token: b.token, params: { id: file.id } });
    expect(readFile.status).toBe(200);
    const tasks = await pocketm8('getTasks', { token: b.token, query: { search: `shared task ${RUN_TAG}` } });
    expect((tasks.body as Page).data.map((item) => item.id)).toEqual([task.id]);
    const files = await pocketm8('getFiles', { token: b.token, query: { taskId: task.id } });
    expect((files.body as Page).data.map((item) => item.id)).toEqual([file.id]);
  });

  it.each([
    ['updateTask', () => ({ params: { id: task.id }, body: { title: 'assignee rewrites it' } })],
    ['deleteTask', () => ({ params: { id: task.id } })],
    ['updateFile', () => ({ params: { id: file.id }, body: { name: 'assignee-renamed.txt' } })],
    ['deleteFile', () => ({ params: { id: file.id } })],
    ['linkMatrixFile', () => ({ params: { fileId: file.id }, body: { roomId: NOWHERE_ROOM } })],
    ['unlinkMatrixFile', () => ({ params: { fileId: file.id }, body: { roomId: NOWHERE_ROOM } })],
  ] as [string, () => CallOptions][])('B %s answers 403 FORBIDDEN', async (operationId, options) => {
    const res = await pocketm8(operationId, { token: b.token, ...options() });
    expectError('pocketm8', res, 403, 'FORBIDDEN');
  });

  it('A still has the task and the file as they were', async () => {
    const readTask = await pocketm8('getTask', { token: a.token, params: { id: task.id } });
    expect(readTask.body).toMatchObject({
      id: task.id,
      title: task.title,
      assigneeIds: [b.userId],
      fileIds: [file.id],
      updatedAt: task.updatedAt,
    });
    const readFile = await pocketm8('getFile', { token: a.token, params: { id: file.id } });
    expect(readFile.body).toMatchObject({ id: file.id, name: file.name, taskIds: [task.id] });
  });

  it('B, an assignee, may move the status (the spec allows it)', async () => {
    const res = await pocketm8('updateTaskStatus', { token: b.token, params: { id: task.id }, body: { status: 'in_progress' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: task.id, status: 'in_progress' });
  });
});

interface ContactOwner {
  token: string;
  contactIds: string[];
}

async function contactsOf(token: string): Promise<string[]> {
  const res = await pocketm8('getContacts', { token, query: { perPage: 100 } });
  expect(res.status).toBe(200);
  return (res.body as Page).data.map((contact) => contact.id);
}

/**
 * A user who has contacts, or why there is none: the configured test user; else, against the mock,
 * an existing user with a verified phone signed in by SMS (a new user has no contacts).
 */
async function findContactOwner(): Promise<ContactOwner | string> {
  if (contractSettings().user) {
    const me = await testUser();
    const contactIds = await contactsOf(me.token);
    if (contactIds.length > 0) return { token: me.token, contactIds };
  }
  const missing = lacking('control', 'code');
  if (missing) return `no user with contacts to sign in as (configure a test user that has contacts; ${missing})`;
  const users = (await control('listUsers')).body as { phone: string | null; phoneVerified: boolean; email: string | null }[];
  // Users the suites made themselves (contract-…@example.com) have no contacts: leave them out, so
  // the lookup does not depend on how many of them other files created first.
  const candidates = users
    .filter(
      (user) => user.phone && user.phoneVerified && user.email && !user.email.startsWith('contract-') && !/0000$|9999$/.test(user.phone),
    )
    .slice(0, 4);
  for (const { phone } of candidates) {
    const token = await clockStill(async () => {
      const sent = await pocketm8('sendSmsCode', { body: { phone } });
      // Another test may have just sent to this phone (cooldown): try the next user.
      if (sent.status !== 200) return undefined;
      const { code } = await secretOf({ channel: 'sms', to: phone!, purpose: 'sign-in' });
      const verified = await pocketm8('verifyCode', { body: { phone, code } });
      return verified.status === 200 ? (verified.body as { token: string }).token : undefined;
    });
    if (!token) continue;
    const contactIds = await contactsOf(token);
    if (contactIds.length > 0) return { token, contactIds };
  }
  return 'no existing user with a verified phone has contacts';
}

describe("authz: another user's contacts", () => {
  let owner: ContactOwner | string;
  let b: TestUser;

  beforeAll(async () => {
    [owner, b] = await Promise.all([findContactOwner(), newUser()]);
  });

  it('B gets 404 NOT_FOUND for each contact of another user and never lists them', async (ctx) => {
    if (typeof owner === 'string') return ctx.skip(owner);
    for (const id of owner.contactIds) {
      const res = await pocketm8('getContact', { token: b.token, params: { id } });
      expectError('pocketm8', res, 404, 'NOT_FOUND');
    }
    const listed = await contactsOf(b.token);
    expect(listed.filter((id) => typeof owner !== 'string' && owner.contactIds.includes(id))).toEqual([]);
  });

  it('the owner still reads its own contacts (the 404s are about B, not the ids)', async (ctx) => {
    if (typeof owner === 'string') return ctx.skip(owner);
    const [first] = owner.contactIds;
    const res = await pocketm8('getContact', { token: owner.token, params: { id: first! } });
    expect(res.status).toBe(200);
  });
});

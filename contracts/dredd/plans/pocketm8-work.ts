// Dredd plans for Pocketm8's users, contacts, tasks, relations, files, avatars and Matrix links.
// Resources are created over the API by the plain user (or another user, for 403 and visibility);
// contacts and Matrix rooms only exist for the configured test user.
import { BAD_ID, UNKNOWN_ID, atId, oversized, withoutToken, wrongMediaType, type Plan, type Step } from '../lib/plan.ts';
import {
  exampleJson,
  removeHeader,
  setHeader,
  setJson,
  setMultipart,
  setPath,
  setQueryParam,
  setToken,
  type DreddTransaction,
  type Part,
} from '../lib/transaction.ts';
import { PNG, type World } from '../lib/world.ts';

const textFile = (bytes: string | Buffer = 'Dredd was here.\n'): Part => ({
  name: 'file',
  value: bytes,
  filename: 'dredd.txt',
  contentType: 'text/plain',
});
const pngFile = (bytes: Buffer = PNG): Part => ({ name: 'file', value: bytes, filename: 'dredd.png', contentType: 'image/png' });

/** Points `{id}` (or `{fileId}`) at a resource the plain user owns, made by `make`. */
const onOwn = (
  make: (world: World, token: string) => Promise<string>,
  then?: (transaction: DreddTransaction, world: World, id: string) => Promise<void> | void,
): Step => ({
  prepare: async (transaction, world) => {
    const id = await make(world, (await world.plainUser()).token);
    setPath(transaction, { id, fileId: id });
    await then?.(transaction, world, id);
  },
});

/** Points the path at a task or file another user owns and the plain user sees (as assignee): 403 for changes. */
const onShared = (kind: 'taskId' | 'fileId', body?: unknown): Step => ({
  prepare: async (transaction, world) => {
    const shared = await world.shared(await world.otherUser(), await world.plainUser());
    setPath(transaction, { id: shared[kind], fileId: shared[kind] });
    if (body !== undefined) setJson(transaction, body);
  },
});

/** The example task body with the example's ids replaced by real ones of this server. */
async function taskBody(transaction: DreddTransaction, world: World): Promise<Record<string, unknown>> {
  const me = await world.plainUser();
  const fileId = await world.uploadFile(me.token);
  return { ...exampleJson(transaction), assigneeIds: [(await world.otherUser()).id], fileIds: [fileId] };
}

/** A file of the test user with a link to its first Matrix room already made (or not). */
async function testUserFile(transaction: DreddTransaction, world: World, linked: boolean): Promise<void> {
  const user = await world.testUser();
  const fileId = await world.uploadFile(user.token);
  const roomId = await world.roomOf(user, fileId);
  if (linked) await world.pocketm8(`/integrations/matrix/files/${fileId}/link`, { token: user.token, json: { roomId } });
  setToken(transaction, user.token);
  setPath(transaction, { fileId });
  setJson(transaction, { roomId });
}

const query = (name: string, value: string): Step => ({ prepare: (transaction) => setQueryParam(transaction, name, value) });
const body = (value: unknown): Step => ({ prepare: (transaction) => setJson(transaction, value) });
const makeTask = (world: World, token: string) => world.createTask(token);
const makeFile = (world: World, token: string) => world.uploadFile(token);
const multipart = (parts: Part[], token = true): Step => ({
  prepare: (transaction) => {
    setMultipart(transaction, parts);
    if (!token) removeHeader(transaction, 'Authorization');
  },
});

export const WORK_PLAN: Plan = {
  'GET /users': { 200: query('page', '1'), 400: query('perPage', '1000'), 401: withoutToken },
  'GET /contacts': { 200: query('page', '1'), 400: query('perPage', '1000'), 401: withoutToken },
  'GET /contacts/{id}': {
    200: {
      needs: ['testUser'],
      prepare: async (transaction, world) => {
        const user = await world.testUser();
        const { body: page } = await world.pocketm8('/contacts?perPage=1', { token: user.token });
        const contact = (page as { data: { id: string }[] }).data[0];
        if (!contact) throw new Error('the test user has no contact');
        setToken(transaction, user.token);
        setPath(transaction, { id: contact.id });
      },
    },
    400: atId(BAD_ID),
    401: withoutToken,
    404: atId(UNKNOWN_ID),
  },
  'POST /tasks': {
    201: { prepare: async (t, w) => setJson(t, await taskBody(t, w)) },
    400: body({ title: '' }),
    401: withoutToken,
    404: body({ title: 'Dredd task', assigneeIds: [UNKNOWN_ID] }),
    413: oversized,
    415: wrongMediaType,
  },
  'GET /tasks': {
    200: { prepare: async (t, w) => setQueryParam(t, 'assigneeId', (await w.otherUser()).id) },
    400: query('sort', 'sideways'),
    401: withoutToken,
  },
  'GET /tasks/{id}': { 200: onOwn(makeTask), 400: atId(BAD_ID), 401: withoutToken, 404: atId(UNKNOWN_ID) },
  'PUT /tasks/{id}': {
    200: onOwn(makeTask, async (t, w) => setJson(t, await taskBody(t, w))),
    400: onOwn(makeTask, (t) => setJson(t, { title: '' })),
    401: withoutToken,
    403: onShared('taskId', { title: 'Not mine to rename' }),
    404: {
      prepare: (t) => {
        setPath(t, { id: UNKNOWN_ID });
        setJson(t, { title: 'Nowhere' });
      },
    },
    413: oversized,
    415: wrongMediaType,
  },
  'DELETE /tasks/{id}': { 204: onOwn(makeTask), 400: atId(BAD_ID), 401: withoutToken, 403: onShared('taskId'), 404: atId(UNKNOWN_ID) },
  'POST /tasks/{id}/status': {
    200: onOwn(makeTask, (t) => setJson(t, { status: 'in_progress' })),
    400: body({ status: 'sideways' }),
    401: withoutToken,
    404: {
      prepare: (t) => {
        setPath(t, { id: UNKNOWN_ID });
        setJson(t, { status: 'done' });
      },
    },
    409: onOwn(makeTask, async (t, w, id) => {
      await w.pocketm8(`/tasks/${id}/status`, { token: (await w.plainUser()).token, json: { status: 'archived' } });
      setJson(t, { status: 'in_progress' });
    }),
    413: oversized,
    415: wrongMediaType,
  },
  'GET /relations/task-edit': {
    200: { prepare: async (t, w) => setQueryParam(t, 'taskId', await w.createTask((await w.plainUser()).token)) },
    400: query('taskId', BAD_ID),
    401: withoutToken,
    404: query('taskId', UNKNOWN_ID),
  },
  'GET /relations/file-edit': {
    200: { prepare: async (t, w) => setQueryParam(t, 'fileId', await w.uploadFile((await w.plainUser()).token)) },
    400: query('fileId', BAD_ID),
    401: withoutToken,
    404: query('fileId', UNKNOWN_ID),
  },
  'POST /files': {
    201: {
      prepare: async (t, w) => {
        const taskId = await w.createTask((await w.plainUser()).token);
        setMultipart(t, [textFile(), { name: 'description', value: 'Uploaded by Dredd' }, { name: 'taskId', value: taskId }]);
      },
    },
    400: multipart([{ name: 'description', value: 'No file part' }]),
    401: multipart([textFile()], false),
    404: multipart([textFile(), { name: 'taskId', value: UNKNOWN_ID }]),
    413: multipart([textFile(Buffer.alloc(25 * 1024 * 1024 + 1, 'a'))]),
    415: {
      prepare: (t) => {
        setHeader(t, 'Content-Type', 'application/json');
        setJson(t, { file: 'not multipart' });
      },
    },
  },
  'GET /files': {
    200: { prepare: async (t, w) => setQueryParam(t, 'taskId', await w.createTask((await w.plainUser()).token)) },
    400: query('perPage', '1000'),
    401: withoutToken,
  },
  'GET /files/{id}': { 200: onOwn(makeFile), 400: atId(BAD_ID), 401: withoutToken, 404: atId(UNKNOWN_ID) },
  'PATCH /files/{id}': {
    200: onOwn(makeFile),
    400: onOwn(makeFile, (t) => setJson(t, { name: 'folder/name.txt' })),
    401: withoutToken,
    403: onShared('fileId'),
    404: atId(UNKNOWN_ID),
    413: oversized,
    415: wrongMediaType,
  },
  'DELETE /files/{id}': { 204: onOwn(makeFile), 400: atId(BAD_ID), 401: withoutToken, 403: onShared('fileId'), 404: atId(UNKNOWN_ID) },
  'POST /avatars': {
    201: multipart([pngFile()]),
    400: multipart([{ name: 'description', value: 'No file part' }]),
    401: multipart([pngFile()], false),
    413: multipart([pngFile(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024, 0)]))]),
    415: multipart([textFile()]),
  },
  'POST /integrations/matrix/files/{fileId}/link': {
    200: { needs: ['testUser'], prepare: (t, w) => testUserFile(t, w, false) },
    400: body({ roomId: 'not a room' }),
    401: withoutToken,
    403: onShared('fileId'),
    404: atId(UNKNOWN_ID),
    409: { needs: ['testUser'], prepare: (t, w) => testUserFile(t, w, true) },
    413: oversized,
    415: wrongMediaType,
  },
  'POST /integrations/matrix/files/{fileId}/unlink': {
    200: { needs: ['testUser'], prepare: (t, w) => testUserFile(t, w, true) },
    400: body({ roomId: 'not a room' }),
    401: withoutToken,
    403: onShared('fileId'),
    404: onOwn(makeFile),
    413: oversized,
    415: wrongMediaType,
  },
};

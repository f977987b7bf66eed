// Group `write`: files uploaded, renamed, described and deleted with read-back; pagination over
// uploaded files; File Edit relations. The files and tasks this file makes are deleted at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { freshText, type ApiFile, type Task } from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError } from '../lib/expectations.ts';
import { pngPart, textPart } from '../lib/samples.ts';
import { createdTask, uploaded } from '../lib/resources.ts';
import { testUser, type TestUser } from '../lib/world.ts';

interface Page<T> {
  data: T[];
  meta: { page: number; perPage: number; total: number; totalPages: number };
}

let me: TestUser;
const files: string[] = [];
const tasks: string[] = [];
beforeAll(async () => {
  me = await clockStill(() => testUser());
});
afterAll(async () => {
  for (const id of files) await pocketm8('deleteFile', { token: me.token, params: { id } });
  for (const id of tasks) await pocketm8('deleteTask', { token: me.token, params: { id } });
});

async function upload(text: string, fields: Record<string, string> = {}, name = 'file.txt'): Promise<ApiFile> {
  const file = await uploaded(me.token, textPart(text, name), fields);
  files.push(file.id);
  return file;
}

async function createTask(title: string): Promise<Task> {
  const task = await createdTask(me.token, { title });
  tasks.push(task.id);
  return task;
}

const read = async (id: string) => {
  const res = await pocketm8('getFile', { token: me.token, params: { id } });
  expect(res.status).toBe(200);
  return res.body as ApiFile;
};

const update = async (id: string, body: Record<string, unknown>) => {
  const res = await pocketm8('updateFile', { token: me.token, params: { id }, body });
  expect(res.status, `PATCH /files/${id} ${JSON.stringify(body)}`).toBe(200);
  return res.body as ApiFile;
};

describe('write: files', () => {
  it('PATCH name, then description, then both; each read back; bytes, size and type stay', async () => {
    const file = await upload('rename me', { description: 'first' }, 'draft.txt');
    const renamed = await update(file.id, { name: 'final.txt' });
    expect(renamed).toMatchObject({
      name: 'final.txt',
      description: 'first',
      size: file.size,
      mimeType: file.mimeType,
      url: file.url,
      createdAt: file.createdAt,
    });
    expect(await read(file.id)).toEqual(renamed);

    const described = await update(file.id, { description: 'second' });
    expect(described).toMatchObject({ name: 'final.txt', description: 'second' });
    expect(await read(file.id)).toEqual(described);

    const cleared = await update(file.id, { name: 'Übersicht 2032.txt', description: null });
    expect(cleared).toMatchObject({ name: 'Übersicht 2032.txt', description: null });
    expect(await read(file.id)).toEqual(cleared);
    expect(Date.parse(cleared.updatedAt)).toBeGreaterThanOrEqual(Date.parse(file.updatedAt));
  });

  it.each([[{ name: 'folder/file.txt' }], [{ name: '' }], [{}], [{ size: 1 }], [{ ownerId: 'usr_other' }]])(
    'PATCH %j -> 400 VALIDATION_ERROR, nothing changes',
    async (body) => {
      const file = await upload('stay');
      expectError(await pocketm8('updateFile', { token: me.token, params: { id: file.id }, body }), 400, 'VALIDATION_ERROR');
      expect(await read(file.id)).toEqual(file);
    },
  );

  it('unknown files -> 404 NOT_FOUND on get, update, delete and File Edit', async () => {
    const id = 'fil_does_not_exist_0';
    expectError(await pocketm8('getFile', { token: me.token, params: { id } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('updateFile', { token: me.token, params: { id }, body: { name: 'x.txt' } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('deleteFile', { token: me.token, params: { id } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('getFileEditRelations', { token: me.token, query: { fileId: id } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('getFileEditRelations', { token: me.token }), 400, 'VALIDATION_ERROR');
  });

  it('delete: 204, then gone from get and from the list', async () => {
    const tag = freshText('gone');
    const file = await upload(tag, { description: tag });
    const res = await pocketm8('deleteFile', { token: me.token, params: { id: file.id } });
    expect(res.status).toBe(204);
    expectError(await pocketm8('getFile', { token: me.token, params: { id: file.id } }), 404, 'NOT_FOUND');
    expect(((await pocketm8('getFiles', { token: me.token, query: { search: tag } })).body as Page<ApiFile>).meta.total).toBe(0);
  });

  it('pagination over three uploaded files (search on the description): perPage=2 gives 2 pages, newest first', async () => {
    const tag = freshText('files').replace(' ', '-');
    const made = [
      await upload('1', { description: `${tag} one` }),
      await upload('2', { description: `${tag} two` }),
      await upload('3', { description: `${tag} three` }),
    ];
    const page = async (n: number) => {
      const res = await pocketm8('getFiles', { token: me.token, query: { search: tag, perPage: 2, page: n } });
      expect(res.status).toBe(200);
      return res.body as Page<ApiFile>;
    };
    const [one, two] = [await page(1), await page(2)];
    expect(one.meta).toEqual({ page: 1, perPage: 2, total: 3, totalPages: 2 });
    expect(two.meta).toEqual({ page: 2, perPage: 2, total: 3, totalPages: 2 });
    expect(one.data).toHaveLength(2);
    expect(two.data).toHaveLength(1);
    const listed = [...one.data, ...two.data];
    expect(new Set(listed.map((file) => file.id))).toEqual(new Set(made.map((file) => file.id)));
    const times = listed.map((file) => file.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("File Edit lists the linked task ids and offers the caller's tasks that are not archived", async () => {
    const first = await createTask(freshText('Link A'));
    const second = await createTask(freshText('Link B'));
    const archived = await createTask(freshText('Link archived'));
    expect(
      (await pocketm8('updateTaskStatus', { token: me.token, params: { id: archived.id }, body: { status: 'archived' } })).status,
    ).toBe(200);
    const file = await uploaded(me.token, pngPart(), { taskId: first.id });
    files.push(file.id);
    expect(
      (await pocketm8('updateTask', { token: me.token, params: { id: second.id }, body: { title: second.title, fileIds: [file.id] } }))
        .status,
    ).toBe(200);

    const res = await pocketm8('getFileEditRelations', { token: me.token, query: { fileId: file.id } });
    expect(res.status).toBe(200);
    const edit = res.body as {
      tasks: { id: string; title: string; status: string }[];
      linkedTaskIds: string[];
      rooms: unknown[];
      linkedRoomIds: string[];
    };
    expect(new Set(edit.linkedTaskIds)).toEqual(new Set([first.id, second.id]));
    expect(edit.tasks).toContainEqual({ id: first.id, title: first.title, status: 'open' });
    expect(edit.tasks.map((task) => task.id)).not.toContain(archived.id);
    expect(edit.linkedRoomIds).toEqual([]);
    expect(new Set((await read(file.id)).taskIds)).toEqual(new Set([first.id, second.id]));
  });
});

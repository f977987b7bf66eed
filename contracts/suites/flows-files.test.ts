// Group `flows`: files (upload, bytes, attach to tasks, who may change them, delete) and Matrix
// links (link, ALREADY_LINKED, unlink, NOT_LINKED, gone with the file).
import { beforeAll, describe, expect, it } from 'vitest';
import { contractSettings, pocketm8 } from '../lib/client.ts';
import { freshText, seededUser, type ApiFile, type Task } from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError } from '../lib/expectations.ts';
import { titled } from '../lib/flow-test.ts';
import { ELF_BYTES, PNG_BYTES, pngPart, textBytes, textPart } from '../lib/samples.ts';
import { createdTask, download, expectServes, uploadFile, uploaded } from '../lib/resources.ts';
import { lacking, signUpBySms, type TestUser } from '../lib/world.ts';

interface FileEdit {
  tasks: { id: string; title: string; status: string }[];
  linkedTaskIds: string[];
  rooms: { roomId: string; name: string }[];
  linkedRoomIds: string[];
}

const skip = lacking('code');

describe.skipIf(skip !== undefined)(titled('flows: files', skip), () => {
  let owner: TestUser;
  let assignee: TestUser;
  let stranger: TestUser;
  beforeAll(() =>
    clockStill(async () => {
      owner = await signUpBySms();
      assignee = await signUpBySms();
      stranger = await signUpBySms();
    }),
  );

  const getFile = (id: string, who: TestUser = owner) => pocketm8('getFile', { token: who.token, params: { id } });
  const getTask = async (id: string, token = owner.token) => (await pocketm8('getTask', { token, params: { id } })).body as Task;
  const fileEdit = async (fileId: string, token = owner.token) => {
    const res = await pocketm8('getFileEditRelations', { token, query: { fileId } });
    expect(res.status).toBe(200);
    return res.body as FileEdit;
  };
  const fileTotal = async (who: TestUser) =>
    ((await pocketm8('getFiles', { token: who.token })).body as { meta: { total: number } }).meta.total;

  it('upload text: 201 with Location; GET answers the same file; its url serves the same bytes', async () => {
    const text = freshText('Meeting notes');
    const res = await uploadFile(owner.token, textPart(text, 'notes.txt'), { description: 'From Monday' });
    expect(res.status).toBe(201);
    const file = res.body as ApiFile;
    expect(file).toMatchObject({
      name: 'notes.txt',
      mimeType: 'text/plain',
      size: textBytes(text).length,
      description: 'From Monday',
      ownerId: owner.userId,
      taskIds: [],
      matrixLinks: [],
    });
    expect(
      new URL(res.headers.location ?? '', `${contractSettings().pocketm8Url}/`).pathname.endsWith(`/files/${file.id}`),
      `Location ${res.headers.location}`,
    ).toBe(true);
    expect((await getFile(file.id)).body).toEqual(file);
    await expectServes(file.url, textBytes(text), 'text/plain');
  });

  it('upload a PNG: the type comes from the content, not the declared type; the bytes come back', async () => {
    const file = await uploaded(owner.token, {
      field: 'file',
      bytes: PNG_BYTES,
      filename: 'pixel.png',
      contentType: 'application/octet-stream',
    });
    expect(file).toMatchObject({ name: 'pixel.png', mimeType: 'image/png', size: PNG_BYTES.length, description: null });
    await expectServes(file.url, PNG_BYTES, 'image/png');
  });

  it('a binary of no accepted type -> 415 UNSUPPORTED_MEDIA_TYPE, nothing stored', async () => {
    const before = await fileTotal(owner);
    expectError(
      await uploadFile(owner.token, { field: 'file', bytes: ELF_BYTES, filename: 'tool', contentType: 'application/octet-stream' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await uploadFile(owner.token, { field: 'file', bytes: ELF_BYTES, filename: 'notes.txt', contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await fileTotal(owner)).toBe(before);
  });

  it('a form without the file part, or with a part the form does not have -> 400 VALIDATION_ERROR, nothing stored', async () => {
    const before = await fileTotal(owner);
    expectError(
      await pocketm8('uploadFile', { token: owner.token, multipart: { fields: { description: 'no file' } } }),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await uploadFile(owner.token, textPart('extra'), { folder: 'x' }), 400, 'VALIDATION_ERROR');
    expect(await fileTotal(owner)).toBe(before);
  });

  it('upload with taskId attaches the file on both sides; list by taskId and File Edit show it', async () => {
    const task = await createdTask(owner.token, { title: freshText('With files') });
    const file = await uploaded(owner.token, pngPart(), { taskId: task.id });
    expect(file.taskIds).toEqual([task.id]);
    expect((await getTask(task.id)).fileIds).toEqual([file.id]);
    const listed = (await pocketm8('getFiles', { token: owner.token, query: { taskId: task.id } })).body as { data: ApiFile[] };
    expect(listed.data.map((candidate) => candidate.id)).toEqual([file.id]);
    const edit = await fileEdit(file.id);
    expect(edit.linkedTaskIds).toEqual([task.id]);
    expect(edit.tasks.map((candidate) => candidate.id)).toContain(task.id);
  });

  it('upload with a task the caller cannot see -> 404 NOT_FOUND, nothing stored', async () => {
    const theirs = await createdTask(stranger.token, { title: freshText('Not yours') });
    const before = await fileTotal(owner);
    expectError(await uploadFile(owner.token, textPart('x'), { taskId: theirs.id }), 404, 'NOT_FOUND');
    expectError(await uploadFile(owner.token, textPart('x'), { taskId: 'tsk_does_not_exist_0' }), 404, 'NOT_FOUND');
    expect(await fileTotal(owner)).toBe(before);
    expect((await getTask(theirs.id, stranger.token)).fileIds).toEqual([]);
  });

  it('task PUT fileIds attaches and detaches files on both sides', async () => {
    const text = await uploaded(owner.token, textPart('attach me'));
    const task = await createdTask(owner.token, { title: freshText('Attach') });
    const png = await uploaded(owner.token, pngPart(), { taskId: task.id });

    const res = await pocketm8('updateTask', {
      token: owner.token,
      params: { id: task.id },
      body: { title: task.title, fileIds: [text.id] },
    });
    expect(res.status).toBe(200);
    expect((res.body as Task).fileIds).toEqual([text.id]);
    expect(((await getFile(text.id)).body as ApiFile).taskIds).toEqual([task.id]);
    expect(((await getFile(png.id)).body as ApiFile).taskIds).toEqual([]);

    const both = await pocketm8('updateTask', {
      token: owner.token,
      params: { id: task.id },
      body: { title: task.title, fileIds: [text.id, png.id] },
    });
    expect(new Set((both.body as Task).fileIds)).toEqual(new Set([text.id, png.id]));
    expect(((await getFile(png.id)).body as ApiFile).taskIds).toEqual([task.id]);

    const theirs = await uploaded(stranger.token, textPart('private'));
    expectError(
      await pocketm8('updateTask', { token: owner.token, params: { id: task.id }, body: { title: task.title, fileIds: [theirs.id] } }),
      404,
      'NOT_FOUND',
    );
    expect(new Set((await getTask(task.id)).fileIds)).toEqual(new Set([text.id, png.id]));
  });

  it("an assignee sees the task's files and their bytes but gets 403 on change, delete and Matrix links", async () => {
    const task = await createdTask(owner.token, { title: freshText('Shared files'), assigneeIds: [assignee.userId] });
    const file = await uploaded(owner.token, textPart('shared'), { taskId: task.id });
    expect((await getFile(file.id, assignee)).body).toEqual(file);
    await expectServes(file.url, textBytes('shared'), 'text/plain');
    expectError(await getFile(file.id, stranger), 404, 'NOT_FOUND');

    expectError(
      await pocketm8('updateFile', { token: assignee.token, params: { id: file.id }, body: { name: 'mine.txt' } }),
      403,
      'FORBIDDEN',
    );
    expectError(await pocketm8('deleteFile', { token: assignee.token, params: { id: file.id } }), 403, 'FORBIDDEN');
    const room = { roomId: '!any:matrix.pocketm8.ch' };
    expectError(await pocketm8('linkMatrixFile', { token: assignee.token, params: { fileId: file.id }, body: room }), 403, 'FORBIDDEN');
    expectError(await pocketm8('unlinkMatrixFile', { token: assignee.token, params: { fileId: file.id }, body: room }), 403, 'FORBIDDEN');
    expect((await getFile(file.id)).body).toEqual(file);
  });

  it('delete: 204, detached from its task, then 404 on every file operation', async () => {
    const task = await createdTask(owner.token, { title: freshText('Loses a file') });
    const file = await uploaded(owner.token, textPart('bye'), { taskId: task.id });
    const res = await pocketm8('deleteFile', { token: owner.token, params: { id: file.id } });
    expect(res.status).toBe(204);
    expect((await getTask(task.id)).fileIds).toEqual([]);
    expectError(await getFile(file.id), 404, 'NOT_FOUND');
    expectError(await pocketm8('updateFile', { token: owner.token, params: { id: file.id }, body: { name: 'x.txt' } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('deleteFile', { token: owner.token, params: { id: file.id } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('getFileEditRelations', { token: owner.token, query: { fileId: file.id } }), 404, 'NOT_FOUND');
    if (!lacking('control')) expect((await download(file.url)).status, "the mock's media URL of a deleted file").toBe(404);
  });

  it('a room the user is not in -> 404 ROOM_NOT_FOUND; a file it cannot see -> 404 NOT_FOUND', async () => {
    const file = await uploaded(owner.token, textPart('no room'));
    const nowhere = { roomId: '!not-a-room-of-yours:matrix.example.org' };
    expectError(
      await pocketm8('linkMatrixFile', { token: owner.token, params: { fileId: file.id }, body: nowhere }),
      404,
      'ROOM_NOT_FOUND',
    );
    expectError(await pocketm8('linkMatrixFile', { token: stranger.token, params: { fileId: file.id }, body: nowhere }), 404, 'NOT_FOUND');
    expectError(
      await pocketm8('unlinkMatrixFile', { token: stranger.token, params: { fileId: file.id }, body: nowhere }),
      404,
      'NOT_FOUND',
    );
    expectError(await pocketm8('unlinkMatrixFile', { token: owner.token, params: { fileId: file.id }, body: nowhere }), 404, 'NOT_LINKED');
    expect(((await getFile(file.id)).body as ApiFile).matrixLinks).toEqual([]);
  });
});

/** Who links files to Matrix rooms: a new user if new users have rooms, else a seeded user. */
async function roomUser(): Promise<{ token: string; room: string } | string> {
  const tokens: (() => Promise<{ token: string } | string>)[] = [async () => await seededUser()];
  if (!lacking('code')) tokens.unshift(async () => ({ token: (await clockStill(() => signUpBySms())).token }));
  let reason = 'no user of this run has a Matrix room';
  for (const next of tokens) {
    const who = await next();
    if (typeof who === 'string') {
      reason = `no Matrix room: ${who}`;
      continue;
    }
    const { token } = who;
    const probe = await uploaded(token, textPart('room probe'));
    const edit = (await pocketm8('getFileEditRelations', { token, query: { fileId: probe.id } })).body as FileEdit;
    expect((await pocketm8('deleteFile', { token, params: { id: probe.id } })).status).toBe(204);
    const room = edit.rooms[0]?.roomId;
    if (room) return { token, room };
  }
  return reason;
}

describe('flows: Matrix links', () => {
  it('link -> 409 ALREADY_LINKED -> unlink -> 404 NOT_LINKED -> link again -> delete the file: gone from the task and the room', async (ctx) => {
    const who = await roomUser();
    if (typeof who === 'string') return ctx.skip(who);
    const { token, room } = who;
    const task = await createdTask(token, { title: freshText('Matrix flow') });
    const file = await uploaded(token, textPart(freshText('For the room')), { taskId: task.id });
    try {
      const linked = await pocketm8('linkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } });
      expect(linked.status).toBe(200);
      const links = (linked.body as ApiFile).matrixLinks;
      expect(links.map((link) => link.roomId)).toEqual([room]);
      expect(Date.parse(links[0]?.linkedAt ?? '')).not.toBeNaN();
      expect(((await pocketm8('getFile', { token, params: { id: file.id } })).body as ApiFile).matrixLinks).toEqual(links);
      expect(((await pocketm8('getFileEditRelations', { token, query: { fileId: file.id } })).body as FileEdit).linkedRoomIds).toEqual([
        room,
      ]);

      expectError(await pocketm8('linkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } }), 409, 'ALREADY_LINKED');
      const unlinked = await pocketm8('unlinkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } });
      expect(unlinked.status).toBe(200);
      expect((unlinked.body as ApiFile).matrixLinks).toEqual([]);
      expect(((await pocketm8('getFileEditRelations', { token, query: { fileId: file.id } })).body as FileEdit).linkedRoomIds).toEqual([]);
      expectError(await pocketm8('unlinkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } }), 404, 'NOT_LINKED');

      expect((await pocketm8('linkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } })).status).toBe(200);
      expect((await pocketm8('deleteFile', { token, params: { id: file.id } })).status).toBe(204);
      expect(((await pocketm8('getTask', { token, params: { id: task.id } })).body as Task).fileIds).toEqual([]);
      expectError(await pocketm8('getFile', { token, params: { id: file.id } }), 404, 'NOT_FOUND');
      expectError(await pocketm8('linkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } }), 404, 'NOT_FOUND');
      expectError(await pocketm8('unlinkMatrixFile', { token, params: { fileId: file.id }, body: { roomId: room } }), 404, 'NOT_FOUND');
    } finally {
      await pocketm8('deleteFile', { token, params: { id: file.id } });
      expect((await pocketm8('deleteTask', { token, params: { id: task.id } })).status).toBe(204);
    }
  });
});

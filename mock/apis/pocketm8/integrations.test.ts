import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { encodeMultipart } from '../../../test/form-data.ts';
import { bearer, createTestApp, type TOKENS } from '../../../test/harness.ts';
import { changed } from '../../store/marks.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DESIGN = '!design:matrix.pocketm8.ch';
const OPS = '!ops:matrix.pocketm8.ch';

describe('file lifecycle with Matrix', () => {
  it('uploads, attaches, links, unlinks and deletes a file, with the state checked between steps', async () => {
    const { app, context } = await createTestApp();
    const api = request(app);
    const alice = bearer('alice');

    const { body, contentType } = encodeMultipart([
      { name: 'file', value: PNG, filename: 'mockup.png', contentType: 'image/png' },
      { name: 'taskId', value: 'tsk_0001' },
    ]);
    const uploaded = await api.post('/api/files').set('Authorization', alice).set('Content-Type', contentType).send(body);
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id as string;
    expect(uploaded.body).toMatchObject({
      name: 'mockup.png',
      mimeType: 'image/png',
      size: PNG.length,
      taskIds: ['tsk_0001'],
      matrixLinks: [],
    });
    expect((await api.get('/api/tasks/tsk_0001').set('Authorization', alice)).body.fileIds).toEqual(['fil_0001', id]);
    const onTask = await api.get('/api/files').query({ taskId: 'tsk_0001' }).set('Authorization', bearer('bob'));
    expect(onTask.body.data.map((file: { id: string }) => file.id)).toEqual([id, 'fil_0001']);

    const linked = await api.post(`/api/integrations/matrix/files/${id}/link`).set('Authorization', alice).send({ roomId: OPS });
    expect(linked.status).toBe(200);
    expect(linked.body.matrixLinks).toEqual([{ roomId: OPS, linkedAt: expect.any(String) }]);
    expect(linked.body.updatedAt).toBe(linked.body.matrixLinks[0].linkedAt);
    expect((await api.get(`/api/files/${id}`).set('Authorization', alice)).body.matrixLinks).toEqual(linked.body.matrixLinks);
    const relations = await api.get('/api/relations/file-edit').query({ fileId: id }).set('Authorization', alice);
    expect(relations.body.linkedRoomIds).toEqual([OPS]);

    const again = await api.post(`/api/integrations/matrix/files/${id}/link`).set('Authorization', alice).send({ roomId: OPS });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ message: 'ALREADY_LINKED' });

    const unlinked = await api.post(`/api/integrations/matrix/files/${id}/unlink`).set('Authorization', alice).send({ roomId: OPS });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.matrixLinks).toEqual([]);
    const unlinkAgain = await api.post(`/api/integrations/matrix/files/${id}/unlink`).set('Authorization', alice).send({ roomId: OPS });
    expect(unlinkAgain.status).toBe(404);
    expect(unlinkAgain.body).toEqual({ message: 'NOT_LINKED' });

    expect((await api.delete(`/api/files/${id}`).set('Authorization', alice)).status).toBe(204);
    expect((await api.get('/api/tasks/tsk_0001').set('Authorization', alice)).body.fileIds).toEqual(['fil_0001']);
    const gone = await api.get(`/api/files/${id}`).set('Authorization', alice);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ message: 'NOT_FOUND' });
    expect(context.violations).toEqual([]);
  });
});

describe('linkMatrixFile and unlinkMatrixFile errors', () => {
  type Row = { who: keyof typeof TOKENS; action: 'link' | 'unlink'; fileId: string; roomId: string; status: number; message: string };
  const rows: Row[] = [
    { who: 'alice', action: 'link', fileId: 'fil_0002', roomId: DESIGN, status: 200, message: '' },
    { who: 'alice', action: 'link', fileId: 'fil_0003', roomId: DESIGN, status: 404, message: 'NOT_FOUND' },
    { who: 'alice', action: 'link', fileId: 'fil_9999', roomId: DESIGN, status: 404, message: 'NOT_FOUND' },
    { who: 'bob', action: 'link', fileId: 'fil_0001', roomId: DESIGN, status: 403, message: 'FORBIDDEN' },
    { who: 'alice', action: 'link', fileId: 'fil_0002', roomId: '!bob-private:matrix.pocketm8.ch', status: 404, message: 'ROOM_NOT_FOUND' },
    { who: 'alice', action: 'link', fileId: 'fil_0002', roomId: '!nowhere:matrix.pocketm8.ch', status: 404, message: 'ROOM_NOT_FOUND' },
    { who: 'alice', action: 'link', fileId: 'fil_0001', roomId: DESIGN, status: 409, message: 'ALREADY_LINKED' },
    { who: 'alice', action: 'unlink', fileId: 'fil_0001', roomId: DESIGN, status: 200, message: '' },
    { who: 'alice', action: 'unlink', fileId: 'fil_0001', roomId: OPS, status: 404, message: 'NOT_LINKED' },
    { who: 'bob', action: 'unlink', fileId: 'fil_0001', roomId: DESIGN, status: 403, message: 'FORBIDDEN' },
    { who: 'carol', action: 'unlink', fileId: 'fil_0001', roomId: DESIGN, status: 404, message: 'NOT_FOUND' },
  ];

  it.each(rows)('$who $action $fileId to $roomId answers $status $message', async ({ who, action, fileId, roomId, status, message }) => {
    const { app, context } = await createTestApp();
    const before = JSON.stringify(context.data().files);
    const res = await request(app)
      .post(`/api/integrations/matrix/files/${fileId}/${action}`)
      .set('Authorization', bearer(who))
      .send({ roomId });
    expect(res.status).toBe(status);
    if (status === 200) {
      const linked = (res.body.matrixLinks as { roomId: string }[]).some((link) => link.roomId === roomId);
      expect(linked).toBe(action === 'link');
    } else {
      expect(res.body).toEqual({ message });
      expect(JSON.stringify(context.data().files)).toBe(before);
    }
  });

  it.each(['link', 'unlink'])('%s answers 400, 401, 413 and 415 for requests the mount refuses', async (action) => {
    const { app } = await createTestApp();
    const post = () => request(app).post(`/api/integrations/matrix/files/fil_0001/${action}`);
    const bad = await post().set('Authorization', bearer('alice')).send({ roomId: 'design' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'roomId' })]);
    expect((await post().set('Authorization', bearer('alice')).send({})).status).toBe(400);
    expect((await post().send({ roomId: DESIGN })).status).toBe(401);
    expect(
      (
        await post()
          .set('Authorization', bearer('alice'))
          .send({ roomId: 'x'.repeat(1_100_000) })
      ).status,
    ).toBe(413);
    expect((await post().set('Authorization', bearer('alice')).set('Content-Type', 'text/plain').send(DESIGN)).status).toBe(415);
  });

  it('lets an owner who left a room still take the file out of it', async () => {
    const { app, context } = await createTestApp();
    const design = context.data().rooms.find((room) => room.roomId === DESIGN)!;
    design.memberIds = ['usr_bob'];
    changed(context.data(), 'rooms', design);
    const res = await request(app)
      .post('/api/integrations/matrix/files/fil_0001/unlink')
      .set('Authorization', bearer('alice'))
      .send({ roomId: DESIGN });
    expect(res.status).toBe(200);
    expect(res.body.matrixLinks).toEqual([]);
  });
});

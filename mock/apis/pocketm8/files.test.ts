import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../context.ts';
import { encodeMultipart, type FormPart } from '../../../test/form-data.ts';
import { OFFICE_TYPES } from '../../lib/sniff.ts';
import type { MockApp } from '../../server/app.ts';
import { bearer, createTestApp, type TOKENS } from '../../../test/harness.ts';

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.alloc(40, 1)]);
const BINARY = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);

function upload(mock: MockApp, parts: FormPart[], who: keyof typeof TOKENS = 'alice') {
  const { body, contentType } = encodeMultipart(parts);
  return request(mock.app).post('/api/files').set('Authorization', bearer(who)).set('Content-Type', contentType).send(body);
}

const file = (value: string | Buffer, filename = 'notes.txt', contentType = 'application/octet-stream'): FormPart => ({
  name: 'file',
  value,
  filename,
  contentType,
});

async function bytesOf(mock: MockApp, key: string): Promise<Buffer | undefined> {
  const stream = await mock.context.blobs.get(key);
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('uploadFile', () => {
  it('stores the bytes under a generated key and answers 201 with the file and its Location', async () => {
    const mock = await createTestApp();
    const res = await upload(mock, [file(PNG, 'logo-final.png', 'image/png'), { name: 'description', value: 'Final logo' }]);
    expect(res.status).toBe(201);
    const origin = new URL(res.request.url).origin;
    expect(res.headers.location).toBe(`/api/files/${res.body.id}`);
    expect(res.body).toEqual({
      id: 'fil_0005',
      name: 'logo-final.png',
      mimeType: 'image/png',
      size: PNG.length,
      description: 'Final logo',
      url: `${origin}/media/files/fil_0005`,
      ownerId: 'usr_alice',
      taskIds: [],
      matrixLinks: [],
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
    });
    expect(await bytesOf(mock, 'fil_0005')).toEqual(PNG);
    expect(mock.context.data().files.find((entry) => entry.id === 'fil_0005')?.blob).toBe('fil_0005');
    const served = await request(mock.app)
      .get('/media/files/fil_0005')
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(PNG);
    expect(mock.context.violations).toEqual([]);
  });

  it('attaches the file to a task the caller can see, on both sides', async () => {
    const mock = await createTestApp();
    const res = await upload(mock, [{ name: 'taskId', value: 'tsk_0005' }, file('call list\n', 'todo.txt')], 'alice');
    expect(res.status).toBe(201);
    expect(res.body.taskIds).toEqual(['tsk_0005']);
    const task = await request(mock.app).get('/api/tasks/tsk_0005').set('Authorization', bearer('bob'));
    expect(task.body.fileIds).toEqual(['fil_0004', res.body.id]);
    const bobSees = await request(mock.app).get(`/api/files/${res.body.id}`).set('Authorization', bearer('bob'));
    expect(bobSees.status).toBe(200);
  });

  it.each([
    ['PNG bytes declared as text', PNG, 'photo.txt', 'text/plain', 'image/png'],
    ['text declared as PNG', 'not an image', 'fake.png', 'image/png', 'text/plain'],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n', 'contract.pdf', 'application/pdf', 'application/pdf'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'anim.gif', 'image/gif', 'image/gif'],
    ['a Word document by its name', ZIP, 'letter.docx', 'application/octet-stream', OFFICE_TYPES.docx],
    ['a spreadsheet by its declared type', ZIP, 'upload', OFFICE_TYPES.xlsx, OFFICE_TYPES.xlsx],
    ['another ZIP', ZIP, 'photos.zip', 'application/zip', 'application/zip'],
    ['CSV by its extension', 'name,phone\nAnna,+41442223344\n', 'people.csv', 'application/octet-stream', 'text/csv'],
    ['JSON by its declared type', '{"a": 1}', 'data', 'application/json', 'application/json'],
    ['UTF-8 text', 'Grüezi mitenand 👋', 'hello.md', 'text/markdown', 'text/plain'],
  ])('types %s by its content: %s', async (_case, bytes, name, declared, expected) => {
    const mock = await createTestApp();
    const res = await upload(mock, [file(bytes, name, declared)]);
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe(expected);
    expect(res.body.size).toBe(Buffer.from(bytes).length);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['C:\\Users\\alice\\report.txt', 'report.txt'],
    ['tab\there.txt', 'tabhere.txt'],
    ['', 'file'],
    ['../', 'file'],
  ])('keeps only the last segment of the name %j: %j, and stores under the id', async (filename, name) => {
    const mock = await createTestApp();
    const res = await upload(mock, [file('hello', filename)]);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    expect(await bytesOf(mock, res.body.id as string)).toEqual(Buffer.from('hello'));
    expect(await bytesOf(mock, 'passwd')).toBeUndefined();
  });

  it('names a file part sent without a file name `file`', async () => {
    const mock = await createTestApp();
    const res = await upload(mock, [{ name: 'file', value: 'x', contentType: 'application/octet-stream' }]);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('file');
  });

  it('answers 415 for content of another type, keeping neither record nor bytes', async () => {
    const mock = await createTestApp();
    const res = await upload(mock, [file(BINARY, 'tool.png', 'image/png')]);
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ message: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(mock.context.data().files).toHaveLength(4);
    expect(await bytesOf(mock, 'fil_0005')).toBeUndefined();
  });

  it('answers 415 for a request that is not multipart/form-data', async () => {
    const mock = await createTestApp();
    const res = await request(mock.app).post('/api/files').set('Authorization', bearer('alice')).send({ file: 'x' });
    expect(res.status).toBe(415);
  });

  it.each([
    ['a task the caller cannot see', 'tsk_0006'],
    ['an unknown task', 'tsk_9999'],
  ])('answers 404 NOT_FOUND for %s, keeping neither record nor bytes', async (_case, taskId) => {
    const mock = await createTestApp();
    const res = await upload(mock, [file('hello'), { name: 'taskId', value: taskId }]);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
    expect(mock.context.data().files).toHaveLength(4);
    expect(await bytesOf(mock, 'fil_0005')).toBeUndefined();
  });

  it.each([
    ['no file part', [{ name: 'description', value: 'x' }], [{ field: 'file', message: 'is required' }]],
    ['an unknown part', [file('x'), { name: 'folder', value: '/tmp' }], [{ field: 'folder', message: 'is not allowed' }]],
    [
      'an unknown file part',
      [file('x'), { name: 'extra', value: 'y', filename: 'y.txt' }],
      [{ field: 'extra', message: 'is not allowed' }],
    ],
    ['a file sent as a text part', [{ name: 'file', value: 'x' }], [{ field: 'file', message: 'must be a file part (with a filename)' }]],
    ['two files', [file('x'), file('y')], [{ field: 'file', message: 'must be sent once' }]],
    [
      'two descriptions',
      [file('x'), { name: 'description', value: 'a' }, { name: 'description', value: 'b' }],
      [{ field: 'description', message: 'must be sent once' }],
    ],
    [
      'a description over 2000 characters',
      [file('x'), { name: 'description', value: 'd'.repeat(2001) }],
      [expect.objectContaining({ field: 'description' })],
    ],
    ['a task id that is not an id', [file('x'), { name: 'taskId', value: '../tsk_0001' }], [expect.objectContaining({ field: 'taskId' })]],
  ] as const)('answers 400 VALIDATION_ERROR for %s', async (_case, parts, errors) => {
    const mock = await createTestApp();
    const res = await upload(mock, [...parts]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors });
    expect(mock.context.data().files).toHaveLength(4);
    expect(await bytesOf(mock, 'fil_0005')).toBeUndefined();
  });

  it('answers 400 for a multipart body without a boundary, or cut short', async () => {
    const mock = await createTestApp();
    const noBoundary = await request(mock.app)
      .post('/api/files')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', 'multipart/form-data')
      .send('--x\r\n');
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.message).toBe('VALIDATION_ERROR');
    const { body, contentType } = encodeMultipart([file('hello world')]);
    const cut = await request(mock.app)
      .post('/api/files')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', contentType)
      .send(body.subarray(0, body.length - 20));
    expect(cut.status).toBe(400);
    expect(cut.body.message).toBe('VALIDATION_ERROR');
    expect(mock.context.data().files).toHaveLength(4);
  });

  it('answers 400 to a form cut short inside a second file part, and the process stays up (no unheard stream error)', async () => {
    const mock = await createTestApp();
    const part = (name: string) => `--x\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n${name}`;
    const res = await request(mock.app)
      .post('/api/files')
      .set('Authorization', bearer('alice'))
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send(`${part('a.txt')}\r\n${part('b.txt')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'is not valid multipart/form-data (Unexpected end of form)' }]);
  });

  it('answers 401 without a token', async () => {
    const mock = await createTestApp();
    const { body, contentType } = encodeMultipart([file('x')]);
    const res = await request(mock.app).post('/api/files').set('Content-Type', contentType).send(body);
    expect(res.status).toBe(401);
  });
});

describe('uploadFile over the limit', () => {
  const small = () => createTestApp({ limits: { ...DEFAULT_LIMITS, fileBytes: 1024 } });

  it('accepts a file of exactly the limit', async () => {
    const mock = await small();
    const res = await upload(mock, [file('a'.repeat(1024))]);
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(1024);
  });

  it('answers 413 FILE_TOO_LARGE one byte over, closes the connection and keeps nothing', async () => {
    const mock = await small();
    const res = await upload(mock, [file('a'.repeat(1025)), { name: 'description', value: 'too big' }]);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'FILE_TOO_LARGE' });
    expect(res.headers.connection).toBe('close');
    expect(mock.context.data().files).toHaveLength(4);
    expect(await bytesOf(mock, 'fil_0005')).toBeUndefined();
    const next = await upload(mock, [file('small')]);
    expect(next.status).toBe(201);
  });

  it('answers 413 to a client that sends a much larger body in one go', async () => {
    const mock = await small();
    const res = await upload(mock, [file(Buffer.alloc(8 * 1024 * 1024, 0x61), 'big.txt')]);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'FILE_TOO_LARGE' });
  });

  it('answers as soon as the limit is passed, without waiting for the rest of a large body', async () => {
    const mock = await small();
    const server = mock.app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const boundary = 'big-upload';
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            port,
            method: 'POST',
            path: '/api/files',
            headers: { Authorization: bearer('alice'), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
        // Headers and 4 KB of a file that never ends: only an early answer can settle the promise.
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\n\r\n`);
        req.write(Buffer.alloc(4096, 0x61));
      });
      expect(status).toBe(413);
      expect(mock.context.data().files).toHaveLength(4);
    } finally {
      server.close();
    }
  });

  it('keeps nothing when the client goes away in the middle of an upload', async () => {
    const mock = await createTestApp();
    const server = mock.app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          port,
          method: 'POST',
          path: '/api/files',
          headers: { Authorization: bearer('alice'), 'Content-Type': 'multipart/form-data; boundary=gone' },
        });
        req.on('error', () => resolve());
        req.write('--gone\r\nContent-Disposition: form-data; name="file"; filename="half.txt"\r\n\r\nhalf of it');
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(mock.context.data().files).toHaveLength(4);
      expect(await bytesOf(mock, 'fil_0005')).toBeUndefined();
      expect((await upload(mock, [file('still working')])).status).toBe(201);
    } finally {
      server.close();
    }
  });
});

describe('getFiles and getFile', () => {
  const ids = (body: { data: { id: string }[] }) => body.data.map((entry) => entry.id);

  it.each([
    ['alice', {}, ['fil_0004', 'fil_0002', 'fil_0001']],
    ['bob', {}, ['fil_0004', 'fil_0003', 'fil_0001']],
    ['carol', {}, []],
    ['dave', {}, []],
    ['alice', { taskId: 'tsk_0001' }, ['fil_0001']],
    ['alice', { taskId: 'tsk_0006' }, []],
    ['alice', { search: 'LOGO' }, ['fil_0002']],
    ['alice', { search: 'phone list' }, ['fil_0004']],
    ['bob', { search: '.txt' }, ['fil_0003', 'fil_0001']],
    ['alice', { perPage: 2, page: 2 }, ['fil_0001']],
  ] as const)('%s with %j sees newest first', async (who, query, expected) => {
    const mock = await createTestApp();
    const res = await request(mock.app).get('/api/files').query(query).set('Authorization', bearer(who));
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(expected);
  });

  it('answers 400 for a bad page size or task id and 401 without a token', async () => {
    const mock = await createTestApp();
    expect((await request(mock.app).get('/api/files').query({ perPage: 0 }).set('Authorization', bearer('alice'))).status).toBe(400);
    expect((await request(mock.app).get('/api/files').query({ taskId: 'a b' }).set('Authorization', bearer('alice'))).status).toBe(400);
    expect((await request(mock.app).get('/api/files')).status).toBe(401);
  });

  it.each([
    ['alice', 'fil_0001', 200],
    ['bob', 'fil_0001', 200],
    ['alice', 'fil_0004', 200],
    ['carol', 'fil_0001', 404],
    ['alice', 'fil_0003', 404],
    ['alice', 'fil_9999', 404],
  ] as const)('%s GET /files/%s answers %i', async (who, id, status) => {
    const mock = await createTestApp();
    const res = await request(mock.app).get(`/api/files/${id}`).set('Authorization', bearer(who));
    expect(res.status).toBe(status);
    if (status === 404) expect(res.body).toEqual({ message: 'NOT_FOUND' });
    else expect(res.body).toMatchObject({ id, url: `${new URL(res.request.url).origin}/media/files/${id}` });
  });

  it('answers 400 for a bad id and 401 without a token', async () => {
    const mock = await createTestApp();
    expect((await request(mock.app).get('/api/files/x%2Fy').set('Authorization', bearer('alice'))).status).toBe(400);
    expect((await request(mock.app).get('/api/files/fil_0001')).status).toBe(401);
  });
});

describe('updateFile', () => {
  it('renames and redescribes a file for its owner', async () => {
    const mock = await createTestApp();
    const res = await request(mock.app)
      .patch('/api/files/fil_0001')
      .set('Authorization', bearer('alice'))
      .send({ name: 'brief-v2.txt', description: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'fil_0001',
      name: 'brief-v2.txt',
      description: null,
      mimeType: 'text/plain',
      taskIds: ['tsk_0001'],
    });
    expect(res.body.updatedAt).not.toBe('2026-11-01T10:00:00Z');
    const again = await request(mock.app).get('/api/files/fil_0001').set('Authorization', bearer('bob'));
    expect(again.body.name).toBe('brief-v2.txt');
  });

  it('leaves out what is not sent', async () => {
    const mock = await createTestApp();
    const res = await request(mock.app)
      .patch('/api/files/fil_0001')
      .set('Authorization', bearer('alice'))
      .send({ description: 'Brief, final' });
    expect(res.body).toMatchObject({ name: 'brief.txt', description: 'Brief, final' });
  });

  it.each([
    ['bob', 'fil_0001', { name: 'mine.txt' }, 403, 'FORBIDDEN'],
    ['carol', 'fil_0001', { name: 'mine.txt' }, 404, 'NOT_FOUND'],
    ['alice', 'fil_0003', { name: 'mine.txt' }, 404, 'NOT_FOUND'],
    ['alice', 'fil_0001', { name: '../brief.txt' }, 400, 'VALIDATION_ERROR'],
    ['alice', 'fil_0001', { name: '' }, 400, 'VALIDATION_ERROR'],
    ['alice', 'fil_0001', {}, 400, 'VALIDATION_ERROR'],
    ['alice', 'fil_0001', { mimeType: 'image/png' }, 400, 'VALIDATION_ERROR'],
  ] as const)('%s PATCH %s %j answers %i', async (who, id, body, status, message) => {
    const mock = await createTestApp();
    const res = await request(mock.app).patch(`/api/files/${id}`).set('Authorization', bearer(who)).send(body);
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
    expect(mock.context.data().files.find((entry) => entry.id === 'fil_0001')?.name).toBe('brief.txt');
  });

  it('answers 413, 415 and 401 for requests the mount refuses', async () => {
    const mock = await createTestApp();
    const patch = () => request(mock.app).patch('/api/files/fil_0001');
    expect(
      (
        await patch()
          .set('Authorization', bearer('alice'))
          .send({ description: 'd'.repeat(1_100_000) })
      ).status,
    ).toBe(413);
    expect((await patch().set('Authorization', bearer('alice')).set('Content-Type', 'text/plain').send('name=x')).status).toBe(415);
    expect((await patch().send({ name: 'x' })).status).toBe(401);
  });
});

describe('deleteFile', () => {
  it('deletes the record and detaches the file from its tasks and rooms; the bytes stay for snapshots', async () => {
    const mock = await createTestApp();
    const res = await request(mock.app).delete('/api/files/fil_0001').set('Authorization', bearer('alice'));
    expect(res.status).toBe(204);
    expect((await request(mock.app).get('/api/files/fil_0001').set('Authorization', bearer('alice'))).status).toBe(404);
    expect((await request(mock.app).get('/media/files/fil_0001')).status).toBe(404);
    const task = await request(mock.app).get('/api/tasks/tsk_0001').set('Authorization', bearer('alice'));
    expect(task.body.fileIds).toEqual([]);
    expect(task.body.updatedAt).not.toBe('2026-11-01T09:00:00Z');
    expect(await bytesOf(mock, 'fil_0001')).toBeDefined();
  });

  it.each([
    ['bob', 'fil_0001', 403, 'FORBIDDEN'],
    ['carol', 'fil_0003', 404, 'NOT_FOUND'],
    ['alice', 'fil_0003', 404, 'NOT_FOUND'],
    ['alice', 'fil_9999', 404, 'NOT_FOUND'],
  ] as const)('%s DELETE %s answers %i and deletes nothing', async (who, id, status, message) => {
    const mock = await createTestApp();
    const res = await request(mock.app).delete(`/api/files/${id}`).set('Authorization', bearer(who));
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ message });
    expect(mock.context.data().files).toHaveLength(4);
  });

  it('answers 400 for a bad id and 401 without a token', async () => {
    const mock = await createTestApp();
    expect((await request(mock.app).delete('/api/files/a.b').set('Authorization', bearer('alice'))).status).toBe(400);
    expect((await request(mock.app).delete('/api/files/fil_0001')).status).toBe(401);
  });
});

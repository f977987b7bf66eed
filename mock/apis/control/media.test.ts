import { readFileSync } from 'node:fs';
import request from 'supertest';
import { streamOf } from '../../store/bytes.ts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, createTestApp } from '../../../test/harness.ts';
import type { FileRecord } from '../../store/data.ts';

const fixtureBytes = (key: string) => readFileSync(`${DEFAULT_FIXTURES}/media/${key}`);

/** Collects the body as bytes whatever its type (superagent hands the parser the raw response). */
const binary = ((res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test['parse']>[0];

async function addFile(context: Awaited<ReturnType<typeof createTestApp>>['context'], fields: Partial<FileRecord>, bytes: Buffer) {
  const base = context.data().files[0]!;
  const file: FileRecord = { ...base, id: 'fil_0100', blob: 'fil_0100', size: bytes.length, taskIds: [], matrixLinks: [], ...fields };
  context.data().files.push(file);
  await context.blobs.put(file.blob, streamOf(bytes), Number.MAX_SAFE_INTEGER);
  return file;
}

describe('GET /media/files/{id}', () => {
  it('serves the bytes with their type, length, an inline file name and nosniff', async () => {
    const { app, context } = await createTestApp();
    const res = await request(app).get('/media/files/fil_0001').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(fixtureBytes('fil_0001'));
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-length']).toBe(String(fixtureBytes('fil_0001').length));
    expect(res.headers['content-disposition']).toBe('inline; filename="brief.txt"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(context.violations).toEqual([]);
  });

  it('serves an image with its own type', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/media/files/fil_0002').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body).toEqual(fixtureBytes('fil_0002'));
  });

  it('sandboxes types a browser would run as a page', async () => {
    const { app, context } = await createTestApp();
    for (const mimeType of ['text/html', 'image/svg+xml']) {
      await addFile(context, { name: 'page', mimeType }, Buffer.from('<script>alert(1)</script>'));
      const res = await request(app).get('/media/files/fil_0100');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe('sandbox');
      context.data().files.pop();
    }
  });

  it('names a file with other than ASCII characters with filename*', async () => {
    const { app, context } = await createTestApp();
    await addFile(context, { name: 'Übersicht 2026.csv', mimeType: 'text/csv' }, Buffer.from('a;b\n'));
    const res = await request(app).get('/media/files/fil_0100');
    expect(res.headers['content-disposition']).toBe(`inline; filename="_bersicht 2026.csv"; filename*=UTF-8''%C3%9Cbersicht%202026.csv`);
  });

  it('answers 404 NOT_FOUND for an unknown id, a deleted file and missing bytes', async () => {
    const { app, context } = await createTestApp();
    expect((await request(app).get('/media/files/fil_9999')).body).toEqual({ message: 'NOT_FOUND' });
    context.data().files = context.data().files.filter((file) => file.id !== 'fil_0001');
    const deleted = await request(app).get('/media/files/fil_0001');
    expect(deleted.status).toBe(404);
    expect(deleted.body).toEqual({ message: 'NOT_FOUND' });
    await context.blobs.delete('fil_0002');
    expect((await request(app).get('/media/files/fil_0002')).status).toBe(404);
    expect(context.violations).toEqual([]);
  });

  it('does not serve an avatar as a file or a file as an avatar', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get('/media/files/ava_0001')).status).toBe(404);
    expect((await request(app).get('/media/avatars/fil_0001')).status).toBe(404);
  });

  it('answers 400 VALIDATION_ERROR for an id over 128 characters', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/media/files/${'f'.repeat(129)}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [{ field: 'id', message: expect.any(String) }] });
  });
});

describe('GET /media/avatars/{id}', () => {
  it('serves the avatar image named by its id', async () => {
    const { app, context } = await createTestApp();
    const res = await request(app).get('/media/avatars/ava_0001').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(fixtureBytes('ava_0001'));
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(fixtureBytes('ava_0001').length));
    expect(res.headers['content-disposition']).toBe('inline; filename="ava_0001.png"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(context.violations).toEqual([]);
  });

  it('answers 404 NOT_FOUND for an unknown or removed avatar', async () => {
    const { app, context } = await createTestApp();
    expect((await request(app).get('/media/avatars/ava_0404')).status).toBe(404);
    context.data().avatars = [];
    const res = await request(app).get('/media/avatars/ava_0001');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'NOT_FOUND' });
  });

  it('answers 400 VALIDATION_ERROR for an id over 128 characters', async () => {
    const { app } = await createTestApp();
    expect((await request(app).get(`/media/avatars/${'a'.repeat(129)}`)).status).toBe(400);
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../context.ts';
import { encodeMultipart, type FormPart } from '../../../test/form-data.ts';
import type { MockApp } from '../../server/app.ts';
import { bearer, createTestApp } from '../../../test/harness.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(32, 7)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18, 3)]);

function upload(mock: MockApp, parts: FormPart[]) {
  const { body, contentType } = encodeMultipart(parts);
  return request(mock.app).post('/api/avatars').set('Authorization', bearer('carol')).set('Content-Type', contentType).send(body);
}

describe('uploadAvatar', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP declared as something else', WEBP, 'image/webp'],
  ])('stores a %s and answers 201 with the avatar', async (_case, bytes, mimeType) => {
    const mock = await createTestApp();
    const res = await upload(mock, [{ name: 'file', value: bytes, filename: 'me.img', contentType: 'application/octet-stream' }]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 'ava_0002',
      url: `${new URL(res.request.url).origin}/media/avatars/ava_0002`,
      mimeType,
      size: bytes.length,
      createdAt: expect.any(String),
    });
    expect(mock.context.data().avatars.find((avatar) => avatar.id === 'ava_0002')).toMatchObject({
      ownerId: 'usr_carol',
      blob: 'ava_0002',
    });
    expect(await mock.context.blobs.get('ava_0002')).toBeDefined();
    expect(mock.context.violations).toEqual([]);
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
    ['text declared as PNG', Buffer.from('hello'), 'image/png'],
    ['a PDF', Buffer.from('%PDF-1.7'), 'application/pdf'],
  ])('answers 415 for %s and keeps nothing', async (_case, bytes, contentType) => {
    const mock = await createTestApp();
    const res = await upload(mock, [{ name: 'file', value: bytes, filename: 'me.png', contentType }]);
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ message: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(mock.context.data().avatars).toHaveLength(1);
    expect(await mock.context.blobs.get('ava_0002')).toBeUndefined();
  });

  it('answers 413 FILE_TOO_LARGE over the avatar limit and keeps nothing', async () => {
    const mock = await createTestApp({ limits: { ...DEFAULT_LIMITS, avatarBytes: 64 } });
    const res = await upload(mock, [{ name: 'file', value: Buffer.concat([PNG, Buffer.alloc(64)]), filename: 'me.png' }]);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'FILE_TOO_LARGE' });
    expect(mock.context.data().avatars).toHaveLength(1);
  });

  it.each([
    ['no file part', [{ name: 'description', value: 'me' }], ['file', 'description']],
    [
      'an extra part',
      [
        { name: 'file', value: PNG, filename: 'me.png' },
        { name: 'crop', value: '1,1' },
      ],
      ['crop'],
    ],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, parts, fields) => {
    const mock = await createTestApp();
    const res = await upload(mock, parts);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('VALIDATION_ERROR');
    expect(res.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([...fields].sort());
  });

  it('answers 415 for a body that is not multipart and 401 without a token', async () => {
    const mock = await createTestApp();
    expect((await request(mock.app).post('/api/avatars').set('Authorization', bearer('carol')).send({ file: 'x' })).status).toBe(415);
    const { body, contentType } = encodeMultipart([{ name: 'file', value: PNG, filename: 'me.png' }]);
    expect((await request(mock.app).post('/api/avatars').set('Content-Type', contentType).send(body)).status).toBe(401);
  });
});

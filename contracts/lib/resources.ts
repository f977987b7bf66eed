import request from 'supertest';
import { expect } from 'vitest';
import type { ApiFile, Avatar, Task } from './accounts.ts';
import { pocketm8, type ContractResponse, type UploadPart } from './client.ts';

/** POST /tasks that must succeed: answers the new task. */
export async function createdTask(token: string, body: Record<string, unknown>): Promise<Task> {
  const res = await pocketm8('createTask', { token, body });
  expect(res.status, 'POST /tasks').toBe(201);
  return res.body as Task;
}

/** POST /files with one file part and optional text fields. */
export const uploadFile = (token: string, part: UploadPart, fields: Record<string, string> = {}): Promise<ContractResponse> =>
  pocketm8('uploadFile', { token, multipart: { fields, files: [part] } });

/** POST /files that must succeed: answers the stored file. */
export async function uploaded(token: string, part: UploadPart, fields: Record<string, string> = {}): Promise<ApiFile> {
  const res = await uploadFile(token, part, fields);
  expect(res.status, `POST /files ${part.filename}`).toBe(201);
  return res.body as ApiFile;
}

export async function uploadedAvatar(token: string, part: UploadPart): Promise<Avatar> {
  const res = await pocketm8('uploadAvatar', { token, multipart: { files: [part] } });
  expect(res.status, `POST /avatars ${part.filename}`).toBe(201);
  return res.body as Avatar;
}

export interface Download {
  status: number;
  contentType: string;
  bytes: Buffer;
}

/** GETs an absolute URL from an answer (a file's `url`, an `avatarUrl`) as bytes, without a token. */
export async function download(url: string): Promise<Download> {
  const target = new URL(url);
  const res = await request(target.origin)
    .get(`${target.pathname}${target.search}`)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, contentType: String(res.headers['content-type'] ?? ''), bytes: res.body as Buffer };
}

/** The URL serves exactly these bytes with this media type. */
export async function expectServes(url: string, bytes: Buffer, mimeType: string): Promise<void> {
  const got = await download(url);
  expect(got.status, `GET ${url}`).toBe(200);
  expect(got.contentType.split(';')[0]).toBe(mimeType);
  expect(got.bytes.equals(bytes), `the bytes behind ${url}`).toBe(true);
}

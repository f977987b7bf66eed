import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../mock/server/app.ts';
import { DEFAULT_LIMITS } from '../../mock/apis/context.ts';
import { createTestApp, TOKENS } from '../harness.ts';
import { recordFigures } from './figures.ts';
import { listen, type Listening } from './listening.ts';
import { PNG } from './spec-requests.ts';

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x61);
const answeredAfterMiB: Record<string, number> = {};

/**
 * Streams a multipart upload whose file part has `fileBytes` bytes (never held in memory), and
 * resolves with the answer and how many bytes had been written when it came.
 */
function streamUpload(
  port: number,
  path: string,
  head: Buffer,
  fileBytes: number,
): Promise<{ status: number; body: string; writtenWhenAnswered: number }> {
  const boundary = 'limit-boundary';
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(
      {
        port,
        method: 'POST',
        path,
        headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      },
      (res) => {
        answered = true;
        const writtenWhenAnswered = written;
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, writtenWhenAnswered }));
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const write = (bytes: Buffer) => {
      written += bytes.length;
      return req.write(bytes);
    };
    write(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`),
    );
    write(head);
    let left = fileBytes - head.length;
    const pump = () => {
      while (left > 0 && !answered && !req.destroyed) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, left));
        left -= piece.length;
        if (!write(piece)) return void req.once('drain', pump);
      }
      if (left === 0 && !answered && !req.destroyed) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

describe('the real size limits, against a listening server', () => {
  let mock: MockApp;
  let listening: Listening;

  beforeAll(async () => {
    mock = await createTestApp();
    listening = await listen(mock);
  });

  afterAll(() => {
    recordFigures('limits', { answeredAfterMiB });
    listening.close();
  });

  it('stores a file of exactly 25 MiB', async () => {
    const answer = await streamUpload(listening.port, '/api/files', PNG, DEFAULT_LIMITS.fileBytes);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ size: 25 * MiB });
  });

  it('answers 413 FILE_TOO_LARGE to a 200 MiB upload as soon as 25 MiB are passed, and keeps nothing', async () => {
    const files = mock.context.data().files.length;
    const answer = await streamUpload(listening.port, '/api/files', PNG, 200 * MiB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: 'FILE_TOO_LARGE' });
    // The answer came while the client was still sending, a few socket buffers past the limit.
    expect(answer.writtenWhenAnswered).toBeLessThan(DEFAULT_LIMITS.fileBytes + 16 * MiB);
    answeredAfterMiB.file200MiB = Math.round((answer.writtenWhenAnswered / MiB) * 10) / 10;
    expect(mock.context.data().files).toHaveLength(files);
  });

  it('answers 413 to an avatar over 5 MiB as soon as the limit is passed', async () => {
    const answer = await streamUpload(listening.port, '/api/avatars', PNG, 100 * MiB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: 'FILE_TOO_LARGE' });
    expect(answer.writtenWhenAnswered).toBeLessThan(DEFAULT_LIMITS.avatarBytes + 16 * MiB);
    answeredAfterMiB.avatar100MiB = Math.round((answer.writtenWhenAnswered / MiB) * 10) / 10;
    expect(mock.context.data().avatars).toHaveLength(1);
  });

  it.each([
    ['1 MiB exactly (read, then refused by the schema)', DEFAULT_LIMITS.jsonBytes, 400],
    ['1 MiB and one byte', DEFAULT_LIMITS.jsonBytes + 1, 413],
  ])('a JSON body of %s answers %i', async (_case, size, status) => {
    const prefix = '{"title":"x","description":"';
    const body = `${prefix}${'d'.repeat(size - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(body)).toBe(size);
    const res = await fetch(`${listening.origin}/api/tasks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR');
  });
});

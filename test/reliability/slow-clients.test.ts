import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../mock/server/app.ts';
import { encodeMultipart } from '../form-data.ts';
import { SERVER_TIMEOUTS, startServer } from '../../mock/server/http-server.ts';
import { createTestApp, TOKENS } from '../harness.ts';
import { errorBodyProblems } from './error-bodies.ts';
import { bodyOf, sendRaw } from './http-client.ts';
import { listen, type Listening } from './listening.ts';

// Shortened for the test; the bin uses SERVER_TIMEOUTS (10 s for the head, 2 min per request).
const HEADERS_MS = 500;
const REQUEST_MS = 1500;
const CHECK_MS = 100;

const pause = (pauseMs: number) => ({ pauseMs });
const trickle = (pieces: string[], everyMs: number) => pieces.flatMap((piece) => [piece, pause(everyMs)]);
const auth = `Authorization: Bearer ${TOKENS.alice}`;

describe('slow and stalled clients against a listening server', () => {
  let mock: MockApp;
  let listening: Listening;

  beforeAll(async () => {
    mock = await createTestApp();
    listening = await listen(mock, { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, checkEveryMs: CHECK_MS });
  });

  afterAll(() => listening.close());

  it('answers 408 REQUEST_TIMEOUT and closes a connection whose headers dribble in slower than the head timeout', async () => {
    const lines = Array.from({ length: 30 }, (_, index) => `X-Slow-${index}: ${index}\r\n`);
    const answer = await sendRaw(listening.port, ['GET /api/profile HTTP/1.1\r\nHost: x\r\n', ...trickle(lines, 150)]);
    expect(answer.status).toBe(408);
    expect(errorBodyProblems('pocketm8', /^content-type: (.*)$/im.exec(answer.head)?.[1], bodyOf(answer))).toEqual([]);
    expect(JSON.parse(bodyOf(answer))).toEqual({ message: 'REQUEST_TIMEOUT' });
    // Closed after the head timeout, long before the client would have finished (4.5 s).
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_MS - 50);
    expect(answer.closedAfterMs).toBeLessThan(HEADERS_MS + 1000);
  });

  it('closes a connection that sends nothing at all', async () => {
    const answer = await sendRaw(listening.port, [pause(HEADERS_MS * 6)]);
    expect(answer.closedAfterMs).toBeLessThan(HEADERS_MS + 1000);
  });

  it('answers 408 and closes when the body stalls before its Content-Length, and keeps nothing', async () => {
    const tasks = mock.context.data().tasks.length;
    const head = `POST /api/tasks HTTP/1.1\r\nHost: x\r\n${auth}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const answer = await sendRaw(listening.port, [head, '{"title":"stal', pause(REQUEST_MS * 3)]);
    expect(answer.status).toBe(408);
    expect(JSON.parse(bodyOf(answer))).toEqual({ message: 'REQUEST_TIMEOUT' });
    expect(answer.closedAfterMs).toBeLessThan(REQUEST_MS + 1000);
    expect(mock.context.data().tasks).toHaveLength(tasks);
  });

  it('cuts off an upload that trickles in slower than the request timeout, and keeps neither record nor bytes', async () => {
    const files = mock.context.data().files.length;
    const { body, contentType } = encodeMultipart([
      { name: 'file', value: 'x'.repeat(4000), filename: 'slow.txt', contentType: 'text/plain' },
    ]);
    const head = `POST /api/files HTTP/1.1\r\nHost: x\r\n${auth}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const pieces = Array.from({ length: Math.ceil(body.length / 200) }, (_, index) =>
      body.subarray(index * 200, (index + 1) * 200).toString('latin1'),
    );
    const answer = await sendRaw(listening.port, [head, ...trickle(pieces, 150)]);
    expect(answer.status).toBe(408);
    expect(answer.closedAfterMs).toBeLessThan(REQUEST_MS + 1000);
    await new Promise((done) => setTimeout(done, 100));
    expect(mock.context.data().files).toHaveLength(files);
    expect(await mock.context.blobs.get(`fil_${String(files + 1).padStart(4, '0')}`)).toBeUndefined();
  });

  it('serves a slow client that stays within the timeouts', async () => {
    const json = '{"title":"Slow but fine"}';
    const head = `POST /api/tasks HTTP/1.1\r\nHost: x\r\n${auth}\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\nConnection: close\r\n\r\n`;
    const answer = await sendRaw(listening.port, [
      head.slice(0, 30),
      pause(100),
      head.slice(30),
      pause(100),
      json.slice(0, 10),
      pause(100),
      json.slice(10),
    ]);
    expect(answer.status).toBe(201);
    expect(JSON.parse(bodyOf(answer))).toMatchObject({ title: 'Slow but fine' });
  });

  it('still answers everyone else', async () => {
    const answer = await sendRaw(listening.port, ['GET /__mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(answer.status).toBe(200);
  });
});

describe('the timeouts the bin listens with', () => {
  it('are 10 s for the head and 2 minutes for a whole request, checked every second', async () => {
    const server = await startServer((await createTestApp()).app, { port: 0, host: '127.0.0.1' });
    try {
      expect(SERVER_TIMEOUTS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, checkEveryMs: 1_000 });
      expect(server.headersTimeout).toBe(10_000);
      expect(server.requestTimeout).toBe(120_000);
    } finally {
      server.close();
    }
  });
});

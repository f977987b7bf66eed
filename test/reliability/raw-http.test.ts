import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../harness.ts';
import { errorBodyProblems } from './error-bodies.ts';
import { recordFigures } from './figures.ts';
import { bodyOf, sendRaw } from './http-client.ts';
import { listen, type Listening } from './listening.ts';
import { RAW_CASES } from './raw-cases.ts';

describe('requests no HTTP library sends, over a raw socket', () => {
  let listening: Listening;

  beforeAll(async () => {
    listening = await listen(await createTestApp());
  });

  afterAll(async () => {
    // Still up after all of them.
    const health = await sendRaw(listening.port, ['GET /__mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(health.status).toBe(200);
    recordFigures('raw-http', { cases: RAW_CASES.length });
    listening.close();
  });

  it.each(RAW_CASES)('$name: $status', async ({ pieces, status, api }) => {
    const answer = await sendRaw(listening.port, pieces);
    if (status === '4xx') expect(answer.status).toBeGreaterThanOrEqual(400);
    else expect(answer.status).toBe(status);
    expect(answer.status).toBeLessThan(500);
    const contentType = /^content-type: (.*)$/im.exec(answer.head)?.[1]?.trim();
    if (answer.status >= 400) expect(errorBodyProblems(api, contentType, bodyOf(answer))).toEqual([]);
    else expect(() => JSON.parse(bodyOf(answer)) as unknown).not.toThrow();
  });
});

import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../server/app.ts';
import { HOUR } from '../../lib/duration.ts';
import { createTestApp } from '../../../test/harness.ts';
import { lastMessage, paceClient } from '../../../test/pace-client.ts';

let mock: MockApp;
beforeEach(async () => {
  // With an admin token configured the link still opens without it: its own token is the credential.
  mock = await createTestApp({ adminToken: 'admin-secret' });
});
afterEach(() => {
  expect(mock.context.violations).toEqual([]);
});

async function requestChange(phoneNumber: string): Promise<string> {
  expect((await paceClient(mock, 'alice').update(phoneNumber)).status).toBe(201);
  return new URL(lastMessage(mock, 'pace-phone-confirm')?.confirmUrl ?? '').pathname;
}

describe('GET /__mock/pace/confirm/{token}', () => {
  it('confirms once with an HTML page and sends the SMS code; the link is used up', async () => {
    const path = await requestChange('+49170888999000');
    const res = await request(mock.app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Phone change confirmed</h1>');
    expect(res.text).toContain('+49170888999000');
    expect(lastMessage(mock, 'pace-phone-change', '+49170888999000')?.code).toMatch(/^\d{6}$/);
    const again = await request(mock.app).get(path);
    expect(again.status).toBe(404);
    expect(again.text).toContain('Link not valid');
  });

  it('commits the change before answering', async () => {
    const path = await requestChange('+49170888999000');
    let committed = false;
    const commit = mock.context.store.commit.bind(mock.context.store);
    mock.context.store.commit = async () => {
      await commit();
      committed = true;
    };
    expect((await request(mock.app).get(path)).status).toBe(200);
    expect(committed).toBe(true);
  });

  it.each([
    ['an unknown token', '/__mock/pace/confirm/00000000000000000000000000000000'],
    ['a token that is not hex', '/__mock/pace/confirm/nope'],
  ])('answers 404 to %s', async (_what, path) => {
    const res = await request(mock.app).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers 410 after 24 hours and the change is cancelled', async () => {
    const path = await requestChange('+49170888999000');
    mock.context.clock.advance(24 * HOUR);
    const res = await request(mock.app).get(path);
    expect(res.status).toBe(410);
    expect(res.text).toContain('Link expired');
    expect(mock.context.data().pacePending).toEqual([]);
    expect(lastMessage(mock, 'pace-phone-change')).toBeUndefined();
  });

  it('answers 502 when the SMS fails (number ending in 0000) and the link can be opened again', async () => {
    const path = await requestChange('+49170888990000');
    const res = await request(mock.app).get(path);
    expect(res.status).toBe(502);
    expect(res.text).toContain('SMS not delivered');
    expect(mock.context.data().pacePending[0]?.stage).toBe('awaiting-confirmation');
    expect((await request(mock.app).get(path)).status).toBe(502);
  });

  it('answers 502 with the wait when a send limit stops the SMS, and works once the wait is over', async () => {
    const first = await requestChange('+49170888999000');
    mock.context.clock.advance(50_000);
    expect((await request(mock.app).get(first)).status).toBe(200);
    mock.context.clock.advance(10_000);
    const second = await requestChange('+49170888999000');
    const limited = await request(mock.app).get(second);
    expect(limited.status).toBe(502);
    expect(limited.text).toContain('again in 50 seconds');
    mock.context.clock.advance(50_000);
    expect((await request(mock.app).get(second)).status).toBe(200);
  });
});

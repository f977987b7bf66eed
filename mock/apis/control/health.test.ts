import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('GET /__mock/health', () => {
  it('answers 200 with the mock clock, the uptime and the package version', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/__mock/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', uptimeMs: expect.any(Number), now: expect.any(String), version });
    expect(Math.abs(Date.parse(res.body.now) - Date.now())).toBeLessThan(60_000);
  });

  it('shows the moved clock', async () => {
    const { app } = await createTestApp();
    await request(app).post('/__mock/clock').send({ advance: '2d' }).expect(200);
    const res = await request(app).get('/__mock/health');
    expect(Date.parse(res.body.now) - Date.now()).toBeGreaterThan(47 * 3_600_000);
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/harness.ts';

describe('GET /__mock (QA console)', () => {
  it.each(['/__mock', '/__mock/'])('serves the console page at %s', async (path) => {
    const { app } = await createTestApp();
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toMatch(/^<!doctype html>/i);
  });

  it('is one self-contained page: style and script inline, nothing fetched from elsewhere', async () => {
    const { app } = await createTestApp();
    const { text } = await request(app).get('/__mock/');
    expect(text).toContain('<style>\n:root {');
    expect(text).toContain("new EventSource(url('/__mock/events'))");
    // No src or href but the page's own data: favicon (no CDN, nothing the admin token would block).
    expect([...text.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1])).toEqual(['data:,']);
  });

  it('passes the admin token it was opened with on to its own calls', async () => {
    const { app } = await createTestApp({ adminToken: 'secret' });
    expect((await request(app).get('/__mock/')).status).toBe(401);
    const res = await request(app).get('/__mock/?adminToken=secret');
    expect(res.status).toBe(200);
    expect(res.text).toContain("new URLSearchParams(location.search).get('adminToken')");
  });
});

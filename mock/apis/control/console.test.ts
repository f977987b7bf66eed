import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing.ts';

describe('GET /__mock (QA console)', () => {
  it.each(['/__mock', '/__mock/'])('serves the console page at %s', async (path) => {
    const { app } = await createTestApp();
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(res.text).toContain("new EventSource(url('/__mock/events'))");
    expect(res.text).toContain('adminToken');
  });
});

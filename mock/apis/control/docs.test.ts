import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../core/compiled-spec.ts';
import { SPEC_FILES, specFileOf } from '../../core/spec-files.ts';
import { createTestApp } from '../../../test/harness.ts';
import { SWAGGER_UI_DIR } from '../../server/assets.ts';

const assetParameter = loadSpec(specFileOf('control').path).document as {
  paths: Record<string, { get: { parameters: { schema: { enum: string[] } }[] } }>;
};
const ASSETS = assetParameter.paths['/docs/assets/{file}']!.get.parameters[0]!.schema.enum;

describe('GET /docs (API reference)', () => {
  it('serves Swagger UI over the three specs, from the mock only', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const links = [...res.text.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(links.filter((link) => !link!.startsWith('/'))).toEqual([]);
    for (const { name } of SPEC_FILES) expect(res.text).toContain(`url: '/docs/specs/${name}'`);
    expect(res.text).toContain('validatorUrl: null');
  });

  it('needs no admin token', async () => {
    const { app } = await createTestApp({ adminToken: 'secret' });
    expect((await request(app).get('/docs')).status).toBe(200);
    expect((await request(app).get('/docs/assets/swagger-ui.css')).status).toBe(200);
    expect((await request(app).get('/docs/specs/mock-control')).status).toBe(200);
  });
});

describe('GET /docs/assets/{file}', () => {
  it.each(ASSETS)('%s is in swagger-ui-dist', (file) => {
    expect(existsSync(join(SWAGGER_UI_DIR, file))).toBe(true);
  });

  it.each([
    { file: 'swagger-ui.css', type: 'text/css; charset=utf-8', starts: '.swagger-ui' },
    { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8', starts: '/*!' },
    { file: 'swagger-ui-standalone-preset.js', type: 'text/javascript; charset=utf-8', starts: '/*!' },
  ])('serves $file as $type', async ({ file, type, starts }) => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/docs/assets/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.text.startsWith(starts)).toBe(true);
  });

  it('serves the favicon as PNG bytes', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/docs/assets/favicon-32x32.png').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it.each(['index.html', 'swagger-ui-bundle.js.map', '..%2Fpackage.json', 'package.json'])(
    'answers 400 for %s, a file the page does not need',
    async (file) => {
      const { app } = await createTestApp();
      const res = await request(app).get(`/docs/assets/${file}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: 'VALIDATION_ERROR', errors: [{ field: 'file' }] });
    },
  );
});

describe('GET /docs/specs/{name}', () => {
  it.each([
    { name: 'pocketm8', server: '/api' },
    { name: 'pace-user', server: '/user/2021-2' },
    { name: 'mock-control', server: '/' },
  ])('serves $name with this mock ($server) as its only server', async ({ name, server }) => {
    const { app } = await createTestApp();
    const res = await request(app).get(`/docs/specs/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.servers).toEqual([{ url: server, description: 'This mock' }]);
    const file = SPEC_FILES.find((spec) => spec.name === name)!;
    expect(Object.keys(res.body.paths)).toEqual(Object.keys((loadSpec(file.path).document as { paths: object }).paths));
  });

  it('answers 400 for another name', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/docs/specs/secrets');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: 'VALIDATION_ERROR', errors: [{ field: 'name' }] });
  });
});

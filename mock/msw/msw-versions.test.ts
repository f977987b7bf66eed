import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { setupServer as SetupServerOf } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT as ROOT } from '../core/package-root.ts';
import { buildMswBundle } from '../../scripts/bundle-msw.ts';
import { TOKENS } from '../../test/harness.ts';
import type { createHandlers as CreateHandlersOf } from './index.ts';

type CreateHandlers = typeof CreateHandlersOf;
type SetupServer = typeof SetupServerOf;

// The peer range is msw ^2.15 || ^3: the bundle built against each major (msw is msw 2.15,
// msw-next is msw 3, both dev dependencies) serves a phone change, an upload and a bad body
// through that major's setupServer. The contract suites run on msw 2, the browser test on both.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
/** msw 3 runs on Node >= 22.12 (its engines); CI's first run is on Node 20. */
const nodeTooOldFor = (msw: string) => msw === 'msw-next' && (major < 22 || (major === 22 && minor < 12));

describe.each(['msw', 'msw-next'] as const)('pocketm8-mock/msw with %s (Node, setupServer)', (msw) => {
  const why = nodeTooOldFor(msw) ? ` (skipped: msw 3 needs Node >= 22.12, this is ${process.version})` : '';
  it.skipIf(why !== '')(`changes a phone with the code from the outbox, stores an upload, refuses a broken body${why}`, async () => {
    const { file } = await buildMswBundle({ outDir: join(ROOT, `.tmp/msw-node/${msw}`), msw });
    const { createHandlers } = (await import(pathToFileURL(file).href)) as { createHandlers: CreateHandlers };
    const { setupServer } = (await import(`${msw}/node`)) as { setupServer: SetupServer };
    const base = 'http://pocketm8.test';
    const server = setupServer(...createHandlers({ baseUrl: base, codes: { kind: 'fixed', code: '246810' } }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const auth = { Authorization: `Bearer ${TOKENS.alice}` };
      const json = { ...auth, 'Content-Type': 'application/json' };
      const sent = await fetch(`${base}/api/profile/phone`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ phone: '+41791112233' }),
      });
      expect(sent.status).toBe(200);
      const message = (await (await fetch(`${base}/__mock/outbox/latest?to=%2B41791112233`)).json()) as { code: string };
      expect(message.code).toBe('246810');
      const verified = await fetch(`${base}/api/profile/verify-code`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ type: 'phone', code: message.code }),
      });
      expect(verified.status).toBe(200);
      expect(await (await fetch(`${base}/api/profile`, { headers: auth })).json()).toMatchObject({
        phone: '+41791112233',
        phoneVerified: true,
      });

      const form = new FormData();
      form.append('file', new Blob(['hello world'], { type: 'text/plain' }), 'hello.txt');
      const uploaded = await fetch(`${base}/api/files`, { method: 'POST', headers: auth, body: form });
      expect(uploaded.status).toBe(201);
      const { url } = (await uploaded.json()) as { url: string };
      expect(url).toMatch(/^http:\/\/pocketm8\.test\/media\/files\/fil_\d+$/);
      expect(await (await fetch(url)).text()).toBe('hello world');

      const broken = await fetch(`${base}/api/profile/phone`, { method: 'PUT', headers: json, body: '{"phone":' });
      expect({ status: broken.status, body: await broken.json() }).toEqual({
        status: 400,
        body: { message: 'VALIDATION_ERROR', errors: [{ field: 'body', message: 'is not valid JSON' }] },
      });
    } finally {
      server.close();
    }
  });
});

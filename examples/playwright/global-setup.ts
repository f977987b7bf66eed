// Playwright global setup: one mock and the example app's static server for the whole run.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMock } from 'pocketm8-mock';

const APP = new URL('./app/', import.meta.url);
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8' };

export default async function globalSetup() {
  const mock = await startMock();
  const app = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
    if (!/^[a-z-]+\.(html|js)$/.test(name)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[name.split('.').pop()!]! }).end(readFileSync(new URL(name, APP)));
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  // The workers read both addresses from the environment.
  process.env.MOCK_URL = mock.url;
  process.env.APP_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  return async () => {
    app.close();
    await mock.close();
  };
}

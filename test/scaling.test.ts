// Two mocks behind Debian's nginx with examples/nginx/pocketm8-worlds.conf (docs/scaling.md): every
// request of a world, whichever way it names the world, reaches the same mock; when a mock goes
// away its worlds start afresh on the other.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockClient, startMock, type RunningMock } from '../mock/index.ts';
import { freePort, startProcess, stopProcess, type Running } from '../scripts/bench/processes.ts';
import type { components } from '../spec/generated/pocketm8.ts';
import { subscribe } from './event-stream.ts';
import { TOKENS } from './harness.ts';
import { describeNeeding } from './needs.ts';

const NGINX = { path: '/usr/sbin/nginx', install: 'apt-get install nginx' };
const EXAMPLE = new URL('../examples/nginx/pocketm8-worlds.conf', import.meta.url);
// Enough worlds that both mocks get some, whatever ports the ring is built from.
const WORLDS = Array.from({ length: 16 }, (_, index) => `team-${index + 1}`);

/** The example as shipped, but for the addresses: the two mocks, and a free port for nginx. */
async function nginxConf(folder: string, mocks: RunningMock[], port: number): Promise<string> {
  const example = (await readFile(EXAMPLE, 'utf8'))
    .replace('server 127.0.0.1:4011;', `server 127.0.0.1:${mocks[0]!.port};`)
    .replace('server 127.0.0.1:4012;', `server 127.0.0.1:${mocks[1]!.port};`)
    .replace('listen 4010;', `listen 127.0.0.1:${port};`);
  await writeFile(join(folder, 'pocketm8-worlds.conf'), example);
  const temp = (name: string) => `${name}_temp_path ${join(folder, name)};`;
  return [
    // One process that stays root (no `user`): no folder needs opening up to a worker.
    'daemon off;',
    'master_process off;',
    `pid ${join(folder, 'nginx.pid')};`,
    `error_log ${join(folder, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${temp(name)}`),
    `  include ${join(folder, 'pocketm8-worlds.conf')};`,
    '}',
  ].join('\n');
}

type Schemas = components['schemas'];

const json = { Authorization: `Bearer ${TOKENS.alice}`, 'Content-Type': 'application/json' };

describeNeeding(NGINX, 'several mocks behind nginx (examples/nginx/pocketm8-worlds.conf)', () => {
  let folder: string;
  let mocks: RunningMock[];
  let nginx: Running | undefined;
  let proxy: string;
  /** Which mock holds each world after the flows, by the mocks' own lists. */
  const holder = new Map<string, RunningMock>();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pocketm8-nginx-'));
    mocks = [await startMock(), await startMock()];
    // The free port may be taken by another test file before nginx binds it: a few tries.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const conf = join(folder, 'nginx.conf');
      await writeFile(conf, await nginxConf(folder, mocks, port));
      const args = ['-p', folder, '-c', conf, '-e', join(folder, 'error.log')];
      try {
        nginx = await startProcess({ command: NGINX.path, args, cwd: folder, port, readyPath: '/__mock/health', readyHeaders: {} });
        proxy = nginx.url;
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  });

  afterAll(async () => {
    if (nginx) await stopProcess(nginx, 'term');
    await Promise.all((mocks ?? []).map((mock) => mock.close().catch(() => undefined)));
    await rm(folder, { recursive: true, force: true });
  });

  it('answers every request of a world from the same mock, by prefix or by header, and spreads the worlds over both', async () => {
    for (const [index, name] of WORLDS.entries()) {
      // Not ending in 0000 or 9999 (numbers the mock fails on purpose).
      const phone = `+41791234${100 + index}`;
      const client = createMockClient({ baseUrl: proxy, world: name });
      // PUT /__mock/worlds/{name} names the world in its path: it goes where the world lives.
      await client.worlds.put(name);
      const byPrefix = `${proxy}/worlds/${name}/api`;
      const byHeader = { ...json, 'X-Mock-World': name };
      const created = await fetch(`${byPrefix}/tasks`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ title: `by prefix in ${name}` }),
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as Schemas['Task']).id;
      expect((await fetch(`${proxy}/api/tasks/${id}`, { headers: byHeader })).status).toBe(200);

      // A phone change asked through the header, its code read and sent back through the prefix.
      const asked = await fetch(`${proxy}/api/profile/phone`, { method: 'PUT', headers: byHeader, body: JSON.stringify({ phone }) });
      expect(asked.status).toBe(200);
      const code = await client.waitForCode({ to: phone, timeoutMs: 2000 });
      const verified = await fetch(`${byPrefix}/profile/verify-code`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ type: 'phone', code }),
      });
      expect(verified.status).toBe(200);
      const profile = (await (await fetch(`${proxy}/api/profile`, { headers: byHeader })).json()) as Schemas['Profile'];
      expect(profile.phone).toBe(phone);
    }

    const lists = await Promise.all(mocks.map(async (mock) => (await mock.client().worlds.list()).map((world) => world.name)));
    for (const name of WORLDS) {
      const holders = mocks.filter((_, index) => lists[index]!.includes(name));
      expect(holders, `mocks holding ${name}`).toHaveLength(1);
      holder.set(name, holders[0]!);
    }
    expect(new Set(holder.values()).size, 'mocks holding some world').toBe(2);
  });

  it("passes a world's event stream through as its events happen (the QA console's live view)", async () => {
    const stream = await subscribe(`${proxy}/worlds/${WORLDS[0]}/__mock/events`);
    try {
      const moved = await fetch(`${proxy}/worlds/${WORLDS[0]}/__mock/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance: '1m' }),
      });
      expect(moved.status).toBe(200);
      await expect.poll(() => stream.seen.map((seen) => seen.event)).toContain('clock');
    } finally {
      stream.close();
    }
  });

  it('builds absolute URLs that name the proxy, and they lead back to the same mock', async () => {
    const form = new FormData();
    form.append('file', new Blob(['bytes behind nginx'], { type: 'text/plain' }), 'note.txt');
    const uploaded = await fetch(`${proxy}/worlds/${WORLDS[1]}/api/files`, {
      method: 'POST',
      headers: { Authorization: json.Authorization },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { url } = (await uploaded.json()) as Schemas['File'];
    expect(url.startsWith(`${proxy}/worlds/${WORLDS[1]}/media/`)).toBe(true);
    expect(await (await fetch(url)).text()).toBe('bytes behind nginx');
  });

  it('sends the default world to one mock too', async () => {
    const created = await fetch(`${proxy}/api/tasks`, { method: 'POST', headers: json, body: JSON.stringify({ title: 'in default' }) });
    const id = ((await created.json()) as Schemas['Task']).id;
    for (let read = 0; read < 4; read += 1) expect((await fetch(`${proxy}/api/tasks/${id}`, { headers: json })).status).toBe(200);
  });

  it('when a mock goes away, its worlds start afresh on the other and the other worlds keep their state', async () => {
    const [gone, kept] = [mocks[0]!, mocks[1]!];
    const movedName = WORLDS.find((name) => holder.get(name) === gone)!;
    const keptName = WORLDS.find((name) => holder.get(name) === kept)!;
    await gone.close();
    const titles = async (name: string) => {
      const page = await fetch(`${proxy}/worlds/${name}/api/tasks?perPage=100`, { headers: json });
      expect(page.status).toBe(200);
      return ((await page.json()) as Schemas['TaskPage']).data.map((task) => task.title);
    };
    expect(await titles(movedName)).not.toContain(`by prefix in ${movedName}`);
    expect(await titles(keptName)).toContain(`by prefix in ${keptName}`);
    expect((await kept.client().worlds.list()).map((world) => world.name)).toContain(movedName);
  });
});

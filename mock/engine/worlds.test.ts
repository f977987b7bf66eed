// Worlds (docs: /work/shared/design/worlds.md, spec/mock-control.openapi.yaml "Worlds"): two
// worlds driven at once never see each other's state; bad selectors answer 400 in the format of
// the API addressed; a world deleted under load never answers 5xx; the limits drop the least
// recently used world; absolute URLs carry the world; PUT copies worlds and snapshots.
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveCode } from '../domain/codes.ts';
import { createClock } from '../domain/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { createApp, type MockApp } from '../server/app.ts';
import { createMemoryBlobStore } from '../store/blobs.ts';
import { createMemoryStore } from '../store/store.ts';
import { JSON_API, phoneDocument, PHONE_PATH } from '../../test/pace-client.ts';
import { subscribe } from '../../test/event-stream.ts';
import { bearer, DEFAULT_FIXTURES, TEST_CONFIG } from '../../test/harness.ts';
import { loadFixtures } from './fixtures.ts';
import type { WorldLimits } from './worlds.ts';

const fixtures = loadFixtures(DEFAULT_FIXTURES);

/** The test harness's mock (memory store, strict response checks), with world limits and a logger that keeps its lines. */
async function worldsApp(worldLimits?: WorldLimits, now?: () => number): Promise<MockApp & { lines: string[] }> {
  const loaded = await fixtures;
  const lines: string[] = [];
  const app = createApp({
    config: TEST_CONFIG,
    store: createMemoryStore(loaded.data()),
    blobs: createMemoryBlobStore(loaded.media),
    fixtures: loaded,
    clock: createClock(),
    logger: createLogger('info', (line) => lines.push(line)),
    ...(worldLimits ? { worldLimits } : {}),
    ...(now ? { now } : {}),
  });
  return { ...app, lines };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function listen(mock: MockApp): Promise<string> {
  const server = mock.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Requests in one world, chosen by the path prefix (`via: 'prefix'`) or the header. */
function inWorld(app: MockApp['app'], world: string, via: 'prefix' | 'header') {
  const path = (rest: string) => (via === 'prefix' ? `/worlds/${world}${rest}` : rest);
  const withWorld = (test: request.Test) => (via === 'header' ? test.set('X-Mock-World', world) : test);
  return {
    get: (rest: string) => withWorld(request(app).get(path(rest))),
    post: (rest: string) => withWorld(request(app).post(path(rest))),
    put: (rest: string) => withWorld(request(app).put(path(rest))),
    delete: (rest: string) => withWorld(request(app).delete(path(rest))),
  };
}

const SEED = TEST_CONFIG.codes.kind === 'derived' ? TEST_CONFIG.codes.seed : '';

describe('two worlds driven at once share nothing', () => {
  it('records: a task created in w1 is 404 in w2 and in the default world', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'prefix');
    const w2 = inWorld(app, 'w2', 'header');
    const [one, two] = await Promise.all([
      w1.post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'only in w1' }),
      w2.post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'only in w2' }),
    ]);
    expect([one.status, two.status]).toEqual([201, 201]);
    // Each world counts its own ids from the fixtures: the same id, two different tasks.
    expect(one.body.id).toBe(two.body.id);
    expect((await w1.get(`/api/tasks/${one.body.id}`).set('Authorization', bearer('alice'))).body.title).toBe('only in w1');
    expect((await w2.get(`/api/tasks/${two.body.id}`).set('Authorization', bearer('alice'))).body.title).toBe('only in w2');
    expect((await request(app).get(`/api/tasks/${one.body.id}`).set('Authorization', bearer('alice'))).status).toBe(404);
    const title = async (world: ReturnType<typeof inWorld>) =>
      ((await world.get('/api/tasks?perPage=100').set('Authorization', bearer('alice'))).body.data as { title: string }[]).map(
        (task) => task.title,
      );
    expect(await title(w1)).toContain('only in w1');
    expect(await title(w1)).not.toContain('only in w2');
    expect(await title(w2)).not.toContain('only in w1');
  });

  it('tokens: a session signed in in w1 answers 401 in w2 and in the default world', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'header');
    const w2 = inWorld(app, 'w2', 'prefix');
    const [signedIn] = await Promise.all([
      w1.post('/api/auth/user/sign-in').send({ login: 'alice@example.com', password: 'alice-pass-1' }),
      w2.get('/api/profile').set('Authorization', bearer('bob')),
    ]);
    expect(signedIn.status).toBe(200);
    const token = `Bearer ${signedIn.body.token as string}`;
    expect((await w1.get('/api/profile').set('Authorization', token)).status).toBe(200);
    expect((await w2.get('/api/profile').set('Authorization', token)).status).toBe(401);
    expect((await request(app).get('/api/profile').set('Authorization', token)).status).toBe(401);
  });

  it('outbox: a code sent in w1 is only in the outbox of w1', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'prefix');
    const w2 = inWorld(app, 'w2', 'header');
    await Promise.all([
      w1.post('/api/auth/user/send-sms-code').send({ phone: '+4176545653' }).expect(200),
      w2.post('/api/auth/user/send-sms-code').send({ phone: '+4176545654' }).expect(200),
    ]);
    const to = async (world: ReturnType<typeof inWorld>) =>
      ((await world.get('/__mock/outbox')).body as { to: string }[]).map((message) => message.to);
    expect(await to(w1)).toEqual(['+4176545653']);
    expect(await to(w2)).toEqual(['+4176545654']);
    expect((await request(app).get('/__mock/outbox')).body).toEqual([]);
  });

  it('clock: advancing w1 moves neither w2 nor the default world', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'prefix');
    const w2 = inWorld(app, 'w2', 'header');
    await Promise.all([w1.post('/__mock/clock').send({ advance: '10m' }).expect(200), w2.get('/__mock/clock').expect(200)]);
    expect((await w1.get('/__mock/clock')).body.offsetMs).toBe(600_000);
    expect((await w2.get('/__mock/clock')).body.offsetMs).toBe(0);
    expect((await request(app).get('/__mock/clock')).body.offsetMs).toBe(0);
    expect((await request(app).get('/__mock/worlds')).body.find((world: { name: string }) => world.name === 'w1').clockOffsetMs).toBe(
      600_000,
    );
  });

  it('faults: a rule in w1 answers only in w1', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'header');
    const w2 = inWorld(app, 'w2', 'prefix');
    await w1.post('/__mock/faults').send({ method: 'GET', path: '/api/profile', status: 503 }).expect(201);
    const [one, two, byPrefix] = await Promise.all([
      w1.get('/api/profile').set('Authorization', bearer('alice')),
      w2.get('/api/profile').set('Authorization', bearer('alice')),
      request(app).get('/worlds/w1/api/profile').set('Authorization', bearer('alice')),
    ]);
    expect([one.status, two.status, byPrefix.status]).toEqual([503, 200, 503]);
    expect((await request(app).get('/api/profile').set('Authorization', bearer('alice'))).status).toBe(200);
    expect((await w2.get('/__mock/faults')).body).toEqual([]);
    expect((await request(app).get('/__mock/faults')).body).toEqual([]);
  });

  it('counters: the same flow gives the same first code in both worlds; a second send moves only w1', async () => {
    const { app } = await worldsApp();
    const phone = '+41790000001';
    const w1 = inWorld(app, 'w1', 'prefix');
    const w2 = inWorld(app, 'w2', 'header');
    const change = (world: ReturnType<typeof inWorld>) =>
      world.put('/api/profile/phone').set('Authorization', bearer('alice')).send({ phone });
    const codes = async (world: ReturnType<typeof inWorld>) =>
      ((await world.get(`/__mock/outbox?to=${encodeURIComponent(phone)}`)).body as { code: string }[]).map((message) => message.code);
    const [one, two] = await Promise.all([change(w1), change(w2)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const first = deriveCode(SEED, 'phone-change', phone, 1);
    const second = deriveCode(SEED, 'phone-change', phone, 2);
    expect(await codes(w1)).toEqual([first]);
    expect(await codes(w2)).toEqual([first]);

    // Past the 60 s between two sends, on w1's clock only.
    await w1.post('/__mock/clock').send({ advance: '61s' }).expect(200);
    expect((await change(w1)).status).toBe(200);
    expect((await change(w2)).status).toBe(429);
    expect(await codes(w1)).toEqual([second, first]);
    expect(await codes(w2)).toEqual([first]);
    await w2.post('/__mock/clock').send({ advance: '61s' }).expect(200);
    expect((await change(w2)).status).toBe(200);
    expect(await codes(w2)).toEqual([second, first]);
  });

  it('snapshots: one taken in w1 is listed in w1 only', async () => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', 'header');
    const w2 = inWorld(app, 'w2', 'prefix');
    await Promise.all([w1.post('/__mock/snapshots/s1').expect(201), w2.get('/__mock/snapshots').expect(200)]);
    expect((await w1.get('/__mock/snapshots')).body).toEqual([expect.objectContaining({ name: 's1' })]);
    expect((await w2.get('/__mock/snapshots')).body).toEqual([]);
    expect((await request(app).get('/__mock/snapshots')).body).toEqual([]);
    expect((await w2.post('/__mock/snapshots/s1/restore')).status).toBe(404);
  });

  it("events: w2's stream never carries an outbox message of w1", async () => {
    const mock = await worldsApp();
    const base = await listen(mock);
    const streams = await Promise.all([
      subscribe(`${base}/worlds/w1/__mock/events`),
      subscribe(`${base}/worlds/w2/__mock/events`),
      subscribe(`${base}/__mock/events`),
    ]);
    const [w1, w2, main] = streams;
    try {
      expect(streams.map((stream) => stream.res.statusCode)).toEqual([200, 200, 200]);
      const send = (world: string, phone: string) =>
        fetch(`${base}/api/auth/user/send-sms-code`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Mock-World': world },
          body: JSON.stringify({ phone }),
        });
      expect((await send('w1', '+4176545601')).status).toBe(200);
      // Then one in w2: once w2 has seen its own message, w1's would have arrived before it.
      expect((await send('w2', '+4176545602')).status).toBe(200);
      const outbox = (stream: typeof w1) =>
        stream.seen.filter((seen) => seen.event === 'outbox').map((seen) => (seen.data as { to: string }).to);
      await expect.poll(() => outbox(w2)).toEqual(['+4176545602']);
      await expect.poll(() => outbox(w1)).toEqual(['+4176545601']);
      expect(outbox(main)).toEqual([]);
      // The request journal events too.
      const paths = (stream: typeof w1) => stream.seen.filter((seen) => seen.event === 'request').length;
      expect([paths(w1), paths(w2), paths(main)]).toEqual([1, 1, 0]);
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

describe('bad world selectors: 400 in the format of the API addressed', () => {
  const plain = (res: request.Response, field: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ message: 'VALIDATION_ERROR', errors: [expect.objectContaining({ field })] });
  };
  const jsonApi = (res: request.Response, parameter?: string) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/vnd.api+json');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ status: '400', code: 'VALIDATION_ERROR', ...(parameter ? { source: { parameter } } : {}) }),
    ]);
  };
  const NAME_65 = 'a'.repeat(65);

  it.each([
    ['a slash (%2F)', '/worlds/a%2Fb'],
    ['..', '/worlds/..'],
    ['.. encoded', '/worlds/%2E%2E'],
    ['a leading dot', '/worlds/.hidden'],
    ['65 characters', `/worlds/${NAME_65}`],
    ['an empty name', '/worlds/'],
    ['a space', '/worlds/a%20b'],
    ['a broken escape', '/worlds/a%zz'],
  ])('a prefix with %s', async (_what, prefix) => {
    const { app, context } = await worldsApp();
    plain(await request(app).get(`${prefix}/api/profile`).set('Authorization', bearer('alice')), 'world');
    plain(await request(app).get(`${prefix}/__mock/outbox`), 'world');
    jsonApi(await request(app).get(`${prefix}${PHONE_PATH}`).set('Authorization', bearer('alice')));
    // Nothing was made, nothing written.
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name)).toEqual(['default']);
    expect(context.violations).toEqual([]);
  });

  it.each([
    ['a slash', 'a/b'],
    ['..', '..'],
    ['65 characters', NAME_65],
    ['an empty name', ''],
  ])('an X-Mock-World header with %s', async (_what, header) => {
    const { app } = await worldsApp();
    plain(await request(app).get('/api/profile').set('Authorization', bearer('alice')).set('X-Mock-World', header), 'X-Mock-World');
    jsonApi(await request(app).get(PHONE_PATH).set('Authorization', bearer('alice')).set('X-Mock-World', header), 'X-Mock-World');
  });

  it('a header that disagrees with the prefix; one that agrees is fine, and 64 characters are a name', async () => {
    const { app } = await worldsApp();
    const disagree = await request(app).get('/worlds/w1/api/profile').set('Authorization', bearer('alice')).set('X-Mock-World', 'w2');
    plain(disagree, 'X-Mock-World');
    expect(disagree.body.errors[0].message).toBe('names world "w2" but the path names "w1"');
    jsonApi(
      await request(app)
        .put(`/worlds/w1${PHONE_PATH}`)
        .set('Authorization', bearer('bob'))
        .set('Content-Type', JSON_API)
        .set('X-Mock-World', 'default')
        .send(phoneDocument('+491701234567')),
      'X-Mock-World',
    );
    expect((await request(app).get('/worlds/w1/api/profile').set('Authorization', bearer('alice')).set('X-Mock-World', 'w1')).status).toBe(
      200,
    );
    expect(
      (
        await request(app)
          .get(`/worlds/${'a'.repeat(64)}/api/profile`)
          .set('Authorization', bearer('alice'))
      ).status,
    ).toBe(200);
    // `/worlds/default` is the default world.
    await request(app).post('/worlds/default/api/tasks').set('Authorization', bearer('alice')).send({ title: 'in default' }).expect(201);
    expect((await request(app).get('/api/tasks?perPage=100').set('Authorization', bearer('alice'))).body.data[0].title).toBe('in default');
  });
});

describe('a world deleted while requests to it are in flight', () => {
  it('answers every request 2xx or 4xx, and its next request gets a fresh world', async () => {
    const mock = await worldsApp();
    const base = await listen(mock);
    const { app } = mock;
    await request(app).put('/__mock/worlds/busy').expect(201);
    const post = (title: string, latency?: number) =>
      fetch(`${base}/worlds/busy/api/tasks`, {
        method: 'POST',
        headers: { ...authorization('alice'), 'Content-Type': 'application/json', ...(latency ? { Prefer: `latency=${latency}` } : {}) },
        body: JSON.stringify({ title }),
      });
    // Ten held in flight by latency (they are in the world when the DELETE comes: 400 ms is time
    // enough for ten requests to arrive on a loaded machine), ten sent with it.
    const held = Array.from({ length: 10 }, (_, index) => post(`held ${index}`, 1_000));
    await pause(400);
    const racing = Array.from({ length: 10 }, (_, index) => post(`racing ${index}`));
    const deleted = fetch(`${base}/__mock/worlds/busy`, { method: 'DELETE' });
    const answers = await Promise.all([...held, ...racing, deleted]);
    expect(answers.filter((answer) => answer.status >= 500).map((answer) => answer.status)).toEqual([]);
    expect((await deleted).status).toBe(204);
    // The DELETE waited for the held writes: all of them were answered in the old world.
    expect((await Promise.all(held)).map((answer) => answer.status)).toEqual(held.map(() => 201));

    const titles = (
      (await request(app).get('/worlds/busy/api/tasks?perPage=100').set('Authorization', bearer('alice'))).body.data as {
        title: string;
      }[]
    ).map((task) => task.title);
    expect(titles.filter((title) => title.startsWith('held'))).toEqual([]);
    expect(mock.context.violations).toEqual([]);
  });

  it("ends the world's event streams, so that a client reconnects to the fresh world", async () => {
    const mock = await worldsApp();
    const base = await listen(mock);
    const stream = await subscribe(`${base}/worlds/gone/__mock/events`);
    const ended = new Promise((resolve) => stream.res.once('end', resolve));
    expect((await fetch(`${base}/__mock/worlds/gone`, { method: 'DELETE' })).status).toBe(204);
    await ended;
    expect(stream.seen.map((seen) => seen.event)).toEqual(['reset']);
    // Listening again: the fresh world's events arrive.
    const again = await subscribe(`${base}/worlds/gone/__mock/events`);
    try {
      await fetch(`${base}/worlds/gone/__mock/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance: '1m' }),
      });
      await expect.poll(() => again.seen.map((seen) => seen.event)).toContain('clock');
    } finally {
      again.close();
    }
  });

  it('a DELETE of the world from inside it (its own prefix) answers 204 and leaves a fresh world', async () => {
    const { app } = await worldsApp();
    await request(app).post('/worlds/self/api/tasks').set('Authorization', bearer('alice')).send({ title: 'gone soon' }).expect(201);
    await request(app).delete('/worlds/self/__mock/worlds/self').expect(204);
    const tasks = await request(app).get('/worlds/self/api/tasks?perPage=100').set('Authorization', bearer('alice'));
    expect(tasks.body.data.map((task: { title: string }) => task.title)).not.toContain('gone soon');
  });
});

const authorization = (who: Parameters<typeof bearer>[0]) => ({ Authorization: bearer(who) });

describe('limits', () => {
  it('past maxWorlds the least recently used named world is dropped with a log line, and starts afresh', async () => {
    // The worlds' idle time on a clock of the test's own: the order of use, not the machine's speed, decides.
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { app, lines } = await worldsApp({ maxWorlds: 2, ttlMs: 60_000 }, () => now);
    const task = (world: string) =>
      request(app)
        .post(`/worlds/${world}/api/tasks`)
        .set('Authorization', bearer('alice'))
        .send({ title: `in ${world}` });
    const created = (await task('a')).body.id as string;
    now += 1_000;
    await task('b').expect(201);
    now += 1_000;
    // a is used again: b is now the least recently used.
    await request(app).get(`/worlds/a/api/tasks/${created}`).set('Authorization', bearer('alice')).expect(200);
    now += 1_000;
    await task('c').expect(201);
    expect(lines).toEqual([expect.stringMatching(/^world "b" dropped \(least recently used, past --max-worlds\)/)]);
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name).sort()).toEqual([
      'a',
      'c',
      'default',
    ]);
    // The default world never counts and is never dropped.
    await request(app).post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'default' }).expect(201);

    now += 1_000;
    // b comes back fresh (and a, now the least recently used, goes).
    const b = await request(app).get('/worlds/b/api/tasks?perPage=100').set('Authorization', bearer('alice'));
    expect(b.body.data.map((one: { title: string }) => one.title)).not.toContain('in b');
    expect(lines.at(-1)).toMatch(/^world "a" dropped/);
    expect((await request(app).get(`/worlds/a/api/tasks/${created}`).set('Authorization', bearer('alice'))).status).toBe(404);
  });

  it('a named world unused for longer than ttlMs is dropped by the sweep, with a log line', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { app, lines, mock } = await worldsApp({ maxWorlds: 10, ttlMs: 600 }, () => now);
    const created = (await request(app).post('/worlds/old/api/tasks').set('Authorization', bearer('alice')).send({ title: 'old' })).body
      .id as string;
    await request(app).get('/worlds/young/api/profile').set('Authorization', bearer('alice')).expect(200);
    mock.worlds.sweep();
    expect(lines).toEqual([]);
    now += 400;
    // young is used again, old is not.
    await request(app).get('/worlds/young/api/profile').set('Authorization', bearer('alice')).expect(200);
    now += 300;
    mock.worlds.sweep();
    expect(lines.filter((line) => line.includes('"old" dropped'))).toEqual([
      'world "old" dropped (unused for longer than --world-ttl); its next request starts it afresh',
    ]);
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name)).not.toContain('old');
    expect((await request(app).get(`/worlds/old/api/tasks/${created}`).set('Authorization', bearer('alice'))).status).toBe(404);
    // The default world is never swept.
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name)).toContain('default');
  });
});

describe('answers that carry the world', () => {
  const upload = (test: request.Test) =>
    test
      .set('Authorization', bearer('alice'))
      .attach('file', Buffer.from('hello from a world'), { filename: 'hello.txt', contentType: 'text/plain' });

  it.each(['prefix', 'header'] as const)(
    "a file's url carries /worlds/{name} (chosen by %s); Location follows the request",
    async (via) => {
      const { app } = await worldsApp();
      const w1 = inWorld(app, 'w1', via);
      const res = await upload(w1.post('/api/files'));
      expect(res.status).toBe(201);
      const url = new URL(res.body.url as string);
      expect(url.pathname).toBe(`/worlds/w1/media/files/${res.body.id}`);
      expect(res.headers.location).toBe(`${via === 'prefix' ? '/worlds/w1' : ''}/api/files/${res.body.id}`);
      // Opened as a browser would (no header): the bytes of w1.
      const bytes = await request(app).get(url.pathname);
      expect(bytes.status).toBe(200);
      expect(bytes.text).toBe('hello from a world');
      // The same url in the default world does not exist, and a read lists it with the same url.
      expect((await request(app).get(`/media/files/${res.body.id}`)).status).toBe(404);
      const read = await w1.get(`/api/files/${res.body.id}`).set('Authorization', bearer('alice'));
      expect(new URL(read.body.url as string).pathname).toBe(url.pathname);

      const task = await w1.post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'located' });
      expect(task.headers.location).toBe(`${via === 'prefix' ? '/worlds/w1' : ''}/api/tasks/${task.body.id}`);
    },
  );

  it('the default world keeps its urls as they were', async () => {
    const { app } = await worldsApp();
    const res = await upload(request(app).post('/api/files'));
    expect(new URL(res.body.url as string).pathname).toBe(`/media/files/${res.body.id}`);
    expect(res.headers.location).toBe(`/api/files/${res.body.id}`);
  });

  it.each(['prefix', 'header'] as const)('a PACE confirmUrl carries the world (chosen by %s) and confirms in it', async (via) => {
    const { app } = await worldsApp();
    const w1 = inWorld(app, 'w1', via);
    const res = await w1
      .put(PHONE_PATH)
      .set('Authorization', bearer('bob'))
      .set('Content-Type', JSON_API)
      .send(phoneDocument('+491701234567'));
    expect(res.status).toBe(201);
    const [email] = (await w1.get('/__mock/outbox?purpose=pace-phone-confirm')).body as { confirmUrl: string; body: string }[];
    const link = new URL(email!.confirmUrl);
    expect(link.pathname).toMatch(/^\/worlds\/w1\/__mock\/pace\/confirm\/[0-9a-f]{32}$/);
    expect(email!.body).toContain(email!.confirmUrl);
    // Not in the default world; opened as a browser would, it confirms in w1.
    expect((await request(app).get(link.pathname.slice('/worlds/w1'.length))).status).toBe(404);
    expect((await request(app).get(link.pathname)).status).toBe(200);
  });
});

describe('PUT and DELETE /__mock/worlds/{name}', () => {
  it('copies records, uploads and the clock offset from world:<other>; 201 new, 200 replaced', async () => {
    const { app } = await worldsApp();
    const source = inWorld(app, 'source', 'header');
    const task = await source.post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'copied' });
    const file = await source
      .post('/api/files')
      .set('Authorization', bearer('alice'))
      .attach('file', Buffer.from('copied bytes'), { filename: 'copy.txt', contentType: 'text/plain' });
    await source.post('/__mock/clock').send({ advance: '1h' }).expect(200);
    await source.post('/__mock/faults').send({ path: '/api/profile', status: 503 }).expect(201);

    const put = await request(app).put('/__mock/worlds/copy').send({ from: 'world:source' });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({
      name: 'copy',
      clockOffsetMs: 3_600_000,
      counts: { tasks: expect.any(Number), files: expect.any(Number) },
    });
    const copy = inWorld(app, 'copy', 'prefix');
    expect((await copy.get(`/api/tasks/${task.body.id}`).set('Authorization', bearer('alice'))).body.title).toBe('copied');
    const bytes = await request(app).get(`/worlds/copy/media/files/${file.body.id}`);
    expect(bytes.status).toBe(200);
    expect(bytes.text).toBe('copied bytes');
    expect((await copy.get('/__mock/clock')).body.offsetMs).toBe(3_600_000);
    // Records are copied, not shared: a write in the copy stays there.
    await copy.delete(`/api/tasks/${task.body.id}`).set('Authorization', bearer('alice')).expect(204);
    expect((await source.get(`/api/tasks/${task.body.id}`).set('Authorization', bearer('alice'))).status).toBe(200);
    // Faults are not state: the copy has none.
    expect((await copy.get('/__mock/faults')).body).toEqual([]);

    // Made fresh again from the fixtures: 200, the copy's task, file and clock gone.
    const again = await request(app).put('/__mock/worlds/copy');
    expect(again.status).toBe(200);
    expect(again.body.clockOffsetMs).toBe(0);
    expect((await request(app).get(`/worlds/copy/media/files/${file.body.id}`)).status).toBe(404);
  });

  it('copies a snapshot of the default world with snapshot:<name>', async () => {
    const { app } = await worldsApp();
    const task = await request(app).post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'in the snapshot' });
    await request(app).post('/__mock/snapshots/base').expect(201);
    await request(app).post('/api/tasks').set('Authorization', bearer('alice')).send({ title: 'after the snapshot' }).expect(201);
    expect((await request(app).put('/__mock/worlds/from-snap').send({ from: 'snapshot:base' })).status).toBe(201);
    const titles = (
      (await request(app).get('/worlds/from-snap/api/tasks?perPage=100').set('Authorization', bearer('alice'))).body.data as {
        title: string;
      }[]
    ).map((one) => one.title);
    expect(titles).toContain('in the snapshot');
    expect(titles).not.toContain('after the snapshot');
    expect((await request(app).get(`/worlds/from-snap/api/tasks/${task.body.id}`).set('Authorization', bearer('alice'))).status).toBe(200);
    // A snapshot of a named world is not a source.
    await request(app).post('/worlds/w1/__mock/snapshots/only-w1').expect(201);
    expect((await request(app).put('/__mock/worlds/x').send({ from: 'snapshot:only-w1' })).status).toBe(404);
  });

  it('404 for an unknown source; 409 for DELETE default; 404 for DELETE of an unknown world', async () => {
    const { app } = await worldsApp();
    const unknownWorld = await request(app).put('/__mock/worlds/x').send({ from: 'world:nobody' });
    expect(unknownWorld.status).toBe(404);
    expect(unknownWorld.body.message).toBe('NOT_FOUND');
    expect((await request(app).put('/__mock/worlds/x').send({ from: 'snapshot:nothing' })).status).toBe(404);
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name)).toEqual(['default']);
    expect((await request(app).put('/__mock/worlds/x').send({ from: 'elsewhere' })).status).toBe(400);

    const conflict = await request(app).delete('/__mock/worlds/default');
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe('CONFLICT');
    expect((await request(app).delete('/worlds/w1/__mock/worlds/default')).status).toBe(409);
    expect((await request(app).delete('/__mock/worlds/nobody')).status).toBe(404);
  });

  it('lists every world by last use with its counts, and DELETE empties one', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { app } = await worldsApp(undefined, () => now);
    await request(app).post('/worlds/w1/api/tasks').set('Authorization', bearer('alice')).send({ title: 'one more' }).expect(201);
    now += 1_000;
    await request(app).get('/worlds/w2/api/profile').set('Authorization', bearer('alice')).expect(200);
    now += 1_000;
    const listed = (await request(app).get('/__mock/worlds')).body as { name: string; counts: { tasks: number } }[];
    // Newest use first; the list itself is a request of the default world.
    expect(listed.map((world) => world.name)).toEqual(['default', 'w2', 'w1']);
    expect(listed[2]!.counts.tasks).toBe(listed[1]!.counts.tasks + 1);
    await request(app).delete('/__mock/worlds/w1').expect(204);
    expect((await request(app).get('/__mock/worlds')).body.map((world: { name: string }) => world.name)).toEqual(['default', 'w2']);
  });
});

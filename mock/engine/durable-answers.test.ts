// The file store's promise, through the core: whatever mix of valid and refused writes arrives,
// once a write is answered the disk holds the state (refused writes that count something, a
// wrong code or a wrong password, included), and writes that change nothing write nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRequest } from '../core/request.ts';
import { createClock } from '../domain/clock.ts';
import { createApp } from '../server/app.ts';
import { createMemoryBlobStore } from '../store/blobs.ts';
import { checkNotedChanges } from '../store/marks.ts';
import { openFileStore, readStoredState, type Store } from '../store/store.ts';
import { DEFAULT_FIXTURES, TEST_CONFIG, TOKENS } from '../../test/harness.ts';
import { loadFixtures } from './fixtures.ts';
import type { Mock } from './mock.ts';

type Who = keyof typeof TOKENS;

/** One request as a test client sends it: method, path, who, and a JSON body (a string is sent as it is). */
interface Write {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  who?: Who;
  body?: unknown;
}

function coreRequest({ method, path, who, body }: Write): CoreRequest {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method,
    path,
    search: '',
    headers: {
      ...(who ? { authorization: `Bearer ${TOKENS[who]}` } : {}),
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
    },
    origin: 'http://localhost',
    body:
      text === undefined
        ? undefined
        : {
            json: async () => {
              try {
                return JSON.parse(text) as unknown;
              } catch {
                throw Object.assign(new Error('bad JSON'), { type: 'entity.parse.failed' });
              }
            },
            multipart: () => Promise.reject(new Error('no multipart here')),
          },
  };
}

const who = fc.constantFrom<Who>('alice', 'bob', 'carol', 'dave');
const taskId = fc.constantFrom('tsk_0001', 'tsk_0002', 'tsk_0005', 'tsk_0006', 'tsk_0007', 'tsk_9999');
const fileId = fc.constantFrom('fil_0001', 'fil_0002', 'fil_0003', 'fil_9999');
const title = fc.string({ minLength: 1, maxLength: 12 });
const fields = fc.record(
  {
    title,
    priority: fc.constantFrom('low', 'normal', 'high'),
    assigneeIds: fc.constantFrom([], ['usr_bob'], ['usr_carol', 'usr_alice'], ['usr_nobody']),
    fileIds: fc.constantFrom([], ['fil_0001'], ['fil_0003']),
  },
  { requiredKeys: ['title'] },
);

/** Writes the API answers 2xx or 4xx: valid ones, refused ones that change nothing, refused ones that count a try. */
const writes: fc.Arbitrary<Write>[] = [
  fc.record({ who, body: fields }).map(({ who, body }) => ({ method: 'POST', path: '/api/tasks', who, body })),
  // Refused before the handler runs: no title, wrong types, not JSON, no token.
  fc
    .constantFrom<unknown>({ description: 'no title' }, { title: 42 }, '{"title":', { title: 'x', priority: 'urgent' })
    .chain((body) => who.map((by) => ({ method: 'POST', path: '/api/tasks', who: by, body }) as Write)),
  fc.constant<Write>({ method: 'POST', path: '/api/tasks', body: { title: 'no token' } }),
  fc.record({ who, id: taskId, body: fields }).map(({ who, id, body }) => ({ method: 'PUT', path: `/api/tasks/${id}`, who, body })),
  fc
    .record({ who, id: taskId, status: fc.constantFrom('open', 'in_progress', 'done', 'archived') })
    .map(({ who, id, status }) => ({ method: 'POST', path: `/api/tasks/${id}/status`, who, body: { status } })),
  fc.record({ who, id: taskId }).map(({ who, id }) => ({ method: 'DELETE', path: `/api/tasks/${id}`, who })),
  fc
    .record({ who, id: fileId, name: fc.string({ minLength: 1, maxLength: 8 }) })
    .map(({ who, id, name }) => ({ method: 'PATCH', path: `/api/files/${id}`, who, body: { name } })),
  fc
    .record({ who, id: fileId, link: fc.constantFrom('link', 'unlink'), room: fc.constantFrom('!general', '!design') })
    .map(({ who, id, link, room }) => ({
      method: 'POST',
      path: `/api/integrations/matrix/files/${id}/${link}`,
      who,
      body: { roomId: `${room}:matrix.pocketm8.ch` },
    })),
  fc
    .record({ who, displayName: title })
    .map(({ who, displayName }) => ({ method: 'PATCH', path: '/api/profile', who, body: { displayName } })),
  // Sends count toward the limits (the sixth within the hour, or one within the minute, is refused).
  fc
    .record({ who: fc.constantFrom<Who>('alice', 'bob'), n: fc.integer({ min: 1, max: 3 }) })
    .map(({ who, n }) => ({ method: 'PUT', path: '/api/profile/phone', who, body: { phone: `+4179000000${n}` } })),
  // A wrong password counts a failure (401).
  fc
    .constantFrom('alice@example.com', 'dave@example.com')
    .map((login) => ({ method: 'POST', path: '/api/auth/user/sign-in', body: { login, password: 'wrong-pass-1' } })),
];

// A wrong code counts a try (422), and is on disk before the answer; the right one (every code
// is 123456 here) changes the phone. Drawn one time in four, so that it often follows a phone change.
const verifyCode = fc
  .record({ who: fc.constantFrom<Who>('alice', 'bob'), code: fc.constantFrom('000000', '123456') })
  .map(({ who, code }): Write => ({ method: 'POST', path: '/api/profile/verify-code', who, body: { type: 'phone', code } }));

const fixtures = loadFixtures(DEFAULT_FIXTURES);
let folder: string;

beforeAll(async () => {
  // The disk itself is the judge here, as in production (no check of the noted changes).
  checkNotedChanges(false);
  folder = await mkdtemp(join(tmpdir(), 'pocketm8-durable-'));
});
afterAll(async () => {
  checkNotedChanges(true);
  await rm(folder, { recursive: true, force: true });
});

let runs = 0;
async function start(): Promise<{ mock: Mock; store: Store; file: string }> {
  const loaded = await fixtures;
  const file = join(folder, `run-${(runs += 1)}`, 'db.json');
  const store = await openFileStore(file, loaded.data);
  const config = { ...TEST_CONFIG, codes: { kind: 'fixed', code: '123456', seed: 'pocketm8' } } as const;
  const { mock } = createApp({ config, store, blobs: createMemoryBlobStore(loaded.media), fixtures: loaded, clock: createClock() });
  return { mock, store, file };
}

/** The state as JSON holds it (no `undefined` properties). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('writes through the core on a file store', () => {
  it('once a write is answered, the disk holds the state, for any mix of valid and refused writes', async () => {
    const initial = asJson((await fixtures).data());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ arbitrary: fc.oneof(...writes), weight: 3 }, { arbitrary: verifyCode, weight: 1 }), {
          minLength: 1,
          maxLength: 25,
        }),
        async (sequence) => {
          const { mock, store, file } = await start();
          for (const write of sequence) {
            const reply = await mock.handle(coreRequest(write));
            expect(reply.status, `${write.method} ${write.path}`).toBeLessThan(500);
            // Nothing written yet (no change so far) reads as the fixtures, which a restart loads again.
            expect((await readStoredState(file)) ?? initial, `${write.method} ${write.path} answered ${reply.status}`).toEqual(
              asJson(store.data),
            );
          }
          await mock.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes nothing at all for writes that change nothing, refused before their handler or by it', async () => {
    const { mock, file } = await start();
    const refused: [Write, number][] = [
      [{ method: 'POST', path: '/api/tasks', who: 'alice', body: { description: 'no title' } }, 400],
      [{ method: 'PUT', path: '/api/tasks/tsk_9999', who: 'alice', body: { title: 'gone' } }, 404],
      [{ method: 'DELETE', path: '/api/tasks/tsk_0005', who: 'alice' }, 403],
      [{ method: 'POST', path: '/api/tasks/tsk_0004/status', who: 'alice', body: { status: 'done' } }, 409],
      [{ method: 'POST', path: '/api/tasks', who: 'alice', body: { title: 'x', assigneeIds: ['usr_nobody'] } }, 404],
    ];
    for (let n = 0; n < 4; n += 1) {
      for (const [write, status] of refused) expect((await mock.handle(coreRequest(write))).status, write.path).toBe(status);
    }
    expect(await readStoredState(file)).toBeNull();
    await mock.close();
  });
});

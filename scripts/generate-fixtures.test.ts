import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../mock/server/app.ts';
import { createClock } from '../mock/domain/clock.ts';
import { toContact, toFile, toProfile, toTask } from '../mock/domain/views.ts';
import { loadFixtures } from '../mock/engine/fixtures.ts';
import { createMemoryBlobStore } from '../mock/store/blobs.ts';
import type { Data } from '../mock/store/data.ts';
import { createMemoryStore } from '../mock/store/store.ts';
import { DEFAULT_FIXTURES, TEST_CONFIG, TOKENS } from '../test/harness.ts';
import { load } from 'js-yaml';
import { addOpenApiDocument, createAjv } from '../mock/core/openapi-schema.ts';
import { GENERATED_PASSWORD, generateFixtures, type GenerateOptions } from './fixtures/generate.ts';
import { parseOptions } from './generate-fixtures.ts';

const SCRIPT = fileURLToPath(new URL('./generate-fixtures.ts', import.meta.url));
const SPEC = fileURLToPath(new URL('../spec/pocketm8.openapi.yaml', import.meta.url));
const SIZES = { users: 30, tasks: 150, files: 25 };

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pm8-fixtures-'));
  folders.push(folder);
  return folder;
}

/** db.json as written: base users carry a clear `password`, generated ones a `passwordHash`. */
type Written = Omit<Data, 'users'> & {
  users: (Omit<Data['users'][number], 'passwordHash'> & { password?: string; passwordHash?: string | null })[];
};

async function generate(overrides: Partial<GenerateOptions> = {}): Promise<{ out: string; data: Written }> {
  const out = tempFolder();
  await generateFixtures({ ...SIZES, seed: 'test-seed', base: DEFAULT_FIXTURES, out, ...overrides });
  return { out, data: JSON.parse(readFileSync(join(out, 'db.json'), 'utf8')) };
}

/** Every file of a fixtures folder, by relative path. */
function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map([['db.json', readFileSync(join(folder, 'db.json'))]]);
  for (const name of readdirSync(join(folder, 'media')).sort()) files.set(`media/${name}`, readFileSync(join(folder, 'media', name)));
  return files;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('generateFixtures', () => {
  let generated: Awaited<ReturnType<typeof generate>>;
  beforeAll(async () => {
    generated = await generate();
  });

  it('writes the base fixtures first, then the requested numbers of generated records', () => {
    const { data } = generated;
    const base = JSON.parse(readFileSync(join(DEFAULT_FIXTURES, 'db.json'), 'utf8')) as Data;
    expect(data.users.slice(0, base.users.length)).toEqual(base.users);
    expect(data.tasks.slice(0, base.tasks.length)).toEqual(base.tasks);
    expect(data.users).toHaveLength(base.users.length + SIZES.users);
    expect(data.tasks).toHaveLength(base.tasks.length + SIZES.tasks);
    expect(data.files).toHaveLength(base.files.length + SIZES.files);
    expect(data.users[base.users.length]!.id).toBe('usr_0001');
    expect(data.tasks[base.tasks.length]!.id).toBe(`tsk_${String(base.tasks.length + 1).padStart(4, '0')}`);
  });

  it('gives the same bytes for the same seed, and other data for another seed', async () => {
    const again = await generate();
    expect(snapshot(again.out)).toEqual(snapshot(generated.out));
    const other = await generate({ seed: 'another-seed' });
    expect(readFileSync(join(other.out, 'db.json'))).not.toEqual(readFileSync(join(generated.out, 'db.json')));
  });

  it('makes every record consistent: unique ids, existing owners, links both ways', () => {
    const { data } = generated;
    const userIds = new Set(data.users.map((user) => user.id));
    for (const list of [data.users, data.tasks, data.files, data.contacts, data.avatars]) {
      expect(new Set(list.map((record) => record.id)).size).toBe(list.length);
    }
    const files = new Map(data.files.map((file) => [file.id, file]));
    const tasks = new Map(data.tasks.map((task) => [task.id, task]));
    for (const task of data.tasks) {
      expect(userIds.has(task.ownerId)).toBe(true);
      for (const id of task.assigneeIds) expect(userIds.has(id) && id !== task.ownerId).toBe(true);
      for (const id of task.fileIds) {
        expect(files.get(id)?.taskIds).toContain(task.id);
        expect(files.get(id)?.ownerId).toBe(task.ownerId);
      }
    }
    const rooms = new Map(data.rooms.map((room) => [room.roomId, room]));
    for (const file of data.files) {
      expect(userIds.has(file.ownerId)).toBe(true);
      for (const id of file.taskIds) expect(tasks.get(id)?.fileIds).toContain(file.id);
      for (const link of file.matrixLinks) expect(rooms.get(link.roomId)?.memberIds).toContain(file.ownerId);
      expect(readFileSync(join(generated.out, 'media', file.blob)).length).toBe(file.size);
    }
    for (const contact of data.contacts) {
      expect(userIds.has(contact.ownerId)).toBe(true);
      if (contact.userId !== null) expect(userIds.has(contact.userId)).toBe(true);
    }
    for (const avatar of data.avatars) expect(readFileSync(join(generated.out, 'media', avatar.blob)).length).toBe(avatar.size);
    for (const room of data.rooms) for (const member of room.memberIds) expect(userIds.has(member)).toBe(true);
    const inRooms = new Set(data.rooms.flatMap((room) => room.memberIds));
    expect(data.users.filter((user) => !inRooms.has(user.id))).toEqual([]);
  });

  it('gives users unique E.164 phones and emails, never a magic failing or taken number', () => {
    const phones = generated.data.users.map((user) => user.phone).filter((phone) => phone !== null);
    const emails = generated.data.users.map((user) => user.email).filter((email) => email !== null);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(emails).size).toBe(emails.length);
    for (const phone of phones) expect(phone).toMatch(/^\+[1-9]\d{6,14}$/);
    expect(phones.filter((phone) => phone.endsWith('0000') || phone.endsWith('9999'))).toEqual([]);
  });

  it('writes records that the Pocketm8 spec accepts once shown through the API views', () => {
    const ajv = createAjv();
    addOpenApiDocument(ajv, load(readFileSync(SPEC, 'utf8')), 'pm8');
    const check = (schema: string, values: unknown[]) => {
      const validate = ajv.getSchema(`pm8#/components/schemas/${schema}`)!;
      const invalid = values.filter((value) => !validate(value)).slice(0, 3);
      expect(invalid, `${schema}: ${JSON.stringify(validate.errors)}`).toEqual([]);
    };
    const { data } = generated;
    const origin = 'http://localhost:4010';
    check(
      'Profile',
      data.users.map(({ password: _password, ...user }) => toProfile({ ...user, passwordHash: null }, origin)),
    );
    check('Task', data.tasks.map(toTask));
    check(
      'File',
      data.files.map((file) => toFile(file, origin)),
    );
    check('Contact', data.contacts.map(toContact));
    check(
      'MatrixRoom',
      data.rooms.map(({ roomId, name }) => ({ roomId, name })),
    );
  });

  it('loads with loadFixtures and serves: ready tokens, the shared password, files, and the base users', async () => {
    const fixtures = await loadFixtures(generated.out);
    const blobs = createMemoryBlobStore(fixtures.media);
    const { app } = createApp({ config: TEST_CONFIG, store: createMemoryStore(fixtures.data()), blobs, fixtures, clock: createClock() });
    const user = generated.data.users.find((candidate) => candidate.id === 'usr_0001')!;
    const visible = generated.data.tasks.filter((task) => task.ownerId === user.id || task.assigneeIds.includes(user.id));

    const tasks = await request(app).get('/api/tasks?perPage=100').set('Authorization', 'Bearer pm8_gen_0001');
    expect(tasks.status).toBe(200);
    expect(tasks.body.meta.total).toBe(visible.length);

    const login = user.email ?? user.phone!;
    const signIn = await request(app).post('/api/auth/user/sign-in').send({ login, password: GENERATED_PASSWORD });
    expect(signIn.status).toBe(200);

    const file = generated.data.files.at(-1)!;
    const bytes = await request(app).get(`/media/files/${file.id}`).buffer(true);
    expect(bytes.status).toBe(200);
    expect(Number(bytes.headers['content-length'])).toBe(file.size);

    expect((await request(app).get('/api/profile').set('Authorization', `Bearer ${TOKENS.alice}`)).status).toBe(200);
    expect((await request(app).post('/api/auth/user/sign-in').send({ login: 'dave@example.com', password: 'dave-pass-4' })).status).toBe(
      200,
    );
  });

  it('generates without the base fixtures when asked', async () => {
    const { data } = await generate({ base: null, users: 3, tasks: 5, files: 2 });
    expect(data.users.map((user) => user.id)).toEqual(['usr_0001', 'usr_0002', 'usr_0003']);
    expect(data.tasks[0]!.id).toBe('tsk_0001');
    expect(data.sessions.map((session) => session.token)).toEqual(['pm8_gen_0001', 'pm8_gen_0002', 'pm8_gen_0003']);
  });

  it('refuses tasks or files without users, and writing over the base folder', async () => {
    await expect(generateFixtures({ users: 0, tasks: 1, files: 0, seed: 's', base: null, out: tempFolder() })).rejects.toThrow(/--users/);
    await expect(
      generateFixtures({ users: 1, tasks: 0, files: 0, seed: 's', base: DEFAULT_FIXTURES, out: DEFAULT_FIXTURES }),
    ).rejects.toThrow(/--base/);
  });
});

describe('the command line', () => {
  it('reads its options with defaults', () => {
    expect(parseOptions(['--out', 'x'])).toEqual({
      users: 100,
      tasks: 1000,
      files: 200,
      seed: 'pocketm8',
      out: 'x',
      base: DEFAULT_FIXTURES,
    });
    expect(parseOptions(['--out', 'x', '--users', '5', '--tasks', '0', '--files', '7', '--seed', '42', '--base', 'none'])).toEqual({
      users: 5,
      tasks: 0,
      files: 7,
      seed: '42',
      out: 'x',
      base: null,
    });
    expect(parseOptions(['--help'])).toBe('help');
  });

  it.each([
    [[], /--out DIR is required/],
    [['--out', 'x', '--users=-1'], /--users must be a whole number/],
    [['--out', 'x', '--tasks', '1e3'], /--tasks must be a whole number/],
    [['--out', 'x', '--files', '2000001'], /--files must be a whole number/],
    [['--out', 'x', '--seed', ''], /--seed must not be empty/],
    [['--out', 'x', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j', (args, message) => {
    expect(() => parseOptions(args)).toThrow(message);
  });

  it('writes the same folder as the function, and exits 2 with the usage on bad flags', async () => {
    const out = tempFolder();
    // Node 25+ warns that localStorage needs --localstorage-file when json-schema-faker 0.5's
    // bundled util-deprecate looks for it on load: Node's noise, not the script's.
    const run = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        '--import',
        'tsx',
        SCRIPT,
        ...['--users', '4', '--tasks', '6', '--files', '3', '--seed', 'cli', '--out', out],
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^wrote .* 9 users, 9 sessions, .* 12 tasks, 7 files/);
    const direct = await generate({ users: 4, tasks: 6, files: 3, seed: 'cli' });
    expect(snapshot(out)).toEqual(snapshot(direct.out));

    const bad = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--users', 'many', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--users must be a whole number[\s\S]*usage:/);
  });
});

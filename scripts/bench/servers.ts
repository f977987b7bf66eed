import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset } from './datasets.ts';
import type { ServerName } from './options.ts';
import { startProcess, type Running } from './processes.ts';
import { readStoredState } from '../../mock/store/store.ts';

/** What a server needs to start: the data, a fresh folder of its own and a port. */
export interface StartContext {
  root: string;
  dataset: Dataset;
  workDir: string;
  port: number;
  /** When set, the mock writes a V8 CPU profile there on exit. */
  profileDir?: string;
}

/** One server under test: how to start it and where its three task requests go. */
export interface ServerDef {
  name: ServerName;
  label: string;
  byIdPath(taskId: string): string;
  listPath: string;
  createPath: string;
  /** Where a POST lands: `disk` (acknowledged once written), `memory` (nothing written), `none` (an example). */
  writes: 'disk' | 'memory' | 'none';
  /** Whether it refuses a body the spec refuses (4xx); json-server stores whatever it is given. */
  validates: boolean;
  start(context: StartContext): Promise<Running>;
  /** The task ids in the server's file on disk (servers that write only). */
  tasksOnDisk?(context: StartContext): Promise<Set<string>>;
}

/** The first readable task with its owner's token: every server's start-up probe. */
function ready(context: StartContext, path: (id: string) => string) {
  const first = context.dataset.reads[0]!;
  return { readyPath: path(first.taskId), readyHeaders: { Authorization: `Bearer ${first.token}` } };
}

async function idsIn(file: string): Promise<Set<string>> {
  const db = JSON.parse(await readFile(file, 'utf8')) as { tasks?: { id: string }[] };
  return new Set((db.tasks ?? []).map((task) => task.id));
}

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;
const mockTaskPath = (id: string) => `/api${taskPath(id)}`;

const mock: ServerDef = {
  name: 'pocketm8-mock',
  label: 'pocketm8 mock',
  byIdPath: mockTaskPath,
  listPath: '/api/tasks?status=open&page=1&perPage=20',
  createPath: '/api/tasks',
  writes: 'disk',
  validates: true,
  start: (context) => {
    const profile = context.profileDir ? ['--cpu-prof', '--cpu-prof-dir', context.profileDir] : [];
    // What `npm start` runs (the bundle when it is up to date, see bin/pocketm8-mock.js) with the
    // defaults a user gets (file store, auth, response validation `warn`); only the log level is quieter.
    const args = [
      ...profile,
      'bin/pocketm8-mock.js',
      '--db',
      join(context.workDir, 'db.json'),
      '--fixtures',
      context.dataset.fixturesDir,
      '--port',
      String(context.port),
      '--log-level',
      'warn',
    ];
    return startProcess({ command: process.execPath, args, cwd: context.root, port: context.port, ...ready(context, mockTaskPath) });
  },
  // db.json and its log, as a restart would read them.
  tasksOnDisk: async (context) => new Set((await readStoredState(join(context.workDir, 'db.json')))?.tasks.map((task) => task.id) ?? []),
};

const prism: ServerDef = {
  name: 'prism',
  label: 'Prism mock',
  byIdPath: taskPath,
  listPath: '/tasks?status=open&page=1&perPage=20',
  createPath: '/tasks',
  writes: 'none',
  validates: true,
  start: (context) => {
    const cli = join(context.root, 'node_modules/@stoplight/prism-cli/dist/index.js');
    const args = [cli, 'mock', 'spec/pocketm8.openapi.yaml', '-p', String(context.port), '-h', '127.0.0.1'];
    return startProcess({ command: process.execPath, args, cwd: context.root, port: context.port, ...ready(context, taskPath) });
  },
};

const jsonServer: ServerDef = {
  name: 'json-server',
  label: 'json-server',
  byIdPath: taskPath,
  listPath: '/tasks?status=open&_page=1&_per_page=20',
  createPath: '/tasks',
  writes: 'disk',
  validates: false,
  start: async (context) => {
    const db = join(context.workDir, 'db.json');
    await copyFile(context.dataset.tasksFile, db);
    const args = [join(context.root, 'node_modules/json-server/lib/bin.js'), db, '--port', String(context.port)];
    return startProcess({ command: process.execPath, args, cwd: context.workDir, port: context.port, ...ready(context, taskPath) });
  },
  tasksOnDisk: (context) => idsIn(join(context.workDir, 'db.json')),
};

function bare(name: 'express' | 'node-http', label: string, file: string): ServerDef {
  return {
    name,
    label,
    byIdPath: taskPath,
    listPath: '/tasks?status=open&page=1&perPage=20',
    createPath: '/tasks',
    writes: 'memory',
    validates: true,
    start: (context) => {
      const args = ['--import', 'tsx', `scripts/bench/peers/${file}`, '--port', String(context.port), '--data', context.dataset.tasksFile];
      return startProcess({ command: process.execPath, args, cwd: context.root, port: context.port, ...ready(context, taskPath) });
    },
  };
}

export const SERVERS: Record<ServerName, ServerDef> = {
  'pocketm8-mock': mock,
  prism,
  'json-server': jsonServer,
  express: bare('express', 'Express 5 (bare)', 'bare-express.ts'),
  'node-http': bare('node-http', 'node:http (bare)', 'bare-http.ts'),
};

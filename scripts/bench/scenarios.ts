import type { Options, RequestSpec } from 'autocannon';
import type { Dataset } from './datasets.ts';
import { KindCounter } from './kinds.ts';
import type { ScenarioName } from './options.ts';
import type { ServerDef } from './servers.ts';

/**
 * What each scenario sends; the same requests (ids, tokens, bodies) go to every server.
 * `expected` names the answers its table does not count as failures.
 */
export const SCENARIOS: Record<ScenarioName, { title: string; what: string; expected: '2xx' | '4xx' }> = {
  'get-by-id': { title: 'GET one task by id', what: "1,000 different tasks, each with its owner's bearer token", expected: '2xx' },
  'list-page': { title: 'GET a page of 20 open tasks', what: 'status=open, page 1 of 20, 100 different users', expected: '2xx' },
  'invalid-write': {
    title: 'POST an invalid task',
    what: 'the POST below without its required title, 100 users in turn: answered 400 (Prism 422), nothing stored',
    expected: '4xx',
  },
  mixed: {
    title: 'Mixed load',
    what: '80% GET one task by id, 15% POST a task, 5% POST an invalid task, interleaved on every connection',
    expected: '2xx',
  },
  'create-task': {
    title: 'POST a task',
    what: 'a new task per request on top of the generated ones, acknowledged when stored',
    expected: '2xx',
  },
  'phone-change': {
    title: 'Phone change flow (flows/s)',
    what: 'PUT /profile/phone, code from the outbox, POST /profile/verify-code',
    expected: '2xx',
  },
};

export const TASK_BODY = JSON.stringify({ title: 'Bench task', description: 'Written by npm run bench', priority: 'normal' });
/** TASK_BODY without the title the spec requires: every server that checks bodies refuses it. */
export const INVALID_TASK_BODY = JSON.stringify({ description: 'Written by npm run bench, with no title', priority: 'normal' });
const USERS_PER_SCENARIO = 100;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const post = (server: ServerDef, token: string, body: string): RequestSpec => ({
  method: 'POST',
  path: server.createPath,
  headers: { ...bearer(token), 'Content-Type': 'application/json' },
  body,
});

/** Notes the id of every task acknowledged with 201, to look for it on disk later. */
const noteCreated =
  (acknowledged: Set<string>) =>
  (status: number, body: string): void => {
    if (status !== 201) return;
    const id = (JSON.parse(body) as { id?: unknown }).id;
    if (typeof id === 'string') acknowledged.add(id);
  };

export function getByIdOptions(server: ServerDef, url: string, dataset: Dataset, connections: number): Options {
  const requests: RequestSpec[] = dataset.reads.map(({ taskId, token }) => ({
    method: 'GET',
    path: server.byIdPath(taskId),
    headers: bearer(token),
  }));
  return { url, connections, requests };
}

export function listPageOptions(server: ServerDef, url: string, dataset: Dataset, connections: number): Options {
  const requests: RequestSpec[] = dataset.users
    .slice(0, USERS_PER_SCENARIO)
    .map(({ token }) => ({ method: 'GET', path: server.listPath, headers: bearer(token) }));
  return { url, connections, requests };
}

/** POSTs that note the id of every task acknowledged with 201, to look for them on disk later. */
export function createTaskOptions(
  server: ServerDef,
  url: string,
  dataset: Dataset,
  connections: number,
  acknowledged: Set<string>,
): Options {
  const onResponse = noteCreated(acknowledged);
  const requests: RequestSpec[] = dataset.users
    .slice(0, USERS_PER_SCENARIO)
    .map(({ token }) => ({ ...post(server, token, TASK_BODY), onResponse }));
  return { url, connections, requests };
}

/** The POST of a task with a body the spec refuses (no title): answered 4xx, nothing to store. */
export function invalidWriteOptions(server: ServerDef, url: string, dataset: Dataset, connections: number): Options {
  const requests = dataset.users.slice(0, USERS_PER_SCENARIO).map(({ token }) => post(server, token, INVALID_TASK_BODY));
  return { url, connections, requests };
}

export const MIXED_KINDS = ['reads', 'valid writes', 'invalid writes'] as const;
/** One round of the mixed load: 16 reads, 3 valid writes and 1 invalid write, spread out. */
const MIX = 'RRRRVRRRRIRRRRVRRRRV';

/**
 * The mixed load: the scenarios' reads, valid POSTs and invalid POSTs in the proportions of MIX,
 * one list that every connection walks in turn; `kinds` gets each answer's latency under its kind.
 */
export function mixedOptions(
  server: ServerDef,
  url: string,
  dataset: Dataset,
  connections: number,
  acknowledged: Set<string>,
): { options: Options; kinds: KindCounter } {
  const kinds = new KindCounter(MIXED_KINDS);
  const users = dataset.users.slice(0, USERS_PER_SCENARIO);
  const onResponse = noteCreated(acknowledged);
  const requests = dataset.reads.map(({ taskId, token }, index) => {
    const { token: writer } = users[index % users.length]!;
    const kind = MIX[index % MIX.length];
    if (kind === 'V') return kinds.tag('valid writes', { ...post(server, writer, TASK_BODY), onResponse }, (status) => status === 201);
    if (kind === 'I')
      return kinds.tag('invalid writes', post(server, writer, INVALID_TASK_BODY), (status) => status >= 400 && status < 500);
    return kinds.tag('reads', { method: 'GET', path: server.byIdPath(taskId), headers: bearer(token) }, (status) => status === 200);
  });
  return { options: { url, connections, requests }, kinds };
}

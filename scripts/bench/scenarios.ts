import type { Options, RequestSpec } from 'autocannon';
import type { Dataset } from './datasets.ts';
import type { ScenarioName } from './options.ts';
import type { ServerDef } from './servers.ts';

/** What each scenario sends; the same requests (ids, tokens, bodies) go to every server. */
export const SCENARIOS: Record<ScenarioName, { title: string; what: string }> = {
  'get-by-id': { title: 'GET one task by id', what: "1,000 different tasks, each with its owner's bearer token" },
  'list-page': { title: 'GET a page of 20 open tasks', what: 'status=open, page 1 of 20, 100 different users' },
  'create-task': { title: 'POST a task', what: 'a new task per request on top of the generated ones, acknowledged when stored' },
  'phone-change': { title: 'Phone change flow (flows/s)', what: 'PUT /profile/phone, code from the outbox, POST /profile/verify-code' },
};

export const TASK_BODY = JSON.stringify({ title: 'Bench task', description: 'Written by npm run bench', priority: 'normal' });
const USERS_PER_SCENARIO = 100;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

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
  const onResponse = (status: number, body: string) => {
    if (status !== 201) return;
    const id = (JSON.parse(body) as { id?: unknown }).id;
    if (typeof id === 'string') acknowledged.add(id);
  };
  const requests: RequestSpec[] = dataset.users.slice(0, USERS_PER_SCENARIO).map(({ token }) => ({
    method: 'POST',
    path: server.createPath,
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: TASK_BODY,
    onResponse,
  }));
  return { url, connections, requests };
}

// `npm run postman`: one Postman collection (v2.1) generated from the three specs with
// openapi-to-postmanv2, one folder per API, and an environment for the local mock.
import { createHash } from 'node:crypto';
import { convertV2 } from 'openapi-to-postmanv2';
import { specForReference } from '../../mock/apis/control/docs-spec.ts';
import { TOKENS } from '../../test/harness.ts';
import { loadSpec } from '../../mock/core/compiled-spec.ts';
import type { JsonObject } from '../../mock/core/json-pointer.ts';
import { listOperations } from '../../mock/core/openapi-walk.ts';
import { SPEC_FILES, type SpecName } from '../../mock/core/spec-files.ts';
import { RUN_PLAN, RUN_VARIABLES, type Step } from './run-plan.ts';

export const LOCAL_BASE_URL = 'http://localhost:4010';
export const COLLECTION_FILE = 'pocketm8-mock.postman_collection.json';
export const ENVIRONMENT_FILE = 'local-mock.postman_environment.json';
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Where each API lives on the mock, as path segments after `{{baseUrl}}`. */
const PREFIX: Record<SpecName, string[]> = { pocketm8: ['api'], 'pace-user': ['user', '2021-2'], 'mock-control': [] };

const bearer = { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] };
const adminHeader = {
  type: 'apikey',
  apikey: [
    { key: 'key', value: 'X-Mock-Admin-Token', type: 'string' },
    { key: 'value', value: '{{adminToken}}', type: 'string' },
    { key: 'in', value: 'header', type: 'string' },
  ],
};
const noAuth = { type: 'noauth' };

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A UUID made from a name, so that a new run gives the same ids (Postman then offers to replace). */
function stableId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function convert(document: JsonObject): Promise<Node> {
  return new Promise((resolve, reject) => {
    // Optional query parameters come disabled: a request sent as imported lists everything.
    const options = {
      folderStrategy: 'Tags',
      requestNameSource: 'Fallback',
      parametersResolution: 'Example',
      includeDeprecated: true,
      enableOptionalParameters: false,
    } as const;
    convertV2({ type: 'json', data: document }, options, (error, result) => {
      const data = result?.output?.[0]?.data;
      if (error || !result?.result || !isNode(data))
        reject(new Error(`openapi-to-postmanv2: ${error?.message ?? result?.reason ?? 'no collection'}`));
      else resolve(data);
    });
  });
}

/** Puts the API's prefix in every URL of the tree (requests and the requests of saved examples). */
function prefixUrls(node: unknown, prefix: string[]): void {
  if (Array.isArray(node)) return node.forEach((child) => prefixUrls(child, prefix));
  if (!isNode(node)) return;
  if (Array.isArray(node.host) && node.host[0] === '{{baseUrl}}' && Array.isArray(node.path))
    node.path = [...prefix, ...(node.path as string[])];
  if (typeof node.raw === 'string' && node.raw.startsWith('{{baseUrl}}/'))
    node.raw = `{{baseUrl}}/${[...prefix, node.raw.slice(12)].join('/')}`;
  for (const value of Object.values(node)) prefixUrls(value, prefix);
}

/** Replaces the converter's random ids by ids made from where they sit. */
function stabilize(node: unknown, where: string): void {
  if (Array.isArray(node)) return node.forEach((child, index) => stabilize(child, `${where}/${index}`));
  if (!isNode(node)) return;
  for (const key of ['id', '_postman_id']) if (typeof node[key] === 'string') node[key] = stableId(`${where}/${key}`);
  for (const [key, value] of Object.entries(node)) stabilize(value, `${where}/${key}`);
}

/** `GET /api/tasks/{id}` for a request of the collection. */
export function operationKey(method: string, path: readonly string[]): string {
  return `${method.toUpperCase()} /${path.map((segment) => segment.replace(/^:(.+)$/, '{$1}')).join('/')}`;
}

/** Every request of a folder tree. */
export function requestsOf(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(requestsOf);
  if (!isNode(node)) return [];
  if (Array.isArray(node.item)) return requestsOf(node.item);
  return isNode(node.request) ? [node] : [];
}

type Request = Node & {
  method: string;
  url: { path: string[]; variable?: { key: string; value: string }[] };
  header?: { key: string; value: string }[];
  body?: { mode: string; raw?: string; formdata?: Node[] };
};

const script = (listen: 'prerequest' | 'test', source: string) => ({
  listen,
  script: { type: 'text/javascript', exec: source.split('\n') },
});

/** The request as the run plan wants it: its values, scripts, and a test of its documented 2xx statuses. */
function applyStep(item: Node, step: Step, successes: number[]): void {
  const request = item.request as Request;
  for (const [name, value] of Object.entries(step.path ?? {})) {
    const variable = request.url.variable?.find((candidate) => candidate.key === name);
    if (!variable) throw new Error(`run plan: ${item.name as string} has no path variable ${name}`);
    variable.value = value;
  }
  if (step.body) {
    if (request.body?.mode !== 'raw') throw new Error(`run plan: ${item.name as string} has no JSON body`);
    request.body.raw = JSON.stringify({ ...(JSON.parse(request.body.raw!) as Node), ...step.body }, null, 2);
  }
  if (step.form) {
    if (request.body?.mode !== 'formdata') throw new Error(`run plan: ${item.name as string} has no form`);
    request.body.formdata = Object.entries(step.form).map(([key, value]) => {
      const generated = request.body!.formdata!.find((param) => param.key === key);
      if (!generated) throw new Error(`run plan: ${item.name as string} has no form field ${key}`);
      const { value: _example, src: _src, ...rest } = generated;
      return typeof value === 'string' ? { ...rest, key, value, type: 'text' } : { ...rest, key, src: value.src, type: 'file' };
    });
    // Postman writes the Content-Type itself, with the boundary; the generated one has none.
    request.header = request.header?.filter((header) => header.key.toLowerCase() !== 'content-type');
  }
  const statuses = successes.join(' or ');
  const test = [`pm.test('answers ${statuses}', () => pm.expect(pm.response.code).to.be.oneOf([${successes.join(', ')}]));`];
  for (const [variable, field] of Object.entries(step.capture ?? {}))
    test.push(`if (pm.response.code < 300) pm.collectionVariables.set('${variable}', pm.response.json().${field});`);
  item.event = [...(step.before ? [script('prerequest', step.before)] : []), script('test', test.join('\n'))];
}

/** Sorts a folder tree by the run plan: each request by its place, each folder by its first request's. */
function sortByPlan(items: Node[], place: (item: Node) => number): number {
  const first = new Map(items.map((item) => [item, Array.isArray(item.item) ? sortByPlan(item.item as Node[], place) : place(item)]));
  items.sort((a, b) => first.get(a)! - first.get(b)!);
  return Math.min(...first.values());
}

/** Orders the API's requests by its run plan and gives each what the plan says; the plan must list every operation once. */
function applyRunPlan(name: SpecName, source: JsonObject, items: Node[]): void {
  const plan = RUN_PLAN[name];
  const order = Object.keys(plan);
  const operations = new Map(
    listOperations(source).map(({ method, path, operation }) => [
      operationKey(method, [...PREFIX[name], ...path.split('/').slice(1)]),
      {
        id: operation.operationId as string,
        successes: Object.keys(operation.responses as JsonObject)
          .filter((status) => status.startsWith('2'))
          .map(Number),
      },
    ]),
  );
  const documented = [...operations.values()].map((operation) => operation.id);
  const unplanned = documented.filter((id) => !order.includes(id));
  const unknown = order.filter((id) => !documented.includes(id));
  if (unplanned.length || unknown.length)
    throw new Error(`run plan of ${name}: missing ${unplanned.join(', ') || 'none'}; not in the spec ${unknown.join(', ') || 'none'}`);
  const operationOf = (item: Node) => {
    const request = item.request as Request;
    return operations.get(operationKey(request.method, request.url.path))!;
  };
  for (const item of requestsOf(items)) {
    const { id, successes } = operationOf(item);
    applyStep(item, plan[id]!, successes);
  }
  sortByPlan(items, (item) => order.indexOf(operationOf(item).id));
  const sent = requestsOf(items).map((item) => operationOf(item).id);
  if (sent.join() !== order.join())
    throw new Error(`run plan of ${name}: a tag's operations must follow each other; the folders give ${sent.join(', ')}`);
}

async function apiFolder(name: SpecName): Promise<Node> {
  const file = SPEC_FILES.find((candidate) => candidate.name === name)!;
  const source = loadSpec(file.path).document;
  // As the API reference shows it: PACE's OAuth 2 is a plain bearer token on the mock.
  const document = { ...specForReference(name, source), servers: [{ url: LOCAL_BASE_URL }] };
  const converted = await convert(document);
  const open = new Set(
    listOperations(source)
      .filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0)
      .map(({ method, path }) => operationKey(method, [...PREFIX[name], ...path.split('/').slice(1)])),
  );
  prefixUrls(converted.item, PREFIX[name]);
  for (const item of requestsOf(converted.item)) {
    const request = item.request as Request;
    request.auth = open.has(operationKey(request.method, request.url.path)) ? noAuth : null;
  }
  applyRunPlan(name, source, converted.item as Node[]);
  const info = converted.info as Node;
  return {
    name: info.name,
    description: info.description,
    auth: name === 'mock-control' ? adminHeader : bearer,
    item: converted.item,
  };
}

/** The collection and the environment, ready to be written as JSON. */
export async function buildPostman(): Promise<{ collection: Node; environment: Node }> {
  const folders = [];
  for (const { name } of SPEC_FILES) folders.push(await apiFolder(name));
  const collection: Node = {
    info: {
      _postman_id: 'collection',
      name: 'Pocketm8 mock',
      description: [
        'The Pocketm8 API, the PACE User API phone change and the mock control API, generated from spec/*.openapi.yaml by `npm run postman`.',
        '',
        `Variables: \`baseUrl\` (${LOCAL_BASE_URL}), \`token\` (a Pocketm8 token, also taken by PACE on the mock; the fixture token of Alice by default), \`adminToken\` (only when the mock runs with --admin-token).`,
        'Codes and confirmation links land in the outbox: the "Mock control API" folder, or the QA console at {{baseUrl}}/__mock/.',
        '',
        'Run it top to bottom (the collection runner, or `npx newman run` from the project folder) against a fresh mock: the requests come in the order of a session (create, read, update, delete), and the pre-request scripts read codes and links from the outbox and make what a request needs (a pending change, a challenge). Ids created on the way go into the collection variables `taskId`, `fileId`, `avatarId`, `faultId`. Uploads send fixture files by paths relative to the project folder (the working directory). The live event stream is skipped unless `eventStream` is `send`. The run ends with "Reset to the fixtures", so it can run again.',
      ].join('\n'),
      schema: SCHEMA,
    },
    auth: bearer,
    variable: [
      { key: 'baseUrl', value: LOCAL_BASE_URL, type: 'string' },
      { key: 'token', value: TOKENS.alice, type: 'string' },
      { key: 'adminToken', value: '', type: 'string' },
      ...Object.entries(RUN_VARIABLES).map(([key, value]) => ({ key, value, type: 'string' })),
    ],
    item: folders,
  };
  stabilize(collection, 'pocketm8-mock');
  const environment: Node = {
    id: stableId('local-mock-environment'),
    name: 'Pocketm8 mock (local)',
    values: [
      { key: 'baseUrl', value: LOCAL_BASE_URL, type: 'default', enabled: true },
      { key: 'token', value: TOKENS.alice, type: 'secret', enabled: true },
      { key: 'adminToken', value: '', type: 'secret', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  };
  return { collection, environment };
}

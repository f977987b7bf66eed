import request from 'supertest';
import { expect } from 'vitest';
import { operationOf, judge, type ApiName } from './contract-spec.ts';
import { record } from './coverage.ts';
import { WORLD_HEADER } from './mock-worlds.ts';
import { readSettings, type ContractSettings } from './settings.ts';

export interface UploadPart {
  field: string;
  bytes: Buffer;
  filename: string;
  contentType?: string;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** A JSON body (sent as the operation's first declared media type unless `contentType` says otherwise). */
  body?: unknown;
  /** A body sent as it is (malformed JSON, another content type). */
  raw?: string | Buffer;
  contentType?: string;
  /** Bearer token; null sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
  multipart?: { fields?: Record<string, string>; files?: UploadPart[] };
  /** Read the body as bytes (downloads). */
  binary?: boolean;
}

export interface ContractResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON (or bytes with `binary`); text bodies are in `text`. */
  body: unknown;
  text: string;
  /** What the spec says is wrong with this response (empty when it keeps the contract). */
  problems: string[];
}

let settings: ContractSettings | undefined;
export const contractSettings = (): ContractSettings => (settings ??= readSettings());

/** The world of this test file (file-world.ts sets it before the file's tests), or null. */
let fileWorld: string | null = null;

/** This test file's requests go to `name` from now on (file-world.ts, once the world is fresh); null: no world of its own. */
export function enterFileWorld(name: string | null): void {
  fileWorld = name;
}

/** The world of the mock this file's requests go to: `--world`, else the file's own; null: none (the default world, a real backend). */
export const worldOf = (): string | null => contractSettings().world ?? fileWorld;

/** This file has a world of its own: nothing another file does (the clock above all) reaches its state. */
export const ownWorld = (): boolean => fileWorld !== null && contractSettings().world === null;

/**
 * The header that puts a request in this file's world (empty without one). Every request the
 * suites send carries it, control API calls and code reads included, except what a browser opens
 * (media URLs, confirmation links): those carry the world in their path, as a browser needs.
 */
export function worldHeaders(): Record<string, string> {
  const world = worldOf();
  return world ? { [WORLD_HEADER]: world } : {};
}

function baseOf(api: ApiName): string {
  const { pocketm8Url, paceUrl, controlUrl } = contractSettings();
  if (api === 'pocketm8') return pocketm8Url;
  if (api === 'pace') return paceUrl;
  if (!controlUrl) throw new Error('this run has no control API (a real backend): the test should have been skipped');
  // The control spec's paths are absolute (/__mock/..., /media/...): its base is the server root.
  return controlUrl.replace(/\/__mock$/, '');
}

/**
 * Calls one operation of a spec and checks the answer against it: documented status, content type,
 * body schema (strict Ajv), required headers. A response that breaks the spec fails the test here,
 * whatever the test goes on to assert; every response is recorded for the coverage report.
 */
export async function call(api: ApiName, operationId: string, options: CallOptions = {}): Promise<ContractResponse> {
  const operation = operationOf(api, operationId);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? `missing-${name}`));
  let req = request(baseOf(api))[operation.method as 'get'](path);
  if (options.query) req = req.query(options.query);
  for (const [name, value] of Object.entries(worldHeaders())) req = req.set(name, value);
  if (options.token) req = req.set('Authorization', `Bearer ${options.token}`);
  if (api === 'control' && contractSettings().adminToken) req = req.set('X-Mock-Admin-Token', contractSettings().adminToken ?? '');
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  if (options.binary)
    req = req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (options.multipart) {
    for (const [name, value] of Object.entries(options.multipart.fields ?? {})) req = req.field(name, value);
    for (const file of options.multipart.files ?? [])
      req = req.attach(file.field, file.bytes, { filename: file.filename, contentType: file.contentType ?? 'application/octet-stream' });
  } else if (options.raw !== undefined) {
    req = req.set('Content-Type', options.contentType ?? 'application/json').send(options.raw);
  } else if (options.body !== undefined) {
    const declared = operation.requestBody?.media.keys().next().value ?? 'application/json';
    req = req.set('Content-Type', options.contentType ?? declared).send(JSON.stringify(options.body));
  }
  const res = await req;
  const headers = res.headers as Record<string, string>;
  const text = typeof res.text === 'string' ? res.text : '';
  const hasBody = text.length > 0 || (Buffer.isBuffer(res.body) && res.body.length > 0);
  const body = res.body as unknown;
  const isJson = /[/+]json\b/.test(headers['content-type'] ?? '');
  const problems = judge(api, operationId, {
    status: res.status,
    contentType: headers['content-type'],
    headerNames: Object.keys(headers),
    headers,
    hasBody,
    body: isJson ? body : text,
    streamed: options.binary === true || (!isJson && !/^text\//.test(headers['content-type'] ?? '')),
  });
  record(contractSettings().reportDir, { api, operationId, status: res.status, conforms: problems.length === 0 });
  expect(problems, `${operation.method.toUpperCase()} ${path} -> ${res.status} breaks the ${api} spec`).toEqual([]);
  return { status: res.status, headers, body, text, problems };
}

export const pocketm8 = (operationId: string, options?: CallOptions) => call('pocketm8', operationId, options);
export const pace = (operationId: string, options?: CallOptions) => call('pace', operationId, options);
export const control = (operationId: string, options?: CallOptions) => call('control', operationId, options);

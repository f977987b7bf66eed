import type { components, operations } from '../../spec/generated/mock-control.ts';

type Schemas = components['schemas'];
type Json<O, S extends number> = O extends { responses: { [K in S]: { content: { 'application/json': infer B } } } } ? B : never;

export type OutboxEntry = Schemas['OutboxEntry'];
export type Health = Schemas['Health'];
export type ClockState = Schemas['Clock'];
export type Snapshot = Schemas['Snapshot'];
export type JournalEntry = Schemas['JournalEntry'];
export type FaultRule = Schemas['Fault'];
export type FaultRequest = Schemas['FaultRequest'];
export type UserOverview = Schemas['UserOverview'];
export type WorldSummary = Schemas['World'];
export type OutboxFilter = NonNullable<operations['listOutbox']['parameters']['query']>;

export interface MockClientOptions {
  /** The mock's root URL (`http://localhost:4010`). */
  baseUrl: string;
  /** The world this client acts on (`/worlds/{name}` in front of every control path); default: `default`. */
  world?: string;
  /** The mock's admin token, when it was started with one. */
  adminToken?: string;
  /** Another fetch (a test's, a browser's); default: the global one. */
  fetch?: typeof fetch;
}

/** An answer of the control API that was not a success: its status and its documented error body. */
export class MockControlError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const code = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : '';
    super(`${method} ${path} answered ${status}${code ? ` ${code}` : ''}`);
    this.name = 'MockControlError';
  }
}

export interface WaitForCodeOptions {
  /** The phone number or email address the message went to. */
  to: string;
  /** Only messages for this purpose (`phone-change`, `sign-in`, `pace-phone-change`…). */
  purpose?: OutboxEntry['purpose'];
  /** Only messages sent at or after this time (mock clock); default: any. */
  since?: string | Date;
  /** Default 5000. */
  timeoutMs?: number;
  /** How often the outbox is read; default 50. */
  intervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A typed client of the mock's control API (spec/mock-control.openapi.yaml), over `fetch` only, so
 * it runs in Node and in browsers. Every call acts on the client's world.
 */
export function createMockClient(options: MockClientOptions) {
  const root = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const prefix = options.world && options.world !== 'default' ? `/worlds/${encodeURIComponent(options.world)}` : '';

  async function call<T>(method: string, path: string, body?: unknown, inWorld = true): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.adminToken) headers.Authorization = `Bearer ${options.adminToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = `${root}${inWorld ? prefix : ''}${path}`;
    const response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).catch(
      (error: Error) => {
        const cause = (error.cause as Error | undefined)?.message ?? error.message;
        throw new Error(`${method} ${url}: no answer from the mock (${cause}); is it running there?`, { cause: error });
      },
    );
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: kept as text in the error.
    }
    if (!response.ok) throw new MockControlError(method, path, response.status, parsed);
    return parsed as T;
  }

  const query = (filter: Record<string, string | undefined> = {}) => {
    const search = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return search.size > 0 ? `?${search}` : '';
  };

  const outbox = {
    /** Every message sent in this world, newest first. */
    list: (filter?: OutboxFilter) => call<Json<operations['listOutbox'], 200>>('GET', `/__mock/outbox${query(filter)}`),
    /** The newest message (for a destination); rejects with a 404 MockControlError when there is none. */
    latest: (filter?: OutboxFilter) => call<OutboxEntry>('GET', `/__mock/outbox/latest${query(filter)}`),
    /** The newest message, or undefined when there is none. */
    async find(filter?: OutboxFilter): Promise<OutboxEntry | undefined> {
      return outbox.latest(filter).catch((error: unknown) => {
        if (error instanceof MockControlError && error.status === 404) return undefined;
        throw error;
      });
    },
    clear: () => call<void>('DELETE', '/__mock/outbox'),
  };

  return {
    baseUrl: root,
    world: options.world ?? 'default',
    /** The base URLs of the two APIs in this world, for an app under test. */
    urls: {
      pocketm8: `${root}${prefix}/api`,
      pace: `${root}${prefix}/user/2021-2`,
      console: `${root}${prefix}/__mock/`,
    },
    health: () => call<Health>('GET', '/__mock/health'),
    outbox,
    /**
     * The code (or the reset token) of the newest message to `to` once it is there: resolves as
     * soon as it arrives, rejects with a clear message after `timeoutMs`.
     */
    async waitForCode({ to, purpose, since, timeoutMs = 5000, intervalMs = 50 }: WaitForCodeOptions): Promise<string> {
      const after = since === undefined ? undefined : new Date(since).getTime();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entry = await outbox.find({ to, purpose });
        const fresh = entry && (after === undefined || Date.parse(entry.sentAt) >= after);
        const secret = fresh ? (entry.code ?? entry.token) : undefined;
        if (secret) return secret;
        if (Date.now() >= deadline) {
          const what = purpose ? `a ${purpose} code` : 'a code';
          throw new Error(
            `waitForCode: no message with ${what} to ${to} arrived in world "${options.world ?? 'default'}" within ${timeoutMs} ms`,
          );
        }
        await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
      }
    },
    clock: {
      get: () => call<ClockState>('GET', '/__mock/clock'),
      /** Moves the clock forward: `'11m'`, `'24h'`, or milliseconds. */
      advance: (by: string | number) => call<ClockState>('POST', '/__mock/clock', { advance: typeof by === 'number' ? `${by}ms` : by }),
      set: (to: string | Date) => call<ClockState>('POST', '/__mock/clock', { set: new Date(to).toISOString().replace(/\.\d{3}Z$/, 'Z') }),
      reset: () => call<ClockState>('POST', '/__mock/clock', { reset: true }),
    },
    /** Back to the fixtures: data, outbox, counters, clock, fault rules. */
    reset: () => call<Json<operations['resetState'], 200>>('POST', '/__mock/reset'),
    snapshots: {
      list: () => call<Snapshot[]>('GET', '/__mock/snapshots'),
      save: (name: string) => call<Snapshot>('POST', `/__mock/snapshots/${encodeURIComponent(name)}`),
      restore: (name: string) =>
        call<Json<operations['restoreSnapshot'], 200>>('POST', `/__mock/snapshots/${encodeURIComponent(name)}/restore`),
    },
    faults: {
      list: () => call<FaultRule[]>('GET', '/__mock/faults'),
      add: (rule: FaultRequest) => call<FaultRule>('POST', '/__mock/faults', rule),
      remove: (id: string) => call<void>('DELETE', `/__mock/faults/${encodeURIComponent(id)}`),
      clear: () => call<void>('DELETE', '/__mock/faults'),
    },
    /** The most recent requests this world answered, newest first. */
    requests: (limit?: number) => call<JournalEntry[]>('GET', `/__mock/requests${query({ limit: limit?.toString() })}`),
    users: () => call<UserOverview[]>('GET', '/__mock/users'),
    worlds: {
      list: () => call<WorldSummary[]>('GET', '/__mock/worlds', undefined, false),
      /** Makes a world fresh: from the fixtures (default), `world:<name>` or `snapshot:<name>`. */
      put: (name: string, from?: string) =>
        call<WorldSummary>('PUT', `/__mock/worlds/${encodeURIComponent(name)}`, from === undefined ? undefined : { from }, false),
      delete: (name: string) => call<void>('DELETE', `/__mock/worlds/${encodeURIComponent(name)}`, undefined, false),
    },
    /** The same client, acting on another world. */
    inWorld: (world: string) => createMockClient({ ...options, world }),
  };
}

export type MockClient = ReturnType<typeof createMockClient>;

/**
 * The package's programmatic API: `import { startMock, createMockClient } from 'pocketm8-mock'`.
 */
import type { Server } from 'node:http';
import { DEFAULT_LIMITS } from './apis/context.ts';
import { createMockClient, type MockClient } from './client/client.ts';
import { DEFAULT_WORLD_LIMITS } from './engine/worlds.ts';
import { parseDuration } from './lib/duration.ts';
import { createLogger, type LogLevel } from './lib/logger.ts';
import type { BinConfig } from './server/config.ts';
import { listenMock } from './server/start.ts';

export { createMockClient, MockControlError } from './client/client.ts';
export type {
  ClockState,
  FaultRequest,
  FaultRule,
  Health,
  JournalEntry,
  MockClient,
  MockClientOptions,
  OutboxEntry,
  OutboxFilter,
  Snapshot,
  UserOverview,
  WaitForCodeOptions,
  WorldSummary,
} from './client/client.ts';

export interface StartMockOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default true. With false, the state is kept in `dbFile` (default `.data/db.json` of the current folder). */
  inMemory?: boolean;
  dbFile?: string;
  /** A fixtures folder (db.json + media/); default: the package's own. */
  fixtures?: string;
  /** Derived codes (the default, seed `pocketm8`) or one fixed code for every send. */
  codes?: { mode: 'derived'; seed?: string } | { mode: 'fixed'; code: string };
  /** Default `silent`. */
  logLevel?: LogLevel;
  adminToken?: string;
  /** Added to every Pocketm8 and PACE request. */
  latencyMs?: number;
  /** Default `*`. */
  corsOrigin?: string;
  /** `strict` turns a response that breaks the spec into a 500 (default `warn`: logged). */
  responseValidation?: 'off' | 'warn' | 'strict';
  maxWorlds?: number;
  /** Like `24h` or `30m`. */
  worldTtl?: string;
}

export interface RunningMock {
  /** `http://127.0.0.1:40123` */
  url: string;
  port: number;
  /** The listening Node server. */
  server: Server;
  /** A fresh world (`PUT /__mock/worlds/{name}`) and a client bound to it; `from` as the control API takes it. */
  world(name: string, from?: string): Promise<MockClient>;
  /** A client of the default world, or of the named one. */
  client(world?: string): MockClient;
  /** Stops the mock: requests in flight finish, stores are flushed. */
  close(): Promise<void>;
}

/**
 * Starts the mock in this process and resolves once it answers: in memory, on a free port,
 * silent, with the package's fixtures unless told otherwise.
 */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const codes = options.codes ?? { mode: 'derived' };
  const seed = codes.mode === 'derived' ? (codes.seed ?? 'pocketm8') : 'pocketm8';
  const ttlMs = options.worldTtl === undefined ? DEFAULT_WORLD_LIMITS.ttlMs : parseDuration(options.worldTtl);
  if (ttlMs === undefined) throw new Error(`startMock: worldTtl must be a duration like 30m or 24h, got "${options.worldTtl}"`);
  if (codes.mode === 'fixed' && !/^\d{6}$/.test(codes.code))
    throw new Error(`startMock: a fixed code must be 6 digits, got "${codes.code}"`);
  const config: BinConfig = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    dbFile: options.inMemory === false ? (options.dbFile ?? '.data/db.json') : null,
    fixturesDir: options.fixtures ?? '',
    logLevel: options.logLevel ?? 'silent',
    worlds: { maxWorlds: options.maxWorlds ?? DEFAULT_WORLD_LIMITS.maxWorlds, ttlMs },
    app: {
      codes: codes.mode === 'fixed' ? { kind: 'fixed', code: codes.code, seed } : { kind: 'derived', seed },
      latencyMs: options.latencyMs ?? 0,
      corsOrigin: options.corsOrigin ?? '*',
      adminToken: options.adminToken ?? null,
      responseValidation: options.responseValidation ?? 'warn',
      limits: DEFAULT_LIMITS,
    },
  };
  const running = await listenMock(config, createLogger(config.logLevel));
  const client = (world?: string) => createMockClient({ baseUrl: running.url, world, adminToken: options.adminToken });
  return {
    url: running.url,
    port: running.port,
    server: running.server,
    client,
    async world(name, from) {
      const bound = client(name);
      await bound.worlds.put(name, from);
      return bound;
    },
    close: () => running.close(),
  };
}

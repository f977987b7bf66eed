import type { StateCopy } from './control/state-copy.ts';
import type { MockAssets } from '../core/assets.ts';
import type { Clock } from '../domain/clock.ts';
import type { EventBus, JournalEntry } from '../domain/events.ts';
import type { Services } from '../domain/services.ts';
import type { Sessions } from '../domain/sessions.ts';
import type { CodeMode, Verification } from '../domain/verification.ts';
import type { Violation } from '../core/dispatch.ts';
import type { Logger } from '../lib/logger.ts';
import type { BlobStore } from '../store/memory-blobs.ts';
import type { Data } from '../store/data.ts';
import type { Store } from '../store/grouped-store.ts';

/** The fixtures a world starts from (and goes back to on reset). */
export interface Fixtures {
  /** A fresh copy of the fixture state each call. */
  data(): Data;
  /**
   * The fixtures' `media/` folder (the bytes of files and avatars, named by blob key). Blob
   * stores read from it what they do not hold themselves, so nothing is copied at start-up.
   */
  media: string;
  /** Clear passwords of the fixture users (for the banner). */
  passwords: ReadonlyMap<string, string>;
}

/** What createApp needs to know; the bin builds it from flags and environment. */
export interface AppConfig {
  codes: CodeMode;
  /** Added to every Pocketm8 and PACE request. */
  latencyMs: number;
  /** `*` or one origin. */
  corsOrigin: string;
  /** When set, /__mock needs it. */
  adminToken: string | null;
  /** `strict` turns a response that breaks the spec into a 500 (tests); `warn` logs it. */
  responseValidation: 'off' | 'warn' | 'strict';
  limits: { jsonBytes: number; fileBytes: number; avatarBytes: number };
}

export const DEFAULT_LIMITS = { jsonBytes: 1024 * 1024, fileBytes: 25 * 1024 * 1024, avatarBytes: 5 * 1024 * 1024 } as const;

export interface FaultRule {
  id: string;
  method: string | null;
  /** Exact path, or a prefix ending in `*`. */
  path: string;
  status: number | null;
  latencyMs: number | null;
  times: number | null;
  remaining: number | null;
  createdAt: string;
}

export interface Snapshot extends StateCopy {
  name: string;
  createdAt: string;
}

/** One world as `GET /__mock/worlds` lists it. */
export interface WorldSummary {
  name: string;
  createdAt: string;
  lastUsedAt: string;
  clockOffsetMs: number;
  counts: { users: number; tasks: number; files: number; outbox: number };
}

/** What the control API may do with worlds (the registry of the engine implements it). */
export interface WorldsControl {
  list(): Promise<WorldSummary[]>;
  /** Makes a world fresh: from the fixtures, a copy of another world, or a snapshot of the default world. */
  put(name: string, from: string): Promise<{ created: boolean; world: WorldSummary }>;
  /** `inside`: the world the request came through (removing it does not wait for that request). */
  remove(name: string, inside?: string): Promise<'deleted' | 'unknown' | 'default'>;
}

/** One world's state and what acts on it: what every handler receives as `world` (handler-types.ts). */
export interface MockContext {
  config: AppConfig;
  /** The specs, the version and the pages, from wherever this mock runs (disk, the MSW bundle). */
  assets: MockAssets;
  store: Store;
  blobs: BlobStore;
  fixtures: Fixtures;
  clock: Clock;
  bus: EventBus;
  log: Logger;
  verification: Verification;
  sessions: Sessions;
  /** The domain services over this state, built once. */
  services: Services;
  /** This world's name (`default` for the mock as it always was). */
  name: string;
  /** Every world of the mock, for the control routes under /__mock/worlds. */
  worlds: WorldsControl;
  /** Newest last; the last 1000 at least (trimmed back to 1000 when it reaches 2000). */
  journal: JournalEntry[];
  faults: FaultRule[];
  /** Fault rules created so far: their ids count on, across resets too, so a DELETE never hits a newer rule by mistake. */
  faultsCreated: number;
  snapshots: Map<string, Snapshot>;
  /** Responses that broke the spec (tests assert there are none). */
  violations: Violation[];
  /** The live state (shorthand for store.data). */
  data(): Data;
  /** Back to the fixtures: data, outbox, counters, blobs, clock, fault rules. */
  reset(): Promise<void>;
}

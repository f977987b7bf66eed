import type { AppConfig, MockContext, WorldsControl } from '../apis/context.ts';
import type { MockAssets } from '../core/assets.ts';
import type { DispatchTarget } from '../core/dispatch.ts';
import { createClock, type Clock } from '../domain/clock.ts';
import { createEventBus } from '../domain/events.ts';
import { createServices } from '../domain/services.ts';
import { Sessions } from '../domain/sessions.ts';
import { Verification } from '../domain/verification.ts';
import { silentLogger, type Logger } from '../lib/logger.ts';
import type { BlobStore } from '../store/memory-blobs.ts';
import type { Fixtures } from './fixtures.ts';
import type { Store } from '../store/grouped-store.ts';

export interface WorldOptions {
  config: AppConfig;
  /** The specs, the version and the pages: read from disk by the server, carried in the MSW bundle. */
  assets: MockAssets;
  store: Store;
  blobs: BlobStore;
  fixtures: Fixtures;
  clock?: Clock;
  logger?: Logger;
}

/** One isolated state of the mock: its context (state, clock, outbox, services) and what the core dispatches to. */
export interface World {
  context: MockContext;
  /** What the core hands the handlers (the same for the three APIs; the handlers are the mock's, built once). */
  target: DispatchTarget;
}

/** Builds a world over its store: the state's services once. */
export function createWorld(options: WorldOptions, name: string, worlds: WorldsControl): World {
  const { config, assets, store, blobs, fixtures } = options;
  const clock = options.clock ?? createClock();
  const log = options.logger ?? silentLogger;
  const bus = createEventBus();
  const data = () => store.data;
  const verification = new Verification({ data, clock, codes: config.codes, bus, log });
  const sessions = new Sessions(data, clock);
  const context: MockContext = {
    config,
    assets,
    store,
    blobs,
    fixtures,
    clock,
    bus,
    log,
    verification,
    sessions,
    services: createServices({ data, clock, verification, sessions }),
    name,
    worlds,
    journal: [],
    faults: [],
    faultsCreated: 0,
    snapshots: new Map(),
    violations: [],
    data,
    async reset() {
      // Uploads go; the fixture media stay readable under the blob store (never copied).
      await blobs.clear();
      clock.reset();
      context.faults.length = 0;
      await store.replace(fixtures.data());
      bus.emit('reset');
    },
  };
  const target: DispatchTarget = {
    world: context,
    authenticate: (token) => sessions.authenticate(token),
    onViolation: (violation) => {
      context.violations.push(violation);
      log.warn(`response breaks the spec: ${violation.operationId} ${violation.status}: ${violation.problems.join('; ')}`);
    },
    commit: () => store.commit(),
  };
  return { context, target };
}

import type { Snapshot, WorldsControl, WorldSummary } from '../apis/context.ts';
import { copyState, restoreState, type StateCopy } from '../apis/control/state-copy.ts';
import { toIso } from '../domain/clock.ts';
import { streamOf } from '../store/bytes.ts';
import { ApiError } from '../lib/api-error.ts';
import type { Logger } from '../lib/logger.ts';
import type { Data } from '../store/data.ts';
import type { FoundWorld, WorldStorage, WorldStore } from '../store/world-storage.ts';
import type { World } from './world.ts';
import { DEFAULT_WORLD } from './world-selector.ts';

export interface WorldLimits {
  /** Past this many named worlds, the least recently used one is dropped. */
  maxWorlds: number;
  /** A named world without a request for this long is dropped. */
  ttlMs: number;
}

export const DEFAULT_WORLD_LIMITS: WorldLimits = { maxWorlds: 1000, ttlMs: 24 * 60 * 60 * 1000 };

interface Entry {
  name: string;
  /** The world once its store is open. */
  world: World | undefined;
  ready: Promise<World>;
  createdAt: string;
  lastUsedMs: number;
  /** Requests being answered in it: a removal waits for them. */
  inflight: number;
  drained: (() => void) | undefined;
  store: WorldStore | undefined;
}

export interface WorldsOptions {
  storage: WorldStorage;
  limits: WorldLimits;
  fixtures: { data(): Data };
  log: Logger;
  /** Builds the world over its store (the engine's createWorld). */
  build(name: string, store: WorldStore): World;
  now?: () => number;
}

/**
 * Every world of one mock: `default` (always there) and named worlds, made at their first request
 * or by `PUT /__mock/worlds/{name}`, dropped by `DELETE`, past `maxWorlds` (least recently used
 * first) or after `ttlMs` without a request. A world being removed finishes its requests first;
 * a request for its name meanwhile waits and then gets a fresh world.
 */
export class Worlds implements WorldsControl {
  readonly #entries = new Map<string, Entry>();
  readonly #removing = new Map<string, Promise<void>>();
  readonly #options: WorldsOptions;
  readonly #now: () => number;
  /** Worlds with a folder on disk from an earlier run (file store), not opened yet. */
  readonly #onDisk = new Map<string, FoundWorld>();
  readonly #found: Promise<void>;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #default: Entry;

  constructor(defaultWorld: World, options: WorldsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const now = this.#now();
    this.#default = {
      name: DEFAULT_WORLD,
      world: defaultWorld,
      ready: Promise.resolve(defaultWorld),
      createdAt: toIso(now),
      lastUsedMs: now,
      inflight: 0,
      drained: undefined,
      store: undefined,
    };
    this.#entries.set(DEFAULT_WORLD, this.#default);
    this.#found = options.storage.found().then(async (found) => {
      for (const world of found) {
        if (this.#now() - world.lastWriteMs > options.limits.ttlMs) await options.storage.remove(world.name, undefined);
        else this.#onDisk.set(world.name, world);
      }
    });
    this.#timer = setInterval(() => this.sweep(), Math.min(options.limits.ttlMs / 4, 60_000));
    (this.#timer as { unref?: () => void }).unref?.();
  }

  get default(): World {
    return this.#entries.get(DEFAULT_WORLD)!.world!;
  }

  /**
   * The world a request acts on, made fresh from the fixtures (or read back from disk) at its first
   * request; call `leave` once the request is answered.
   */
  enter(name: string): { entry: Entry; world: World | Promise<World> } {
    const entry = this.#entries.get(name) ?? this.#create(name, undefined);
    entry.inflight += 1;
    entry.lastUsedMs = this.#now();
    return { entry, world: entry.world ?? entry.ready };
  }

  /** A request in the default world (which takes no `enter`): its last use for the list. */
  usedDefault(): void {
    this.#default.lastUsedMs = this.#now();
  }

  leave(entry: Entry): void {
    entry.inflight -= 1;
    if (entry.inflight === 0) entry.drained?.();
  }

  /**
   * Every world, most recently used first. Worlds kept on disk by an earlier run are opened first,
   * so that the list after a restart is the list before it (each with its last write as its last use).
   */
  async list(): Promise<WorldSummary[]> {
    await this.#found;
    const opening = [];
    for (const [name, found] of this.#onDisk) {
      if (this.#entries.has(name)) continue;
      const entry = this.#create(name, undefined);
      entry.lastUsedMs = found.lastWriteMs;
      opening.push(entry.ready.catch(() => undefined));
    }
    await Promise.all(opening);
    return [...this.#entries.values()]
      .filter((entry) => entry.world !== undefined)
      .sort((a, b) => b.lastUsedMs - a.lastUsedMs)
      .map((entry) => this.#summary(entry, entry.world!));
  }

  async put(name: string, from: string): Promise<{ created: boolean; world: WorldSummary }> {
    const source = await this.#source(from);
    await this.#found;
    const entry = this.#entries.get(name);
    const existed = entry !== undefined || this.#onDisk.has(name);
    // A world that exists is made fresh in place: no removal to wait for, even from inside it.
    const copy = source === 'fixtures' ? undefined : source;
    const world = entry ? await entry.ready : await this.#create(name, copy, true).ready;
    if (entry) await refresh(world, copy ?? this.#fixturesCopy(), name !== DEFAULT_WORLD);
    return { created: !existed, world: this.#summary(this.#entries.get(name) ?? entry!, world) };
  }

  /** `inside`: the world the request came through; removing it does not wait for that request. */
  async remove(name: string, inside?: string): Promise<'deleted' | 'unknown' | 'default'> {
    if (name === DEFAULT_WORLD) return 'default';
    await this.#found;
    if (!this.#entries.has(name) && !this.#onDisk.has(name)) return 'unknown';
    const removal = this.#remove(name);
    if (inside !== name) await removal;
    return 'deleted';
  }

  /** Drops the worlds unused for longer than the limit. */
  sweep(): void {
    const oldest = this.#now() - this.#options.limits.ttlMs;
    for (const entry of this.#entries.values()) {
      if (entry.name !== DEFAULT_WORLD && entry.lastUsedMs < oldest) this.#drop(entry, `unused for longer than --world-ttl`);
    }
  }

  /** Waits for pending writes of every world (a clean stop) and stops the sweep. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#removing.values()]);
    await Promise.all([...this.#entries.values()].map((entry) => entry.ready.then((world) => world.context.store.flush())));
  }

  /** What a `from` names, copied now: the fixtures, another world, or a snapshot of the default world. */
  async #source(from: string): Promise<StateCopy | 'fixtures'> {
    if (from === 'fixtures') return 'fixtures';
    const [kind, name = ''] = [from.slice(0, from.indexOf(':')), from.slice(from.indexOf(':') + 1)];
    if (kind === 'world') {
      const entry = this.#entries.get(name);
      if (!entry && !this.#onDisk.has(name)) throw new ApiError('NOT_FOUND', { detail: `no world named ${name}` });
      const { entry: used, world } = this.enter(name);
      try {
        return await copyState((await world).context);
      } finally {
        this.leave(used);
      }
    }
    const snapshot: Snapshot | undefined = this.default.context.snapshots.get(name);
    if (kind !== 'snapshot' || !snapshot) throw new ApiError('NOT_FOUND', { detail: `no snapshot named ${name} in the default world` });
    return snapshot;
  }

  #fixturesCopy(): StateCopy {
    return { data: JSON.stringify(this.#options.fixtures.data()), clockOffsetMs: 0, blobs: new Map() };
  }

  /** `fresh`: made fresh on purpose (PUT), so a world kept on disk by an earlier run is replaced. */
  #create(name: string, source: StateCopy | undefined, fresh = false): Entry {
    this.#makeRoom();
    const now = this.#now();
    const entry: Entry = {
      name,
      world: undefined,
      ready: undefined as unknown as Promise<World>,
      createdAt: toIso(now),
      lastUsedMs: now,
      inflight: 0,
      drained: undefined,
      store: undefined,
    };
    const { storage, fixtures } = this.#options;
    entry.ready = (async () => {
      // A world of the same name on its way out finishes first; so does the scan of the disk.
      await this.#removing.get(name);
      await this.#found;
      const initial = () => (source ? (JSON.parse(source.data) as Data) : fixtures.data());
      const opened = await storage.open(name, initial);
      // Made fresh over a world kept on disk by an earlier run: its state is replaced; read back, it
      // keeps the time it was made.
      const kept = this.#onDisk.get(name);
      if (fresh && kept) await opened.store.replace(initial());
      else if (kept) entry.createdAt = toIso(kept.createdMs);
      entry.store = opened;
      const world = this.#options.build(name, opened);
      if (source) {
        for (const [key, bytes] of source.blobs) await opened.blobs.put(key, streamOf(bytes), Number.MAX_SAFE_INTEGER);
        world.context.clock.advance(source.clockOffsetMs);
      }
      this.#onDisk.delete(name);
      entry.world = world;
      return world;
    })();
    // A world that cannot be opened is forgotten, so the next request tries again.
    entry.ready.catch(() => {
      if (this.#entries.get(name) === entry) this.#entries.delete(name);
    });
    this.#entries.set(name, entry);
    return entry;
  }

  /** Past the limit, the least recently used named world goes. */
  #makeRoom(): void {
    // The table always holds `default`; below the limit nothing is looked at (no copy of a thousand entries per new world).
    if (this.#entries.size - 1 < this.#options.limits.maxWorlds) return;
    let lru: Entry | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.name !== DEFAULT_WORLD && (lru === undefined || entry.lastUsedMs < lru.lastUsedMs)) lru = entry;
    }
    if (lru) this.#drop(lru, 'least recently used, past --max-worlds');
  }

  #drop(entry: Entry, why: string): void {
    this.#options.log.info(`world "${entry.name}" dropped (${why}); its next request starts it afresh`);
    void this.#remove(entry.name);
  }

  /** Out of the table at once (new requests get a fresh world); gone from storage once its requests are answered. */
  #remove(name: string): Promise<void> {
    const entry = this.#entries.get(name);
    this.#entries.delete(name);
    this.#onDisk.delete(name);
    const previous = this.#removing.get(name) ?? Promise.resolve();
    const removal = previous
      .then(async () => {
        if (entry) {
          await entry.ready.catch(() => undefined);
          if (entry.inflight > 0) await new Promise<void>((resolve) => (entry.drained = resolve));
          entry.world?.context.bus.emit('reset');
          entry.world?.context.bus.emit('closed');
        }
        await this.#options.storage.remove(name, entry?.store);
      })
      .catch((error: unknown) => this.#options.log.error(`world "${name}" not removed: ${(error as Error).message}`))
      .finally(() => {
        if (this.#removing.get(name) === removal) this.#removing.delete(name);
      });
    this.#removing.set(name, removal);
    return removal;
  }

  #summary(entry: Entry, world: World): WorldSummary {
    const data = world.context.data();
    return {
      name: entry.name,
      createdAt: entry.createdAt,
      lastUsedAt: toIso(entry.lastUsedMs),
      clockOffsetMs: world.context.clock.offsetMs,
      counts: { users: data.users.length, tasks: data.tasks.length, files: data.files.length, outbox: data.outbox.length },
    };
  }
}

/** Makes an existing world fresh from a copied state: uploads, faults, journal (and its own snapshots) go too. */
async function refresh(world: World, source: StateCopy, dropSnapshots: boolean): Promise<void> {
  const { context } = world;
  await context.blobs.clear();
  context.faults.length = 0;
  context.journal.length = 0;
  if (dropSnapshots) context.snapshots.clear();
  await restoreState(context, source);
  context.bus.emit('reset');
}

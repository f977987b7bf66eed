import { Low, Memory } from 'lowdb';
import { emptyData, type Data } from './data.ts';
import { DurableJSONFile } from './durable-json-file.ts';

/**
 * The state of the mock. Services change `data` in place (synchronously, so no request sees
 * a half-done change) and then `await commit()`: it resolves once a disk write that holds
 * those changes has finished. Changes that arrive while a write runs are grouped into the next
 * single write, so the file is written at most once at a time however many requests wait.
 */
export interface Store {
  readonly data: Data;
  commit(): Promise<void>;
  /** Swaps the whole state (reset, snapshot restore) and commits it. */
  replace(data: Data): Promise<void>;
  /** Waits for pending writes. */
  flush(): Promise<void>;
  readonly kind: 'file' | 'memory';
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * How long the next write waits after one that carried several changes: the clients just
 * answered send their next change within about a millisecond, and it rides in the same write
 * instead of the one after. A lone client (one change per write) never waits.
 */
const LINGER_MS = 1;

class LowStore implements Store {
  readonly #db: Low<Data>;
  /** The changes not yet in a write that started, and whoever waits for them. */
  #next: Deferred | null = null;
  #waiting = 0;
  #running: Promise<void> | null = null;
  #scheduled = false;

  constructor(db: Low<Data>, readonly kind: 'file' | 'memory') {
    this.#db = db;
  }

  get data(): Data {
    return this.#db.data;
  }

  commit(): Promise<void> {
    this.#next ??= deferred();
    this.#waiting += 1;
    const promise = this.#next.promise;
    if (!this.#running && !this.#scheduled) this.#running = this.#write();
    return promise;
  }

  async replace(data: Data): Promise<void> {
    this.#db.data = data;
    await this.commit();
  }

  async flush(): Promise<void> {
    while (this.#running || this.#next) await (this.#running ?? this.#next?.promise)?.catch(() => undefined);
  }

  /** Starts the next write, after `delayMs` when more changes are likely on their way. */
  #schedule(delayMs: number): void {
    if (delayMs === 0) {
      this.#running = this.#write();
      return;
    }
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      this.#running = this.#write();
    }, delayMs);
  }

  async #write(): Promise<void> {
    const group = this.#next!;
    const size = this.#waiting;
    this.#next = null;
    this.#waiting = 0;
    try {
      await this.#db.write();
      group.resolve();
    } catch (error) {
      group.reject(error);
    }
    this.#running = null;
    if (this.#next) this.#schedule(size > 1 ? LINGER_MS : 0);
  }
}

/**
 * Opens the JSON file store. `fresh` is true when the file did not exist yet (the caller loads
 * fixtures then); collections missing from an older file are added empty.
 */
export async function openFileStore(file: string, initial: () => Data): Promise<{ store: Store; fresh: boolean }> {
  const adapter = new DurableJSONFile<Data>(file);
  await adapter.removeStaleTemps();
  const existing = await adapter.read();
  const data = existing ? { ...emptyData(), ...existing } : initial();
  // A fresh state is written with its first change, not now: until then a restart finds no file
  // and loads the same fixtures again, which gives the same state.
  return { store: new LowStore(new Low<Data>(adapter, data), 'file'), fresh: !existing };
}

/** A store that lives in memory only: tests and `--in-memory`. */
export function createMemoryStore(data: Data): Store {
  const db = new Low<Data>(new Memory<Data>(), data);
  return new LowStore(db, 'memory');
}

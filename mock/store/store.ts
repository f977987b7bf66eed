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

class LowStore implements Store {
  readonly #db: Low<Data>;
  #running: Promise<void> | null = null;
  #next: Deferred | null = null;

  constructor(db: Low<Data>, readonly kind: 'file' | 'memory') {
    this.#db = db;
  }

  get data(): Data {
    return this.#db.data;
  }

  commit(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#writeLoop();
      return this.#running;
    }
    // The running write may have serialised the state before this change: join the next one.
    this.#next ??= deferred();
    return this.#next.promise;
  }

  async replace(data: Data): Promise<void> {
    this.#db.data = data;
    await this.commit();
  }

  async flush(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  async #writeLoop(): Promise<void> {
    try {
      await this.#db.write();
    } finally {
      const waiting = this.#next;
      this.#next = null;
      this.#running = waiting ? this.#writeLoop() : null;
      if (waiting) this.#running?.then(waiting.resolve, waiting.reject);
    }
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
  const store = new LowStore(new Low<Data>(adapter, data), 'file');
  if (!existing) await store.commit();
  return { store, fresh: !existing };
}

/** A store that lives in memory only: tests and `--in-memory`. */
export function createMemoryStore(data: Data): Store {
  const db = new Low<Data>(new Memory<Data>(), data);
  return new LowStore(db, 'memory');
}

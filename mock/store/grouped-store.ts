import { Low, Memory } from 'lowdb';
import { describeChange, StateShadow } from './changes.ts';
import type { Data } from './data.ts';
import { hasNoted, isCheckingNotedChanges, takeNoted, type Noted } from './marks.ts';

/**
 * The state of the mock. Services change `data` in place (synchronously, so no request sees
 * a half-done change), note each change (`changed`, marks.ts) and then `await commit()`: it
 * resolves once a disk write that holds those changes has finished. Changes that arrive while a
 * write runs are grouped into the next single write, so the disk is written at most once at a
 * time however many requests wait. A commit with nothing noted (a refused request, a write that
 * found nothing to do) starts no write.
 */
export interface Store {
  readonly data: Data;
  commit(): Promise<void>;
  /** Swaps the whole state (reset, snapshot restore) and commits it. */
  replace(data: Data): Promise<void>;
  /** Waits for pending writes (the file store then also folds its log into db.json). */
  flush(): Promise<void>;
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
 * After a write that carried several changes, the next one waits while changes keep coming
 * (no more than QUIET_MS apart, at most LINGER_MS in all): the clients just answered send their
 * next change at once, and it rides in that write instead of a write of its own. After a write
 * of one change (a lone client), the next starts at once.
 */
const QUIET_MS = 1;
const LINGER_MS = 5;

/**
 * Runs one write at a time and groups the commits that arrive meanwhile into the next: a
 * commit resolves once a write that started after it has finished.
 */
class GroupedWrites {
  #next: Deferred | null = null;
  #waiting = 0;
  #running: Promise<void> | null = null;
  #scheduled = false;
  #lastCommit = 0;

  constructor(private readonly write: () => Promise<void>) {}

  commit(): Promise<void> {
    this.#next ??= deferred();
    this.#waiting += 1;
    this.#lastCommit = performance.now();
    const promise = this.#next.promise;
    if (!this.#running && !this.#scheduled) this.#running = this.#run();
    return promise;
  }

  /**
   * Resolves once the write under way, if any, has ended (whatever its outcome, as a commit
   * joining it would have before). A change noted before it began is in it.
   */
  current(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async settled(): Promise<void> {
    while (this.#running || this.#next) await (this.#running ?? this.#next?.promise)?.catch(() => undefined);
  }

  async #run(): Promise<void> {
    const group = this.#next!;
    const size = this.#waiting;
    this.#next = null;
    this.#waiting = 0;
    try {
      await this.write();
      group.resolve();
    } catch (error) {
      group.reject(error);
    }
    this.#running = null;
    if (!this.#next) return;
    if (size <= 1) {
      this.#running = this.#run();
      return;
    }
    this.#scheduled = true;
    const lingerStart = performance.now();
    const start = () => {
      const now = performance.now();
      if (now - this.#lastCommit < QUIET_MS && now - lingerStart < LINGER_MS) return void setTimeout(start, QUIET_MS);
      this.#scheduled = false;
      this.#running = this.#run();
    };
    setTimeout(start, QUIET_MS);
  }
}

/** A lowdb database whose writes are grouped; subclasses say what a write does. */
export abstract class GroupedStore implements Store {
  protected readonly db: Low<Data>;
  // What was noted is taken as the write begins, in the same turn as the subclass reads the state.
  readonly #writes = new GroupedWrites(() => this.write(this.#checked(takeNoted(this.data))));
  /** With checkNotedChanges on: a copy of the state, to find changes that were never noted. */
  #check: StateShadow | null;

  constructor(db: Low<Data>) {
    this.db = db;
    // The state a store starts from is its first state, not a change to it.
    takeNoted(db.data);
    this.#check = isCheckingNotedChanges() ? new StateShadow(this.#state) : null;
  }

  get data(): Data {
    return this.db.data;
  }

  /**
   * Why a commit with nothing noted skips the write instead of comparing the state: whether a
   * request changed anything is known where it changes it (the services note each change,
   * marks.ts), at no cost, while a comparison walks every record (milliseconds at 10,000 tasks,
   * once per request when nothing groups them). It still waits for a write under way: changes
   * noted before that write began, by this request too, are in it.
   */
  commit(): Promise<void> {
    if (hasNoted(this.data)) return this.#writes.commit();
    try {
      this.#checked(new Map());
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.#writes.current();
  }

  async replace(data: Data): Promise<void> {
    this.db.data = data;
    takeNoted(data);
    if (this.#check) this.#check = new StateShadow(this.#state);
    this.replaced();
    await this.#writes.commit();
  }

  flush(): Promise<void> {
    return this.#writes.settled();
  }

  /** Writes the changes noted since the last write (the whole state after `replace`). */
  protected abstract write(noted: Noted): Promise<void>;

  get #state(): Record<string, unknown> {
    return this.data as unknown as Record<string, unknown>;
  }

  /** With checkNotedChanges on: fails on a change to the state that was not noted. */
  #checked(noted: Noted): Noted {
    if (!this.#check) return noted;
    this.#check.diff(this.#state, noted);
    const missed = this.#check.diff(this.#state);
    if (missed.length > 0)
      throw new Error(`the state changed without changed() (mock/store/marks.ts): ${missed.map(describeChange).join('; ')}`);
    return noted;
  }

  /** Called when `replace` swapped the whole state, before its commit. */
  protected replaced(): void {}
}

/** A store that lives in memory only: tests and `--in-memory`. */
class MemoryStore extends GroupedStore {
  constructor(data: Data) {
    super(new Low<Data>(new Memory<Data>(), data));
  }

  protected write(): Promise<void> {
    return this.db.write();
  }
}

/** A store that lives in memory only: tests, `--in-memory` and the MSW door. */
export function createMemoryStore(data: Data): Store {
  return new MemoryStore(data);
}

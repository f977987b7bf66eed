import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { applyChanges, StateShadow, type Change } from './changes.ts';
import { emptyData, type Data } from './data.ts';
import { DurableJSONFile } from './durable-json-file.ts';

/**
 * The state of the mock. Services change `data` in place (synchronously, so no request sees
 * a half-done change) and then `await commit()`: it resolves once a disk write that holds
 * those changes has finished. Changes that arrive while a write runs are grouped into the next
 * single write, so the disk is written at most once at a time however many requests wait.
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
abstract class GroupedStore implements Store {
  protected readonly db: Low<Data>;
  readonly #writes = new GroupedWrites(() => this.write());

  constructor(db: Low<Data>) {
    this.db = db;
  }

  get data(): Data {
    return this.db.data;
  }

  commit(): Promise<void> {
    return this.#writes.commit();
  }

  async replace(data: Data): Promise<void> {
    this.db.data = data;
    this.replaced();
    await this.commit();
  }

  flush(): Promise<void> {
    return this.#writes.settled();
  }

  protected abstract write(): Promise<void>;

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

/** The log is folded into db.json once it is larger than this and than db.json itself. */
export const FOLD_AT_BYTES = 1024 * 1024;

/**
 * The first line of the log: the SHA-1 of the db.json it follows. A log whose base is not the
 * db.json on disk (a crash after db.json was rewritten, before the log was emptied) is not
 * replayed: db.json already holds it.
 */
interface LogHeader {
  base: string;
}

/**
 * The state in `db.json` (written whole by lowdb, atomically: see DurableJSONFile) plus
 * `db.json.log`: a header naming that db.json, then one JSON line per write with only what
 * changed since the write before (see changes.ts), appended and fsynced before the write's
 * commits resolve. A write costs what changed, not the size of the state. The log is folded into
 * db.json (db.json rewritten, the log started again) on the first write after start-up or a
 * `replace`, once it outgrows db.json, and at `flush` (a clean exit).
 */
class FileStore extends GroupedStore {
  readonly #adapter: DurableJSONFile<Data>;
  readonly #logPath: string;
  readonly #foldAtBytes: number;
  #logBytes: number;
  /** The state as last written; null until the first write, and after `replace`: that write folds. */
  #shadow: StateShadow | null = null;

  constructor(adapter: DurableJSONFile<Data>, data: Data, logPath: string, logBytes: number, foldAtBytes: number) {
    super(new Low<Data>(adapter, data));
    this.#adapter = adapter;
    this.#logPath = logPath;
    this.#logBytes = logBytes;
    this.#foldAtBytes = foldAtBytes;
  }

  protected override replaced(): void {
    this.#shadow = null;
  }

  override async flush(): Promise<void> {
    await super.flush();
    if (this.#logBytes > 0) await this.#fold();
  }

  protected async write(): Promise<void> {
    if (!this.#shadow) return this.#fold();
    const changes: Change[] = this.#shadow.diff(this.data as unknown as Record<string, unknown>);
    if (changes.length === 0) return;
    const line = `${JSON.stringify(changes)}\n`;
    await this.#append(line);
    this.#logBytes += Buffer.byteLength(line);
    if (this.#logBytes > Math.max(this.#foldAtBytes, this.#adapter.lastSize)) await this.#fold();
  }

  /** Rewrites db.json with the whole state, then starts the log again on it. */
  async #fold(): Promise<void> {
    // Created first, so that db.json's folder fsync also makes the log file's name durable.
    await mkdir(dirname(this.#logPath), { recursive: true });
    await (await open(this.#logPath, 'a')).close();
    // The shadow and db.json's text are both taken now, in one turn: changes made while the
    // file is written belong to the next write.
    this.#shadow ??= new StateShadow(this.data as unknown as Record<string, unknown>);
    await this.db.write();
    await this.#append(`${JSON.stringify({ base: this.#adapter.lastHash } satisfies LogHeader)}\n`, true);
    this.#logBytes = 0;
  }

  async #append(text: string, restart = false): Promise<void> {
    const log = await open(this.#logPath, restart ? 'w' : 'a');
    try {
      await log.write(text);
      await log.datasync();
    } finally {
      await log.close();
    }
  }
}

/**
 * The log's changes, each line a write, when the log follows the db.json whose SHA-1 is `base`,
 * and their size; a last line cut short by a crash (never acknowledged) is left out.
 */
async function readLog(path: string, base: string): Promise<{ writes: Change[][]; bytes: number }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const [head, ...lines] = text.split('\n');
  let header: Partial<LogHeader> | undefined;
  try {
    header = JSON.parse(head ?? '') as Partial<LogHeader>;
  } catch {
    header = undefined;
  }
  if (header?.base !== base) return { writes: [], bytes: 0 };
  const writes: Change[][] = [];
  let bytes = 0;
  for (const line of lines) {
    if (line === '') continue;
    try {
      writes.push(JSON.parse(line) as Change[]);
    } catch {
      break;
    }
    bytes += Buffer.byteLength(line) + 1;
  }
  return { writes, bytes };
}

/** Where the file store keeps the changes not yet folded into db.json. */
export const logPathOf = (file: string) => `${file}.log`;

async function readState(adapter: DurableJSONFile<Data>, file: string): Promise<{ data: Data; logBytes: number } | null> {
  const existing = await adapter.read();
  if (!existing) return null;
  const data = { ...emptyData(), ...existing };
  const log = await readLog(logPathOf(file), adapter.lastHash);
  for (const changes of log.writes) applyChanges(data as unknown as Record<string, unknown>, changes);
  return { data, logBytes: log.bytes };
}

/**
 * The state the file store holds on disk (db.json with its log replayed), or null when there
 * is no db.json: what a restart would load. For tools and tests that look at a store's files.
 */
export async function readStoredState(file: string): Promise<Data | null> {
  return (await readState(new DurableJSONFile<Data>(file), file))?.data ?? null;
}

/**
 * Opens the JSON file store: db.json with its log replayed, or `initial()` when there is no
 * db.json yet; collections missing from an older file are added empty.
 */
export async function openFileStore(file: string, initial: () => Data, options: { foldAtBytes?: number } = {}): Promise<Store> {
  const adapter = new DurableJSONFile<Data>(file);
  await adapter.removeStaleTemps();
  const stored = await readState(adapter, file);
  // A log without its db.json (db.json deleted to start over) belongs to nothing.
  if (!stored) await rm(logPathOf(file), { force: true });
  // A fresh state is written with its first change, not now: until then a restart finds no file
  // and loads the same fixtures again, which gives the same state.
  return new FileStore(adapter, stored?.data ?? initial(), logPathOf(file), stored?.logBytes ?? 0, options.foldAtBytes ?? FOLD_AT_BYTES);
}

/** A store that lives in memory only: tests and `--in-memory`. */
export function createMemoryStore(data: Data): Store {
  return new MemoryStore(data);
}

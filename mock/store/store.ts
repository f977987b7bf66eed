import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { applyChanges, StateShadow, type Change } from './changes.ts';
import { emptyData, type Data } from './data.ts';
import { DurableJSONFile } from './durable-json-file.ts';
import { GroupedStore, type Store } from './grouped-store.ts';
import type { Noted } from './marks.ts';

export { createMemoryStore, type Store } from './grouped-store.ts';

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
 * commits resolve. A write costs what changed, not the size of the state: only what the
 * services noted (marks.ts) is compared with the shadow copy. The log is folded into
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

  protected async write(noted: Noted): Promise<void> {
    if (!this.#shadow) return this.#fold();
    const changes: Change[] = this.#shadow.diff(this.data as unknown as Record<string, unknown>, noted);
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
export async function openFileStore(
  file: string,
  initial: () => Data,
  options: { foldAtBytes?: number; nothingOnDisk?: boolean } = {},
): Promise<Store> {
  const adapter = new DurableJSONFile<Data>(file);
  // `nothingOnDisk`: the caller saw that the folder of `file` does not exist, so nothing is looked for.
  const stored = options.nothingOnDisk ? null : await readStored(adapter, file);
  // A fresh state is written with its first change, not now: until then a restart finds no file
  // and loads the same fixtures again, which gives the same state.
  return new FileStore(adapter, stored?.data ?? initial(), logPathOf(file), stored?.logBytes ?? 0, options.foldAtBytes ?? FOLD_AT_BYTES);
}

/** What a file store finds on disk: its state (with its log replayed), or null; stale temporary files and an orphan log go. */
async function readStored(adapter: DurableJSONFile<Data>, file: string) {
  await adapter.removeStaleTemps();
  const stored = await readState(adapter, file);
  // A log without its db.json (db.json deleted to start over) belongs to nothing.
  if (!stored) await rm(logPathOf(file), { force: true });
  return stored;
}

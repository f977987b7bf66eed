import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * lowdb adapter that makes each write atomic and durable: the JSON goes to a temporary file
 * that is fsynced, then renamed over the target, then the folder is fsynced. A crash at any
 * point leaves either the old file or the new one, never a half-written one.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #tmp: string;
  /** Size and SHA-1 (hex) of the bytes last read or written: what the store's log names as its base. */
  lastSize = 0;
  lastHash = '';

  constructor(file: string) {
    this.#file = file;
    this.#tmp = `${file}.${process.pid}.tmp`;
  }

  /** Removes the temporary files of writes that a killed process never finished (`db.json.<pid>.tmp`). */
  async removeStaleTemps(): Promise<void> {
    const name = basename(this.#file);
    const stale = (await readdir(dirname(this.#file)).catch(() => [] as string[])).filter(
      (entry) => entry.startsWith(`${name}.`) && /^\d+\.tmp$/.test(entry.slice(name.length + 1)),
    );
    await Promise.all(
      stale
        .map((entry) => join(dirname(this.#file), entry))
        .filter((path) => path !== this.#tmp)
        .map((path) => rm(path, { force: true })),
    );
  }

  async read(): Promise<T | null> {
    try {
      const bytes = await readFile(this.#file);
      this.#remember(bytes);
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  #remember(bytes: Buffer): void {
    this.lastSize = bytes.length;
    this.lastHash = createHash('sha1').update(bytes).digest('hex');
  }

  async write(data: T): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(data));
    this.#remember(bytes);
    await mkdir(dirname(this.#file), { recursive: true });
    const handle = await open(this.#tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.#tmp, this.#file);
    const folder = await open(dirname(this.#file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

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

  constructor(file: string) {
    this.#file = file;
    this.#tmp = `${file}.${process.pid}.tmp`;
  }

  /** Removes the temporary files of writes that a killed process never finished (`db.json.<pid>.tmp`). */
  async removeStaleTemps(): Promise<void> {
    const name = basename(this.#file);
    const stale = (await readdir(dirname(this.#file)).catch(() => [] as string[])).filter((entry) => entry.startsWith(`${name}.`) && /^\d+\.tmp$/.test(entry.slice(name.length + 1)));
    await Promise.all(stale.map((entry) => join(dirname(this.#file), entry)).filter((path) => path !== this.#tmp).map((path) => rm(path, { force: true })));
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(data: T): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(data));
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

import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
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

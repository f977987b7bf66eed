import { readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createFileBlobStore, createMemoryBlobStore, type BlobStore } from './blobs.ts';
import type { Data } from './data.ts';
import { createMemoryStore, openFileStore, type Store } from './store.ts';

/** What a named world keeps its state in. */
export interface WorldStore {
  store: Store;
  blobs: BlobStore;
}

/**
 * Where named worlds live: in memory, or each in its own folder beside the main db.json
 * (`worlds/{name}/db.json`, its log and its uploads), with the default world's promise that an
 * answered write survives a crash. World names are checked before they get here (one path segment
 * that cannot start with a dot), so a name never becomes a path outside the data folder.
 */
export interface WorldStorage {
  /** A persisted world is read back; a new one starts from `initial()`. */
  open(name: string, initial: () => Data): Promise<WorldStore>;
  /** Everything of the world gone, disk included (its store is flushed first). */
  remove(name: string, opened: WorldStore | undefined): Promise<void>;
  /** Worlds found on disk at start-up, with the time of their last write. */
  found(): Promise<{ name: string; lastWriteMs: number }[]>;
}

export function memoryWorldStorage(fixtureMedia: string): WorldStorage {
  return {
    open: async (_name, initial) => ({ store: createMemoryStore(initial()), blobs: createMemoryBlobStore(fixtureMedia) }),
    remove: async () => undefined,
    found: async () => [],
  };
}

/** Named worlds under `worlds/` beside the main db file. */
export function fileWorldStorage(mainDbFile: string, fixtureMedia: string): WorldStorage {
  const root = join(dirname(mainDbFile), 'worlds');
  const folderOf = (name: string) => join(root, name);
  let removals = 0;
  return {
    async open(name, initial) {
      const folder = folderOf(name);
      return {
        store: await openFileStore(join(folder, 'db.json'), initial),
        blobs: createFileBlobStore(join(folder, 'media'), fixtureMedia),
      };
    },
    async remove(name, opened) {
      await opened?.store.flush();
      // Renamed first, so a fresh world of the same name never sees the old files.
      const trash = join(root, `.removed-${process.pid}-${(removals += 1)}`);
      await rename(folderOf(name), trash).catch(() => undefined);
      await rm(trash, { recursive: true, force: true });
    },
    async found() {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      const worlds = [];
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        if (entry.name.startsWith('.')) {
          await rm(join(root, entry.name), { recursive: true, force: true });
          continue;
        }
        const written = await stat(join(root, entry.name, 'db.json')).catch(() => undefined);
        worlds.push({ name: entry.name, lastWriteMs: written?.mtimeMs ?? 0 });
      }
      return worlds;
    },
  };
}

import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createFileBlobStore } from './blobs.ts';
import { logPathOf, openFileStore } from './store.ts';
import type { WorldStorage } from './world-storage.ts';

/** Named worlds under `worlds/` beside the main db file. */
export function fileWorldStorage(mainDbFile: string, fixtureMedia: string): WorldStorage {
  const root = join(dirname(mainDbFile), 'worlds');
  const folderOf = (name: string) => join(root, name);
  let removals = 0;
  return {
    async open(name, initial) {
      const folder = folderOf(name);
      return {
        // A world without a folder (most: made in this run) has nothing to read: one synchronous stat
        // instead of three file operations through the thread pool, each failing with an error.
        store: await openFileStore(join(folder, 'db.json'), initial, { nothingOnDisk: !existsSync(folder) }),
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
        const folder = folderOf(entry.name);
        // The last write is in db.json or, after a crash, in the log beside it.
        const [made, db, log] = await Promise.all(
          [folder, join(folder, 'db.json'), logPathOf(join(folder, 'db.json'))].map((path) => stat(path).catch(() => undefined)),
        );
        const lastWriteMs = Math.max(db?.mtimeMs ?? 0, log?.mtimeMs ?? 0);
        // Where the file system keeps no birth time, the folder's change time is the best guess.
        worlds.push({ name: entry.name, lastWriteMs, createdMs: made?.birthtimeMs || made?.ctimeMs || lastWriteMs });
      }
      return worlds;
    },
  };
}

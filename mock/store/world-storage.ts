import type { Data } from './data.ts';
import { createMemoryStore, type Store } from './grouped-store.ts';
import type { BlobStore } from './memory-blobs.ts';

/** What a named world keeps its state in. */
export interface WorldStore {
  store: Store;
  blobs: BlobStore;
}

export interface FoundWorld {
  name: string;
  createdMs: number;
  lastWriteMs: number;
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
  /** Worlds found on disk at start-up, with the times of their making and of their last write. */
  found(): Promise<FoundWorld[]>;
}

/** Worlds in memory; `newBlobs` makes a world's blob store (reading the fixture media underneath). */
export function memoryWorldStorage(newBlobs: () => BlobStore): WorldStorage {
  return {
    open: async (_name, initial) => ({ store: createMemoryStore(initial()), blobs: newBlobs() }),
    remove: async () => undefined,
    found: async () => [],
  };
}

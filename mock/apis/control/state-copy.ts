import type { Clock } from '../../domain/clock.ts';
import { bytesOf, streamOf } from '../../store/bytes.ts';
import type { BlobStore } from '../../store/memory-blobs.ts';
import type { Data } from '../../store/data.ts';
import type { Store } from '../../store/grouped-store.ts';

/** A whole state as it is now: what snapshots and copies of worlds are made of. */
export interface StateCopy {
  /** The whole `Data`, as JSON. */
  data: string;
  clockOffsetMs: number;
  /** The bytes of the files and avatars that `data` refers to, by blob key. */
  blobs: Map<string, Uint8Array>;
}

/** Copies a state with the bytes behind every file and avatar, so that a restore brings them back too. */
export async function copyState(source: { data(): Data; blobs: BlobStore; clock: Clock }): Promise<StateCopy> {
  const data = source.data();
  const blobs = new Map<string, Uint8Array>();
  for (const { blob } of [...data.files, ...data.avatars]) {
    const stream = await source.blobs.get(blob);
    if (stream) blobs.set(blob, await bytesOf(stream));
  }
  return { data: JSON.stringify(data), clockOffsetMs: source.clock.offsetMs, blobs };
}

/** Puts a copied state in place: bytes first, then the data (committed), then the clock. */
export async function restoreState(target: { store: Store; blobs: BlobStore; clock: Clock }, copy: StateCopy): Promise<void> {
  for (const [key, bytes] of copy.blobs) await target.blobs.put(key, streamOf(bytes), Number.MAX_SAFE_INTEGER);
  await target.store.replace(JSON.parse(copy.data) as Data);
  target.clock.reset();
  target.clock.advance(copy.clockOffsetMs);
}

import { mkdir, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createMemoryBlobs, Hidden, meter, type BlobBase, type BlobStore } from './memory-blobs.ts';

export { BlobTooLargeError, type BlobStore } from './memory-blobs.ts';

/** A folder as a blob base: the bytes of a key, or undefined when the file is missing. */
function folderBase(folder: string): BlobBase {
  return async (key) => {
    // Opened first, so that a missing file answers undefined instead of a stream that fails later.
    const handle = await open(join(folder, key), 'r').catch(() => undefined);
    return handle && (Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>);
  };
}

/** Uploads in `folder`, over the fixtures' media folder `base` (see BlobStore). */
export function createFileBlobStore(folder: string, base?: string): BlobStore {
  const pathOf = (key: string) => join(folder, key);
  const own = folderBase(folder);
  const fallback = base === undefined ? undefined : folderBase(base);
  const hidden = new Hidden();
  return {
    async put(key, source, limit) {
      hidden.show(key);
      await mkdir(folder, { recursive: true });
      const file = await open(pathOf(key), 'w');
      const write = async (chunk: Uint8Array) => {
        for (let offset = 0; offset < chunk.byteLength;) offset += (await file.write(chunk, offset)).bytesWritten;
      };
      try {
        const metered = await meter(source, limit, write);
        // Flushed to disk before the upload is acknowledged, like the record that points to it.
        await file.sync();
        await file.close();
        return metered;
      } catch (error) {
        await file.close().catch(() => undefined);
        await rm(pathOf(key), { force: true });
        throw error;
      }
    },
    async get(key) {
      return (await own(key)) ?? hidden.base(fallback, key)?.(key);
    },
    async delete(key) {
      hidden.hide(key);
      await unlink(pathOf(key)).catch(() => undefined);
    },
    async clear() {
      hidden.clear();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Uploads in memory, over the fixtures' media folder `base`. */
export function createMemoryBlobStore(base?: string): BlobStore {
  return createMemoryBlobs(base === undefined ? undefined : folderBase(base));
}

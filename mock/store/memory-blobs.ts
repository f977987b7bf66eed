import { concatBytes, streamOf } from './bytes.ts';

/** Thrown by `BlobStore.put` when the stream is longer than the limit; nothing is kept. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`blob over ${limit} bytes`);
  }
}

/**
 * Where uploaded bytes live: a folder beside the db file (blobs.ts), or memory. Keys are generated
 * by the mock (`fil_0001`), never taken from a client's file name. Over a base (the fixtures'
 * media), a key the store does not hold is read from there: the fixture bytes are never copied.
 * The base is never written: `delete` hides its key until the key is put again or the store is
 * cleared (in memory only; what is reachable after a restart is decided by the records, and a
 * deleted file's record is gone). Bytes travel as web streams, which Node and browsers share.
 */
export interface BlobStore {
  /** Streams bytes in, stopping as soon as `limit` is passed; answers the size and the first bytes. */
  put(key: string, source: ReadableStream<Uint8Array>, limit: number): Promise<{ size: number; head: Uint8Array }>;
  get(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** Where a store finds the keys it does not hold (the fixtures' media): a folder, or bytes in memory. */
export type BlobBase = (key: string) => Promise<ReadableStream<Uint8Array> | undefined>;

const HEAD_BYTES = 64;

/**
 * Reads a stream to its end, handing each chunk to `sink`; counts the bytes, keeps the first ones
 * for type sniffing, and fails with BlobTooLargeError (cancelling the source) past the limit.
 */
export async function meter(
  source: ReadableStream<Uint8Array>,
  limit: number,
  sink: (chunk: Uint8Array) => void | Promise<void>,
): Promise<{ size: number; head: Uint8Array }> {
  const reader = source.getReader();
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { size, head };
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BlobTooLargeError(limit);
    }
    if (head.byteLength < HEAD_BYTES) head = concatBytes([head, value]).subarray(0, HEAD_BYTES);
    await sink(value);
  }
}

/** The keys of the base that were deleted. */
export class Hidden {
  readonly #keys = new Set<string>();
  hide(key: string) {
    this.#keys.add(key);
  }
  show(key: string) {
    this.#keys.delete(key);
  }
  clear() {
    this.#keys.clear();
  }
  /** The base, unless the key was deleted from it. */
  base<T>(base: T | undefined, key: string): T | undefined {
    return this.#keys.has(key) ? undefined : base;
  }
}

/** A base of bytes held in memory (the MSW bundle's fixture media). */
export function bytesBase(files: ReadonlyMap<string, Uint8Array>): BlobBase {
  return async (key) => {
    const bytes = files.get(key);
    return bytes && streamOf(bytes);
  };
}

/** A blob store in memory, over an optional base. Needs nothing of Node: the MSW door uses it in browsers. */
export function createMemoryBlobs(base?: BlobBase): BlobStore {
  const blobs = new Map<string, Uint8Array>();
  const hidden = new Hidden();
  return {
    async put(key, source, limit) {
      hidden.show(key);
      const chunks: Uint8Array[] = [];
      const metered = await meter(source, limit, (chunk) => void chunks.push(chunk));
      blobs.set(key, concatBytes(chunks));
      return metered;
    },
    async get(key) {
      const bytes = blobs.get(key);
      return bytes ? streamOf(bytes) : hidden.base(base, key)?.(key);
    },
    async delete(key) {
      hidden.hide(key);
      blobs.delete(key);
    },
    async clear() {
      hidden.clear();
      blobs.clear();
    },
  };
}

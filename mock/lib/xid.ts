// Request ids in the shape PACE sends (`cbgmhslmp1o9or9kh1p0`): an xid (the rs/xid format). No Node
// built-ins, so the same code runs in a browser.

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';

/** 20 characters of lowercase base32hex; the last one carries a single bit, so it is `0` or `g`. */
export const XID_PATTERN = /^[0-9a-v]{19}[0g]$/;

/** 12 bytes as 20 characters of lowercase base32hex without padding (the bits in order, the last 4 zero). */
export function encodeXid(bytes: Uint8Array): string {
  if (bytes.length !== 12) throw new RangeError(`an xid has 12 bytes, not ${bytes.length}`);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  return out + ALPHABET[(buffer << (5 - bits)) & 31];
}

/** The 12 bytes of an xid; throws on anything that is not one. */
export function decodeXid(id: string): Uint8Array {
  if (!XID_PATTERN.test(id)) throw new RangeError(`not an xid: ${id}`);
  const bytes = new Uint8Array(12);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of id) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8 && index < 12) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

export interface XidOptions {
  /** Milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** Fills the array with random bytes (default `crypto.getRandomValues`). */
  random?: (bytes: Uint8Array) => Uint8Array;
}

/**
 * A source of xids: 4 bytes of seconds since the epoch (big-endian), 3 bytes of machine id and
 * 2 of process id (random once per source, as a browser has neither), and a 3-byte counter from
 * a random start, so ids sort by the second they were made in and never repeat within one.
 */
export function createXidSource(options: XidOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? ((bytes: Uint8Array) => crypto.getRandomValues(bytes));
  const origin = random(new Uint8Array(8));
  let counter = ((origin[5] ?? 0) << 16) | ((origin[6] ?? 0) << 8) | (origin[7] ?? 0);
  return () => {
    const seconds = Math.floor(now() / 1000);
    counter = (counter + 1) & 0xffffff;
    const bytes = new Uint8Array(12);
    new DataView(bytes.buffer).setUint32(0, seconds >>> 0);
    bytes.set(origin.subarray(0, 5), 4);
    bytes[9] = counter >> 16;
    bytes[10] = (counter >> 8) & 0xff;
    bytes[11] = counter & 0xff;
    return encodeXid(bytes);
  };
}

let shared: (() => string) | undefined;

/** A new request id (an xid), for `Request-Id` and JSON:API's `errors[].id`. */
export function newRequestId(): string {
  shared ??= createXidSource();
  return shared();
}

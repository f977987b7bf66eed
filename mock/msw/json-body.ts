import type { BodyReadError } from '../core/request.ts';
import { concatBytes } from '../store/bytes.ts';
import { parseContentType } from './multipart-parse.ts';

const failure = (type: BodyReadError['type']): BodyReadError => ({ type });

/** Content-Encoding -> DecompressionStream format (what body-parser inflates: deflate, gzip, br). */
const FORMATS: Record<string, string> = { gzip: 'gzip', deflate: 'deflate', br: 'brotli' };

/** Inflates `bytes`, stopping past `limit`. */
async function inflate(bytes: Uint8Array, encoding: string, limitBytes: number): Promise<Uint8Array> {
  const format = FORMATS[encoding];
  let stream: ReadableStream<Uint8Array>;
  try {
    if (!format) throw new Error(encoding);
    stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format as 'gzip'));
  } catch {
    throw failure('encoding.unsupported');
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => undefined);
        throw failure('entity.too.large');
      }
      chunks.push(read.value);
    }
  } catch (error) {
    throw (error as BodyReadError).type === 'entity.too.large' ? error : failure('bad.encoding');
  }
  return concatBytes(chunks);
}

/** body-parser's strict check: a JSON body is an object or an array. */
const FIRST_CHAR = /^[ \t\n\r]*(.)/s;

/**
 * A JSON body the MSW door holds in memory, read as body-parser reads one in the Express door
 * (`express.json({ strict: true })`): a charset other than UTF-x, an unknown Content-Encoding, a
 * body over the limit once decoded or one that does not parse fail with the same BodyReadError
 * types, so the core answers them alike; an empty body is `{}`.
 */
export async function readJson(bytes: Uint8Array, headers: Readonly<Record<string, string>>, limitBytes: number): Promise<unknown> {
  const contentType = headers['content-type'];
  const charset = ((contentType && parseContentType(contentType)?.params.charset) || 'utf-8').toLowerCase();
  if (!charset.startsWith('utf-')) throw failure('charset.unsupported');
  const encoding = (headers['content-encoding'] ?? 'identity').toLowerCase();
  const raw = encoding === 'identity' ? bytes : await inflate(bytes, encoding, limitBytes);
  if (raw.byteLength > limitBytes) throw failure('entity.too.large');
  let text: string;
  try {
    text = new TextDecoder(charset).decode(raw);
  } catch {
    throw failure('charset.unsupported');
  }
  if (text.length === 0) return {};
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw failure('entity.parse.failed');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failure('entity.parse.failed');
  }
}

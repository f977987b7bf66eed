/**
 * A `multipart/form-data` body, already in memory, split into the events busboy would emit for it
 * (the Express door streams the same body through busboy): the same content-type and
 * Content-Disposition grammar, part header rules, file/field split, limits and error messages, so
 * that both doors answer a broken form alike. Ported from busboy 1.6 (MIT, Brian White), without
 * streams: the MSW door has the whole body.
 */
import { concatBytes as concat } from '../store/bytes.ts';

export type FormEvent =
  | { kind: 'file'; name: string | undefined; fileName: string | undefined; mimeType: string; bytes: Uint8Array; limited: boolean }
  | { kind: 'field'; name: string | undefined; value: string | undefined; truncated: boolean }
  | { kind: 'filesLimit' }
  | { kind: 'fieldsLimit' }
  | { kind: 'error'; message: string };

export interface ParsedForm {
  events: FormEvent[];
  /** The closing boundary was seen. */
  complete: boolean;
}

export interface FormLimits {
  fileSize: number;
  fieldSize: number;
  files: number;
  fields: number;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const table = (codes: number[]) => {
  const out = new Uint8Array(256);
  for (const code of codes) out[code] = 1;
  return out;
};
const chars = (text: string) => [...text].map((char) => char.charCodeAt(0));
const ALNUM = [...range(0x30, 0x39), ...range(0x41, 0x5a), ...range(0x61, 0x7a)];
/** RFC 7230 tchar. */
const TOKEN = table([...ALNUM, ...chars("!#$%&'*+-.^_`|~")]);
const QDTEXT = table([0x09, 0x20, 0x21, ...range(0x23, 0x5b), ...range(0x5d, 0x7e), ...range(0x80, 0xff)]);
const CHARSET = table([...ALNUM, ...chars('!#$%&+-^_`{}~')]);
const EXTENDED_VALUE = table([...ALNUM, ...chars('!#$&+-.^_`|~')]);
const FIELD_VCHAR = table([0x09, ...range(0x20, 0x7e), ...range(0x80, 0xff)]);

const isSpace = (code: number) => code === 32 || code === 9;
/** Bytes as ISO-8859-1 (one char per byte; TextDecoder's 'latin1' is windows-1252, which is not). */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return text;
}
const hexValue = (code: number) =>
  code >= 48 && code <= 57 ? code - 48 : code >= 65 && code <= 70 ? code - 55 : code >= 97 && code <= 102 ? code - 87 : -1;

/** Decodes bytes (or a latin1 string of bytes) in a charset, as busboy's getDecoder does; undefined when unknown. */
function decode(data: Uint8Array | string, charset: string, hint: number): string | undefined {
  if (data.length === 0) return '';
  const bytes = typeof data === 'string' ? Uint8Array.from(data, (char) => char.charCodeAt(0)) : data;
  switch (charset.toLowerCase()) {
    case 'utf-8':
    case 'utf8':
      return typeof data === 'string' && hint < 2 ? data : new TextDecoder('utf-8').decode(bytes);
    case 'latin1':
    case 'ascii':
    case 'us-ascii':
    case 'iso-8859-1':
    case 'iso8859-1':
    case 'iso88591':
    case 'iso_8859-1':
    case 'windows-1252':
    case 'iso_8859-1:1987':
    case 'cp1252':
    case 'x-cp1252':
      return typeof data === 'string' ? data : latin1(bytes);
    case 'utf16le':
    case 'utf-16le':
    case 'ucs2':
    case 'ucs-2':
      return new TextDecoder('utf-16le').decode(bytes);
    default:
      try {
        return new TextDecoder(charset).decode(bytes);
      } catch {
        return undefined;
      }
  }
}

/** A quoted or token value at `i`; undefined when malformed. */
function parseValue(str: string, i: number): { value: string; next: number } | undefined {
  if (str.charCodeAt(i) !== 34) {
    const start = i;
    while (i < str.length && TOKEN[str.charCodeAt(i)] === 1) i += 1;
    return i === start ? undefined : { value: str.slice(start, i), next: i };
  }
  let value = '';
  let escaping = false;
  for (i += 1; i < str.length; i += 1) {
    const code = str.charCodeAt(i);
    // Only \\ and \" are escapes; a backslash before anything else stays.
    if (code === 92) {
      if (escaping) value += '\\';
      escaping = !escaping;
      continue;
    }
    if (code === 34) {
      if (!escaping) return { value, next: i + 1 };
      value += '"';
      escaping = false;
      continue;
    }
    if (escaping) value += '\\';
    escaping = false;
    if (QDTEXT[code] !== 1) return undefined;
    value += str[i];
  }
  return undefined;
}

/** `; name=value` pairs from `i`; extended (`name*=charset'lang'value`) ones only where `extended`. */
function parseParams(str: string, i: number, extended: boolean): Record<string, string> | undefined {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  while (i < str.length) {
    while (i < str.length && isSpace(str.charCodeAt(i))) i += 1;
    if (i === str.length) break;
    if (str.charCodeAt(i) !== 59) return undefined;
    i += 1;
    while (i < str.length && isSpace(str.charCodeAt(i))) i += 1;
    if (i === str.length) return undefined;
    const nameStart = i;
    while (i < str.length && TOKEN[str.charCodeAt(i)] === 1) i += 1;
    if (i === str.length || str.charCodeAt(i) !== 61) return undefined;
    const name = str.slice(nameStart, i);
    let value: string | undefined;
    if (extended && name.endsWith('*')) {
      const charsetStart = (i += 1);
      while (i < str.length && CHARSET[str.charCodeAt(i)] === 1) i += 1;
      if (i === str.length || str.charCodeAt(i) !== 39) return undefined;
      const charset = str.slice(charsetStart, i);
      i = str.indexOf("'", i + 1);
      if (i === -1) return undefined;
      i += 1;
      if (i === str.length) return undefined;
      let raw = '';
      let hint = 0;
      for (; i < str.length; i += 1) {
        const code = str.charCodeAt(i);
        if (EXTENDED_VALUE[code] === 1) raw += str[i];
        else if (code === 37) {
          const high = hexValue(str.charCodeAt(i + 1));
          const low = hexValue(str.charCodeAt(i + 2));
          if (i + 2 >= str.length || high === -1 || low === -1) return undefined;
          const byte = (high << 4) + low;
          raw += String.fromCharCode(byte);
          hint = byte >= 128 ? 2 : Math.max(hint, 1);
          i += 2;
        } else break;
      }
      value = decode(raw, charset, hint);
    } else {
      const parsed = parseValue(str, i + 1);
      if (!parsed) return undefined;
      value = parsed.value;
      i = parsed.next;
    }
    if (value === undefined) return undefined;
    const key = name.toLowerCase();
    if (params[key] === undefined) params[key] = value;
  }
  return params;
}

/** `type/subtype; params`, lower-cased; undefined when malformed. */
export function parseContentType(str: string): { type: string; subtype: string; params: Record<string, string> } | undefined {
  const slash = str.indexOf('/');
  let i = 0;
  while (i < str.length && TOKEN[str.charCodeAt(i)] === 1) i += 1;
  if (i === 0 || i !== slash) return undefined;
  const subtypeStart = (i += 1);
  while (i < str.length && TOKEN[str.charCodeAt(i)] === 1) i += 1;
  if (i === subtypeStart) return undefined;
  const params = i === str.length ? (Object.create(null) as Record<string, string>) : parseParams(str, i, false);
  return params && { type: str.slice(0, slash).toLowerCase(), subtype: str.slice(subtypeStart, i).toLowerCase(), params };
}

function parseDisposition(str: string): { type: string; params: Record<string, string> } | undefined {
  if (str.length === 0) return undefined;
  let i = 0;
  while (i < str.length && TOKEN[str.charCodeAt(i)] === 1) i += 1;
  const params = i === str.length ? (Object.create(null) as Record<string, string>) : parseParams(str, i, true);
  return params && { type: str.slice(0, i).toLowerCase(), params };
}

/** The last path segment of a client's file name ('' for `.` and `..`). */
function basename(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = cut === -1 ? path : path.slice(cut + 1);
  return name === '..' || name === '.' ? '' : name;
}

const MAX_HEADER_SIZE = 16 * 1024;
const MAX_HEADER_PAIRS = 2000;

/** busboy's part header parser: `push` answers where the header block ended, -1 when malformed, or `end` while it goes on. */
class HeaderParser {
  header: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  #pairs = 0;
  #bytes = 0;
  #state: 'name' | 'ows' | 'value' = 'name';
  #name = '';
  #value = '';
  #crlf = 0;

  push(chunk: Uint8Array, pos: number, end: number): number | { done: number } {
    let start = pos;
    while (pos < end) {
      if (this.#state === 'name') {
        let done = false;
        for (; pos < end; pos += 1) {
          if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
          const code = chunk[pos]!;
          if (TOKEN[code] !== 1) {
            if (code !== 58) return -1;
            this.#name += latin1(chunk.subarray(start, pos));
            if (this.#name.length === 0) return -1;
            pos += 1;
            done = true;
            this.#state = 'ows';
            break;
          }
        }
        if (!done) {
          this.#name += latin1(chunk.subarray(start, pos));
          break;
        }
      }
      if (this.#state === 'ows') {
        let done = false;
        for (; pos < end; pos += 1) {
          if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
          if (!isSpace(chunk[pos]!)) {
            start = pos;
            done = true;
            this.#state = 'value';
            break;
          }
        }
        if (!done) break;
      }
      // value
      if (this.#crlf === 0) {
        for (; pos < end; pos += 1) {
          if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
          const code = chunk[pos]!;
          if (FIELD_VCHAR[code] !== 1) {
            if (code !== 13) return -1;
            this.#crlf += 1;
            break;
          }
        }
        this.#value += latin1(chunk.subarray(start, pos++));
      } else if (this.#crlf === 1) {
        if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
        if (chunk[pos++] !== 10) return -1;
        this.#crlf += 1;
      } else if (this.#crlf === 2) {
        if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
        const code = chunk[pos]!;
        if (isSpace(code)) {
          start = pos;
          this.#crlf = 0;
        } else {
          if (++this.#pairs < MAX_HEADER_PAIRS) {
            const name = this.#name.toLowerCase();
            (this.header[name] ??= []).push(this.#value);
          }
          if (code === 13) {
            this.#crlf += 1;
            pos += 1;
          } else {
            start = pos;
            this.#crlf = 0;
            this.#state = 'name';
            this.#name = '';
            this.#value = '';
          }
        }
      } else {
        if (this.#bytes++ === MAX_HEADER_SIZE) return -1;
        if (chunk[pos++] !== 10) return -1;
        return { done: pos };
      }
    }
    return pos;
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = haystack.indexOf(first!, from); i !== -1 && i + needle.length <= haystack.length; i = haystack.indexOf(first!, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j += 1;
    if (j === needle.length) return i;
  }
  return -1;
}

/** Splits a form body into busboy's events, stopping at the first error. */
export function parseForm(body: Uint8Array, boundary: string, limits: FormLimits): ParsedForm {
  const events: FormEvent[] = [];
  let complete = false;
  let failed = false;
  let headers: HeaderParser | null = null;
  let skipPart = false;
  let postBoundary = 0;
  let files = 0;
  let fields = 0;
  let hitFiles = false;
  let hitFields = false;
  let file:
    | { name: string | undefined; fileName: string | undefined; mimeType: string; chunks: Uint8Array[]; size: number; limited: boolean }
    | undefined;
  let field: { name: string | undefined; charset: string; chunks: Uint8Array[]; size: number; truncated: boolean } | undefined;
  let part = { type: 'text/plain', charset: 'utf8', name: undefined as string | undefined };

  const startPart = (header: Record<string, string[]>) => {
    skipPart = false;
    part = { type: 'text/plain', charset: 'utf8', name: undefined };
    const disposition = header['content-disposition']?.[0];
    const parsed = disposition === undefined ? undefined : parseDisposition(disposition);
    if (!parsed || parsed.type !== 'form-data') return void (skipPart = true);
    if (parsed.params.name) part.name = parsed.params.name;
    let fileName: string | undefined;
    if (parsed.params['filename*']) fileName = parsed.params['filename*'];
    else if (parsed.params.filename) fileName = parsed.params.filename;
    if (fileName !== undefined) fileName = basename(fileName);
    const contentType = header['content-type']?.[0];
    const type = contentType === undefined ? undefined : parseContentType(contentType);
    if (type) {
      part.type = `${type.type}/${type.subtype}`;
      if (typeof type.params.charset === 'string') part.charset = type.params.charset.toLowerCase();
    }
    if (part.type === 'application/octet-stream' || fileName !== undefined) {
      if (files === limits.files) {
        if (!hitFiles) events.push({ kind: 'filesLimit' });
        hitFiles = true;
        return void (skipPart = true);
      }
      files += 1;
      file = { name: part.name, fileName, mimeType: part.type, chunks: [], size: 0, limited: false };
    } else {
      if (fields === limits.fields) {
        if (!hitFields) events.push({ kind: 'fieldsLimit' });
        hitFields = true;
        return void (skipPart = true);
      }
      fields += 1;
      field = { name: part.name, charset: part.charset, chunks: [], size: 0, truncated: false };
    }
  };

  const endPart = () => {
    if (file) {
      const { name, fileName, mimeType, chunks, limited } = file;
      events.push({ kind: 'file', name, fileName, mimeType, bytes: concat(chunks), limited });
      file = undefined;
    } else if (field) {
      events.push({ kind: 'field', name: field.name, value: decode(concat(field.chunks), field.charset, 0), truncated: field.truncated });
      field = undefined;
    }
  };

  // The data between two boundaries (or after the last); busboy's search callback.
  const onData = (data: Uint8Array, start: number, end: number) => {
    while (start < end && !failed) {
      if (headers) {
        const result = headers.push(data, start, end);
        if (result === -1) {
          events.push({ kind: 'error', message: 'Malformed part header' });
          failed = true;
          return;
        }
        if (typeof result === 'number') return;
        const { header } = headers;
        headers = null;
        startPart(header);
        start = result.done;
        if (start === end) return;
      }
      if (postBoundary === 1) {
        const code = data[start];
        postBoundary = code === 45 ? 2 : code === 13 ? 3 : 0;
        if (postBoundary !== 0) start += 1;
        if (start === end) return;
      }
      if (postBoundary === 2) {
        postBoundary = 0;
        if (data[start] === 45) {
          complete = true;
          return;
        }
        onData(DASH, 0, 1);
      } else if (postBoundary === 3) {
        postBoundary = 0;
        if (data[start] === 10) {
          start += 1;
          headers = new HeaderParser();
          continue;
        }
        onData(CR, 0, 1);
      }
      if (!skipPart) {
        if (file) {
          const length = Math.min(end - start, limits.fileSize - file.size);
          file.chunks.push(data.slice(start, start + length));
          file.size += length;
          if (file.size === limits.fileSize) {
            file.limited = true;
            skipPart = true;
          }
        } else if (field) {
          const length = Math.min(end - start, limits.fieldSize - field.size);
          field.chunks.push(data.slice(start, start + length));
          field.size += length;
          if (field.size === limits.fieldSize) {
            skipPart = true;
            field.truncated = true;
          }
        }
      }
      return;
    }
  };

  const stream = concat([CRLF, body]);
  const needle = new TextEncoder().encode(`\r\n--${boundary}`);
  let position = 0;
  while (!complete && !failed) {
    const match = indexOf(stream, needle, position);
    if (match === -1) break;
    onData(stream, position, match);
    if (complete || failed) break;
    postBoundary = 1;
    endPart();
    position = match + needle.length;
  }
  if (!complete && !failed) {
    onData(stream, position, stream.length);
    // A file part cut short: busboy had announced it (and maybe its limit) before the form ended.
    if (file) endPart();
  }
  return { events, complete: complete && !failed };
}

const CRLF = new Uint8Array([13, 10]);
const CR = new Uint8Array([13]);
const DASH = new Uint8Array([45]);

import type { FieldProblem } from '../lib/api-error.ts';

/** Header values as Node gives them: lower-case names, repeated headers as arrays. */
export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * A request as the core sees it, whichever door it came through (the Express server, MSW, a test
 * harness). Nothing in it is tied to a transport.
 */
export interface CoreRequest {
  /** Upper case (`GET`). */
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  path: string;
  /** The query string without its `?` (`''` when there is none). */
  search: string;
  headers: Headers;
  /** The scheme and host the client used (`http://localhost:4010`), for absolute URLs in answers. */
  origin: string;
  /** How to read the body; undefined when the request has none. */
  body: RequestBody | undefined;
}

/**
 * Reads a request's body in the door's own terms. Failures reject with a `BodyReadError` (the
 * core turns them into the API's error) or an `ApiError`.
 */
export interface RequestBody {
  /** The body parsed as JSON, at most `limitBytes` long once decoded. */
  json(limitBytes: number): Promise<unknown>;
  /** Streams a `multipart/form-data` body: the file part to `receive`, the text parts collected. */
  multipart<T>(options: MultipartOptions<T>): Promise<MultipartForm<T>>;
}

/** Why a JSON body could not be read (body-parser's names, which every door reports). */
export interface BodyReadError {
  type: 'entity.too.large' | 'entity.parse.failed' | 'encoding.unsupported' | 'charset.unsupported' | 'request.aborted' | 'bad.encoding';
}

export interface MultipartOptions<T> {
  /** The name of the one file part (required). */
  fileField: string;
  maxFileBytes: number;
  /** Consumes the file part's bytes as they arrive (stores them); nothing is buffered by the door. */
  receive(stream: ReadableStream<Uint8Array>): Promise<T>;
  /** Undoes `receive` when the request fails after all. */
  discard(stored: T): Promise<void>;
  /** Checks the form (text parts as strings, the file part as its file name) once all parts are in. */
  validate(form: Record<string, unknown>): FieldProblem[];
}

export interface MultipartForm<T> {
  file: { fileName: string | undefined; declaredType: string; stored: T };
  fields: Record<string, string>;
}

/** The first value of a header. */
export function headerOf(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The query string as a record: a repeated name gives an array, as Express's simple parser does. */
export function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (search === '') return query;
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

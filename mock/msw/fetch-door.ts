import { errorFormatOf } from '../core/apis.ts';
import { errorReply } from '../core/error-formats.ts';
import type { Reply } from '../core/handler-types.ts';
import type { CoreRequest } from '../core/request.ts';
import type { Mock } from '../engine/mock.ts';
import { ApiError } from '../lib/api-error.ts';
import { readJson } from './json-body.ts';
import { readMultipartBytes } from './multipart.ts';

/** Where the mock is mounted: the base URL as given (absolute URLs in answers) and its path prefix. */
export interface Mount {
  /** `http://localhost:4010` (no trailing slash). */
  baseUrl: string;
  /** The base URL's path (`''`, or `/mock` for `http://host/mock`). */
  prefix: string;
}

export function mountOf(baseUrl: string): Mount {
  const url = new URL(baseUrl);
  if (url.search || url.hash) throw new Error(`baseUrl must not have a query or a fragment: ${baseUrl}`);
  const prefix = url.pathname.replace(/\/+$/, '');
  return { baseUrl: `${url.origin}${prefix}`, prefix };
}

/**
 * A Fetch `Request` as the core sees it. The body is read whole first (MSW hands it over whole
 * anyway): an empty one counts as none, as a `Content-Length: 0` does for the Express door; JSON
 * and multipart bodies are then read by the same rules as there (json-body.ts, multipart.ts).
 */
export async function toCoreRequest(request: Request, mount: Mount): Promise<CoreRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const bytes = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const hasBody = bytes !== undefined && (bytes.byteLength > 0 || headers['transfer-encoding'] !== undefined);
  return {
    method: request.method.toUpperCase(),
    path: url.pathname.slice(mount.prefix.length) || '/',
    search: url.search.slice(1),
    headers,
    origin: mount.baseUrl,
    body:
      hasBody && bytes
        ? {
            json: (limitBytes) => readJson(bytes, headers, limitBytes),
            multipart: (options) => readMultipartBytes(headers['content-type'], bytes, options),
          }
        : undefined,
  };
}

/** Statuses whose responses carry no body (the Response constructor refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/** A reply as a Fetch `Response`, with the headers the Express door sends (streams stay streams). */
export function toResponse(reply: Reply, method: string): Response {
  if (reply.status < 200 || reply.status > 599) {
    // A Response cannot carry a 1xx (a `Prefer: code=1xx`): the client sees a network error.
    void reply.stream?.cancel();
    return Response.error();
  }
  const headers = new Headers(reply.headers);
  let body: ReadableStream<Uint8Array> | string | null = null;
  if (reply.stream) {
    if (reply.contentType) headers.set('Content-Type', reply.contentType);
    body = reply.stream;
  } else if (reply.body !== undefined) {
    const type = reply.contentType ?? 'application/json';
    // As server/app.ts sends it: plain JSON names its charset; JSON:API's media type goes out bare.
    headers.set('Content-Type', type === 'application/json' ? `${type}; charset=utf-8` : type);
    body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  }
  if (method === 'HEAD' || NO_BODY.has(reply.status)) {
    void reply.stream?.cancel();
    body = null;
  }
  return new Response(body, { status: reply.status, headers });
}

/** Answers one Fetch request with the mock; a failure of the door itself answers 500 in the API's format. */
export async function answer(mock: Mock, request: Request, mount: Mount): Promise<Response> {
  let path = '/';
  try {
    const core = await toCoreRequest(request, mount);
    path = core.path;
    return toResponse(await mock.handle(core), core.method);
  } catch (error) {
    mock.world.context.log.error(`unexpected error on ${request.method} ${path}: ${(error as Error)?.stack ?? String(error)}`);
    return toResponse(errorReply(errorFormatOf(path), new ApiError('INTERNAL_ERROR')), request.method);
  }
}

import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { jsonApiErrorReply } from '../apis/pace/json-api-errors.ts';
import { newRequestId } from '../lib/xid.ts';
import { ApiError } from './errors.ts';
import type { Reply } from './handler-types.ts';
import { plainErrorReply } from './plain-errors.ts';

/** Which API a path belongs to (app.ts `apiOf`). */
export type ApiOf = (path: string) => string;

/** What Node's HTTP parser and timers report before any route sees the request. */
function errorFor(code: string | undefined): ApiError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError('REQUEST_TIMEOUT', { detail: 'the request did not arrive in time' });
  if (code === 'HPE_HEADER_OVERFLOW') return new ApiError('HEADERS_TOO_LARGE', { detail: 'the request line and headers are over 16 KB' });
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return new ApiError('PAYLOAD_TOO_LARGE', { detail: 'the chunk extensions are too large' });
  return new ApiError('VALIDATION_ERROR', {
    detail: 'the request is not valid HTTP/1.1',
    errors: [{ field: 'request', message: `is not valid HTTP/1.1 (${code ?? 'unreadable'})` }],
  });
}

/** The error reply in the format of the API the path belongs to (JSON:API for PACE, plain JSON else). */
export function errorReplyFor(apiOf: ApiOf, path: string, error: ApiError): Reply & { body: unknown } {
  const reply = apiOf(path.split('?')[0] ?? '') === 'pace' ? jsonApiErrorReply(error, newRequestId()) : plainErrorReply(error);
  return { ...reply, body: reply.body };
}

/** Answers through a response object the routes never saw, and closes the connection after it. */
export function sendErrorReply(res: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(body);
}

/** Writes an error answer straight to a socket that has no response object, then closes it. */
function writeErrorReply(socket: Duplex, reply: Reply): void {
  const body = Buffer.from(JSON.stringify(reply.body));
  const headers = {
    ...reply.headers,
    'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    Connection: 'close',
  };
  const head = [
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
  // A client that neither reads nor closes does not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** The path of the request line, when the bytes that failed still hold it. */
function pathOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '';
  return /^[A-Z]+ (\/\S*) HTTP\//.exec(rawPacket.subarray(0, 2048).toString('latin1'))?.[1] ?? '';
}

/**
 * The server's `clientError` listener: a request Node refuses before any route (broken framing,
 * conflicting `Content-Length`, headers over 16 KB, a client too slow to send its request) gets
 * the error body of the API its path belongs to, like every other error, instead of Node's bare
 * status line; then the connection closes. As Node does, nothing is written once a response has
 * started on that connection.
 */
export function answerClientError(apiOf: ApiOf, error: Error & { code?: string; rawPacket?: unknown }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent)
    writeErrorReply(socket, errorReplyFor(apiOf, pathOf(error.rawPacket), errorFor(error.code)));
  else socket.destroy();
}

/** The server's `connect` listener: the mock is no proxy, so CONNECT gets a 405 instead of a silent close. */
export function refuseConnect(apiOf: ApiOf, socket: Duplex): void {
  writeErrorReply(socket, errorReplyFor(apiOf, '', new ApiError('METHOD_NOT_ALLOWED', { detail: 'the mock is not a proxy' })));
}

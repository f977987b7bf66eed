import { TOKENS } from '../harness.ts';

/** A request written byte for byte, and what must come back. */
export interface RawCase {
  name: string;
  pieces: (string | Buffer)[];
  /** An exact status, or any 4xx. */
  status: number | '4xx';
  /** Whose error body a 4xx carries. */
  api: 'pocketm8' | 'pace';
}

const TOKEN = TOKENS.alice;
const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
const json = '{"title":"Raw"}';

/**
 * Requests no HTTP library sends: conflicting and duplicated headers, broken framing and request
 * lines, smuggling attempts, oversized heads. Each must get a 4xx with the API's error body (or a
 * documented success where the duplicate is harmless), and the connection must not hang.
 */
export const RAW_CASES: RawCase[] = [
  {
    name: 'two different Content-Length headers',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Content-Length: 15',
        'Content-Length: 5',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'two equal Content-Length headers',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Content-Length: 15',
        'Content-Length: 15',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'Content-Length with Transfer-Encoding (smuggling)',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Content-Length: 15',
        'Transfer-Encoding: chunked',
        'Connection: close',
      ]),
      `f\r\n${json}\r\n0\r\n\r\n`,
    ],
  },
  {
    name: 'Transfer-Encoding that is not chunked last',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked, gzip',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'an unknown Transfer-Encoding',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Transfer-Encoding: rot13',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'a chunk size that is not hex',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
        'Connection: close',
      ]),
      `zz\r\n${json}\r\n0\r\n\r\n`,
    ],
  },
  {
    name: 'a negative Content-Length',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head(['POST /api/tasks HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: -5', 'Connection: close']),
      json,
    ],
  },
  {
    name: 'a Content-Length that is not a number',
    status: 400,
    api: 'pocketm8',
    pieces: [
      head(['POST /api/tasks HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 1e3', 'Connection: close']),
      json,
    ],
  },
  {
    name: 'a NUL byte in a header value',
    status: 400,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', 'Host: x', `Authorization: Bearer ${TOKEN}\u0000x`, 'Connection: close'])],
  },
  {
    name: 'a space in a header name',
    status: 400,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', 'Host: x', 'Bad Header: 1', 'Connection: close'])],
  },
  {
    name: 'a folded header line (obs-fold)',
    status: 400,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', 'Host: x', `Authorization: Bearer`, ` ${TOKEN}`, 'Connection: close'])],
  },
  { name: 'a request line that is not HTTP', status: 400, api: 'pocketm8', pieces: ['GARBAGE\r\n\r\n'] },
  { name: 'an unknown method', status: 400, api: 'pocketm8', pieces: [head(['FROB /api/tasks HTTP/1.1', 'Host: x', 'Connection: close'])] },
  {
    name: 'HTTP version 2.0 in an HTTP/1 request line (read as HTTP/1.1, no token)',
    status: 401,
    api: 'pocketm8',
    pieces: [head(['GET /api/tasks HTTP/2.0', 'Host: x', 'Connection: close'])],
  },
  { name: 'HTTP version 1.9', status: 400, api: 'pocketm8', pieces: [head(['GET /api/tasks HTTP/1.9', 'Host: x', 'Connection: close'])] },
  {
    name: 'a NUL byte in the path',
    status: 400,
    api: 'pocketm8',
    pieces: [head(['GET /api/tasks/\u0000 HTTP/1.1', 'Host: x', 'Connection: close'])],
  },
  {
    name: 'a space too many in the request line (tolerated, no token)',
    status: 401,
    api: 'pocketm8',
    pieces: [head(['GET  /api/tasks HTTP/1.1', 'Host: x', 'Connection: close'])],
  },
  {
    name: 'no Host header in HTTP/1.1',
    status: 400,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', `Authorization: Bearer ${TOKEN}`, 'Connection: close'])],
  },
  {
    name: 'two Host headers (the first counts)',
    status: 200,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', 'Host: a', 'Host: b', `Authorization: Bearer ${TOKEN}`, 'Connection: close'])],
  },
  {
    name: 'headers over 16 KB',
    status: 431,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(17_000)}`, 'Connection: close'])],
  },
  {
    name: 'a URL over 16 KB',
    status: 431,
    api: 'pocketm8',
    pieces: [head([`GET /api/tasks?search=${'a'.repeat(17_000)} HTTP/1.1`, 'Host: x', 'Connection: close'])],
  },
  {
    name: 'a PACE request with two different Content-Length headers',
    status: 400,
    api: 'pace',
    pieces: [
      head([
        'PUT /user/2021-2/user/phone/verify HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Content-Length: 17',
        'Content-Length: 3',
        'Connection: close',
      ]),
      '{"code":"123456"}',
    ],
  },
  {
    name: 'PACE headers over 16 KB',
    status: 431,
    api: 'pace',
    pieces: [head(['GET /user/2021-2/user/phone HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(17_000)}`, 'Connection: close'])],
  },
  // Duplicates Node resolves by keeping the first value: the answer follows the first one.
  {
    name: 'a valid token, then a garbage one',
    status: 200,
    api: 'pocketm8',
    pieces: [
      head([
        'GET /api/profile HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Authorization: Bearer garbage',
        'Connection: close',
      ]),
    ],
  },
  {
    name: 'a garbage token, then a valid one',
    status: 401,
    api: 'pocketm8',
    pieces: [
      head([
        'GET /api/profile HTTP/1.1',
        'Host: x',
        'Authorization: Bearer garbage',
        `Authorization: Bearer ${TOKEN}`,
        'Connection: close',
      ]),
    ],
  },
  {
    name: 'JSON, then text as Content-Type',
    status: 201,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: application/json',
        'Content-Type: text/plain',
        'Content-Length: 15',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'text, then JSON as Content-Type',
    status: 415,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${TOKEN}`,
        'Content-Type: text/plain',
        'Content-Type: application/json',
        'Content-Length: 15',
        'Connection: close',
      ]),
      json,
    ],
  },
  {
    name: 'a body longer than its Content-Length (answered, then the rest refused)',
    status: 401,
    api: 'pocketm8',
    pieces: [
      head(['POST /api/tasks HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 5', 'Connection: keep-alive']),
      `${json}garbage\r\n\r\n`,
    ],
  },
  {
    name: 'a CONNECT request',
    status: 405,
    api: 'pocketm8',
    pieces: [head(['CONNECT example.com:443 HTTP/1.1', 'Host: example.com:443'])],
  },
  {
    name: 'an Upgrade to WebSocket',
    status: 401,
    api: 'pocketm8',
    pieces: [
      head([
        'GET /api/profile HTTP/1.1',
        'Host: x',
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ]),
    ],
  },
  {
    name: 'an Upgrade to h2c with a body',
    status: 401,
    api: 'pocketm8',
    pieces: [
      head([
        'POST /api/tasks HTTP/1.1',
        'Host: x',
        'Connection: Upgrade, HTTP2-Settings',
        'Upgrade: h2c',
        'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA',
        'Content-Type: application/json',
        'Content-Length: 15',
      ]),
      json,
    ],
  },
  {
    name: 'an absolute URL in the request line',
    status: 200,
    api: 'pocketm8',
    pieces: [head(['GET http://evil.example/api/profile HTTP/1.1', 'Host: x', `Authorization: Bearer ${TOKEN}`, 'Connection: close'])],
  },
  {
    name: 'HTTP/1.0 without Host',
    status: 200,
    api: 'pocketm8',
    pieces: [head(['GET /api/profile HTTP/1.0', `Authorization: Bearer ${TOKEN}`])],
  },
  { name: 'bare LF line endings', status: 400, api: 'pocketm8', pieces: [`GET /api/profile HTTP/1.1\nHost: x\nConnection: close\n\n`] },
];

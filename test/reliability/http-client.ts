import { request, type Agent } from 'node:http';
import { connect } from 'node:net';

export interface SentRequest {
  method: string;
  /** Path and query, sent as written (no encoding added). */
  path: string;
  /** An array value is sent as that many header lines. */
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Send the body chunked instead of with a Content-Length. */
  chunked?: boolean;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request over a keep-alive agent; rejects when no answer comes within `timeoutMs`. */
export function send(origin: string, agent: Agent, sent: SentRequest, timeoutMs = 15_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const headers: Record<string, string | string[]> = { ...sent.headers };
    if (sent.body && !sent.chunked) headers['Content-Length'] = String(sent.body.length);
    const req = request(
      { host: url.hostname, port: url.port, method: sent.method, path: sent.path, headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (sent.body && sent.chunked) {
      req.write(sent.body);
      req.end();
    } else {
      req.end(sent.body);
    }
  });
}

export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  head: string;
  /** The body as sent (chunk framing included). */
  bytes: Buffer;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
}

/**
 * Writes bytes to a fresh connection (in pieces, with pauses, for slow clients) and reads until
 * the server closes it; for requests no HTTP client library would send.
 */
export function sendRaw(port: number, pieces: readonly (Buffer | string | { pauseMs: number })[], timeoutMs = 15_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = (split < 0 ? all : all.subarray(0, split)).toString('latin1');
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        bytes: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4),
        closedAfterMs: performance.now() - started,
      });
    });
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        if (typeof piece === 'object' && 'pauseMs' in piece) await new Promise((done) => setTimeout(done, piece.pauseMs));
        else socket.write(piece);
      }
    });
  });
}

/** The body of a raw answer as text, without the chunk framing. */
export function bodyOf(answer: RawAnswer): string {
  if (!/^transfer-encoding: chunked$/im.test(answer.head)) {
    const length = /^content-length: (\d+)$/im.exec(answer.head)?.[1];
    return (length === undefined ? answer.bytes : answer.bytes.subarray(0, Number(length))).toString('utf8');
  }
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const line = answer.bytes.indexOf('\r\n', at);
    const size = line < 0 ? 0 : parseInt(answer.bytes.subarray(at, line).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts).toString('utf8');
    parts.push(answer.bytes.subarray(line + 2, line + 2 + size));
    at = line + 2 + size + 2;
  }
}

import { once } from 'node:events';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';
import { answerClientError, errorReplyFor, refuseConnect, sendErrorReply } from './client-errors.ts';
import { ApiError } from '../lib/api-error.ts';

export interface ServerOptions {
  port: number;
  host: string;
  /** The whole head of a request must arrive within this (slowloris); default 10 s. */
  headersTimeoutMs?: number;
  /** The whole request, a 25 MB upload included, must arrive within this; default 2 min. */
  requestTimeoutMs?: number;
  /** How often the two timeouts above are checked; default 1 s (Node's own default is 30 s). */
  checkEveryMs?: number;
}

export const SERVER_TIMEOUTS = { headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, checkEveryMs: 1_000 } as const;

/**
 * Request and response classes whose objects are born with the app's prototypes, so that Express
 * finds nothing to change when it sets them on each request: in V8 an object whose prototype was
 * changed takes the slow path on every later property write, and Express and Node make dozens per
 * request (most of the CPU time of a request went there). The app's `request` and `response`
 * become the classes' prototypes, with the same properties and the same chain to Express's own.
 */
function bornForApp(app: Express) {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  for (const [made, given] of [
    [AppRequest.prototype, app.request],
    [AppResponse.prototype, app.response],
  ] as const) {
    const { constructor: _own, ...properties } = Object.getOwnPropertyDescriptors(given);
    Object.setPrototypeOf(made, Object.getPrototypeOf(given));
    Object.defineProperties(made, properties);
  }
  app.request = AppRequest.prototype as unknown as Express['request'];
  app.response = AppResponse.prototype as unknown as Express['response'];
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse };
}

/**
 * Listens with the app, and holds at the HTTP edge where Node would otherwise answer with a bare
 * status line or not at all: a client that stalls cannot hold a connection past the timeouts
 * (408); a request Node refuses before any route (broken framing, conflicting Content-Length,
 * headers over 16 KB) and an HTTP/1.1 request without Host get the API's error body (400, 431);
 * CONNECT gets 405; an `Expect` other than `100-continue` is ignored instead of refused with 417.
 * Resolves once listening.
 */
export async function startServer(app: Express, options: ServerOptions): Promise<Server> {
  const { headersTimeoutMs, requestTimeoutMs, checkEveryMs } = { ...SERVER_TIMEOUTS, ...options };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      return sendErrorReply(
        res,
        errorReplyFor(req.url ?? '', new ApiError('VALIDATION_ERROR', { errors: [{ field: 'Host', message: 'is required in HTTP/1.1' }] })),
      );
    }
    // The mock upgrades to no other protocol. Node 20 stops reading a keep-alive connection after
    // an answered `Upgrade` request whose body was left unread (an early 401 or 413), so that
    // the next request on it never gets an answer: such a connection closes after its answer.
    if (req.headers.upgrade !== undefined) res.setHeader('Connection', 'close');
    app(req, res);
  };
  const server = createServer(
    {
      ...bornForApp(app),
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: checkEveryMs,
      requireHostHeader: false,
    },
    handle,
  );
  // RFC 9110 lets a server ignore an expectation it does not know instead of answering 417.
  server.on('checkExpectation', handle);
  server.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket));
  server.on('connect', (_req: IncomingMessage, socket) => refuseConnect(socket));
  server.listen(options.port, options.host);
  await once(server, 'listening');
  return server;
}

/**
 * Stops taking connections and resolves once the requests in flight are answered: each
 * keep-alive connection is closed as soon as it is idle (a client's idle sockets would otherwise
 * hold the close for their keep-alive time), and all are cut after `graceMs`.
 */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    cut.unref();
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(cut);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

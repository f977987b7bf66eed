import cors from 'cors';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { MockContext } from '../apis/context.ts';
import { errorFormatOf } from '../core/apis.ts';
import { errorReply } from '../core/error-formats.ts';
import type { Reply } from '../core/handler-types.ts';
import type { CoreRequest, RequestBody } from '../core/request.ts';
import { createMock, type Mock, type MockOptions } from '../engine/mock.ts';
import { ApiError } from '../lib/api-error.ts';
import { serverAssets } from './assets.ts';
import { createMemoryBlobStore } from '../store/blobs.ts';
import { memoryWorldStorage } from '../store/world-storage.ts';
import { readMultipart } from './multipart.ts';

/** The mock's options; the assets default to the package's files on disk, named worlds to memory over the fixture media. */
export type CreateAppOptions = Omit<MockOptions, 'assets'> & Partial<Pick<MockOptions, 'assets'>>;

export interface MockApp {
  app: Express;
  context: MockContext;
  mock: Mock;
}

/** Headers a browser script may read on a cross-origin answer. */
const EXPOSED_HEADERS = ['Location', 'Retry-After', 'Request-Id', 'Deprecation', 'Content-Disposition'];

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Sends a reply as it is. */
export function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status);
  if (reply.headers) for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  if (reply.stream) {
    if (reply.contentType) res.setHeader('Content-Type', reply.contentType);
    // pipeline also destroys the source when the client goes away, which cancels the web stream
    // under it: no open file or listener is left.
    pipeline(Readable.fromWeb(reply.stream as NodeReadableStream<Uint8Array>), res, () => undefined);
    return;
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const type = reply.contentType ?? 'application/json';
  // Every plain JSON answer names its charset, success or error alike; JSON:API's
  // application/vnd.api+json goes out bare, as its media type allows no such parameter.
  res.setHeader('Content-Type', type === 'application/json' ? `${type}; charset=utf-8` : type);
  res.end(text);
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | undefined)?.then === 'function';

/**
 * The Express front door over the core: CORS, the body read from the socket (JSON through
 * body-parser, multipart streamed through busboy), and the core's reply written out. No side
 * effects: it does not listen, print or read the environment.
 */
export function createApp(options: CreateAppOptions): MockApp {
  const mock = createMock({
    ...options,
    assets: options.assets ?? serverAssets(),
    worldStorage: options.worldStorage ?? memoryWorldStorage(() => createMemoryBlobStore(options.fixtures.media)),
  });
  const { config } = options;
  const parseJson = express.json({ type: () => true, limit: config.limits.jsonBytes });

  const bodyOf = (req: Request, res: Response): RequestBody => ({
    json: () => new Promise((resolve, reject) => parseJson(req, res, (error?: unknown) => (error ? reject(error) : resolve(req.body)))),
    multipart: (form) => readMultipart(req, form),
  });

  const door = (req: Request, res: Response, next: NextFunction) => {
    const query = req.url.indexOf('?');
    const request: CoreRequest = {
      method: req.method,
      path: req.path,
      search: query === -1 ? '' : req.url.slice(query + 1),
      headers: req.headers,
      origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
      body: hasBody(req) ? bodyOf(req, res) : undefined,
    };
    let reply: Reply | Promise<Reply>;
    try {
      reply = mock.handle(request);
    } catch (error) {
      return next(error);
    }
    if (isPromise(reply)) reply.then((answer) => sendReply(res, answer), next);
    else sendReply(res, reply);
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const allowOrigin = cors({ origin: config.corsOrigin === '*' ? '*' : config.corsOrigin, exposedHeaders: EXPOSED_HEADERS });
  // CORS headers only mean something to a browser, which always sends Origin: others skip the work.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.headers.origin === undefined
      ? door(req, res, next)
      : allowOrigin(req, res, (error?: unknown) => (error ? next(error) : door(req, res, next))),
  );
  // The core answers every request; this only catches a failure of the door itself.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    mock.world.context.log.error(`unexpected error on ${req.method} ${req.path}: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent) return void res.destroy();
    sendReply(res, errorReply(errorFormatOf(req.path), new ApiError('INTERNAL_ERROR')));
  });
  return { app, context: mock.world.context, mock };
}

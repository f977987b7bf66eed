import { controlHandlers } from '../apis/control/index.ts';
import { authorizePace, paceDialect, paceHandlers } from '../apis/pace/index.ts';
import { pocketm8Handlers } from '../apis/pocketm8/index.ts';
import { APIS, apiOf, errorFormatOf, type ApiName } from '../core/apis.ts';
import { checkHandlers, createDispatch, type ApiDialect, type Dispatch, type Exchange } from '../core/dispatch.ts';
import { errorReply, newRequestId } from '../core/error-formats.ts';
import type { Handler, Reply } from '../core/handler-types.ts';
import type { CoreRequest } from '../core/request.ts';
import { toIso } from '../domain/clock.ts';
import { ApiError } from '../lib/api-error.ts';
import { silentLogger } from '../lib/logger.ts';
import { createMemoryBlobs } from '../store/memory-blobs.ts';
import { memoryWorldStorage, type WorldStorage } from '../store/world-storage.ts';
import { adminAllows } from './admin.ts';
import { bendOf, record } from './traffic.ts';
import { createWorld, type World, type WorldOptions } from './world.ts';
import { DEFAULT_WORLD, selectWorld } from './world-selector.ts';
import { DEFAULT_WORLD_LIMITS, Worlds, type WorldLimits } from './worlds.ts';

const plainDialect: ApiDialect = { errorFormat: 'plain', invalidBodyCode: 'VALIDATION_ERROR' };
const DIALECTS: Record<ApiName, ApiDialect> = { pocketm8: plainDialect, pace: paceDialect, control: plainDialect };
/** The handlers of each API: one set for every world (each call gets its world), so making a world builds none. */
const HANDLERS: Record<ApiName, Record<string, Handler<never, never, never>>> = {
  pocketm8: pocketm8Handlers,
  pace: paceHandlers,
  control: controlHandlers,
};

export interface MockOptions extends WorldOptions {
  /** Where named worlds keep their state (default: memory). */
  worldStorage?: WorldStorage;
  worldLimits?: WorldLimits;
  /** The wall clock that named worlds' idle time (`ttlMs`, least recently used) is read from (default `Date.now`). */
  now?: () => number;
}

export interface Mock {
  /** The default world (what requests without a world selector act on). */
  world: World;
  worlds: Worlds;
  /** Answers one request: the core's whole path, whatever door it came through. */
  handle(request: CoreRequest): Reply | Promise<Reply>;
  /** Waits for the pending writes of every world. */
  close(): Promise<void>;
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | undefined)?.then === 'function';
/**
 * Waits at least `ms` (latency asked for with `Prefer` or a fault rule): a timer may fire up to a
 * millisecond early by `performance.now()`, as the event loop's clock counts whole milliseconds.
 */
const delay = (ms: number) => {
  const until = performance.now() + ms;
  return new Promise<void>(function wait(resolve) {
    const left = until - performance.now();
    if (left > 0) setTimeout(() => wait(resolve), Math.ceil(left));
    else resolve();
  });
};

/**
 * The mock without a transport: a plain request in, a plain reply out. The request path: the
 * world (path prefix `/worlds/{name}` or `X-Mock-World`), journal, admin guard (control API),
 * `Prefer` and standing faults (the two APIs), the operation found by method and path in the API's
 * spec, validation, authentication, the handler over the world's services, and every error in the
 * format of the API addressed. No side effects: it does not listen, print or read the environment.
 */
export function createMock(options: MockOptions): Mock {
  const { config } = options;
  const log = options.logger ?? silentLogger;
  const build = (name: string, store: Pick<WorldOptions, 'store' | 'blobs'>) =>
    createWorld({ ...options, ...store, clock: undefined }, name, worlds);
  // The default world is built first, over the store it is given; named worlds over their storage
  // (the closures read `worlds` once it is made).
  const defaultWorld = createWorld(options, DEFAULT_WORLD, {
    list: () => worlds.list(),
    put: (name, from) => worlds.put(name, from),
    remove: (name, inside) => worlds.remove(name, inside),
  });
  const worlds: Worlds = new Worlds(defaultWorld, {
    // Without a storage of their own, named worlds keep uploads in memory over no base (the doors pass one that reads the fixture media).
    storage: options.worldStorage ?? memoryWorldStorage(() => createMemoryBlobs()),
    limits: options.worldLimits ?? DEFAULT_WORLD_LIMITS,
    fixtures: options.fixtures,
    log,
    build,
    ...(options.now ? { now: options.now } : {}),
  });

  const dispatchers = new Map<ApiName, { dispatch: Dispatch; base: string }>();
  for (const api of APIS) {
    const spec = options.assets.spec(api.spec);
    const handlers = HANDLERS[api.name];
    checkHandlers(api.name, spec, handlers);
    const dispatch = createDispatch({
      spec,
      handlers,
      dialect: DIALECTS[api.name],
      authorize: api.name === 'pace' ? authorizePace : undefined,
      responseValidation: config.responseValidation,
      jsonLimitBytes: config.limits.jsonBytes,
    });
    dispatchers.set(api.name, { dispatch, base: api.basePath });
  }

  /** Answers a request in a world, `prefix` being the world part of its path (`/worlds/e2e-3` or ''). */
  const answer = (world: World, request: CoreRequest, path: string, prefix: string, exchange: Exchange): Reply | Promise<Reply> => {
    const { context } = world;
    const started = performance.now();
    const { method } = request;
    const api = apiOf(path);
    // Reads of the control API (the console polling, the outbox) stay out of the journal.
    const journaled = !(api === 'control' && method === 'GET');
    const arrived = journaled ? toIso(context.clock.now()) : '';
    const done = (reply: Reply): Reply => {
      if (journaled) {
        const durationMs = Math.round((performance.now() - started) * 10) / 10;
        record(context, { method, path, status: reply.status, durationMs, time: arrived, api });
      }
      return reply;
    };
    const fail = (error: unknown): Reply => done(failure(error, method, path, exchange));
    try {
      if (api === 'other') throw new ApiError('NOT_FOUND', { detail: `no route for ${method} ${path}` });
      if (api === 'control' && !adminAllows(config.adminToken, request, path)) throw new ApiError('UNAUTHENTICATED');
      const { dispatch, base } = dispatchers.get(api)!;
      exchange.base = prefix + base;
      // Absolute URLs for a browser carry the world, whichever way it was chosen (a browser sends no header).
      const inWorld = context.name === DEFAULT_WORLD ? request : { ...request, origin: `${request.origin}/worlds/${context.name}` };
      const run = () => {
        const reply = dispatch(inWorld, path.slice(base.length) || '/', exchange, world.target);
        if (reply === undefined) throw new ApiError('NOT_FOUND', { detail: `no route for ${method} ${path}` });
        return reply;
      };
      let reply: Reply | Promise<Reply>;
      if (api === 'control') reply = run();
      else {
        const bend = bendOf(context, method, path, request.headers);
        exchange.forcedStatus = bend.forcedStatus;
        reply = bend.latencyMs > 0 ? delay(bend.latencyMs).then(run) : run();
      }
      return isPromise(reply) ? reply.then(done, fail) : done(reply);
    } catch (error) {
      return fail(error);
    }
  };

  const failure = (error: unknown, method: string, path: string, exchange: Exchange): Reply => {
    const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL_ERROR');
    if (!(error instanceof ApiError)) log.error(`unexpected error on ${method} ${path}: ${(error as Error)?.stack ?? String(error)}`);
    return errorReply(errorFormatOf(path), apiError, exchange.requestId);
  };

  const handle = (request: CoreRequest): Reply | Promise<Reply> => {
    let requestId: string | undefined;
    const exchange: Exchange = { requestId: () => (requestId ??= newRequestId()), forcedStatus: undefined, base: '' };
    const selected = selectWorld(request.path, request.headers['x-mock-world']);
    if (selected.problem) {
      return failure(new ApiError('VALIDATION_ERROR', { errors: [selected.problem] }), request.method, selected.path, exchange);
    }
    const { name, path, prefixed } = selected;
    // The default world answers at once: the path every request without a selector takes.
    if (name === DEFAULT_WORLD) {
      worlds.usedDefault();
      return answer(defaultWorld, request, path, prefixed ? `/worlds/${name}` : '', exchange);
    }
    const prefix = prefixed ? `/worlds/${name}` : '';
    const { entry, world } = worlds.enter(name);
    let reply: Reply | Promise<Reply>;
    try {
      reply = isPromise(world)
        ? world.then((opened) => answer(opened, request, path, prefix, exchange))
        : answer(world, request, path, prefix, exchange);
    } catch (error) {
      worlds.leave(entry);
      throw error;
    }
    if (!isPromise(reply)) {
      worlds.leave(entry);
      return reply;
    }
    return reply.then(
      (answered) => {
        worlds.leave(entry);
        return answered;
      },
      (error: unknown) => {
        worlds.leave(entry);
        return failure(error, request.method, path, exchange);
      },
    );
  };

  return { world: defaultWorld, worlds, handle, close: () => worlds.close() };
}

import { paceDialect, authorizePace } from '../apis/pace/index.ts';
import { APIS, apiOf, errorFormatOf, type ApiName } from '../core/apis.ts';
import { checkHandlers, createDispatch, type ApiDialect, type Dispatch, type Exchange } from '../core/dispatch.ts';
import { errorReply, newRequestId } from '../core/error-formats.ts';
import type { Reply } from '../core/handler-types.ts';
import type { CoreRequest } from '../core/request.ts';
import { toIso } from '../domain/clock.ts';
import { ApiError } from '../lib/api-error.ts';
import { adminAllows } from './admin.ts';
import { bendOf, record } from './traffic.ts';
import { createWorld, type World, type WorldOptions } from './world.ts';

const plainDialect: ApiDialect = { errorFormat: 'plain', invalidBodyCode: 'VALIDATION_ERROR' };
const DIALECTS: Record<ApiName, ApiDialect> = { pocketm8: plainDialect, pace: paceDialect, control: plainDialect };

export interface Mock {
  /** The world every request acts on. */
  world: World;
  /** Answers one request: the core's whole path, whatever door it came through. */
  handle(request: CoreRequest): Reply | Promise<Reply>;
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as { then?: unknown } | undefined)?.then === 'function';
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The mock without a transport: a plain request in, a plain reply out. The request path:
 * journal, admin guard (control API), `Prefer` and standing faults (the two APIs), the operation
 * found by method and path in the API's spec, validation, authentication, the handler over the
 * world's services, and every error in the format of the API addressed. No side effects: it does
 * not listen, print or read the environment.
 */
export function createMock(options: WorldOptions): Mock {
  const { config } = options;
  const world = createWorld(options);
  const dispatchers = new Map<ApiName, { dispatch: Dispatch; base: string }>();
  for (const api of APIS) {
    const spec = options.assets.spec(api.spec);
    checkHandlers(api.name, spec, world.targets[api.name].handlers);
    const dispatch = createDispatch({
      spec,
      dialect: DIALECTS[api.name],
      authorize: api.name === 'pace' ? authorizePace : undefined,
      responseValidation: config.responseValidation,
      jsonLimitBytes: config.limits.jsonBytes,
    });
    dispatchers.set(api.name, { dispatch, base: api.basePath });
  }

  const handle = (request: CoreRequest): Reply | Promise<Reply> => {
    const { context } = world;
    const started = performance.now();
    const { path, method } = request;
    const api = apiOf(path);
    let requestId: string | undefined;
    const exchange: Exchange = { requestId: () => (requestId ??= newRequestId()), forcedStatus: undefined, base: '' };
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
    const fail = (error: unknown): Reply => {
      const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL_ERROR');
      if (!(error instanceof ApiError))
        context.log.error(`unexpected error on ${method} ${path}: ${(error as Error)?.stack ?? String(error)}`);
      return errorReply(errorFormatOf(path), apiError, exchange.requestId);
    };
    try {
      if (api === 'other') throw new ApiError('NOT_FOUND', { detail: `no route for ${method} ${path}` });
      if (api === 'control' && !adminAllows(config.adminToken, request, path)) throw new ApiError('UNAUTHENTICATED');
      const { dispatch, base } = dispatchers.get(api)!;
      exchange.base = base;
      const run = () => {
        const reply = dispatch(request, path.slice(base.length) || '/', exchange, world.targets[api]);
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
      return isPromise(reply) ? reply.then(done, (error: unknown) => done(fail(error))) : done(reply);
    } catch (error) {
      return done(fail(error));
    }
  };
  return { world, handle };
}

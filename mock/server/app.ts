import cors from 'cors';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { join } from 'node:path';
import type { AppConfig, MockContext } from '../context.ts';
import { createClock, type Clock } from '../domain/clock.ts';
import { createEventBus } from '../domain/events.ts';
import { Sessions } from '../domain/sessions.ts';
import { Verification } from '../domain/verification.ts';
import type { Fixtures } from '../store/fixtures.ts';
import { ApiError } from '../lib/api-error.ts';
import { mountApi, sendReply, type MountOptions } from '../core/dispatch.ts';
import { loadSpec } from '../core/compiled-spec.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { plainDialect, plainErrorReply } from '../core/plain-errors.ts';
import { traffic } from '../core/traffic.ts';
import { silentLogger, type Logger } from '../lib/logger.ts';
import type { BlobStore } from '../store/blobs.ts';
import type { Store } from '../store/store.ts';
import { pocketm8Handlers } from '../apis/pocketm8/index.ts';
import { paceDialect, paceHandlers, authorizePace } from '../apis/pace/index.ts';
import { controlHandlers, requireAdmin } from '../apis/control/index.ts';

export const SPEC_FILES = {
  pocketm8: join(PACKAGE_ROOT, 'spec/pocketm8.openapi.yaml'),
  pace: join(PACKAGE_ROOT, 'spec/pace-user.openapi.yaml'),
  control: join(PACKAGE_ROOT, 'spec/mock-control.openapi.yaml'),
} as const;

export const API_PREFIX = { pocketm8: '/api', pace: '/user/2021-2' } as const;

export interface CreateAppOptions {
  config: AppConfig;
  store: Store;
  blobs: BlobStore;
  fixtures: Fixtures;
  clock?: Clock;
  logger?: Logger;
}

export interface MockApp {
  app: Express;
  context: MockContext;
}

/** Which API a path belongs to, for the journal, faults and the error format. */
export function apiOf(path: string): 'pocketm8' | 'pace' | 'control' | 'other' {
  if (path === API_PREFIX.pocketm8 || path.startsWith(`${API_PREFIX.pocketm8}/`)) return 'pocketm8';
  if (path === API_PREFIX.pace || path.startsWith(`${API_PREFIX.pace}/`)) return 'pace';
  if (path.startsWith('/__mock') || path.startsWith('/media/') || path === '/docs' || path.startsWith('/docs/')) return 'control';
  return 'other';
}

/** The router could not decode a path parameter (`/api/tasks/%E0%A4%A`): the client's fault. */
const badEscape = () => new ApiError('VALIDATION_ERROR', { errors: [{ field: 'path', message: 'is not valid percent-encoded UTF-8' }] });

/**
 * Builds the mock: both APIs and the control API on one Express app, over the given store.
 * No side effects: it does not listen, print or read the environment.
 */
export function createApp(options: CreateAppOptions): MockApp {
  const { config, store, blobs, fixtures } = options;
  const clock = options.clock ?? createClock();
  const log = options.logger ?? silentLogger;
  const bus = createEventBus();
  const data = () => store.data;
  const context: MockContext = {
    config,
    store,
    blobs,
    fixtures,
    clock,
    bus,
    log,
    verification: new Verification({ data, clock, codes: config.codes, bus, log }),
    sessions: new Sessions(data, clock),
    journal: [],
    faults: [],
    snapshots: new Map(),
    violations: [],
    data,
    async reset() {
      // Uploads go; the fixture media stay readable under the blob store (never copied).
      await blobs.clear();
      clock.reset();
      context.faults.length = 0;
      await store.replace(fixtures.data());
      bus.emit('reset');
    },
  };

  const common = {
    authenticate: (token: string) => context.sessions.authenticate(token),
    responseValidation: config.responseValidation,
    onViolation: (violation: MountOptions extends { onViolation(v: infer V): void } ? V : never) => {
      context.violations.push(violation);
      log.warn(`response breaks the spec: ${violation.operationId} ${violation.status}: ${violation.problems.join('; ')}`);
    },
    jsonLimit: `${config.limits.jsonBytes}b`,
    commit: () => store.commit(),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const allowOrigin = cors({
    origin: config.corsOrigin === '*' ? '*' : config.corsOrigin,
    exposedHeaders: ['Location', 'Retry-After', 'Request-Id', 'Deprecation', 'Content-Disposition'],
  });
  const observe = traffic(context, apiOf);
  // CORS headers only mean something to a browser, which always sends Origin: others skip the work.
  // One layer for both, as each layer in front of the routes costs every request a turn of the router.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.headers.origin === undefined
      ? observe(req, res, next)
      : allowOrigin(req, res, (error?: unknown) => (error ? next(error) : observe(req, res, next))),
  );
  app.use(
    API_PREFIX.pocketm8,
    mountApi('pocketm8', { ...common, spec: loadSpec(SPEC_FILES.pocketm8), handlers: pocketm8Handlers(context), dialect: plainDialect }),
  );
  app.use(
    API_PREFIX.pace,
    mountApi('pace', {
      ...common,
      spec: loadSpec(SPEC_FILES.pace),
      handlers: paceHandlers(context),
      dialect: paceDialect,
      authorize: authorizePace,
    }),
  );
  app.use('/__mock', requireAdmin(context));
  app.use(
    mountApi('control', { ...common, spec: loadSpec(SPEC_FILES.control), handlers: controlHandlers(context), dialect: plainDialect }),
  );

  // Nothing matched: a 404 in the format of the API the path belongs to.
  app.use((req: Request, _res: Response, next: NextFunction) =>
    next(new ApiError('NOT_FOUND', { detail: `no route for ${req.method} ${req.path}` })),
  );
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const apiError = error instanceof ApiError ? error : error instanceof URIError ? badEscape() : new ApiError('INTERNAL_ERROR');
    if (!(error instanceof ApiError) && !(error instanceof URIError))
      log.error(`unexpected error on ${req.method} ${req.path}: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent) return void res.destroy();
    sendReply(res, apiOf(req.path) === 'pace' ? paceDialect.formatError(apiError, res) : plainErrorReply(apiError));
  });
  return { app, context };
}

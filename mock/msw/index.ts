import type { HttpHandler } from 'msw';
import { sources } from 'pocketm8-mock:embedded';
import { handlersFrom } from './handlers.ts';
import type { MockSources } from './memory-mock.ts';
import type { CreateHandlersOptions } from './types.ts';

export type { CodeOptions, CreateHandlersOptions, FixtureFiles } from './types.ts';

/**
 * MSW request handlers serving the Pocketm8 API, the PACE User API and the control API (outbox,
 * clock, reset, snapshots, faults) under `baseUrl` (default `http://localhost:4010`), from a state
 * in memory: the same routing, validation, errors and rules as the pocketm8-mock server, with the
 * specs and the default fixtures inside this module. Use with `setupServer(...createHandlers())`
 * (msw/node) or `setupWorker(...createHandlers())` (msw/browser).
 */
export function createHandlers(options: CreateHandlersOptions = {}): HttpHandler[] {
  return handlersFrom(sources as MockSources, options);
}

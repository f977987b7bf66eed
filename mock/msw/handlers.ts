import { http, type HttpHandler } from 'msw';
import { answer, mountOf } from './fetch-door.ts';
import { createMemoryMock, type MockSources } from './memory-mock.ts';
import type { CreateHandlersOptions } from './types.ts';

const DEFAULT_BASE_URL = 'http://localhost:4010';

/**
 * MSW request handlers over one mock in memory, made from `sources`: one catch-all handler under
 * the base URL. Requests elsewhere are not matched, so MSW's `onUnhandledRequest` decides.
 */
export function handlersFrom(sources: MockSources, options: CreateHandlersOptions = {}): HttpHandler[] {
  const mount = mountOf(options.baseUrl ?? DEFAULT_BASE_URL);
  const mock = createMemoryMock(sources, options);
  return [http.all(`${mount.baseUrl}/*`, ({ request }) => answer(mock, request, mount))];
}

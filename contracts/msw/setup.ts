import { setupServer } from 'msw/node';
import { afterAll } from 'vitest';
import { createHandlers } from 'pocketm8-mock/msw';
import { MSW_BASE_URL } from './settings.ts';

// One mock per test file, in memory, as a user's test process would have it. A request MSW does
// not handle fails the test instead of going to the network.
const server = setupServer(...createHandlers({ baseUrl: MSW_BASE_URL }));
server.listen({ onUnhandledRequest: 'error' });
afterAll(() => server.close());

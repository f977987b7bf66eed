// The one place the contract side starts the mock: when no base URL is given, the suites judge
// the mock itself (memory store, the package's fixtures, responses checked strictly), started
// through the package's own API, as a user's test would.
import type { Server } from 'node:http';
import { startMock } from '../../mock/index.ts';
import { checkNotedChanges } from '../../mock/store/marks.ts';

export async function startInProcessMock(port = 0, host = '127.0.0.1'): Promise<Server> {
  // Judged strictly here: a change the mock's services did not note (and so would not write) fails its request.
  checkNotedChanges(true);
  const mock = await startMock({ port, host, responseValidation: 'strict' });
  return mock.server;
}

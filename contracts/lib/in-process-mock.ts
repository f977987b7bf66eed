// The one place the contract side starts the mock: when no base URL is given, the suites judge
// the mock itself (memory store, default fixtures, responses checked strictly).
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createTestApp } from '../../test/harness.ts';

export async function startInProcessMock(port = 0, host = '127.0.0.1'): Promise<Server> {
  const { app } = await createTestApp();
  const server = app.listen(port, host);
  await once(server, 'listening');
  return server;
}

// The one place the contract side starts the mock: when no base URL is given, the suites judge
// the mock itself (memory store, default fixtures, responses checked strictly).
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createApp } from '../../mock/app.ts';
import { DEFAULT_LIMITS } from '../../mock/context.ts';
import { loadFixtures, seedBlobs } from '../../mock/fixtures.ts';
import { createMemoryBlobStore } from '../../mock/store/blobs.ts';
import { createMemoryStore } from '../../mock/store/store.ts';
import { DEFAULT_FIXTURES } from '../../mock/testing.ts';

export async function startInProcessMock(port = 0, host = '127.0.0.1'): Promise<Server> {
  const fixtures = await loadFixtures(DEFAULT_FIXTURES);
  const blobs = createMemoryBlobStore();
  await seedBlobs(blobs, fixtures);
  const { app } = createApp({
    config: { codes: { kind: 'derived', seed: 'pocketm8' }, latencyMs: 0, corsOrigin: '*', adminToken: null, responseValidation: 'strict', limits: DEFAULT_LIMITS },
    store: createMemoryStore(fixtures.data()),
    blobs,
    fixtures,
  });
  const server = app.listen(port, host);
  await once(server, 'listening');
  return server;
}

#!/usr/bin/env node
// tsx contracts/mutants/serve.ts <variant>: serves the mock with one behaviour broken (variants.ts)
// on a free port (memory store, default fixtures) and prints `listening <url>`. Its responses are
// not checked against the spec: the mock's own strict check would turn a broken answer into a 500,
// and the suites would be judging that instead of the variant.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../mock/app.ts';
import { DEFAULT_LIMITS } from '../../mock/context.ts';
import { loadFixtures, seedBlobs } from '../../mock/fixtures.ts';
import { createMemoryBlobStore } from '../../mock/store/blobs.ts';
import { createMemoryStore } from '../../mock/store/store.ts';
import { DEFAULT_FIXTURES } from '../../mock/testing.ts';
import { variantNamed } from './variants.ts';

async function main(): Promise<void> {
  const [name, host = '127.0.0.1'] = process.argv.slice(2);
  if (!name) throw new Error('usage: serve.ts <variant> [host]');
  const variant = variantNamed(name);
  const fixtures = await loadFixtures(DEFAULT_FIXTURES);
  const blobs = createMemoryBlobStore();
  await seedBlobs(blobs, fixtures);
  const { app } = createApp({
    config: { codes: { kind: 'derived', seed: 'pocketm8' }, latencyMs: 0, corsOrigin: '*', adminToken: null, responseValidation: 'off', limits: DEFAULT_LIMITS },
    store: createMemoryStore(fixtures.data()),
    blobs,
    fixtures,
  });
  const server = createServer(variant.apply(app));
  server.listen(0, host);
  await once(server, 'listening');
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(`listening http://${host}:${(server.address() as AddressInfo).port}`);
}

main().catch((error: unknown) => {
  console.error(`serve.ts: ${(error as Error).message}`);
  process.exit(2);
});

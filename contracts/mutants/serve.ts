#!/usr/bin/env node
// tsx contracts/mutants/serve.ts <variant>: serves the mock with one behaviour broken (variants.ts)
// on a free port (memory store, default fixtures) and prints `listening <url>`. Its responses are
// not checked against the spec: the mock's own strict check would turn a broken answer into a 500,
// and the suites would be judging that instead of the variant.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../../test/harness.ts';
import { variantNamed } from './variants.ts';

async function main(): Promise<void> {
  const [name, host = '127.0.0.1'] = process.argv.slice(2);
  if (!name) throw new Error('usage: serve.ts <variant> [host]');
  const variant = variantNamed(name);
  const { app } = await createTestApp({ responseValidation: 'off' });
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

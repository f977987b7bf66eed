import type { Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV } from './lib/settings.ts';

/**
 * Vitest global setup of the contract suites: without CONTRACT_BASE_URL, the mock starts in this
 * process on a free port (memory store, default fixtures, every response checked strictly) and the
 * suites are pointed at it. Workers inherit the environment set here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const reportDir = resolve(process.env[ENV.reportDir] ?? 'reports/contract/records');
  if (!process.env[ENV.reportDir]) rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  process.env[ENV.reportDir] = reportDir;
  if (process.env[ENV.baseUrl]) return async () => undefined;

  const { startInProcessMock } = await import('./lib/in-process-mock.ts');
  const server: Server = await startInProcessMock();
  const { port } = server.address() as AddressInfo;
  process.env[ENV.baseUrl] = `http://127.0.0.1:${port}`;
  return async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
}

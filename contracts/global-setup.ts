import type { Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { deleteRunWorlds, listWorlds, newRunId } from './lib/mock-worlds.ts';
import { ENV, readSettings } from './lib/settings.ts';

/**
 * Vitest global setup of the contract suites: without CONTRACT_BASE_URL, the mock starts in this
 * process on a free port (memory store, default fixtures, every response checked strictly) and the
 * suites are pointed at it. Against a mock with worlds (a control API that lists them) and without
 * `--world`, the run gets an id (CONTRACT_RUN_ID): each test file then runs in the world
 * `<runId>-<file>` (lib/file-world.ts), and the teardown deletes the run's worlds. Workers inherit
 * the environment set here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const reportDir = resolve(process.env[ENV.reportDir] ?? 'reports/contract/records');
  if (!process.env[ENV.reportDir]) rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  process.env[ENV.reportDir] = reportDir;

  let server: Server | undefined;
  if (!process.env[ENV.baseUrl]) {
    const { startInProcessMock } = await import('./lib/in-process-mock.ts');
    server = await startInProcessMock();
    const { port } = (server as Server).address() as AddressInfo;
    process.env[ENV.baseUrl] = `http://127.0.0.1:${port}`;
  }

  const { controlUrl, adminToken, world } = readSettings();
  const control = controlUrl ? { controlUrl, adminToken } : undefined;
  let runId: string | undefined;
  if (control && !world) {
    if (await listWorlds(control).catch(() => undefined)) runId = process.env[ENV.runId] || newRunId();
    else console.warn(`contract run: ${controlUrl}/worlds lists no worlds, so the test files share one state and clock tests take turns`);
  }
  if (runId) process.env[ENV.runId] = runId;
  else delete process.env[ENV.runId];

  return async () => {
    if (control && runId)
      await deleteRunWorlds(control, runId).catch((error: unknown) =>
        console.warn(`contract run: worlds of ${runId} not deleted: ${(error as Error).message}`),
      );
    if (!server) return;
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
}

// Setup file of the contract suites (vitest `setupFiles`, run for every test file): against a mock
// with worlds (the global setup gave the run an id), the file gets a world of its own,
// `<runId>-<file>`, made fresh before its first test; from then on every request of the file
// carries `X-Mock-World` (client.ts). Its fixture users, outbox, counters and clock are its own,
// so no other file's clock move expires its codes. Otherwise (a real backend, `--world`, a mock
// without worlds) it does nothing.
import { afterAll, beforeAll } from 'vitest';
import { contractSettings, enterFileWorld } from './client.ts';
import { fileWorldName, putWorld } from './mock-worlds.ts';

// vitest reads the first argument as fixtures and wants a destructuring pattern; the file is in the second.
// eslint-disable-next-line no-empty-pattern
beforeAll(async ({}, suite) => {
  const { runId, controlUrl, adminToken } = contractSettings();
  if (!runId || !controlUrl) return;
  const name = fileWorldName(runId, suite.file.filepath);
  await putWorld({ controlUrl, adminToken }, name);
  enterFileWorld(name);
});

// The files of a worker share the modules (isolate: false): the next file starts without a world.
afterAll(() => enterFileWorld(null));

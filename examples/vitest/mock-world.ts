// Each test file works in a world of its own: its own users, outbox, clock and codes, whatever the
// other files (running at the same time) do.
import { basename } from 'node:path';
import { afterAll, beforeEach, inject } from 'vitest';
import { createMockClient } from 'pocketm8-mock';

export function mockWorld(file: string) {
  const world = `vitest-${basename(file).replace(/[^A-Za-z0-9_.-]/g, '-')}`.slice(0, 64);
  const mock = createMockClient({ baseUrl: inject('mockUrl'), world });
  beforeEach(async () => {
    await mock.worlds.put(world);
  });
  afterAll(async () => {
    await mock.worlds.delete(world);
  });
  return mock;
}

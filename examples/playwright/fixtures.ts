// The fixture users copy: each test gets a fresh world of one shared mock and a client bound to it.
import { test as base } from '@playwright/test';
import { createMockClient, type MockClient } from 'pocketm8-mock';

export const test = base.extend<{ mock: MockClient }>({
  // Playwright reads the fixtures a fixture needs from its first parameter, so it must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  mock: async ({}, use, testInfo) => {
    const world = `pw-${testInfo.workerIndex}-${testInfo.testId}`.slice(0, 64);
    const mock = createMockClient({ baseUrl: process.env.MOCK_URL!, world });
    await mock.worlds.put(world);
    await use(mock);
    await mock.worlds.delete(world);
  },
});

export { expect } from '@playwright/test';

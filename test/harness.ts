import { fileURLToPath } from 'node:url';
import { createApp, type MockApp } from '../mock/server/app.ts';
import { DEFAULT_LIMITS, type AppConfig } from '../mock/apis/context.ts';
import { createClock } from '../mock/domain/clock.ts';
import { loadFixtures, type Fixtures } from '../mock/engine/fixtures.ts';
import { createMemoryBlobStore } from '../mock/store/blobs.ts';
import { createMemoryStore } from '../mock/store/store.ts';

export const DEFAULT_FIXTURES = fileURLToPath(new URL('../fixtures/default', import.meta.url));

/** The fixture users' ready tokens (fixtures/default/db.json sessions). */
export const TOKENS = {
  alice: 'pm8_fixture_alice_0000000000000000',
  bob: 'pm8_fixture_bob_0000000000000000',
  carol: 'pm8_fixture_carol_0000000000000000',
  dave: 'pm8_fixture_dave_0000000000000000',
  erin: 'pm8_fixture_erin_0000000000000000',
} as const;

export const bearer = (who: keyof typeof TOKENS) => `Bearer ${TOKENS[who]}`;

export const TEST_CONFIG: AppConfig = {
  codes: { kind: 'derived', seed: 'pocketm8' },
  latencyMs: 0,
  corsOrigin: '*',
  adminToken: null,
  responseValidation: 'strict',
  limits: DEFAULT_LIMITS,
};

let fixtures: Promise<Fixtures> | undefined;

/**
 * A fresh mock over a memory store with the default fixtures, every response checked against
 * the spec (`strict`: a response that breaks it becomes a 500 and fails the test).
 */
export async function createTestApp(config: Partial<AppConfig> = {}): Promise<MockApp> {
  fixtures ??= loadFixtures(DEFAULT_FIXTURES);
  const loaded = await fixtures;
  return createApp({
    config: { ...TEST_CONFIG, ...config },
    store: createMemoryStore(loaded.data()),
    blobs: createMemoryBlobStore(loaded.media),
    fixtures: loaded,
    clock: createClock(),
  });
}

import { DEFAULT_LIMITS, type AppConfig } from '../apis/context.ts';
import type { MockAssets } from '../core/assets.ts';
import type { JsonObject } from '../core/json-pointer.ts';
import { GENERATED_VALIDATORS } from '../core/generated-validators.ts';
import { compileSpec, type LoadedSpec } from '../core/spec-compiler.ts';
import { generatedFor } from '../core/spec-validators.ts';
import type { SpecName } from '../core/spec-names.ts';
import type { CodeMode } from '../domain/verification.ts';
import { fixturesFromText } from '../engine/fixture-data.ts';
import { createMock, type Mock } from '../engine/mock.ts';
import { createLogger } from '../lib/logger.ts';
import { createMemoryStore } from '../store/grouped-store.ts';
import { bytesBase, createMemoryBlobs } from '../store/memory-blobs.ts';
import { memoryWorldStorage } from '../store/world-storage.ts';
import type { CodeOptions, FixtureFiles } from './types.ts';

/** What a mock without a disk is made of: the three specs as documents, the fixtures, the version. */
export interface MockSources {
  specs: Readonly<Record<SpecName, JsonObject>>;
  /**
   * The specs' fingerprints, computed when the bundle was built (the bundle carries the validators
   * generated from the same documents): where one matches, the generated validators serve, so no
   * code is compiled (and no eval needed) in the page.
   */
  fingerprints?: Readonly<Partial<Record<SpecName, string>>>;
  fixtures: FixtureFiles;
  version: string;
}

// Compiled once per document, however many mocks are made from it (tests make one per file).
const compiled = new WeakMap<JsonObject, LoadedSpec>();

function assetsOf(sources: MockSources): MockAssets {
  return {
    spec(name) {
      const document = sources.specs[name];
      let spec = compiled.get(document);
      if (!spec) {
        spec = compileSpec(
          document,
          `spec://${name}`,
          generatedFor(GENERATED_VALIDATORS[name], () => sources.fingerprints?.[name]),
        );
        compiled.set(document, spec);
      }
      return spec;
    },
    version: sources.version,
  };
}

function codeMode(codes: CodeOptions | undefined): CodeMode {
  const seed = codes?.seed ?? 'pocketm8';
  if (codes?.kind !== 'fixed') return { kind: 'derived', seed };
  if (!/^\d{6}$/.test(codes.code)) throw new Error(`codes.code must be 6 digits, not ${JSON.stringify(codes.code)}`);
  return { kind: 'fixed', code: codes.code, seed };
}

/**
 * One mock in memory, as `npx pocketm8-mock --in-memory` runs it but with nothing read from disk:
 * the state, uploads, outbox, clock, snapshots and faults live as long as this object. Unexpected
 * errors (500s) are written to the console.
 */
export function createMemoryMock(sources: MockSources, options: { fixtures?: FixtureFiles; codes?: CodeOptions } = {}): Mock {
  const files = options.fixtures ?? sources.fixtures;
  const fixtures = fixturesFromText(typeof files.db === 'string' ? files.db : JSON.stringify(files.db), '(in memory)');
  const config: AppConfig = {
    codes: codeMode(options.codes),
    latencyMs: 0,
    corsOrigin: '*',
    adminToken: null,
    responseValidation: 'warn',
    limits: DEFAULT_LIMITS,
  };
  const media = bytesBase(new Map(Object.entries(files.media ?? {})));
  return createMock({
    config,
    assets: assetsOf(sources),
    store: createMemoryStore(fixtures.data()),
    blobs: createMemoryBlobs(media),
    worldStorage: memoryWorldStorage(() => createMemoryBlobs(media)),
    fixtures,
    logger: createLogger('error', (line) => console.error(`pocketm8-mock: ${line}`)),
  });
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../mock/core/compiled-spec.ts';
import { PACKAGE_ROOT } from '../mock/core/package-root.ts';
import { SPEC_FILES } from '../mock/core/spec-files.ts';
import type { MockSources } from '../mock/msw/memory-mock.ts';
import { DEFAULT_FIXTURES } from './harness.ts';

let sources: MockSources | undefined;

/** What the MSW bundle carries inside, read from disk: for tests of the MSW door from its sources. */
export function diskSources(): MockSources {
  const media = join(DEFAULT_FIXTURES, 'media');
  sources ??= {
    specs: Object.fromEntries(SPEC_FILES.map((file) => [file.name, readDocument(file.path)])) as MockSources['specs'],
    fixtures: {
      db: readFileSync(join(DEFAULT_FIXTURES, 'db.json'), 'utf8'),
      media: Object.fromEntries(readdirSync(media).map((key) => [key, new Uint8Array(readFileSync(join(media, key)))])),
    },
    version: (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  };
  return sources;
}

#!/usr/bin/env node
// Runs the mock from its one-file bundle (dist/pocketm8-mock.mjs, written on `npm ci` and by
// `npm run build`) when the bundle is newer than every file it was built from: it starts in about
// half the time. Otherwise, or with POCKETM8_FROM_SOURCE=1, from the TypeScript sources through
// tsx, so that an edited source is never served stale and `npx pocketm8-mock` needs no build.
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { bundleIsFresh } from './bundle-freshness.js';

const bundle = fileURLToPath(new URL('../dist/pocketm8-mock.mjs', import.meta.url));

if (process.env.POCKETM8_FROM_SOURCE !== '1' && bundleIsFresh(bundle)) {
  await import('../dist/pocketm8-mock.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../mock/server/bin.ts');
}

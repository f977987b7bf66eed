#!/usr/bin/env node
// Runs the mock from its one-file bundle (dist/pocketm8-mock.mjs, written on `npm ci` and by
// `npm run build`, shipped in the package). In a clone, when a source file is newer than the
// bundle (or with POCKETM8_FROM_SOURCE=1), it runs the TypeScript sources through tsx instead, so
// that an edited source is never served stale.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { bundleIsFresh } from './bundle-freshness.js';

const bundle = fileURLToPath(new URL('../dist/pocketm8-mock.mjs', import.meta.url));
const sources = fileURLToPath(new URL('../mock/server/bin.ts', import.meta.url));
const fromSource = process.env.POCKETM8_FROM_SOURCE === '1' || (existsSync(sources) && !bundleIsFresh(bundle)) || !existsSync(bundle);

if (!fromSource) {
  await import('../dist/pocketm8-mock.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../mock/server/bin.ts');
}

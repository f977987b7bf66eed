#!/usr/bin/env node
// Runs the mock from its one-file bundle (dist/pocketm8-mock.mjs, written on `npm ci` and by
// `npm run build`, shipped in the package). In a clone, when a source file is newer than the
// bundle (or with POCKETM8_FROM_SOURCE=1), it runs the TypeScript sources through tsx instead, so
// that an edited source is never served stale.
import { createRequire } from 'node:module';
import { bundleIsFresh } from './bundle-freshness.js';

// Node's modules through require: for an `import` of node:process or node:fs, Node builds an ES
// module facade that reads every export (about 10 ms of each start).
const require = createRequire(import.meta.url);
const process = require('node:process');
const { existsSync } = require('node:fs');
const { URL, fileURLToPath } = require('node:url');

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

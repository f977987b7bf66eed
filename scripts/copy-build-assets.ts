// After tsc: the files the built mock reads next to its code (specs, console page, fixtures).
import { cpSync } from 'node:fs';

for (const [from, to] of [
  ['spec', 'dist/spec'],
  ['mock/console', 'dist/mock/console'],
  ['fixtures', 'dist/fixtures'],
] as const) {
  cpSync(from, to, { recursive: true, filter: (path) => !/\.ts$/.test(path) });
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The contract suites alone, as `npm run contract` (contracts/runner.ts) runs them.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['contracts/suites/**/*.test.ts'],
    globalSetup: ['contracts/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

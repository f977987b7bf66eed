import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The contract suites alone, as `npm run contract` (contracts/runner.ts) runs them.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['contracts/suites/**/*.test.ts'],
    globalSetup: ['contracts/global-setup.ts'],
    // Each test file in a world of its own against a mock (lib/file-world.ts).
    setupFiles: ['contracts/lib/file-world.ts'],
    // The files of a worker share the spec and its compiled validators (each file has its own world,
    // so no state is shared): half the wall time of isolated files.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

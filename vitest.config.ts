import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'mock/**/*.test.ts',
            'test/**/*.test.ts',
            'spec/**/*.test.ts',
            'fixtures/**/*.test.ts',
            'scripts/**/*.test.ts',
            'contracts/lib/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          // The contract suites, judging the mock started in-process (or CONTRACT_BASE_URL).
          name: 'contract',
          include: ['contracts/suites/**/*.test.ts'],
          globalSetup: ['contracts/global-setup.ts'],
          setupFiles: ['contracts/lib/file-world.ts'],
          // The files of a worker share the spec and its compiled validators (each file has its own world,
          // so no state is shared): half the wall time of isolated files.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The judges of the judges: coverage of a whole run, Dredd, Prism, broken variants.
          name: 'judges',
          include: ['contracts/judges/**/*.test.ts'],
          setupFiles: ['contracts/judges/isolate.ts'],
          testTimeout: 300_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';
import { MSW_BASE_URL, MSW_REPORT_DIR } from './contracts/msw/settings.ts';

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
          setupFiles: ['test/check-noted-changes.ts'],
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
          // The same suites judging pocketm8-mock/msw: MSW's setupServer answers in each test process.
          name: 'contract-msw',
          include: ['contracts/suites/**/*.test.ts'],
          // Set in this project's workers only: the `contract` project's global setup shares the
          // main process's environment (and starts its server unless CONTRACT_BASE_URL is set).
          env: { CONTRACT_BASE_URL: MSW_BASE_URL, CONTRACT_REPORT_DIR: MSW_REPORT_DIR },
          globalSetup: ['contracts/msw/global-setup.ts'],
          setupFiles: ['contracts/msw/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The recipes users copy (examples/), against the package as it is built (dist/, `npm ci` builds it).
          name: 'examples',
          include: ['examples/**/*.test.ts'],
          globalSetup: ['examples/vitest/global-setup.ts'],
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

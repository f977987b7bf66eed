import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['mock/**/*.test.ts', 'spec/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'contracts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'scripts/**/*.test.ts', 'reports/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['sim/testing/cleanup.ts'],
    // every core (vitest's default leaves one idle: on 2 cores, one test file at a time); many test
    // files wait on child processes, browsers and disk rather than on the CPU
    maxWorkers: availableParallelism(),
  },
});

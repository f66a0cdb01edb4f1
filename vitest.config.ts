import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'scripts/**/*.test.ts', 'reports/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['sim/testing/cleanup.ts'],
  },
});

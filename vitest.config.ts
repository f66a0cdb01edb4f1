import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'scripts/**/*.test.ts', 'reports/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['sim/testing/cleanup.ts'],
    // the bundled CLI for the tests that spawn jitsim (dist/ when it is up to date, else built once)
    globalSetup: ['sim/testing/bundle.ts'],
    // vitest's default is one worker fewer than the cores: on CI's 2 cores that is ONE, so the files ran
    // one after another while many of them mostly wait (for chromium, redis, child processes). One
    // test file per core keeps both cores busy. `--maxWorkers=1` still works for a single file.
    maxWorkers: Math.max(2, availableParallelism()),
    // a worker process runs its test files one after another in the same module graph instead of
    // re-importing (and re-transforming) jitsim's modules for every file: ~40 % less CPU on the small
    // files. Tests keep no state between files (temporary folders go in afterAll, env stubs are undone).
    isolate: false,
    unstubEnvs: true,
  },
});

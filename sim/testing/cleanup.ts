/** Vitest setup: removes the temporary folders the test factories made, after each test file. */
import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { TEMP_DIRS } from './fixtures.ts';

afterAll(async () => {
  await Promise.all(TEMP_DIRS.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

// Every property test (fast-check) of `npm test` and CI is reproducible: one fixed seed unless
// FUZZ_SEED says otherwise (FUZZ_SEED=random explores; see scripts/fuzz-support.ts). A red run is red
// again on replay instead of passing or failing by chance.
const seedEnv = process.env.FUZZ_SEED;
if (seedEnv !== 'random') fc.configureGlobal({ seed: seedEnv !== undefined && seedEnv !== '' ? Number(seedEnv) : 20261129 });

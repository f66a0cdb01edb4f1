/** Vitest setup: removes the temporary folders the test factories made, after each test file. */
import { rm } from 'node:fs/promises';
import { afterAll } from 'vitest';
import { TEMP_DIRS } from './fixtures.ts';

afterAll(async () => {
  await Promise.all(TEMP_DIRS.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

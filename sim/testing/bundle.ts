/**
 * The bundled CLI for tests that must run jitsim as a separate process (signals, killed workers):
 * `node <bundle> …` starts in a fraction of the time of `node --import tsx scripts/jitsim.ts …`
 * (which transpiles the whole source tree in every child). vitest's globalSetup (this file's default
 * export) hands the tests `dist/jitsim.mjs` when it is newer than every source file — as after
 * `npm ci` or `npm run build` — and otherwise builds a bundle once for the run into test-output/.
 * scripts/build.test.ts still builds and checks a fresh bundle of its own.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_DIR } from './fixtures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the bundled CLI (`node <path> …`). */
    jitsimBundle: string;
  }
}

/** Newest modification time of the bundle's inputs (the launcher `./jitsim` checks the same). */
function newestSource(): number {
  let newest = statSync(join(PROJECT_DIR, 'package-lock.json')).mtimeMs;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'out') walk(p);
      } else if (/\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['sim', 'scripts', 'reports']) walk(join(PROJECT_DIR, d));
  return newest;
}

/** The test files that spawn the bundle (a run of other files only never builds it). */
const USERS = ['scripts/signals.test.ts', 'scripts/queue.test.ts', 'scripts/build.test.ts'];

/** Whether this vitest run may include a file that uses the bundle (no filter, or a filter matching one). */
function runNeedsBundle(): boolean {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');
  return filters.length === 0 || filters.some((f) => USERS.some((u) => u.includes(f) || f.includes(u)));
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const dist = join(PROJECT_DIR, 'dist', 'jitsim.mjs');
  if (!runNeedsBundle() || (existsSync(dist) && statSync(dist).mtimeMs >= newestSource())) {
    project.provide('jitsimBundle', dist);
    return;
  }
  const out = join(PROJECT_DIR, 'test-output', `run-bundle-${process.pid}`);
  const { buildCli } = await import('../../scripts/build.ts');
  await buildCli(out);
  project.provide('jitsimBundle', join(out, 'jitsim.mjs'));
  return async () => {
    await rm(out, { recursive: true, force: true });
  };
}

/**
 * Writes a simulation's files atomically (each to a temporary name in the same folder, then
 * renamed), then jitsim's marker manifest.json. Only into an absent or empty folder or a previous
 * simulate output, never over a file jitsim did not write (sim/io/output-folder.ts).
 */
import * as aq from 'arquero';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST, assertSimulateOut, manifestJson, registerWork, workPath } from '../io/output-folder.ts';
import { visible } from '../io/safe-text.ts';
import type { SimulationResult } from '../simulate.ts';

/** JSON with money and rates rounded at the edge (6 significant decimals at most). */
export function summaryJson(summary: unknown): string {
  return JSON.stringify(summary, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null) : v), 2) + '\n';
}

const endLine = (s: string) => (s.endsWith('\n') ? s : s + '\n');

/** The files `simulate` writes into its output folder (besides manifest.json). */
export const SIMULATE_FILES = ['summary.json', 'trials.csv', 'monthly.csv'] as const;

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = workPath(path, 'tmp');
  const done = registerWork(tmp);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    done();
  }
}

/**
 * Writes summary.json, trials.csv and monthly.csv into `dir` (created if missing), then manifest.json;
 * returns the paths of the three files. Text from user files is made visible (no control characters).
 * @throws {UserInputError} when `dir` holds files jitsim did not write.
 */
export async function writeResults(dir: string, r: SimulationResult, shown = dir): Promise<string[]> {
  await assertSimulateOut(dir, [...SIMULATE_FILES, MANIFEST], shown);
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>([
    ['summary.json', visible(summaryJson(r.summary), { allow: '\n' })],
    ['trials.csv', visible(endLine(aq.toCSV(r.trials)), { allow: '\n' })],
    ['monthly.csv', visible(endLine(aq.toCSV(r.monthly)), { allow: '\n' })],
  ]);
  for (const [name, text] of files) await atomicWrite(join(dir, name), text);
  await atomicWrite(join(dir, MANIFEST), manifestJson('simulate', files, { scenario: { name: visible(r.summary.scenario.name), sha256: r.summary.scenario.hash }, seed: r.summary.seed, trials: r.summary.trials }));
  return [...files.keys()].map((name) => join(dir, name));
}

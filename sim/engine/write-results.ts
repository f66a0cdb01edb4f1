/**
 * Writes a simulation's files atomically (each to a temporary name in the same folder, then
 * renamed), then jitsim's marker manifest.json. Only into an absent or empty folder or a previous
 * simulate output, never over a file jitsim did not write (sim/io/output-folder.ts).
 */
import * as aq from 'arquero';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST, assertSimulateOut, manifestJson, readManifest, registerWork, workPath } from '../io/output-folder.ts';
import { visible } from '../io/safe-text.ts';
import type { SimulationResult } from '../simulate.ts';

/** JSON with money and rates rounded at the edge (6 significant decimals at most). */
export function summaryJson(summary: unknown): string {
  return JSON.stringify(summary, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null) : v), 2) + '\n';
}

const endLine = (s: string) => (s.endsWith('\n') ? s : s + '\n');

/** SHA-256 of a file, read as a stream. */
function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** The files `simulate` writes into its output folder (besides manifest.json). */
export const SIMULATE_FILES = ['summary.json', 'trials.csv', 'monthly.csv', 'skus.csv'] as const;

/**
 * Writes summary.json, trials.csv and monthly.csv into `dir` (created if missing), with jitsim's
 * marker manifest.json; returns the paths of the three files. Text from user files is made visible
 * (no control characters). The files are staged under working names first, then the manifest is
 * written (listing the new hashes and, as `previous`, the ones it replaces), then the files are
 * renamed into place: a run stopped at any point leaves a folder the next run still recognises.
 * @throws {UserInputError} when `dir` holds files jitsim did not write.
 */
export async function writeResults(dir: string, r: SimulationResult, shown = dir): Promise<string[]> {
  await assertSimulateOut(dir, [...SIMULATE_FILES, MANIFEST], shown);
  await mkdir(dir, { recursive: true });
  const files = new Map<string, string>([
    ['summary.json', visible(summaryJson(r.summary), { allow: '\n' })],
    ['monthly.csv', visible(endLine(aq.toCSV(r.monthly)), { allow: '\n' })],
    ['skus.csv', visible(endLine(aq.toCSV(r.skus)), { allow: '\n' })],
  ]);
  const old = await readManifest(dir);
  const previous = Object.fromEntries(SIMULATE_FILES.flatMap((n) => (old?.files[n] ? [[n, old.files[n]]] : [])));
  const staged: { tmp: string; path: string; done: () => void }[] = [];
  try {
    for (const [name, text] of files) {
      const path = join(dir, name);
      const tmp = workPath(path, 'tmp');
      staged.push({ tmp, path, done: registerWork(tmp) });
      await writeFile(tmp, text);
    }
    // trials.csv was written while the trials ran (sim/engine/trials-csv.ts): copied, never held in memory
    const tpath = join(dir, 'trials.csv');
    const ttmp = workPath(tpath, 'tmp');
    staged.push({ tmp: ttmp, path: tpath, done: registerWork(ttmp) });
    await copyFile(r.trials.path, ttmp);
    const hashed = { 'trials.csv': await fileSha256(ttmp) };
    const manifest = join(dir, MANIFEST);
    const mtmp = workPath(manifest, 'tmp');
    staged.push({ tmp: mtmp, path: manifest, done: registerWork(mtmp) });
    await writeFile(mtmp, manifestJson('simulate', files, { scenario: { name: visible(r.summary.scenario.name), sha256: r.summary.scenario.hash }, seed: r.summary.seed, trials: r.summary.trials, ...(Object.keys(previous).length ? { previous } : {}) }, hashed));
    // the manifest first, then the files it lists
    for (const s of [staged.at(-1)!, ...staged.slice(0, -1)]) await rename(s.tmp, s.path);
  } catch (e) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw e;
  } finally {
    for (const s of staged) s.done();
  }
  return SIMULATE_FILES.map((name) => join(dir, name));
}

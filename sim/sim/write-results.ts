/** Writes a simulation's files atomically: each to a temporary name in the same folder, then renamed. */
import * as aq from 'arquero';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimulationResult } from '../simulate.ts';

/** JSON with money and rates rounded at the edge (6 significant decimals at most). */
export function summaryJson(summary: unknown): string {
  return JSON.stringify(summary, (_k, v) => (typeof v === 'number' ? (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null) : v), 2) + '\n';
}

const endLine = (s: string) => (s.endsWith('\n') ? s : s + '\n');

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** Writes summary.json, trials.csv and monthly.csv into `dir` (created if missing); returns their paths. */
export async function writeResults(dir: string, r: SimulationResult): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['summary.json', summaryJson(r.summary)],
    ['trials.csv', endLine(aq.toCSV(r.trials))],
    ['monthly.csv', endLine(aq.toCSV(r.monthly))],
  ];
  for (const [name, text] of files) await atomicWrite(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/**
 * Atomic output: a folder is built completely under a temporary name beside its destination, then
 * renamed into place; a failed build leaves the previous folder untouched. Single files are written
 * to a temporary path and renamed.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { insideOutput } from './safe.ts';

/** Writes one file atomically (temporary path in the same folder, then rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/**
 * Replaces folder `dir` by exactly `files` (relative path → content), atomically: the new folder is
 * written beside it, the old one moved aside, the new one renamed in, the old one removed.
 * @throws whatever the writes throw; the previous `dir` is then unchanged.
 */
export async function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.${process.pid}.building`);
  const old = join(parent, `.${basename(dir)}.${process.pid}.old`);
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const [rel, data] of files) {
      const target = join(tmp, insideOutput(rel));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  let hadOld = false;
  try {
    await rename(dir, old);
    hadOld = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await rename(tmp, dir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Atomic output: a folder is built completely under a temporary name beside its destination, then
 * renamed into place; a failed build leaves the previous folder untouched. Single files are written
 * to a temporary path and renamed. Only a previous jitsim output is ever replaced (see
 * sim/io/output-folder.ts), and every folder written carries jitsim's manifest.json.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertHasMarker, assertReplaceable, registerWork, workPath, type OutputKind } from '../../sim/io/output-folder.ts';
import { text } from '../../sim/i18n/index.ts';
import { insideOutput } from './safe.ts';

/**
 * Test hook for the signal tests (scripts/signals.test.ts): with JITSIM_TEST_HOLD_WORK_MS set, says
 * `holding <working folder>` on stderr and waits that long with the working folder in place, so a
 * test can stop the process at that moment. Unset in normal use.
 */
async function holdForTests(path: string): Promise<void> {
  const ms = Number(process.env.JITSIM_TEST_HOLD_WORK_MS);
  if (!(ms > 0)) return;
  process.stderr.write(`holding ${path}\n`);
  await new Promise((r) => setTimeout(r, ms));
}

/** Writes one file atomically (temporary path in the same folder, then rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = workPath(path, 'tmp');
  const done = registerWork(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    done();
  }
}

/**
 * Replaces folder `dir` by exactly `files` (relative path → content), atomically: the new folder is
 * written beside it, the old one moved aside, the new one renamed in, the old one removed.
 * `files` must hold jitsim's manifest.json; `dir` must be absent, empty, or a previous jitsim output
 * of `kind` with nothing a user added or changed (checked again right before it is moved aside).
 * @throws {UserInputError} when `dir` is not jitsim's; whatever the writes throw — the previous `dir` is then unchanged.
 */
export async function writeFolderAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>, kind: OutputKind = 'report'): Promise<void> {
  assertHasMarker(files);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = workPath(dir, 'building');
  const old = workPath(dir, 'old');
  const doneTmp = registerWork(tmp);
  try {
    await rm(tmp, { recursive: true, force: true });
    try {
      for (const [rel, data] of files) {
        const target = join(tmp, insideOutput(rel));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, data);
      }
      await holdForTests(tmp);
      await assertReplaceable(dir, kind, dir, text('give another --name or --out', '请换一个 --name 或 --out'));
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
    let hadOld = false;
    const doneOld = registerWork(old, dir);
    try {
      try {
        await rename(dir, old);
        hadOld = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      await rename(tmp, dir);
      if (hadOld) await rm(old, { recursive: true, force: true });
    } catch (e) {
      // put the previous folder back if the new one could not take its place
      if (hadOld) await rename(old, dir).catch(() => {});
      await rm(tmp, { recursive: true, force: true });
      throw e;
    } finally {
      doneOld();
    }
  } finally {
    doneTmp();
  }
}

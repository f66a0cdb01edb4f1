/**
 * A portfolio of scenarios, as a user names it: a folder (its *.json files), a glob
 * (`clients/**\/*.json`, quoted so the shell leaves it alone), a list file (one scenario path per
 * line, relative to the list file; blank lines and `#` comments ignored), or scenario files — any mix.
 * The result is de-duplicated and sorted, so every machine of a CI matrix sees the same order, and
 * `--shard k/n` takes every n-th scenario from the k-th (whole scenarios, round robin).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { UserInputError } from './errors.ts';
import { text } from './i18n/index.ts';
import type { ShardSpec } from './shard.ts';

const isGlob = (s: string) => /[*?[\]{}]/.test(s);

/** Absolute paths of the scenarios named by `specs` (relative to `cwd`). @throws {UserInputError} */
export async function expandPortfolio(cwd: string, specs: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const spec of specs) {
    const abs = isAbsolute(spec) ? spec : resolve(cwd, spec);
    if (isGlob(spec)) {
      const found = await glob(spec, { cwd, absolute: true, onlyFiles: true });
      if (found.length === 0) throw new UserInputError(text(`no file matches ${spec}`, `没有文件匹配 ${spec}`), text('check the pattern (quote it so the shell does not expand it)', '请检查通配符（用引号括起，避免被 shell 展开）'), { code: 'EMPTY_PORTFOLIO' });
      for (const f of found) out.add(resolve(f));
      continue;
    }
    let st;
    try {
      st = await stat(abs);
    } catch (cause) {
      throw new UserInputError(text(`cannot read ${spec}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取 ${spec}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`), text('give a scenario file, a folder of scenarios, a glob or a list file', '请给出情景文件、情景目录、通配符或清单文件'), { cause, code: 'CANNOT_READ' });
    }
    if (st.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => n.endsWith('.json'));
      if (names.length === 0) throw new UserInputError(text(`${spec} holds no scenario (*.json)`, `${spec} 中没有情景文件（*.json）`), text('give the folder that holds the scenario files', '请给出存放情景文件的目录'), { code: 'EMPTY_PORTFOLIO' });
      for (const n of names) out.add(join(abs, n));
    } else if (abs.endsWith('.json')) out.add(abs);
    else {
      // a list file
      const lines = (await readFile(abs, 'utf8')).split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
      for (const l of lines) {
        const p = isAbsolute(l) ? l : resolve(dirname(abs), l);
        if (isGlob(l)) for (const f of await glob(l, { cwd: dirname(abs), absolute: true, onlyFiles: true })) out.add(resolve(f));
        else out.add(p);
      }
    }
  }
  return [...out].sort();
}

/** The scenarios of shard k of n: every n-th one from the k-th (round robin over the sorted list). */
export function portfolioShard<T>(items: readonly T[], s: ShardSpec | null): T[] {
  return s ? items.filter((_, i) => i % s.n === s.k - 1) : [...items];
}

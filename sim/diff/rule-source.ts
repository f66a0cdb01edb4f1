/**
 * Where a rule set comes from for `jitsim diff` / `impact`: a folder, or a git revision of the
 * project (its `rules/` and `data/` are extracted into a temporary folder with `git archive`-like
 * reads, never touching the working tree).
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';

const run = promisify(execFile);

/** A resolved rule source: the rules folder to load, and how the user named it. */
export interface RuleSource {
  label: string;
  rulesDir: string;
  /** The git revision, when the source was one. */
  revision?: string;
  /** Removes the temporary copy of a revision (nothing for a folder). */
  dispose(): Promise<void>;
}

/**
 * Resolves `ref` (a folder, or a git revision in the repository at `cwd`) to a rules folder.
 * A folder may be a rules folder itself or a project folder holding `rules/`.
 * @throws {UserInputError} when `ref` is neither.
 */
export async function resolveRuleSource(cwd: string, ref: string): Promise<RuleSource> {
  const asPath = isAbsolute(ref) ? ref : join(cwd, ref);
  const path = existsSync(asPath) ? asPath : undefined;
  if (path && statSync(path).isDirectory()) {
    const rulesDir = existsSync(join(path, 'admission.json')) ? path : join(path, 'rules');
    return { label: ref, rulesDir, dispose: async () => {} };
  }
  let top: string;
  let commit: string;
  try {
    top = (await run('git', ['rev-parse', '--show-toplevel'], { cwd })).stdout.trim();
    commit = (await run('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd })).stdout.trim();
  } catch (cause) {
    throw new UserInputError(text(`"${ref}" is neither a folder nor a git revision`, `"${ref}" 既不是目录也不是 git 版本`), text('give a folder holding rules/, or a revision such as HEAD, HEAD~1, main or a commit hash', '请给出包含 rules/ 的目录，或 HEAD、HEAD~1、main、提交哈希等版本'), { cause });
  }
  const prefix = (await run('git', ['rev-parse', '--show-prefix'], { cwd })).stdout.trim();
  const root = await mkdtemp(join(tmpdir(), `jitsim-${commit.slice(0, 8)}-`));
  const { stdout } = await run('git', ['ls-tree', '-r', '--name-only', commit, '--', `${prefix}rules`, `${prefix}data`], { cwd: top, maxBuffer: 64 << 20 });
  for (const file of stdout.split('\n').filter(Boolean)) {
    const rel = file.slice(prefix.length);
    const { stdout: content } = await run('git', ['show', `${commit}:${file}`], { cwd: top, maxBuffer: 256 << 20, encoding: 'buffer' as never });
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content as unknown as Buffer);
  }
  // a revision without data/ (rules-only repositories) borrows the working tree's data
  const workingData = join(top, prefix, 'data');
  if (!existsSync(join(root, 'data')) && existsSync(workingData)) await symlink(workingData, join(root, 'data'));
  return { label: `${ref} (${commit.slice(0, 10)})`, rulesDir: join(root, 'rules'), revision: commit, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Resolves several rule sources, runs `fn` with them, and always removes their temporary copies. */
export async function withRuleSources<T>(cwd: string, refs: readonly string[], fn: (sources: RuleSource[]) => Promise<T>): Promise<T> {
  const sources: RuleSource[] = [];
  try {
    for (const ref of refs) sources.push(await resolveRuleSource(cwd, ref));
    return await fn(sources);
  } finally {
    await Promise.all(sources.map((s) => s.dispose()));
  }
}

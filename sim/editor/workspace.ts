/**
 * The rule editor's workspace: the rule files as loaded (text, hash, mtime), the editor's drafts,
 * and the checks run on them with the CLI's own code (readRuleSet = schema + semantic checks,
 * runRuleTests, diffRuleSets). Drafts live in a temporary copy of the rules folder; the real files
 * are only written by {@link Workspace.save}, one file at a time, with the smallest text change.
 *
 * Only the seven rule files `<rulesDir>/<kind>.json` are ever read or written through here (plus
 * `<rulesDir>/tests/*.json` read into the copy); every path is checked to resolve inside the rules
 * folder, symbolic links included.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { promisify } from 'node:util';
import { existsSync, lstatSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { writeFileAtomic } from '../../reports/render/atomic.ts';
import { diffRuleSets, describeChange } from '../diff/rule-diff.ts';
import { DiagnosticsError, UserInputError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { pointerSegments } from '../io/index.ts';
import { DEFAULT_RULES_DIR, readRuleSet, type RuleFiles, type RuleSet } from '../rules/rule-set.ts';
import { runRuleTests, type Verdict } from '../rules/rule-tests.ts';
import { RULE_FILE_KINDS, type RuleFileKind } from '../rules/schema/index.ts';
import { registerWork } from '../io/output-folder.ts';
import { minimalEdit } from './minimal-edit.ts';

const git = promisify(execFile);

export type Kind = RuleFileKind;
export const KINDS: readonly Kind[] = RULE_FILE_KINDS;

export function isKind(k: unknown): k is Kind {
  return typeof k === 'string' && (KINDS as readonly string[]).includes(k);
}

/** A rule file as it was read from disk. */
export interface LoadedFile {
  text: string;
  /** sha256 of the bytes read; compared at save time to detect another program's change. */
  hash: string;
  mtimeMs: number;
  /** Parsed value (comments tolerated), or null when the file does not parse. */
  value: unknown;
}

export interface LocatedProblem {
  kind: Kind | null;
  file: string;
  pointer: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: Text;
  remedy: Text;
}

export interface FailingTest {
  file: string;
  name: string;
  expected: unknown;
  actual: Verdict;
  /** True when the case passes with the saved rules: this draft broke it. */
  new: boolean;
}

export interface DiffEntry {
  id: string;
  file: string;
  name: Text | null;
  kind: 'added' | 'removed' | 'changed';
  changes: Text[];
}

export interface CheckResult {
  valid: boolean;
  /** Canonical fingerprint of the draft rule set (set when valid). */
  fingerprint: string | null;
  problems: LocatedProblem[];
  tests: { ran: number; failed: FailingTest[]; error: Text | null };
  /** Draft compared with the saved files. */
  diff: DiffEntry[];
  /** Files whose draft differs from the saved text. */
  dirty: Kind[];
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function diffEntries(a: Partial<RuleFiles>, b: Partial<RuleFiles>): DiffEntry[] {
  return diffRuleSets(a as RuleFiles, b as RuleFiles).map((c) => ({ id: c.id, file: c.file, name: c.name, kind: c.kind, changes: c.changes.map(describeChange) }));
}

export class Workspace {
  /** Real path of the rules folder. */
  readonly rulesDir: string;
  /** How paths are shown to the user (the folder as given). */
  readonly displayDir: string;
  /** The folder holding data/ used by the checks and the impact runs. */
  readonly projectDir: string;
  readonly tmpRoot: string;
  /** Copy of the saved rules (the "before" of diff and impact). */
  readonly baseDir: string;
  /** Copy with the drafts applied (what the checks see). */
  readonly draftDir: string;
  loaded = new Map<Kind, LoadedFile>();
  drafts = new Map<Kind, unknown>();
  private baseSet: RuleSet | undefined;
  private baseFailing = new Set<string>();

  private constructor(rulesDir: string, displayDir: string, projectDir: string, tmpRoot: string) {
    this.rulesDir = rulesDir;
    this.displayDir = displayDir;
    this.projectDir = projectDir;
    this.tmpRoot = tmpRoot;
    this.baseDir = join(tmpRoot, 'base', 'rules');
    this.draftDir = join(tmpRoot, 'draft', 'rules');
  }

  /**
   * Opens a rules folder: reads every rule file and makes the temporary copies.
   * @throws {UserInputError} when the folder does not exist or holds no rule file.
   */
  static async open(dir: string, displayDir = dir): Promise<Workspace> {
    let real: string;
    try {
      real = await realpath(dir);
      if (!(await stat(real)).isDirectory()) throw new Error('ENOTDIR');
    } catch (cause) {
      throw new UserInputError(text(`${displayDir} is not a folder that can be read`, `${displayDir} 不是可读取的目录`), text('give the rules folder, e.g. jitsim edit rules/', '请给出规则目录，如 jitsim edit rules/'), { cause, code: 'CANNOT_READ' });
    }
    const names = await readdir(real);
    if (!KINDS.some((k) => names.includes(`${k}.json`)))
      throw new UserInputError(text(`${displayDir} holds no rule file (${KINDS.map((k) => `${k}.json`).join(', ')})`, `${displayDir} 中没有规则文件（${KINDS.map((k) => `${k}.json`).join('、')}）`), text('give the folder that holds admission.json, fees.json …', '请给出包含 admission.json、fees.json 等文件的目录'), { code: 'CANNOT_READ' });
    const besideRules = dirname(real);
    const projectDir = existsSync(join(besideRules, 'data')) ? besideRules : dirname(DEFAULT_RULES_DIR);
    const ws = new Workspace(real, displayDir, projectDir, await mkdtemp(join(tmpdir(), 'jitsim-edit-')));
    // Ctrl+C / kill: the CLI's signal clean-up removes the temporary copy too
    ws.unregister = registerWork(ws.tmpRoot);
    try {
      await ws.prepare();
    } catch (e) {
      await ws.dispose();
      throw e;
    }
    return ws;
  }

  /** Makes the temporary copies and reads every rule file. */
  private async prepare(): Promise<void> {
    const ws = this;
    const real = this.rulesDir;
    const projectDir = this.projectDir;
    for (const d of [ws.baseDir, ws.draftDir]) {
      await mkdir(d, { recursive: true });
      await symlink(join(projectDir, 'data'), join(dirname(d), 'data'));
      // the editors' rule tests; links are not followed (nothing outside the folder is read)
      if (existsSync(join(real, 'tests'))) await cp(await ws.inside(join(real, 'tests')), join(d, 'tests'), { recursive: true, filter: (src) => !lstatSync(src).isSymbolicLink() });
    }
    await ws.reloadAll();
  }

  /**
   * The real path of `path`, which must lie inside the rules folder (after following links).
   * @throws {UserInputError} otherwise.
   */
  async inside(path: string): Promise<string> {
    const abs = resolve(this.rulesDir, path);
    const lexical = relative(this.rulesDir, abs);
    let real = abs;
    try {
      real = await realpath(abs);
    } catch {
      // a file that does not exist yet: check its folder
      real = join(await realpath(dirname(abs)), basename(abs));
    }
    const rel = relative(this.rulesDir, real);
    if (lexical.startsWith('..') || isAbsolute(lexical) || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
      throw new UserInputError(text(`${path} is outside the rules folder ${this.displayDir}`, `${path} 不在规则目录 ${this.displayDir} 内`), text('the editor only reads and writes the rule files of its folder', '编辑器只读写其规则目录中的规则文件'), { code: 'OUTSIDE' });
    return real;
  }

  /** Path of a rule file, checked to be inside the rules folder. */
  async fileOf(kind: Kind): Promise<string> {
    if (!isKind(kind)) throw new UserInputError(text(`unknown rule file ${String(kind)}`, `未知规则文件 ${String(kind)}`), text(`use one of: ${KINDS.join(', ')}`, `请使用：${KINDS.join('、')}`));
    const p = join(this.rulesDir, `${kind}.json`);
    // a rule file that is a link is followed only when its target is inside the folder
    return this.inside(p);
  }

  private async readDisk(kind: Kind): Promise<LoadedFile | null> {
    const p = await this.fileOf(kind);
    let buf: Buffer;
    try {
      buf = await readFile(p);
    } catch {
      return null;
    }
    const textContent = buf.toString('utf8');
    const errors: { error: number }[] = [];
    const value = parse(textContent, errors as never, { allowTrailingComma: true });
    return { text: textContent, hash: sha(buf), mtimeMs: (await stat(p)).mtimeMs, value: errors.length ? null : (value ?? null) };
  }

  /** Reads every rule file again, dropping the drafts. */
  async reloadAll(): Promise<void> {
    for (const k of KINDS) await this.reload(k);
  }

  /** Reads one rule file again (after another program changed it), dropping its draft. */
  async reload(kind: Kind): Promise<void> {
    const f = await this.readDisk(kind);
    if (f) this.loaded.set(kind, f);
    else this.loaded.delete(kind);
    this.drafts.delete(kind);
    await this.writeCopy(this.baseDir, kind, f?.text);
    await this.writeCopy(this.draftDir, kind, f?.text);
    this.baseSet = undefined;
  }

  private async writeCopy(dir: string, kind: Kind, content: string | undefined): Promise<void> {
    const p = join(dir, `${kind}.json`);
    if (content === undefined) await rm(p, { force: true });
    else await writeFile(p, content);
  }

  /** The text a draft would be saved as: the loaded text with the smallest change. */
  draftText(kind: Kind): string | undefined {
    const f = this.loaded.get(kind);
    if (!f) return undefined;
    if (!this.drafts.has(kind)) return f.text;
    const draft = this.drafts.get(kind);
    if (f.value === null) return JSON.stringify(draft, null, 2) + '\n';
    return minimalEdit(f.text, f.value, draft);
  }

  /** The current value of a file: its draft, else what was loaded. */
  current(kind: Kind): unknown {
    return this.drafts.has(kind) ? this.drafts.get(kind) : this.loaded.get(kind)?.value;
  }

  /** Sets the draft of one file (the whole file's value). */
  async setDraft(kind: Kind, value: unknown): Promise<void> {
    await this.fileOf(kind);
    const f = this.loaded.get(kind);
    if (!f) throw new UserInputError(text(`${kind}.json does not exist in ${this.displayDir}`, `${this.displayDir} 中没有 ${kind}.json`), text('restore the file first', '请先恢复该文件'));
    if (JSON.stringify(value) === JSON.stringify(f.value)) this.drafts.delete(kind);
    else this.drafts.set(kind, value);
    await this.writeCopy(this.draftDir, kind, this.draftText(kind));
  }

  /** Files changed on disk by another program since they were loaded. */
  async changedOnDisk(): Promise<Kind[]> {
    const out: Kind[] = [];
    for (const k of KINDS) {
      const disk = await this.readDisk(k);
      if ((disk?.hash ?? null) !== (this.loaded.get(k)?.hash ?? null)) out.push(k);
    }
    return out;
  }

  private locate(d: Diagnostic, dir: string): LocatedProblem {
    const name = basename(d.location.file);
    const kind = name.endsWith('.json') && isKind(name.slice(0, -5)) && dirname(d.location.file) === dir ? (name.slice(0, -5) as Kind) : null;
    const shown = kind ? join(this.displayDir, name) : d.location.file.startsWith(dir) ? join(this.displayDir, relative(dir, d.location.file)) : d.location.file;
    return { kind, file: shown, pointer: d.location.pointer, line: d.location.line, col: d.location.col, severity: d.severity, message: d.message, remedy: d.remedy };
  }

  private async base(): Promise<RuleSet | undefined> {
    if (!this.baseSet) {
      const r = await readRuleSet(this.baseDir).catch(() => ({ ruleSet: undefined }));
      this.baseSet = r.ruleSet;
      this.baseFailing = new Set();
      if (r.ruleSet && existsSync(join(this.baseDir, 'tests'))) {
        const results = await runRuleTests(r.ruleSet, join(this.baseDir, 'tests')).catch(() => []);
        for (const t of results) if (!t.passed) this.baseFailing.add(`${basename(t.file)}\n${t.name}`);
      }
    }
    return this.baseSet;
  }

  /** Every check the CLI runs, on the drafts: `rules validate`, `rules test`, `diff` against the saved files. */
  async check(): Promise<CheckResult> {
    await this.base();
    const { ruleSet, diagnostics } = await readRuleSet(this.draftDir);
    const problems = diagnostics.map((d) => this.locate(d, this.draftDir));
    const tests: CheckResult['tests'] = { ran: 0, failed: [], error: null };
    if (ruleSet && existsSync(join(this.draftDir, 'tests'))) {
      try {
        const results = await runRuleTests(ruleSet, join(this.draftDir, 'tests'));
        tests.ran = results.length;
        tests.failed = results.filter((r) => !r.passed).map((r) => ({ file: join(this.displayDir, 'tests', basename(r.file)), name: r.name, expected: r.expected, actual: r.actual, new: !this.baseFailing.has(`${basename(r.file)}\n${r.name}`) }));
      } catch (e) {
        if (e instanceof DiagnosticsError) problems.push(...e.diagnostics.map((d) => this.locate(d, join(this.draftDir, 'tests'))));
        else if (e instanceof UserInputError) tests.error = e.text;
        else throw e;
      }
    }
    const saved: Partial<Record<Kind, unknown>> = {};
    const draft: Partial<Record<Kind, unknown>> = {};
    for (const k of KINDS) {
      saved[k] = this.loaded.get(k)?.value ?? {};
      draft[k] = this.current(k) ?? {};
    }
    return {
      valid: ruleSet !== undefined && problems.every((p) => p.severity !== 'error'),
      fingerprint: ruleSet?.fingerprint ?? null,
      problems,
      tests,
      diff: diffEntries(saved as Partial<RuleFiles>, draft as Partial<RuleFiles>),
      dirty: KINDS.filter((k) => this.drafts.has(k) && this.draftText(k) !== this.loaded.get(k)?.text),
    };
  }

  /**
   * Saves the drafts of every changed file: refused while the draft rule set is invalid or when a
   * file changed on disk since it was loaded; each file written atomically with the smallest change.
   */
  async save(): Promise<{ ok: true; saved: string[] } | { ok: false; reason: 'invalid' | 'conflict'; files: string[] }> {
    const result = await this.check();
    if (!result.valid) return { ok: false, reason: 'invalid', files: result.problems.filter((p) => p.severity === 'error').map((p) => p.file) };
    const conflicts = (await this.changedOnDisk()).filter((k) => result.dirty.includes(k));
    if (conflicts.length) return { ok: false, reason: 'conflict', files: conflicts.map((k) => `${k}.json`) };
    const saved: string[] = [];
    for (const k of result.dirty) {
      const content = this.draftText(k)!;
      await writeFileAtomic(await this.fileOf(k), content);
      saved.push(join(this.displayDir, `${k}.json`));
      await this.reload(k);
    }
    return { ok: true, saved };
  }

  /** The rule files at git HEAD (null when the folder is not in a git repository or the file is new). */
  async headFiles(): Promise<Partial<Record<Kind, unknown>> | null> {
    try {
      await git('git', ['rev-parse', '--verify', 'HEAD^{commit}'], { cwd: this.rulesDir });
    } catch {
      return null;
    }
    const out: Partial<Record<Kind, unknown>> = {};
    for (const k of KINDS) {
      try {
        const { stdout } = await git('git', ['show', `HEAD:./${k}.json`], { cwd: this.rulesDir, maxBuffer: 64 << 20 });
        out[k] = parse(stdout);
      } catch {
        // not committed yet
      }
    }
    return out;
  }

  /** Changes since the last commit: git HEAD → the saved files, and HEAD → the drafts. */
  async history(): Promise<{ git: boolean; saved: DiffEntry[]; draft: DiffEntry[] }> {
    const head = await this.headFiles();
    if (!head) return { git: false, saved: [], draft: [] };
    const saved: Partial<Record<Kind, unknown>> = {};
    const draft: Partial<Record<Kind, unknown>> = {};
    const base: Partial<Record<Kind, unknown>> = {};
    for (const k of KINDS) {
      base[k] = head[k] ?? {};
      saved[k] = this.loaded.get(k)?.value ?? {};
      draft[k] = this.current(k) ?? {};
    }
    return { git: true, saved: diffEntries(base as Partial<RuleFiles>, saved as Partial<RuleFiles>), draft: diffEntries(base as Partial<RuleFiles>, draft as Partial<RuleFiles>) };
  }

  /**
   * Puts one rule (any object with this `id`) back as it is at git HEAD, in the draft of its file
   * (a rule added since HEAD is removed). The user then saves as usual.
   * @throws {UserInputError} when the id is unknown.
   */
  async revert(id: string): Promise<Kind> {
    const head = (await this.headFiles()) ?? {};
    for (const k of KINDS) {
      const cur = this.current(k);
      const atCur = findById(cur, id);
      const atHead = findById(head[k], id);
      if (!atCur && !atHead) continue;
      const next = structuredClone(cur);
      if (atCur && atHead) setAt(next, atCur, structuredClone(getAt(head[k], atHead)));
      else if (atCur) removeAt(next, atCur);
      else {
        // removed since HEAD: put it back at its old place in its list (or at the end)
        const parent = atHead!.slice(0, -1);
        const list = getAt(next, parent);
        if (!Array.isArray(list)) continue;
        list.splice(Math.min(Number(atHead![atHead!.length - 1]), list.length), 0, structuredClone(getAt(head[k], atHead!)));
      }
      await this.setDraft(k, next);
      return k;
    }
    throw new UserInputError(text(`no rule ${id} here or at git HEAD`, `当前与 git HEAD 中都没有规则 ${id}`), text('pick a rule from the list of changes', '请从变更列表中选择规则'));
  }

  /** A JSON pointer to the rule file's part (for the form). */
  static pointerPath(pointer: string): (string | number)[] {
    return pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  }

  private unregister: () => void = () => {};

  async dispose(): Promise<void> {
    await rm(this.tmpRoot, { recursive: true, force: true });
    this.unregister();
  }
}

type Path = (string | number)[];

/** Path of the first object (depth first) whose `id` is `id`, below the root. */
export function findById(v: unknown, id: string, path: Path = []): Path | null {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const p = findById(x, id, [...path, i]);
      if (p) return p;
    }
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (path.length > 0 && o.id === id) return path;
    for (const [k, x] of Object.entries(o)) {
      const p = findById(x, id, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

function getAt(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);
}
function setAt(v: unknown, path: Path, value: unknown): void {
  (getAt(v, path.slice(0, -1)) as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}
function removeAt(v: unknown, path: Path): void {
  const parent = getAt(v, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
}

/** Helpers the command files share: resolving paths, loading rules, printing findings. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { UserInputError, type Diagnostic } from '../../sim/errors.ts';
import { formatDiagnostic } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { M } from './messages.ts';
import { findingJson, type Finding } from '../../sim/checks/finding.ts';
import { DEFAULT_RULES_DIR, loadRuleSet, type RuleSet } from '../../sim/rules/rule-set.ts';
import { paint, type Io } from '../io.ts';
import { visible } from '../../sim/io/safe-text.ts';

/** A path as the user gave it, resolved against the Io's working folder. */
export function userPath(io: Io, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

/**
 * A path for messages (and for the loaders): relative to the working folder when inside it — only
 * when that folder is the process's own, since a relative path is opened against `process.cwd()`.
 */
export function displayPath(io: Io, p: string): string {
  if (resolve(io.cwd) !== process.cwd()) return resolve(io.cwd, p);
  const r = relative(io.cwd, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
}

/**
 * The rules folder to use, as shown in messages: the one given, else `rules/` of the working folder,
 * else the rules shipped with jitsim (so the commands also work outside a project checkout).
 */
export function resolveRulesDir(io: Io, dir: string | undefined): string {
  const given = userPath(io, dir ?? 'rules');
  return displayPath(io, (dir === undefined || dir === 'rules') && !existsSync(given) ? DEFAULT_RULES_DIR : given);
}

/** Loads the rule folder named by `--rules` (see {@link resolveRulesDir}). */
export async function loadRules(io: Io, dir: string | undefined): Promise<RuleSet> {
  return loadRuleSet(resolveRulesDir(io, dir));
}

const LABEL: Record<'error' | 'warning' | 'pass', Record<Lang, string>> = { error: M.findingFail, warning: M.findingWarn, pass: M.findingPass };

/** Human-readable lines of a finding: "FAIL ADM-3  message\n      → remedy  (source)". */
export function formatFinding(io: Io, f: Finding, lang: Lang): string {
  // user text (SKU ids, provider names, order ids) made visible before colours are added around it
  const head = `${paint(io, f.severity === 'error' ? 'red' : 'yellow', LABEL[f.severity][lang])} ${paint(io, 'bold', visible(f.rule))}  ${visible(f.message[lang])}`;
  const items = f.items && f.items.length > 0 ? `\n      ${M.findingItems[lang]}: ${f.items.slice(0, 20).map((x) => visible(x)).join(', ')}${f.items.length > 20 ? ` … (+${f.items.length - 20})` : ''}` : '';
  return `${head}${items}\n      → ${f.remedy[lang]}\n      ${paint(io, 'dim', `${M.findingSource[lang]}: ${f.source}`)}`;
}

/** "PASS ADM-1" lines for the rules that passed. */
export function formatPass(io: Io, id: string, name: string, lang: Lang): string {
  return `${paint(io, 'green', LABEL.pass[lang])} ${paint(io, 'bold', id)}  ${name}`;
}

export function diagnosticsJson(ds: readonly Diagnostic[], lang: Lang) {
  return ds.map((d) => ({ ...d.location, severity: d.severity, message: d.message[lang], remedy: d.remedy[lang], text: formatDiagnostic(d, lang) }));
}

export function findingsJson(fs: readonly Finding[], lang: Lang) {
  return fs.map((f) => findingJson(f, lang));
}

/**
 * The most trials one run may ask for (--trials, --max-trials): a sanity bound only — whether a run fits
 * in memory is checked against this machine before it starts (sim/engine/limits.ts), naming --shard and --precision.
 */
export const MAX_TRIALS = 1_000_000_000_000;

/**
 * A whole-number flag value.
 * @throws {UserInputError} when it is not a whole number in [min, max].
 */
export function wholeNumber(flag: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isSafeInteger(x) || x < min || x > max) {
    throw new UserInputError(M.notWholeNumber(flag, v, min, max === Number.MAX_SAFE_INTEGER ? undefined : max.toLocaleString('en-US')), M.writeEg(`${flag} ${Math.min(max, Math.max(min, 1000))}`));
  }
  return x;
}

/**
 * The number of worker threads: `--workers` (a whole number ≥ 1), lowered to the number of cores
 * with a one-line note on stderr (more threads than cores only slow a run down); default: all cores.
 */
export function workerCount(io: Io, v: string | undefined, lang: Lang = 'en'): number {
  const cores = Math.max(1, availableParallelism());
  if (v === undefined) return cores;
  const n = wholeNumber('--workers', v, 1);
  if (n <= cores) return n;
  io.err(M.tooManyWorkers(n, cores)[lang]);
  return cores;
}

/** A one-line progress bar on stderr, redrawn in place (only call it when `io.progress`). */
export function progressBar(io: Io, label = ''): (done: number, total: number, stage: string) => void {
  let last = -1;
  return (done, total, stage) => {
    const pct = Math.floor((100 * done) / Math.max(1, total));
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((width * pct) / 100);
    io.errRaw(`\r${label}${stage} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${pct}% ${done}/${total}${pct >= 100 ? '\n' : ''}`);
  };
}

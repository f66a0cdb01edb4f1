/** `jitsim report <scenario...>`: simulate each scenario and write a client-ready report folder. */
import { basename, join } from 'node:path';
import { DiagnosticsError, UserInputError } from '../../sim/errors.ts';
import { readJsonDocument } from '../../sim/io/json-document.ts';
import { assertOutputRoot, assertReplaceable, sweepStale, sweptLine } from '../../sim/io/output-folder.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { preparePlan } from '../../sim/engine/prepare.ts';
import { disposeResult, simulate } from '../../sim/simulate.ts';
import { buildReportModel, resultsCsv } from '../../reports/build-model.ts';
import { writeCompare } from '../../reports/compare.ts';
import { headline } from '../../reports/narrative.ts';
import type { ReportModel } from '../../reports/model.ts';
import { slug } from '../../reports/render/safe.ts';
import { EXTRA_FORMATS, writeReport, type ExtraFormat } from '../../reports/write-report.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type Io } from '../io.ts';
import { parsePrecision } from './simulate.ts';
import { M } from './messages.ts';
import { displayPath, progressBar, resolveRulesDir, userPath, wholeNumber, workerCount, MAX_TRIALS } from './shared.ts';

export interface ReportOptions {
  json?: boolean;
  lang: 'en' | 'zh' | 'both';
  out: string;
  rules?: string;
  trials?: string;
  precision?: string;
  seed: string;
  workers?: string;
  compare?: boolean;
  /** Folder names, one per scenario (repeatable --name). */
  name?: string[];
  nameFromScenario?: boolean;
  format?: string;
}

/** `--format pdf,xlsx` → the extra formats. */
export function parseFormats(v: string | undefined): ExtraFormat[] {
  if (v === undefined) return [];
  const out = v.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x !== '' && x !== 'html');
  for (const f of out) if (!(EXTRA_FORMATS as readonly string[]).includes(f)) throw new UserInputError(M.badFormat(f), M.badFormatFix(EXTRA_FORMATS));
  return [...new Set(out)] as ExtraFormat[];
}

/** Default number of trials of a report (the default report scenario of the speed target). */
export const REPORT_TRIALS = 10_000;


/** The report folder name of a scenario file: its base name, made file-system safe. */
export function reportFolderName(scenarioFile: string): string {
  return slug(basename(scenarioFile).replace(/\.json$/i, ''));
}

/** A folder name given with --name: a plain name, no path. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/**
 * The folder name of each scenario: `--name` (one per scenario, in order), the scenario's `name`
 * field (`--name-from-scenario`), or the file's base name.
 * @throws {UserInputError} for a bad --name, or when two scenarios would get the same folder.
 */
export async function folderNames(io: Io, files: readonly string[], o: Pick<ReportOptions, 'name' | 'nameFromScenario' | 'compare'>): Promise<{ names: string[]; compare?: string }> {
  const given = o.name ?? [];
  if (given.length && o.nameFromScenario) throw new UserInputError(M.nameAndNameFromScenario, M.dropOne);
  if (given.length && given.length !== files.length) throw new UserInputError(M.nameCount(given.length, files.length), M.nameCountFix);
  for (const n of given) if (!PLAIN_NAME.test(n) || n === '.' || n === '..') throw new UserInputError(M.badFolderName(JSON.stringify(n)), M.badFolderNameFix);
  const names: string[] = [];
  for (const [i, file] of files.entries()) {
    if (given.length) names.push(given[i]!);
    else if (o.nameFromScenario) {
      const doc = await readJsonDocument(file);
      const n = (doc.value as { name?: unknown } | null)?.name;
      if (typeof n !== 'string' || !n) throw new DiagnosticsError([doc.diag('/name', M.noScenarioName, M.noScenarioNameFix)]);
      names.push(slug(n));
    } else names.push(reportFolderName(file));
  }
  const compare = o.compare ? `compare-${names.join('-vs-')}`.slice(0, 120) : undefined;
  const all = compare ? [...names, compare] : names;
  const clash = all.findIndex((n, i) => all.indexOf(n) !== i);
  if (clash >= 0) {
    const n = all[clash]!;
    const who = all.flatMap((x, i) => (x === n ? [i < files.length ? displayPath(io, userPath(io, files[i]!)) : '--compare'] : []));
    throw new UserInputError(M.sameFolder(who, n), M.sameFolderFix(files.map((_f, i) => `--name client-${i + 1}`).join(' ')), { code: 'SAME_OUTPUT_NAME' });
  }
  return compare ? { names, compare } : { names };
}

export async function run(io: Io, scenarios: string[], o: ReportOptions): Promise<number> {
  const langs: Lang[] = o.lang === 'both' ? ['en', 'zh'] : [o.lang];
  const msgLang: Lang = o.lang === 'zh' ? 'zh' : 'en';
  const formats = parseFormats(o.format);
  const seed = wholeNumber('--seed', o.seed, 0);
  const trials = o.trials !== undefined ? wholeNumber('--trials', o.trials, 2, MAX_TRIALS) : undefined;
  const precision = o.precision !== undefined ? parsePrecision(o.precision) : undefined;
  if (trials !== undefined && precision !== undefined) throw new UserInputError(M.trialsOrPrecision, M.dropOne);
  if (o.compare && scenarios.length < 2) throw new UserInputError(M.compareNeedsTwo, M.compareNeedsTwoFix);
  const workers = workerCount(io, o.workers, msgLang);
  const outRoot = userPath(io, o.out);
  const rulesDir = resolveRulesDir(io, o.rules);

  // before any work: distinct names, an output folder we may write to, and nothing of the user's in the way
  const { names, compare } = await folderNames(io, scenarios, o);
  await assertOutputRoot(outRoot, o.out);
  const how = M.reportFolderTaken(scenarios.length > 1);
  // leftovers of a stopped run first (a report it had moved aside is moved back)
  const swept = await sweepStale(outRoot);
  if (swept.length) io.err(sweptLine(displayPath(io, outRoot), swept)[msgLang]);
  for (const n of names) await assertReplaceable(join(outRoot, n), 'report', displayPath(io, join(outRoot, n)), how);
  if (compare) await assertReplaceable(join(outRoot, compare), 'compare', displayPath(io, join(outRoot, compare)), how);

  const built: { file: string; dir: string; model: ReportModel }[] = [];
  for (const [i, file] of scenarios.entries()) {
    const scenarioFile = displayPath(io, userPath(io, file));
    const source = { rulesDir, scenarioFile };
    const plan = await preparePlan(source);
    const result = await simulate(plan, source, {
      seed,
      workers,
      ...(precision !== undefined ? { precision } : { trials: trials ?? REPORT_TRIALS }),
      ...(io.progress ? { onProgress: progressBar(io, `${basename(file)} `) } : {}),
    });
    const dir = join(outRoot, names[i]!);
    let model;
    try {
      model = buildReportModel(result, plan, scenarioFile, io.env);
      await writeReport(dir, model, langs, resultsCsv(result, model.scenario.name), { formats, env: io.env });
    } finally {
      disposeResult(result);
    }
    built.push({ file: scenarioFile, dir, model });
    if (!o.json) {
      // the headline first (in the first report language), then where the report is
      const lang = langs[0]!;
      io.out(paint(io, 'bold', `${model.scenario.name} — ${M.reportRun(model.scenario.horizonMonths, model.run.trials)[lang]}`));
      for (const line of headline(model, lang)) io.out(line);
      io.out(`${paint(io, 'green', '✓')} ${displayPath(io, join(dir, 'index.html'))}`);
    }
  }
  let compareDir: string | undefined;
  if (compare) {
    compareDir = join(outRoot, compare);
    await writeCompare(compareDir, built.map((b) => b.model), langs);
    if (!o.json) io.out(`${paint(io, 'green', '✓')} ${displayPath(io, join(compareDir, 'index.html'))}`);
  }
  if (o.json) io.out(JSON.stringify({ ok: true, reports: built.map((b) => ({ scenario: b.file, dir: displayPath(io, b.dir), index: displayPath(io, join(b.dir, 'index.html')) })), ...(compareDir ? { compare: displayPath(io, join(compareDir, 'index.html')) } : {}) }, null, 2));
  return EXIT.ok;
}

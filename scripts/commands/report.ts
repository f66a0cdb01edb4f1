/** `jitsim report <scenario...>`: simulate each scenario and write a client-ready report folder. */
import { basename, join } from 'node:path';
import { DiagnosticsError, UserInputError } from '../../sim/errors.ts';
import { readJsonDocument } from '../../sim/io/json-document.ts';
import { assertOutputRoot, assertReplaceable, sweepStale, sweptLine } from '../../sim/io/output-folder.ts';
import { text, type Lang } from '../../sim/i18n/index.ts';
import { preparePlan } from '../../sim/engine/prepare.ts';
import { simulate } from '../../sim/simulate.ts';
import { buildReportModel, resultsCsv } from '../../reports/build-model.ts';
import { writeCompare } from '../../reports/compare.ts';
import { headline } from '../../reports/narrative.ts';
import type { ReportModel } from '../../reports/model.ts';
import { slug } from '../../reports/render/safe.ts';
import { EXTRA_FORMATS, writeReport, type ExtraFormat } from '../../reports/write-report.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type Io } from '../io.ts';
import { parsePrecision } from './simulate.ts';
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
  for (const f of out) if (!(EXTRA_FORMATS as readonly string[]).includes(f)) throw new UserInputError(text(`--format ${f} is not a format jitsim writes`, `--format ${f} 不是 jitsim 支持的格式`), text(`use ${EXTRA_FORMATS.join(', ')} (comma-separated), e.g. --format pdf,xlsx`, `请使用 ${EXTRA_FORMATS.join('、')}（逗号分隔），如 --format pdf,xlsx`));
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
  if (given.length && o.nameFromScenario) throw new UserInputError(text('give --name or --name-from-scenario, not both', '--name 与 --name-from-scenario 只能二选一'), text('drop one of them', '请去掉其中一个'));
  if (given.length && given.length !== files.length) throw new UserInputError(text(`${given.length} --name for ${files.length} scenario file(s)`, `${files.length} 个场景文件却给了 ${given.length} 个 --name`), text('give one --name per scenario file, in the same order', '请按顺序为每个场景文件各给一个 --name'));
  for (const n of given) if (!PLAIN_NAME.test(n) || n === '.' || n === '..') throw new UserInputError(text(`--name ${JSON.stringify(n)} is not a plain folder name`, `--name ${JSON.stringify(n)} 不是普通文件夹名`), text('use letters, digits, ".", "_" and "-" (no "/"), at most 80 characters, e.g. --name client-b', '请只用字母、数字、"."、"_" 和 "-"（不含 "/"），最多 80 个字符，如 --name client-b'));
  const names: string[] = [];
  for (const [i, file] of files.entries()) {
    if (given.length) names.push(given[i]!);
    else if (o.nameFromScenario) {
      const doc = await readJsonDocument(file);
      const n = (doc.value as { name?: unknown } | null)?.name;
      if (typeof n !== 'string' || !n) throw new DiagnosticsError([doc.diag('/name', text('the scenario has no "name" to name its report folder after', '场景没有可作为报告文件夹名的 "name"'), text('add "name" (kebab-case), or name the folder with --name', '请添加 "name"（短横线小写），或用 --name 命名文件夹'))]);
      names.push(slug(n));
    } else names.push(reportFolderName(file));
  }
  const compare = o.compare ? `compare-${names.join('-vs-')}`.slice(0, 120) : undefined;
  const all = compare ? [...names, compare] : names;
  const clash = all.findIndex((n, i) => all.indexOf(n) !== i);
  if (clash >= 0) {
    const n = all[clash]!;
    const who = all.flatMap((x, i) => (x === n ? [i < files.length ? displayPath(io, userPath(io, files[i]!)) : '--compare'] : []));
    throw new UserInputError(
      text(`${who.join(' and ')} would all be written to the report folder "${n}"`, `${who.join(' 和 ')} 都会写入同一个报告文件夹 "${n}"`),
      text(`name them apart: --name <name> once per scenario file, in order (e.g. ${files.map((_f, i) => `--name client-${i + 1}`).join(' ')}), or --name-from-scenario to use each scenario's "name" field`, `请区分名称：按顺序为每个场景文件各给一个 --name（如 ${files.map((_f, i) => `--name client-${i + 1}`).join(' ')}），或用 --name-from-scenario 以各场景的 "name" 字段命名`),
      { code: 'SAME_OUTPUT_NAME' },
    );
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
  if (trials !== undefined && precision !== undefined) throw new UserInputError(text('give --trials or --precision, not both', '--trials 与 --precision 只能二选一'), text('drop one of them', '请去掉其中一个'));
  if (o.compare && scenarios.length < 2) throw new UserInputError(text('--compare needs at least two scenarios', '--compare 至少需要两个场景'), text('list two or more scenario files', '请列出两个或以上场景文件'));
  const workers = workerCount(io, o.workers, msgLang);
  const outRoot = userPath(io, o.out);
  const rulesDir = resolveRulesDir(io, o.rules);

  // before any work: distinct names, an output folder we may write to, and nothing of the user's in the way
  const { names, compare } = await folderNames(io, scenarios, o);
  await assertOutputRoot(outRoot, o.out);
  const how = text(
    `choose another folder name${scenarios.length > 1 ? ' (--name once per scenario, in order)' : ' with --name <other>'}, or another --out; jitsim never deletes what it did not write`,
    `请用${scenarios.length > 1 ? '按顺序为每个场景各给一个 --name ' : ' --name <其他名称> '}换一个文件夹名，或换一个 --out；jitsim 不会删除不是它写的内容`,
  );
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
    const model = buildReportModel(result, plan, scenarioFile, io.env);
    const dir = join(outRoot, names[i]!);
    await writeReport(dir, model, langs, resultsCsv(result, model.scenario.name), { formats, env: io.env });
    built.push({ file: scenarioFile, dir, model });
    if (!o.json) {
      // the headline first (in the first report language), then where the report is
      const lang = langs[0]!;
      io.out(paint(io, 'bold', `${model.scenario.name} — ${lang === 'zh' ? `${model.scenario.horizonMonths}个月，${model.run.trials}次模拟` : `${model.scenario.horizonMonths} months, ${model.run.trials} simulations`}`));
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

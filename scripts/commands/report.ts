/** `jitsim report <scenario...>`: simulate each scenario and write a client-ready report folder. */
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { UserInputError } from '../../sim/errors.ts';
import { text, type Lang } from '../../sim/i18n/index.ts';
import { preparePlan } from '../../sim/sim/prepare.ts';
import { simulate } from '../../sim/simulate.ts';
import { buildReportModel, resultsCsv } from '../../reports/build-model.ts';
import { writeCompare } from '../../reports/compare.ts';
import { headline } from '../../reports/narrative.ts';
import type { ReportModel } from '../../reports/model.ts';
import { slug } from '../../reports/render/safe.ts';
import { EXTRA_FORMATS, writeReport, type ExtraFormat } from '../../reports/write-report.ts';
import { EXIT } from '../cli.ts';
import { paint, type Io } from '../io.ts';
import { parsePrecision } from './simulate.ts';
import { displayPath, progressBar, resolveRulesDir, userPath, wholeNumber } from './shared.ts';

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

export async function run(io: Io, scenarios: string[], o: ReportOptions): Promise<number> {
  const langs: Lang[] = o.lang === 'both' ? ['en', 'zh'] : [o.lang];
  const formats = parseFormats(o.format);
  const seed = wholeNumber('--seed', o.seed, 0);
  const trials = o.trials !== undefined ? wholeNumber('--trials', o.trials, 2) : undefined;
  const precision = o.precision !== undefined ? parsePrecision(o.precision) : undefined;
  if (trials !== undefined && precision !== undefined) throw new UserInputError(text('give --trials or --precision, not both', '--trials 与 --precision 只能二选一'), text('drop one of them', '请去掉其中一个'));
  const workers = o.workers !== undefined ? wholeNumber('--workers', o.workers, 1) : Math.max(1, availableParallelism());
  if (o.compare && scenarios.length < 2) throw new UserInputError(text('--compare needs at least two scenarios', '--compare 至少需要两个场景'), text('list two or more scenario files', '请列出两个或以上场景文件'));
  const outRoot = userPath(io, o.out);
  const rulesDir = resolveRulesDir(io, o.rules);
  const built: { file: string; dir: string; model: ReportModel }[] = [];
  for (const file of scenarios) {
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
    const dir = join(outRoot, reportFolderName(file));
    await writeReport(dir, model, langs, resultsCsv(result, model.scenario.name), { formats, env: io.env });
    built.push({ file: scenarioFile, dir, model });
    if (!o.json) {
      // the headline first (in the first report language), then where the report is
      const lang = langs[0]!;
      io.out(paint(io, 'bold', `${model.scenario.name} — ${model.scenario.horizonMonths} ${lang === 'zh' ? '个月' : 'months'}, ${model.run.trials} ${lang === 'zh' ? '次模拟' : 'simulations'}`));
      for (const line of headline(model, lang)) io.out(line);
      io.out(`${paint(io, 'green', '✓')} ${displayPath(io, join(dir, 'index.html'))}`);
    }
  }
  let compareDir: string | undefined;
  if (o.compare) {
    compareDir = join(outRoot, `compare-${built.map((b) => reportFolderName(b.file)).join('-vs-')}`.slice(0, 120));
    await writeCompare(compareDir, built.map((b) => b.model), langs);
    if (!o.json) io.out(`${paint(io, 'green', '✓')} ${displayPath(io, join(compareDir, 'index.html'))}`);
  }
  if (o.json) io.out(JSON.stringify({ ok: true, reports: built.map((b) => ({ scenario: b.file, dir: displayPath(io, b.dir), index: displayPath(io, join(b.dir, 'index.html')) })), ...(compareDir ? { compare: displayPath(io, join(compareDir, 'index.html')) } : {}) }, null, 2));
  return EXIT.ok;
}

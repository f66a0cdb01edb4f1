/**
 * Render stage: ReportModel ──▶ the files of one report folder (HTML, chart specs, SVG, PNG,
 * Markdown, CSV, manifest), in memory, then written atomically. Everything is a function of the
 * inputs: no clock, no randomness, so building twice gives byte-identical files.
 */
import type { Lang } from '../sim/i18n/index.ts';
import { MANIFEST, manifestJson } from '../sim/io/output-folder.ts';
import { CHARTS } from './charts/index.ts';
import { codeFingerprint } from './code-fingerprint.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportModel } from './model.ts';
import { writeFolderAtomic } from './render/atomic.ts';
import { renderChart } from './render/vega.ts';
import { embedFont } from './render/font-embed.ts';
import { date } from './labels.ts';
import type { ChartSlot } from './html.ts';

/** The formats a report can add beside HTML, charts, Markdown and CSV. */
export const EXTRA_FORMATS = ['pdf', 'xlsx'] as const;
export type ExtraFormat = (typeof EXTRA_FORMATS)[number];
export interface ReportFormatOptions {
  formats?: readonly ExtraFormat[];
  /** Environment (CHROMIUM_PATH) for the PDF printer. */
  env?: Record<string, string | undefined>;
}

/** Suffix of a language's files: none for the first language, `.zh` / `.en` for the second. */
const suffix = (lang: Lang, langs: readonly Lang[]) => (lang === langs[0] ? '' : `.${lang}`);

/**
 * Every file of a report folder.
 * @param resultsCsv per trial and mode (already CSV-safe)
 */
export async function reportFiles(model: ReportModel, langs: readonly Lang[], resultsCsv: string, o: ReportFormatOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const formats = new Set(o.formats ?? []);
  for (const lang of langs) {
    const sfx = suffix(lang, langs);
    const rendered: ChartSlot[] = [];
    for (const c of CHARTS) {
      const empty = c.empty?.(model);
      if (empty) {
        rendered.push({ name: c.name, empty });
        continue;
      }
      const chart = await renderChart(c.build(model, lang));
      rendered.push({ name: c.name, chart });
      files.set(`charts/${c.name}${sfx}.vl.json`, JSON.stringify(chart.vegaLite, null, 2) + '\n');
      files.set(`charts/${c.name}${sfx}.svg`, chart.svg);
      files.set(`charts/${c.name}${sfx}.png`, chart.png);
    }
    const other = langs.find((l) => l !== lang);
    files.set(`index${sfx}.html`, await embedFont(renderHtml(model, rendered, lang, other ? `index${suffix(other, langs)}.html` : undefined, sfx)));
    files.set(`summary${sfx}.md`, renderMarkdown(model, lang));
    // exceljs and the PDF printer load only when asked for (exceljs alone takes ~0.5 s to load)
    if (formats.has('xlsx')) files.set(`report${sfx}.xlsx`, await (await import('./render/xlsx.ts')).reportWorkbook(model, lang, resultsCsv));
  }
  if (formats.has('pdf')) {
    // printed from the very HTML written beside it
    const { htmlToPdf } = await import('./render/pdf.ts');
    const pdfs = await htmlToPdf(
      langs.map((lang) => ({ html: files.get(`index${suffix(lang, langs)}.html`) as string, header: `${model.scenario.name} · ${date(model.run.sourceDate, lang)}`, lang, date: model.run.sourceDate })),
      o.env,
    );
    langs.forEach((lang, i) => files.set(`report${suffix(lang, langs)}.pdf`, pdfs[i]!));
  }
  files.set('results.csv', resultsCsv);
  // jitsim's marker (tool, kind, version, every file's hash): only a folder holding it is ever replaced
  const manifest = manifestJson('report', files, {
    code: codeFingerprint(),
    scenario: { file: model.scenario.file, sha256: model.scenario.sha256 },
    rules: { fingerprint: model.run.rulesFingerprint, files: model.run.ruleFiles },
    data: { fingerprint: model.run.dataFingerprint },
    // which rule entities and data keys this report read (npm run reports rebuilds on a change to these only)
    inputs: model.run.inputs,
    seed: model.run.seed,
    trials: model.run.trials,
    languages: langs,
    sourceDate: model.run.sourceDate,
  });
  files.set(MANIFEST, manifest);
  return files;
}

/** Builds a report folder atomically: a failed build leaves the previous folder untouched. */
export async function writeReport(dir: string, model: ReportModel, langs: readonly Lang[], resultsCsv: string, o: ReportFormatOptions = {}): Promise<string[]> {
  const files = await reportFiles(model, langs, resultsCsv, o);
  await writeFolderAtomic(dir, files, 'report');
  return [...files.keys()].sort();
}

/** `jitsim calibrate <orders.csv>`: a scenario fitted to a client's order history, with its provenance. */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { UserInputError } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { loadCostContext } from '../../sim/models/context.ts';
import { loadScenario } from '../../sim/scenario/load.ts';
import { calibrate, calibrateJson, readColumnMap, type CalibrateResult } from '../../sim/calibrate/calibrate.ts';
import { MODE_CODES, REJECT_REASONS, REJECT_TEXT, type FulfilmentMode } from '../../sim/calibrate/orders.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { displayPath, resolveRulesDir, userPath } from './shared.ts';
import { M } from './messages.ts';

export interface CalibrateCliOptions extends CommonOptions {
  catalog?: string;
  columns?: string;
  out?: string;
  mode?: string;
  name?: string;
  force?: boolean;
  rules?: string;
}

/** Visible control characters in text taken from the user's file (safe terminal output). */
const visible = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)} %`;

export function formatCalibration(io: Io, r: CalibrateResult, lang: Lang): string[] {
  const f = r.fit;
  const p = r.scenario.provenance!;
  const out: string[] = [];
  out.push(paint(io, 'bold', M.calibrateTitle(visible(p.input.file), p.period.from, p.period.to, f.days, f.orders, r.read.rows)[lang]));
  out.push(M.calibrateInput(r.read.encoding, p.input.delimiter, Object.entries(p.input.columns).map(([k, v]) => `${k}←${visible(v)}`))[lang]);
  const rej = REJECT_REASONS.filter((k) => r.read.rejected[k]);
  if (rej.length) {
    out.push(paint(io, 'yellow', M.calibrateRowsSkipped[lang]));
    for (const k of rej) out.push(M.calibrateRejected(REJECT_TEXT[k][lang], r.read.rejected[k]!.count, r.read.rejected[k]!.firstLines.join(', '))[lang]);
  }
  const ci = (e: { ci: [number, number] }, fmt: (x: number) => string) => `[${fmt(e.ci[0])}, ${fmt(e.ci[1])}]`;
  const n1 = (x: number) => x.toFixed(1);
  out.push(M.calibrateOrdersPerDay(n1(f.ordersPerDayMean), r.scenario.startDate, n1(f.ordersPerDay.value), ci(f.ordersPerDay, n1))[lang]);
  out.push(M.calibrateGrowth(pct(f.monthlyGrowth.value), ci(f.monthlyGrowth, (x) => pct(x)), f.dispersion.value.toFixed(3))[lang]);
  out.push(`  ${M.calibrateWeekly[lang]} ${f.weekly.map((v) => v.toFixed(2)).join(' ')}`);
  out.push(f.yearly ? `  ${M.calibrateYearly[lang]} ${f.yearly.map((v) => v.toFixed(2)).join(' ')}` : paint(io, 'yellow', M.calibrateShortHistory(f.days)[lang]));
  out.push(`  ${M.calibrateDestinations[lang]} ${f.destinations.map((d) => `${d.country} ${pct(d.share.value)}`).join(', ')}`);
  if (f.returnRate) out.push(`  ${M.calibrateReturnRate[lang]} ${pct(f.returnRate.value, 2)} ${ci(f.returnRate, (x) => pct(x, 2))}`);
  if (f.valueCny) out.push(`  ${M.calibrateOrderValue[lang]} ${f.valueCny.value.toFixed(2)} CNY`);
  out.push(`  ${M.calibrateWeight[lang]} P50 ${f.weightKg.p50.toFixed(3)} kg, P90 ${f.weightKg.p90.toFixed(3)} kg; ${r.scenario.skus.length} ${M.calibrateSkuEntries[lang]}`);
  out.push(`  ${M.calibrateFitQuality[lang]}: ${M.calibrateMonthlyMape[lang]} ${pct(f.quality.monthlyMape)}, ${M.calibratePseudoR2[lang]} ${f.quality.dailyPseudoR2.toFixed(2)}${f.quality.downWeightedDays.length ? `, ${M.calibrateDownWeighted[lang]} ${f.quality.downWeightedDays.slice(0, 5).map((d) => d.date).join(', ')}${f.quality.downWeightedDays.length > 5 ? ' …' : ''}` : ''}`);
  out.push(M.calibrateAssumptions(p.assumptions.length)[lang]);
  for (const w of p.warnings) out.push(paint(io, 'yellow', `  ${M.calibrateWarning[lang]}: ${visible(w[lang])}`));
  return out;
}

export async function run(io: Io, [file]: string[], o: CalibrateCliOptions): Promise<number> {
  const mode = o.mode;
  if (mode !== undefined && !(MODE_CODES as readonly string[]).includes(mode)) throw new UserInputError(M.badMode(mode), M.badModeFix(MODE_CODES));
  if (o.name !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(o.name)) throw new UserInputError(M.badName(o.name), M.badNameFix);
  const path = userPath(io, file!);
  const shown = displayPath(io, path);
  const ctx = await loadCostContext(resolveRulesDir(io, o.rules));
  const columns = o.columns ? await readColumnMap(userPath(io, o.columns), o.columns) : undefined;
  const r = await calibrate(ctx, {
    file: path,
    shownFile: shown,
    ...(o.catalog ? { catalogFile: userPath(io, o.catalog), shownCatalogFile: o.catalog } : {}),
    ...(columns ? { columns } : {}),
    ...(mode ? { mode: mode as FulfilmentMode } : {}),
    ...(o.name ? { name: o.name } : {}),
  });
  // editors validate the written file against the project's schema (a path relative to the file)
  if (o.out) r.scenario.$schema = relative(dirname(userPath(io, o.out)), join(ctx.rules.projectDir, 'data/schema/scenario.schema.json')).replace(/\\/g, '/');
  const body = JSON.stringify(r.scenario, null, 2) + '\n';
  let written: string | undefined;
  if (o.out) {
    const out = userPath(io, o.out);
    // replace only what jitsim wrote: an existing file must be a calibrated scenario (or --force)
    if (existsSync(out) && !o.force) {
      const prev = readFileSync(out, 'utf8');
      if (!prev.includes('"generatedBy": "jitsim calibrate')) throw new UserInputError(M.notCalibrateOutput(o.out), M.notCalibrateOutputFix);
    }
    const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(tmp, body);
    try {
      // the scenario must load as written (a failure here is a bug in calibrate, not the user's input)
      await loadScenario(tmp, ctx);
    } catch (e) {
      await rename(tmp, `${out}.invalid`).catch(() => undefined);
      throw new Error(`calibrate wrote a scenario that does not load (kept as ${o.out}.invalid): ${(e as Error).message}`);
    }
    await rename(tmp, out);
    written = displayPath(io, out);
  }
  if (o.json) {
    io.out(JSON.stringify({ ok: true, ...(written ? { file: written } : {}), ...calibrateJson(r) }, null, 2));
    return EXIT.ok;
  }
  if (!written) {
    // no --out: the scenario on stdout (pipe it to a file), the summary on stderr
    io.out(body.trimEnd());
    for (const line of formatCalibration(io, r, o.lang)) io.err(line);
    return EXIT.ok;
  }
  for (const line of formatCalibration(io, r, o.lang)) io.out(line);
  io.out('');
  io.out(M.wroteScenario(written)[o.lang]);
  return EXIT.ok;
}

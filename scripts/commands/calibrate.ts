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
  const zh = lang === 'zh';
  const f = r.fit;
  const p = r.scenario.provenance!;
  const out: string[] = [];
  out.push(paint(io, 'bold', zh ? `校准：${visible(p.input.file)} — ${p.period.from} 至 ${p.period.to}（${f.days} 天），可用 ${f.orders} 单，共读 ${r.read.rows} 行` : `Calibration: ${visible(p.input.file)} — ${p.period.from} to ${p.period.to} (${f.days} days), ${f.orders} orders used of ${r.read.rows} rows`));
  out.push(zh ? `  编码 ${r.read.encoding}，分隔符 ${p.input.delimiter}，列：${Object.entries(p.input.columns).map(([k, v]) => `${k}←${visible(v)}`).join('，')}` : `  encoding ${r.read.encoding}, delimiter ${p.input.delimiter}, columns: ${Object.entries(p.input.columns).map(([k, v]) => `${k}←${visible(v)}`).join(', ')}`);
  const rej = REJECT_REASONS.filter((k) => r.read.rejected[k]);
  if (rej.length) {
    out.push(paint(io, 'yellow', zh ? '  跳过的行：' : '  Rows skipped:'));
    for (const k of rej) out.push(`    ${REJECT_TEXT[k][lang]}: ${r.read.rejected[k]!.count} (${zh ? '首见于第' : 'first on lines'} ${r.read.rejected[k]!.firstLines.join(', ')}${zh ? ' 行' : ''})`);
  }
  const ci = (e: { ci: [number, number] }, fmt: (x: number) => string) => `[${fmt(e.ci[0])}, ${fmt(e.ci[1])}]`;
  const n1 = (x: number) => x.toFixed(1);
  out.push(zh ? `  日均订单（全期均值）${n1(f.ordersPerDayMean)}；起始日 ${r.scenario.startDate} 拟合水平 ${n1(f.ordersPerDay.value)} ${ci(f.ordersPerDay, n1)}` : `  orders/day: ${n1(f.ordersPerDayMean)} on average; fitted level at ${r.scenario.startDate} ${n1(f.ordersPerDay.value)} 95 % CI ${ci(f.ordersPerDay, n1)}`);
  out.push(zh ? `  月增长 ${pct(f.monthlyGrowth.value)} ${ci(f.monthlyGrowth, (x) => pct(x))}；离散度（日订单率变异系数）${f.dispersion.value.toFixed(3)}` : `  monthly growth ${pct(f.monthlyGrowth.value)} 95 % CI ${ci(f.monthlyGrowth, (x) => pct(x))}; over-dispersion (CV of the daily rate) ${f.dispersion.value.toFixed(3)}`);
  out.push(`  ${zh ? '周内（一至日）' : 'weekly (Mon..Sun)'} ${f.weekly.map((v) => v.toFixed(2)).join(' ')}`);
  out.push(f.yearly ? `  ${zh ? '年内（1–12月）' : 'yearly (Jan..Dec)'} ${f.yearly.map((v) => v.toFixed(2)).join(' ')}` : paint(io, 'yellow', zh ? `  警告：历史不足一年（${f.days} 天），年度季节性取默认（无变化）` : `  warning: less than a year of history (${f.days} days): yearly seasonality left at the default (flat)`));
  out.push(`  ${zh ? '目的国' : 'destinations'} ${f.destinations.map((d) => `${d.country} ${pct(d.share.value)}`).join(', ')}`);
  if (f.returnRate) out.push(`  ${zh ? '退货率' : 'return rate'} ${pct(f.returnRate.value, 2)} ${ci(f.returnRate, (x) => pct(x, 2))}`);
  if (f.valueCny) out.push(`  ${zh ? '客单价' : 'order value'} ${f.valueCny.value.toFixed(2)} CNY`);
  out.push(`  ${zh ? '重量' : 'weight'} P50 ${f.weightKg.p50.toFixed(3)} kg, P90 ${f.weightKg.p90.toFixed(3)} kg; ${r.scenario.skus.length} ${zh ? '个SKU条目' : 'SKU entries'}`);
  out.push(`  ${zh ? '拟合质量' : 'fit quality'}: ${zh ? '月度总量 MAPE' : 'monthly totals MAPE'} ${pct(f.quality.monthlyMape)}, ${zh ? '日度伪R²' : 'daily pseudo-R²'} ${f.quality.dailyPseudoR2.toFixed(2)}${f.quality.downWeightedDays.length ? `, ${zh ? '降权日' : 'down-weighted days'} ${f.quality.downWeightedDays.slice(0, 5).map((d) => d.date).join(', ')}${f.quality.downWeightedDays.length > 5 ? ' …' : ''}` : ''}`);
  out.push(zh ? `  ${p.assumptions.length} 项字段采用默认值（见 provenance.assumptions）` : `  ${p.assumptions.length} fields set from documented defaults (see provenance.assumptions)`);
  for (const w of p.warnings) out.push(paint(io, 'yellow', `  ${zh ? '警告' : 'warning'}: ${visible(w[lang])}`));
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

/**
 * `jitsim calibrate` as a function: order export (+ optional catalogue and column map) → fitted
 * parameters → a scenario that loads and simulates, with its provenance. No printing here.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { DiagnosticsError, UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { readCsvTable } from '../io/index.ts';
import { catalogHeaderAliases, readCatalog as readCatalogRows } from '../checks/catalog.ts';
import type { CostContext } from '../models/context.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { loadCalibrateConfig, type CalibrateFile } from './config.ts';
import { fitOrders, type CalibrationFit } from './fit.ts';
import { ORDER_COLUMNS, REJECT_REASONS, REJECT_TEXT, REQUIRED_COLUMNS, readOrders, type FulfilmentMode, type OrderColumn, type ReadResult } from './orders.ts';
import { buildScenario, sig, type CatalogEntry } from './scenario.ts';
import { CATALOG_COLUMNS } from '../checks/catalog.ts';

const require = createRequire(import.meta.url);
export const CALIBRATE_VERSION: string = (require('../../package.json') as { version: string }).version;

export interface CalibrateOptions {
  /** Path to read, and the name shown in provenance and messages. */
  file: string;
  shownFile: string;
  catalogFile?: string;
  shownCatalogFile?: string;
  columns?: Partial<Record<OrderColumn, string>>;
  mode?: FulfilmentMode;
  name?: string;
  /** Settings to use instead of data/calibrate.json + data/fx.json (the per-parameter tests change one at a time). */
  config?: CalibrateFile;
}

export interface CalibrateResult {
  read: ReadResult;
  fit: CalibrationFit;
  scenario: ScenarioFile;
  config: CalibrateFile;
}

/** The destinations every card of the run prices (JIT logistics of the default schedule, direct, last mile), and the heaviest weight all of them price. */
export function pricedLanes(ctx: CostContext): { destinations: Set<string>; maxWeightKg: number; brackets: Float64Array } {
  const schedule = ctx.schedules.get(ctx.rules.files.fees.defaultSchedule)!;
  const cards = [schedule.logistics, ctx.data.direct, ctx.data.lastMile];
  const destinations = new Set(cards[0]!.destinations.filter((d) => cards.every((c) => c.destIndex.has(d))));
  const maxWeightKg = Math.min(...cards.map((c) => c.brackets[c.brackets.length - 1]!));
  return { destinations, maxWeightKg, brackets: ctx.data.direct.brackets };
}

/** Reads a --columns map file: { "<canonical column>": "<header in the file>" }. @throws {UserInputError} */
export async function readColumnMap(file: string, shown: string): Promise<Partial<Record<OrderColumn, string>>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UserInputError(text(`cannot read --columns ${shown}: ${(e as Error).message}`, `无法读取 --columns ${shown}：${(e as Error).message}`), text('give a JSON file like {"order_id": "Order No.", "order_time": "Date"}', '请提供 JSON 文件，如 {"order_id": "订单编号", "order_time": "日期"}'), { cause: e });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UserInputError(text(`--columns ${shown} is not a JSON object`, `--columns ${shown} 不是 JSON 对象`), text('write {"<canonical column>": "<your header>", …}', '请写 {"<标准列名>": "<您的表头>", …}'));
  const out: Partial<Record<OrderColumn, string>> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(ORDER_COLUMNS as readonly string[]).includes(k)) throw new UserInputError(text(`--columns ${shown}: "${k}" is not a canonical column`, `--columns ${shown}："${k}" 不是标准列名`), text(`use: ${ORDER_COLUMNS.join(', ')}`, `请使用：${ORDER_COLUMNS.join('、')}`));
    if (typeof v !== 'string' || !v) throw new UserInputError(text(`--columns ${shown}: "${k}" must map to a header name (a string)`, `--columns ${shown}："${k}" 须映射到表头名（字符串）`), text(`e.g. {"${k}": "My header"}`, `如 {"${k}": "我的表头"}`));
    out[k as OrderColumn] = v;
  }
  return out;
}

async function readCatalog(file: string, shown: string, ctx: CostContext): Promise<{ file: string; sha256: string; skus: Map<string, CatalogEntry> }> {
  const bytes = await readFile(file).catch((e: unknown) => {
    throw new UserInputError(text(`cannot read --catalog ${shown}`, `无法读取 --catalog ${shown}`), text('check the path', '请检查路径'), { cause: e });
  });
  const cat = ctx.rules.files.catalogue;
  const table = await readCsvTable(file, CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(cat), rowWidth: 'keep' });
  const rows = readCatalogRows(table, cat);
  // a SKU the model cannot classify would cost it wrongly: every bad cell is reported, nothing is calibrated
  if (rows.unchecked.length > 0) throw new DiagnosticsError(rows.unchecked.flatMap((u) => u.problems));
  const skus = new Map(rows.skus.map((k) => [k.sku, { category: k.category, jitTagged: k.jitTagged, hasCompositionLabel: k.hasCompositionLabel, ceFccCert: k.ceFccCert, medicalCert: k.medicalCert, containsLithiumBattery: k.containsLithiumBattery, ...(k.battery ? { battery: k.battery } : {}) }]));
  return { file: shown, sha256: createHash('sha256').update(bytes).digest('hex'), skus };
}

/** A kebab-case scenario name from a file name. */
export function scenarioName(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop()!.replace(/\.[^.]*$/, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(slug) ? slug : `calibrated${slug ? `-${slug}` : ''}`;
}

/**
 * Calibrates. @throws {UserInputError} when the file cannot be read, a required column is missing,
 * or no row is usable (naming the expected columns and why rows were rejected).
 */
export async function calibrate(ctx: CostContext, o: CalibrateOptions): Promise<CalibrateResult> {
  const config = o.config ?? (await loadCalibrateConfig(ctx.rules.projectDir));
  let bytes: Buffer;
  try {
    bytes = await readFile(o.file);
  } catch (e) {
    throw new UserInputError(text(`cannot read ${o.shownFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `无法读取 ${o.shownFile}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`), text('check the path of the order export', '请检查订单导出文件的路径'), { cause: e });
  }
  const lanes = pricedLanes(ctx);
  const currencies = Object.fromEntries(Object.entries(config.currencies).map(([k, v]) => [k, v.value]));
  const read = readOrders(o.shownFile, bytes, { ...(o.columns ? { columns: o.columns } : {}), currencies, pricedDestinations: lanes.destinations, maxWeightKg: lanes.maxWeightKg });
  if (read.orders.n === 0) {
    const why = REJECT_REASONS.filter((r) => read.rejected[r]).map((r) => `${REJECT_TEXT[r].en}: ${read.rejected[r]!.count} (lines ${read.rejected[r]!.firstLines.join(', ')})`);
    const whyZh = REJECT_REASONS.filter((r) => read.rejected[r]).map((r) => `${REJECT_TEXT[r].zh}：${read.rejected[r]!.count}（第 ${read.rejected[r]!.firstLines.join('、')} 行）`);
    throw new UserInputError(
      text(`${o.shownFile}: no usable order row (${read.rows} rows read${why.length ? `; ${why.join('; ')}` : ''})`, `${o.shownFile}：没有可用的订单行（读取 ${read.rows} 行${whyZh.length ? `；${whyZh.join('；')}` : ''}）`),
      text(`each row needs ${REQUIRED_COLUMNS.join(', ')} (an order id, a date YYYY-MM-DD, a country with a rate-card lane: ${[...lanes.destinations].join(' ')}, a weight in kg > 0); optional: sku, quantity, order_value, currency, shipping_cost, returned`, `每行须有 ${REQUIRED_COLUMNS.join('、')}（订单号、日期 YYYY-MM-DD、运价表中有线路的国家：${[...lanes.destinations].join(' ')}、重量 > 0 千克）；可选：sku、quantity、order_value、currency、shipping_cost、returned`),
      { code: 'NO_USABLE_ROW' },
    );
  }
  const catalog = o.catalogFile ? await readCatalog(o.catalogFile, o.shownCatalogFile ?? o.catalogFile, ctx) : undefined;
  const f = config.fit;
  const fit = fitOrders(read.orders, { replicates: f.bootstrapReplicates.value, seed: f.seed.value, maxSkus: f.maxSkus.value, bracketSplitMinShare: f.bracketSplitMinShare.value, minYearDays: f.minYearDays.value, minWeekDays: f.minWeekDays.value, minTrendDays: f.minTrendDays.value, huberK: f.huberK.value, phiClipK: f.phiClipK.value, brackets: lanes.brackets });
  // a few orders spread over a long period can fit a start rate that underflows to 0 (or a growth
  // that is not finite): the history cannot be modelled — bad input, not a scenario that fails to load
  const demandFits = [fit.ordersPerDay.value, fit.monthlyGrowth.value, fit.dispersion.value, fit.ordersPerDay.se, fit.monthlyGrowth.se, fit.dispersion.se].every(Number.isFinite) && fit.ordersPerDay.value > 0 && fit.monthlyGrowth.value > -1;
  if (!demandFits) {
    const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    throw new UserInputError(
      text(`${o.shownFile}: the demand cannot be fitted from ${fit.orders} usable order${fit.orders === 1 ? '' : 's'} over ${fit.days} days (${day(fit.firstDay)} to ${day(fit.lastDay)}): the fitted start rate is ${fit.ordersPerDay.value} orders/day, growth ${fit.monthlyGrowth.value} per month`, `${o.shownFile}：无法根据 ${fit.days} 天内（${day(fit.firstDay)} 至 ${day(fit.lastDay)}）的 ${fit.orders} 个可用订单拟合需求：拟合的起始日单量为 ${fit.ordersPerDay.value}，月增长 ${fit.monthlyGrowth.value}`),
      text('export a longer or denser order history (orders on many days of the period), or check the order dates', '请导出更长或更密集的订单历史（期间内多数日期都有订单），或检查下单日期'),
      { code: 'CANNOT_FIT_DEMAND' },
    );
  }
  const modes = ctx.data.modes.params as Record<string, { value: number; basis: string } | undefined>;
  const mv = ctx.data.modeValues as Record<string, number>;
  const scenario = buildScenario({
    read,
    fit,
    config,
    file: o.shownFile,
    name: o.name ?? scenarioName(o.shownFile),
    ...(catalog ? { catalog } : {}),
    mode: o.mode ?? (config.defaults.fulfilmentMode.value as FulfilmentMode),
    modeGiven: o.mode !== undefined,
    modeValues: { jitReturnReductionVsDirect: mv.jitReturnReductionVsDirect!, warehouseReturnFactorVsJit: mv.warehouseReturnFactorVsJit!, industryReturnRate: mv.industryReturnRate! },
    modeBasis: Object.fromEntries(['jitReturnReductionVsDirect', 'warehouseReturnFactorVsJit', 'industryReturnRate'].map((k) => [k, modes[k]?.basis ?? `data/modes.json ${k}`])),
    maxWeightKg: lanes.maxWeightKg,
    version: CALIBRATE_VERSION,
  });
  return { read, fit, scenario, config };
}

/** The `--json` object: the figures the issue names, then the scenario. */
export function calibrateJson(r: CalibrateResult) {
  const { fit, read } = r;
  return {
    orders: fit.orders,
    rowsRead: read.rows,
    rejectedRows: Object.values(read.rejected).reduce((a, v) => a + v!.count, 0),
    rejected: read.rejected,
    period: { from: r.scenario.provenance!.period.from, to: r.scenario.provenance!.period.to, days: fit.days },
    ordersPerDay: { mean: sig(fit.ordersPerDayMean), atStart: { value: sig(fit.ordersPerDay.value), se: sig(fit.ordersPerDay.se, 3) } },
    monthlyGrowth: sig(fit.monthlyGrowth.value),
    monthlyGrowthSe: sig(fit.monthlyGrowth.se, 3),
    dispersion: sig(fit.dispersion.value),
    weekly: fit.weekly.map((v) => sig(v, 4)),
    yearly: fit.yearly ? fit.yearly.map((v) => sig(v, 4)) : null,
    destinations: Object.fromEntries(fit.destinations.map((d) => [d.country, sig(d.share.value, 4)])),
    returnRate: fit.returnRate ? sig(fit.returnRate.value, 4) : null,
    orderValueCny: fit.valueCny ? sig(fit.valueCny.value) : null,
    weightKg: { p10: sig(fit.weightKg.p10, 4), p50: sig(fit.weightKg.p50, 4), p90: sig(fit.weightKg.p90, 4), mean: sig(fit.weightKg.mean, 4) },
    warnings: r.scenario.provenance!.warnings,
    scenario: r.scenario,
  };
}

/**
 * A calibrated fit → a scenario file the simulator runs without edits: fitted values as
 * distributions (their bootstrap uncertainty), documented defaults for everything else — each
 * listed under `provenance.assumptions` with its basis — and the provenance block.
 */
import type { DistJson } from '../random/dist.ts';
import type { ScenarioFile, SkuSpec } from '../scenario/schema.ts';
import { text, type Text } from '../i18n/index.ts';
import type { CalibrateFile } from './config.ts';
import type { CalibrationFit, Est } from './fit.ts';
import type { FulfilmentMode, ReadResult } from './orders.ts';

/** A catalogue row (the columns of `jitsim check catalog`). */
export interface CatalogEntry {
  category: string;
  jitTagged: boolean;
  hasCompositionLabel: boolean;
  ceFccCert: string;
  medicalCert: boolean;
  containsLithiumBattery: boolean;
  /** The catalogue's lithium-battery class (UN3481 / UN3480), when it gives one. */
  battery?: '' | 'UN3481' | 'UN3480';
}

export interface BuildInput {
  read: ReadResult;
  fit: CalibrationFit;
  config: CalibrateFile;
  /** File name as given (shown in provenance). */
  file: string;
  name: string;
  catalog?: { file: string; sha256: string; skus: ReadonlyMap<string, CatalogEntry> };
  mode: FulfilmentMode;
  /** True when --mode was given (not the default). */
  modeGiven: boolean;
  /** data/modes.json values used (return-rate relations, industry return rate). */
  modeValues: { jitReturnReductionVsDirect: number; warehouseReturnFactorVsJit: number; industryReturnRate: number };
  modeBasis: Record<string, string>;
  /** Heaviest weight every rate card prices, kg. */
  maxWeightKg: number;
  version: string;
}

/** Rounds to `d` significant digits (keeps scenario files readable). */
export function sig(x: number, d = 5): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(d));
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function lognormal(e: Est): DistJson {
  return e.se > 1e-9 * e.value && e.value > 0 ? { dist: 'lognormal', mean: sig(e.value), sd: sig(e.se, 3) } : sig(e.value);
}

function normal(e: Est, min: number, max: number, scale = 1): DistJson {
  const m = Math.min(max, Math.max(min, e.value * scale));
  return e.se * scale > 1e-9 ? { dist: 'normal', mean: sig(m), sd: sig(e.se * scale, 3), min, max } : sig(m);
}

/**
 * The Dirichlet concentration c whose share variances p(1 − p)/(c + 1) match the bootstrap standard
 * errors, pooled over the shares (method of moments): c + 1 = Σ p(1 − p) ÷ Σ se². 0 when the shares
 * carry no uncertainty (a single share, or standard errors of 0).
 */
export function dirichletConcentration(shares: [value: number, se: number][]): number {
  let num = 0;
  let den = 0;
  for (const [p, se] of shares) {
    num += p * (1 - p);
    den += se * se;
  }
  if (shares.length < 2 || !(den > 0) || !(num > 0)) return 0;
  return sig(Math.min(1e9, Math.max(1, num / den - 1)), 4);
}

/** Builds the scenario and the list of assumptions and warnings. */
export function buildScenario(b: BuildInput): ScenarioFile {
  const { fit, config, read } = b;
  const d = config.defaults;
  const assumptions: { pointer: string; value: unknown; basis: string }[] = [];
  const warnings: Text[] = [];
  const assume = <T>(pointer: string, value: T, basis: string): T => {
    assumptions.push({ pointer, value, basis });
    return value;
  };

  // demand
  const demand: ScenarioFile['demand'] = {
    ordersPerDay: lognormal(fit.ordersPerDay),
    monthlyGrowth: normal(fit.monthlyGrowth, -0.9, 10),
    weekly: fit.weekly.map((v) => sig(v, 4)),
    dispersion: normal(fit.dispersion, 0, 5),
  };
  // a short history: the over-dispersion from a few days is noise — the documented default instead
  if (fit.days < config.fit.minDispersionDays.value) {
    demand.dispersion = { dist: 'normal', mean: d.dispersion.value, sd: d.dispersion.sd, min: 0, max: 5 };
    warnings.push(text(`over-dispersion not fitted: ${fit.days} days of history, fewer than ${config.fit.minDispersionDays.value}; the default ${d.dispersion.value} ± ${d.dispersion.sd} is used (the estimate from these days was ${sig(fit.dispersion.value, 3)})`, `未拟合过度离散：历史仅 ${fit.days} 天，少于 ${config.fit.minDispersionDays.value} 天；使用默认值 ${d.dispersion.value} ± ${d.dispersion.sd}（由这些天估得 ${sig(fit.dispersion.value, 3)}）`));
    assume('/demand/dispersion', { mean: d.dispersion.value, sd: d.dispersion.sd }, d.dispersion.basis);
  }
  // few orders: say so — every share and rate below rests on them (their uncertainty is at least their sampling error)
  if (fit.orders < config.fit.minOrders.value || fit.days < config.fit.minTrendDays.value) {
    warnings.push(
      text(
        `short history (${fit.days} days, ${fit.orders} orders; a reliable fit needs at least ${config.fit.minTrendDays.value} days and ${config.fit.minOrders.value} orders): the demand level, shares and return rate rest on few observations — their uncertainty in the scenario is at least the sampling error of these orders, and the fields that could not be fitted use documented defaults; calibrate again with a longer export before acting on the result`,
        `历史较短（${fit.days} 天，${fit.orders} 单；可靠拟合至少需要 ${config.fit.minTrendDays.value} 天、${config.fit.minOrders.value} 单）：需求水平、各占比与退货率基于很少的观测——场景中的不确定性不小于这些订单的抽样误差，无法拟合的字段采用默认值；请用更长的导出重新校准后再据此决策`,
      ),
    );
  }
  // the seasonal factors' bootstrap standard errors: every trial draws its own week and year
  if (fit.weeklyFitted && fit.weeklySe.some((v) => v > 0)) demand.weeklySd = fit.weeklySe.map((v) => sig(v, 3));
  if (fit.yearly) {
    demand.yearly = fit.yearly.map((v) => sig(v, 4));
    if (fit.yearlySe?.some((v) => v > 0)) demand.yearlySd = fit.yearlySe.map((v) => sig(v, 3));
  } else {
    warnings.push(text(`yearly seasonality not fitted: the history covers ${fit.days} days, fewer than ${config.fit.minYearDays.value}; the scenario keeps the default (flat)`, `未拟合年度季节性：历史仅 ${fit.days} 天，少于 ${config.fit.minYearDays.value} 天；场景保留默认值（无季节变化）`));
    assume('/demand/yearly', 'flat (default)', `assumption:yearly seasonality needs ${config.fit.minYearDays.value} days of history; with ${fit.days} days every month is taken as average`);
  }

  if (!fit.weeklyFitted) {
    warnings.push(text(`weekly seasonality not fitted: ${fit.days} days of history, fewer than ${config.fit.minWeekDays.value}; the week is flat`, `未拟合周内季节性：历史仅 ${fit.days} 天，少于 ${config.fit.minWeekDays.value} 天；按每天相同处理`));
    assume('/demand/weekly', 'flat', config.fit.minWeekDays.basis);
  }
  if (!fit.trendFitted) {
    warnings.push(text(`monthly trend not fitted: ${fit.days} days of history, fewer than ${config.fit.minTrendDays.value}; growth 0`, `未拟合月度趋势：历史仅 ${fit.days} 天，少于 ${config.fit.minTrendDays.value} 天；增长取 0`));
    assume('/demand/monthlyGrowth', 0, config.fit.minTrendDays.basis);
  }

  // destinations
  const service = d.service.value as 'economy' | 'standard' | 'express';
  const destinations = fit.destinations.map((x) => ({ country: x.country, share: sig(x.share.value, 4), service }));
  assume('/destinations/*/service', service, d.service.basis);

  // the shares' bootstrap uncertainty as a Dirichlet concentration: each trial draws its own mix
  const shareUncertainty: NonNullable<ScenarioFile['shareUncertainty']> = {};
  // at most the number of orders: n orders of a multinomial carry no more than a Dirichlet of concentration n
  // (the day bootstrap of a short history would claim far more certainty)
  const destConc = Math.min(fit.orders, dirichletConcentration(fit.destinations.map((x) => [x.share.value, x.share.se])));
  if (destConc > 0) shareUncertainty.destinations = destConc;
  const skuConc = Math.min(fit.orders, dirichletConcentration(fit.skus.map((k) => [k.share, k.shareSe])));
  if (skuConc > 0) shareUncertainty.skus = skuConc;

  // SKUs
  const unitShare = d.unitCostShareOfPrice.value;
  let pricedFromDefault = false;
  const skus: SkuSpec[] = fit.skus.map((k, i) => {
    const cat = b.catalog?.skus.get(k.sku);
    const w = k.weightKg;
    const sd = w.se;
    const lo = sig(Math.max(0.001, w.value - 4 * sd));
    const hi = sig(Math.min(b.maxWeightKg, w.value + 4 * sd));
    // all orders of the entry weigh the same (to 5 digits): a fixed weight
    const weightKg: DistJson = sd > 1e-9 && hi > lo ? { dist: 'normal', mean: sig(w.value), sd: sig(sd, 3), min: lo, max: hi } : sig(w.value);
    let priceCny: DistJson;
    let unitCostCny: DistJson;
    if (k.valueCny) {
      priceCny = lognormal(k.valueCny);
      unitCostCny = k.valueCny.se > 1e-9 * k.valueCny.value ? { dist: 'lognormal', mean: sig(k.valueCny.value * unitShare), sd: sig(k.valueCny.se * unitShare, 3) } : sig(k.valueCny.value * unitShare);
    } else {
      pricedFromDefault = true;
      priceCny = assume(`/skus/${i}/priceCny`, 100, 'assumption:the export has no order value; 100 CNY stands in — give the real selling price');
      unitCostCny = sig(100 * unitShare);
    }
    assume(`/skus/${i}/unitCostCny`, `${unitShare} × price`, d.unitCostShareOfPrice.basis);
    const spec: SkuSpec = {
      id: k.id,
      category: cat ? cat.category : assume(`/skus/${i}/category`, d.category.value, d.category.basis),
      share: sig(k.share, 5),
      weightKg,
      unitCostCny,
      priceCny,
      jitTagged: cat ? cat.jitTagged : assume(`/skus/${i}/jitTagged`, d.jitTagged.value, d.jitTagged.basis),
    };
    if (cat) {
      spec.hasCompositionLabel = cat.hasCompositionLabel;
      if (cat.ceFccCert) spec.ceFccCert = cat.ceFccCert;
      spec.medicalCert = cat.medicalCert;
      spec.containsLithiumBattery = cat.containsLithiumBattery;
      if (cat.battery) spec.battery = cat.battery;
    } else if (b.catalog) warnings.push(text(`SKU "${k.sku}" is not in the catalogue ${b.catalog.file}: defaults used`, `SKU "${k.sku}" 不在商品目录 ${b.catalog.file} 中：使用默认值`));
    return spec;
  });
  if (pricedFromDefault) warnings.push(text('the export has no order value: selling prices are a placeholder of 100 CNY (listed under assumptions)', '导出文件没有订单金额：售价暂以 100 元代替（见 assumptions）'));
  if (fit.pooledSkus > 0) warnings.push(text(`${fit.pooledSkus} SKUs with fewer orders are pooled as "other-skus"`, `订单较少的 ${fit.pooledSkus} 个SKU合并为 "other-skus"`));

  // returns: the observed rate belongs to the mode the orders were shipped with
  const mv = b.modeValues;
  let returns: ScenarioFile['returns'];
  if (fit.returnRate) {
    const r = fit.returnRate;
    const toJit = b.mode === 'direct' ? 1 - mv.jitReturnReductionVsDirect : b.mode === 'warehouse' ? 1 / mv.warehouseReturnFactorVsJit : 1;
    returns = { jitRate: normal(r, 0, 1, toJit) };
    if (b.mode === 'direct') {
      returns.directRate = normal(r, 0, 1);
      assume('/returns/jitRate', `direct rate × (1 − ${mv.jitReturnReductionVsDirect})`, b.modeBasis.jitReturnReductionVsDirect ?? 'data/modes.json jitReturnReductionVsDirect');
    } else if (b.mode === 'warehouse') {
      returns.warehouseRate = normal(r, 0, 1);
      assume('/returns/jitRate', `warehouse rate ÷ ${mv.warehouseReturnFactorVsJit}`, b.modeBasis.warehouseReturnFactorVsJit ?? 'data/modes.json warehouseReturnFactorVsJit');
    }
  } else {
    returns = { jitRate: assume('/returns/jitRate', mv.industryReturnRate, b.modeBasis.industryReturnRate ?? 'data/modes.json industryReturnRate') };
    warnings.push(text('the export has no returned column: the industry-average return rate is used', '导出文件没有是否退货列：使用行业平均退货率'));
  }
  if (!b.modeGiven && !read.columns.mode) assume('/provenance/fit/fulfilmentMode', b.mode, d.fulfilmentMode.basis);
  if (!read.columns.currency && (read.columns.order_value || read.columns.shipping_cost)) {
    warnings.push(text('the export has no currency column: amounts are read as CNY', '导出文件没有币种列：金额按人民币读取'));
    assume('/provenance/input/columns/currency', 'CNY', 'assumption:without a currency column the amounts are taken to be in CNY');
  }

  // what an order history cannot tell
  assume('/horizonMonths', d.horizonMonths.value, d.horizonMonths.basis);
  assume('/newSeller', d.newSeller.value, d.newSeller.basis);
  assume('/store', d.store.value, d.store.basis);
  assume('/sync/mode', d.syncMode.value, d.syncMode.basis);
  assume('/jit/designatedBox', d.designatedBox.value, d.designatedBox.basis);
  assume('/jit/nonPreferredShare', d.nonPreferredShare.value, d.nonPreferredShare.basis);
  assume('/warehouse/sites', d.warehouseSites.value, d.warehouseSites.basis);
  const usedCurrencies = read.columns.currency ? Object.keys(config.currencies).filter((c) => c !== 'CNY') : [];
  if (usedCurrencies.length) assume('/provenance/input/currencies', Object.fromEntries(usedCurrencies.map((c) => [c, config.currencies[c]!.value])), 'assumption:exchange rates of data/fx.json (each with its own basis and date there)');

  const r = (x: Est, digits = 5) => ({ value: sig(x.value, digits), se: sig(x.se, 3), ci: [sig(x.ci[0], digits), sig(x.ci[1], digits)] });
  const rejected = Object.fromEntries(Object.entries(read.rejected).map(([k, v]) => [k, { count: v!.count, firstLines: v!.firstLines }]));
  const spec: ScenarioFile = {
    $schema: 'https://jitsim.local/schema/scenario.schema.json',
    name: b.name,
    title: `${b.name} (calibrated)`,
    description: text(
      `Calibrated by jitsim calibrate from ${b.file}: ${fit.orders} orders from ${isoDay(fit.firstDay)} to ${isoDay(fit.lastDay)} (${sig(fit.ordersPerDayMean, 4)} orders/day on average, fitted growth ${(fit.monthlyGrowth.value * 100).toFixed(1)} %/month). Fields the history cannot tell are documented defaults, listed under provenance.assumptions.`,
      `由 jitsim calibrate 根据 ${b.file} 校准：${isoDay(fit.firstDay)} 至 ${isoDay(fit.lastDay)} 共 ${fit.orders} 单（平均每天 ${sig(fit.ordersPerDayMean, 4)} 单，拟合月增长 ${(fit.monthlyGrowth.value * 100).toFixed(1)}%）。订单历史无法提供的字段采用默认值，列于 provenance.assumptions。`,
    ),
    startDate: isoDay(fit.startDay),
    horizonMonths: d.horizonMonths.value,
    newSeller: d.newSeller.value,
    demand,
    destinations,
    skus,
    ...(Object.keys(shareUncertainty).length ? { shareUncertainty } : {}),
    returns,
    sync: { mode: 'api' },
    jit: { designatedBox: d.designatedBox.value, nonPreferredShare: d.nonPreferredShare.value },
    provenance: {
      generatedBy: `jitsim calibrate ${b.version}`,
      input: { file: b.file, sha256: read.sha256, encoding: read.encoding, delimiter: read.delimiter === '\t' ? 'tab' : read.delimiter, columns: read.columns as Record<string, string>, ...(b.catalog ? { catalog: { file: b.catalog.file, sha256: b.catalog.sha256 } } : {}) },
      period: { from: isoDay(fit.firstDay), to: isoDay(fit.lastDay), days: fit.days },
      rows: { read: read.rows, used: fit.orders, rejected },
      fit: {
        fulfilmentMode: b.mode,
        bootstrap: { replicates: config.fit.bootstrapReplicates.value, seed: config.fit.seed.value, method: 'parametric (demand model) and whole-day resampling (shares, rates, means)' },
        ordersPerDayMean: sig(fit.ordersPerDayMean),
        ordersPerDayAtStart: r(fit.ordersPerDay),
        monthlyGrowth: r(fit.monthlyGrowth),
        dispersion: r(fit.dispersion),
        levelGrowthRankCorrelation: sig(fit.levelGrowthRankCorrelation, 3),
        weekly: { value: fit.weekly.map((v) => sig(v, 4)), se: fit.weeklySe.map((v) => sig(v, 3)) },
        ...(fit.yearly ? { yearly: { value: fit.yearly.map((v) => sig(v, 4)), se: fit.yearlySe!.map((v) => sig(v, 3)) } } : { yearly: 'not fitted (less than a year of history)' }),
        destinations: Object.fromEntries(fit.destinations.map((x) => [x.country, { orders: x.orders, ...r(x.share, 4) }])),
        shareUncertainty: { method: 'Dirichlet concentration c from the bootstrap standard errors: c + 1 = Σ p(1 − p) ÷ Σ se² (method of moments, pooled over the shares)', destinations: destConc, skus: skuConc },
        skus: fit.skus.map((k) => ({ id: k.id, orders: k.orders, share: sig(k.share, 4), shareSe: sig(k.shareSe, 3), weightKg: { mean: sig(k.weightKg.value, 4), se: sig(k.weightKg.se, 3), p10: sig(k.weightKg.p10, 4), p50: sig(k.weightKg.p50, 4), p90: sig(k.weightKg.p90, 4) }, ...(k.valueCny ? { orderValueCny: r(k.valueCny) } : {}) })),
        ...(fit.returnRate ? { returnRate: { ...r(fit.returnRate, 4), ordersWithReturnFlag: fit.returnRate.known } } : {}),
        ...(fit.valueCny ? { orderValueCny: r(fit.valueCny) } : {}),
        weightKg: { p10: sig(fit.weightKg.p10, 4), p50: sig(fit.weightKg.p50, 4), p90: sig(fit.weightKg.p90, 4), mean: sig(fit.weightKg.mean, 4) },
        quality: { dailyPseudoR2: sig(fit.quality.dailyPseudoR2, 3), monthlyTotalsMape: sig(fit.quality.monthlyMape, 3), downWeightedDays: fit.quality.downWeightedDays.slice(0, 20) },
      },
      assumptions,
      warnings,
    },
  };
  if (typeof demand.ordersPerDay !== 'number' && typeof demand.monthlyGrowth !== 'number' && Math.abs(fit.levelGrowthRankCorrelation) > 0.05)
    spec.correlations = [{ between: ['/demand/ordersPerDay', '/demand/monthlyGrowth'], rankCorrelation: Math.max(-0.95, Math.min(0.95, sig(fit.levelGrowthRankCorrelation, 2))) }];
  return spec;
}

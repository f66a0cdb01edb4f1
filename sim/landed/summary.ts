/**
 * Landed-cost part of a simulation summary: per mode revenue, unit cost, duties, taxes, import VAT
 * paid and contribution (in the reporting currency), their monthly series, the exchange rates used
 * and the customs-regime timeline of every destination and warehouse site inside the horizon.
 */
import { describe, type Stats } from '../stats/describe.ts';
import { DELIVERY_BINS, MODES, type Mode } from '../engine/layout.ts';
import type { SimPlan } from '../engine/plan.ts';
import type { TrialStore } from '../engine/store.ts';
import { availableModes, switchedOff } from '../engine/available-modes.ts';
import { LANDED_FIELDS, type LandedField } from './trial.ts';
import { STOCK_FIELDS } from '../inventory/trial.ts';
import { exclusionText } from '../inventory/exclusion.ts';
import type { Text } from '../i18n/index.ts';

const MODE_NAME: Record<Mode, Text> = { jit: { en: 'JIT', zh: 'JIT' }, warehouse: { en: 'Self-run warehouse', zh: '自营海外仓' }, direct: { en: 'Direct from China', zh: '国内直发' }, tpl: { en: '3PL warehouse', zh: '第三方海外仓' } };

/** A mode has no figures of its own when it is switched off or not available. */
export function hasNoFigures(x: Pick<Exclusion, 'reason'>): boolean {
  return x.reason === 'switchedOff' || x.reason === 'ineligible';
}

export interface LandedModeSummary {
  /** Means over the trials, reporting currency. */
  means: Record<LandedField, number>;
  contribution: Stats;
  /** Mean contribution per order (reporting currency). */
  contributionPerOrder: number;
  /** Profit = contribution − the mode's fixed costs (reporting currency). */
  profit: Stats;
  profitPerOrder: number;
  /** Mean orders with the delivery-speed sales effect ÷ the scenario's orders (1 = no effect). */
  salesFactor: number;
  /** Mean delivery days of the mode's lanes, order-weighted (the days the sales effect reads). */
  meanDeliveryDays: number;
  /** Mean per month: duties + taxes, contribution, revenue and profit. */
  monthlyDutiesTaxes: number[];
  monthlyContribution: number[];
  monthlyRevenue: number[];
  monthlyProfit: number[];
  /** The scenario's required service level: this mode's delivery days at its percentile, and whether it meets it; null when none is required. */
  serviceLevel: { days: number; met: boolean } | null;
}

/**
 * Why a mode is not recommended: `switchedOff` (the scenario's modesOff), `ineligible` (JIT: the store
 * or the catalogue rules leave it no month or no SKU), `serviceLevel` (its delivery days at the
 * required percentile exceed profit.serviceLevel.maxDays), `stockouts` (a warehouse mode — self-run or
 * 3PL, the same stock — whose fill rate is below profit.minFillRate). The first that applies, in that order.
 */
export type ExclusionReason = 'switchedOff' | 'ineligible' | 'serviceLevel' | 'stockouts';
export interface Exclusion {
  mode: Mode;
  reason: ExclusionReason;
  /** serviceLevel: the mode's delivery days at the percentile; stockouts: its fill rate (mean over the trials). */
  value?: number;
  /** The reason in words (sim/inventory/messages.ts), the same sentence in every output. */
  text: Text;
}

/** Which mode the recommendation picks, by which objective, and why a mode was left out. */
export interface Recommendation {
  objective: 'cost' | 'contribution';
  mode: Mode | null;
  /** The best mode by each objective among the eligible modes (both views are shown). */
  byCost: Mode | null;
  byContribution: Mode | null;
  /** Modes that are not recommended, each with its specific reason. */
  excluded: Exclusion[];
  serviceLevel: { percentile: number; maxDays: number } | null;
  /** The fill rate the warehouse modes must reach (profit.minFillRate), or null. */
  minFillRate: number | null;
}

export interface RegimeSpan {
  country: string;
  channel: 'parcel' | 'bulk';
  id: string;
  from: string;
  to: string;
  importerOfRecord: string;
  vatCollector: string;
  confidence: string;
}

export interface LandedSummary {
  /** Currency of every money figure of this block (= reportingCurrency). */
  currency: string;
  reportingCurrency: string;
  /** CNY per unit of each currency used: the mean of the trials' rates and where the rate came from. */
  fx: { currency: string; meanCnyPerUnit: number; p5: number; p95: number; from: 'scenario' | 'data/fx.json'; date: string | null; /** currency.paths: CNY per unit in each month (before the path's multiplier); the mean and P5–P95 above are over the months and trials' levels. */ monthlyPath?: number[] }[];
  modes: Record<Mode, LandedModeSummary>;
  /** This run's sales uplift per business day faster (drawn per trial): mean, P5, P95; and the demand baseline mode (null when the effect is off). */
  salesEffect: { upliftPerBusinessDay: { mean: number; p5: number; p95: number }; baselineMode: Mode } | null;
  recommendation: Recommendation;
  /** Regimes in force inside the horizon, clipped to it. */
  regimes: RegimeSpan[];
}

const mean = (a: Float64Array) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

/** The regimes in force inside the horizon for the plan's destinations (parcel) and sites (bulk). */
export function regimeTimeline(plan: SimPlan): RegimeSpan[] {
  const out: RegimeSpan[] = [];
  const first = plan.landed.months > 0 ? `${plan.scenario.spec.startDate}` : '';
  const lastDay = new Date(Date.parse(`${plan.scenario.spec.startDate}T00:00:00Z`) + (plan.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const add = (country: string, channel: 'parcel' | 'bulk') => {
    for (const r of plan.ctx.data.customs.regimes) {
      if (r.channel !== channel || !r.countries.includes(country)) continue;
      const from = r.from && r.from > first ? r.from : first;
      const to = r.to && r.to < lastDay ? r.to : lastDay;
      if (from > to) continue;
      out.push({ country, channel, id: r.id, from, to, importerOfRecord: r.importerOfRecord, vatCollector: r.vatCollector, confidence: r.confidence });
    }
  };
  for (const d of plan.scenario.spec.destinations) add(d.country, 'parcel');
  for (const s of plan.scenario.sites) add(s, 'bulk');
  return out;
}

/** Delivery days at quantile q of a pooled histogram (bin = days). */
function histQuantile(h: Float64Array, q: number): number {
  const total = h.reduce((a, b) => a + b, 0);
  let c = 0;
  for (let x = 0; x < h.length; x++) {
    c += h[x]!;
    if (c >= q * total - 1e-9 * total) return x;
  }
  return h.length - 1;
}

/**
 * The recommendation: among the available modes that meet the service level, the lowest mean cost
 * (objective "cost") or the highest mean contribution (objective "contribution"). When no mode meets
 * the service level there is no recommendation (mode null).
 */
export function recommend(objective: 'cost' | 'contribution', available: readonly Mode[], meanCost: Record<Mode, number>, meanContribution: Record<Mode, number>, meets: Record<Mode, boolean>, serviceLevel: Recommendation['serviceLevel'], opts: { off?: readonly Mode[]; days?: Partial<Record<Mode, number>>; fillRate?: Partial<Record<Mode, number>>; minFillRate?: number | null } = {}): Recommendation {
  const excluded: Exclusion[] = [];
  const minFill = opts.minFillRate ?? null;
  const lowFill = (m: Mode) => minFill !== null && opts.fillRate?.[m] !== undefined && opts.fillRate[m]! < minFill - 1e-12;
  for (const m of MODES) {
    const name = MODE_NAME[m];
    if (opts.off?.includes(m)) excluded.push({ mode: m, reason: 'switchedOff', text: exclusionText.switchedOff(name) });
    else if (!available.includes(m)) excluded.push({ mode: m, reason: 'ineligible', text: exclusionText.ineligible(name) });
    else if (!meets[m]) {
      const days = opts.days?.[m] ?? NaN;
      excluded.push({ mode: m, reason: 'serviceLevel', value: days, text: exclusionText.serviceLevel(name, serviceLevel?.percentile ?? 0, days, serviceLevel?.maxDays ?? NaN) });
    } else if (lowFill(m)) excluded.push({ mode: m, reason: 'stockouts', value: opts.fillRate![m]!, text: exclusionText.stockouts(name, opts.fillRate![m]!, minFill!) });
  }
  const eligible = MODES.filter((m) => !excluded.some((x) => x.mode === m));
  const byCost = eligible.length ? [...eligible].sort((a, b) => meanCost[a] - meanCost[b])[0]! : null;
  const byContribution = eligible.length ? [...eligible].sort((a, b) => meanContribution[b] - meanContribution[a])[0]! : null;
  return { objective, mode: objective === 'cost' ? byCost : byContribution, byCost, byContribution, excluded, serviceLevel, minFillRate: minFill };
}

export function landedSummary(plan: SimPlan, store: TrialStore): LandedSummary {
  const L = plan.layout;
  const n = store.n;
  const totalOrders = store.sum(L.modes.jit.orders);
  const avg = (field: number) => (n > 0 ? store.sum(field) / n : 0);
  const spec0 = plan.scenario.spec;
  const sl = spec0.profit?.serviceLevel ?? null;
  const modes = {} as Record<Mode, LandedModeSummary>;
  for (const m of MODES) {
    const ml = L.landed[m];
    const at = (f: LandedField) => ml.fields + LANDED_FIELDS.indexOf(f);
    const modeOrders = store.sum(at('orders'));
    const hist = store.sums.slice(L.modes[m].delivery, L.modes[m].delivery + DELIVERY_BINS);
    let hn = 0;
    let hs = 0;
    for (let x = 0; x < hist.length; x++) {
      hn += hist[x]!;
      hs += x * hist[x]!;
    }
    const slDays = sl ? histQuantile(hist, sl.percentile) : NaN;
    modes[m] = {
      means: Object.fromEntries(LANDED_FIELDS.map((f, k) => [f, avg(ml.fields + k)])) as Record<LandedField, number>,
      contribution: describe(store.perTrial('contribution', m)),
      contributionPerOrder: modeOrders > 0 ? store.sum(at('contribution')) / modeOrders : 0,
      profit: describe(store.perTrial('profit', m)),
      profitPerOrder: modeOrders > 0 ? store.sum(at('profit')) / modeOrders : 0,
      salesFactor: totalOrders > 0 ? modeOrders / totalOrders : 1,
      meanDeliveryDays: hn > 0 ? hs / hn : NaN,
      monthlyDutiesTaxes: Array.from({ length: L.months }, (_, k) => avg(ml.monthlyDutiesTaxes + k)),
      monthlyContribution: Array.from({ length: L.months }, (_, k) => avg(ml.monthlyContribution + k)),
      monthlyRevenue: Array.from({ length: L.months }, (_, k) => avg(ml.monthlyRevenue + k)),
      monthlyProfit: Array.from({ length: L.months }, (_, k) => avg(ml.monthlyProfit + k)),
      serviceLevel: sl ? { days: slDays, met: hn > 0 && slDays <= sl.maxDays } : null,
    };
  }
  const available = availableModes(plan);
  const meanCost = Object.fromEntries(MODES.map((m) => [m, avg(L.modes[m].total)])) as Record<Mode, number>;
  const meanContribution = Object.fromEntries(MODES.map((m) => [m, modes[m].means.contribution])) as Record<Mode, number>;
  const meets = Object.fromEntries(MODES.map((m) => [m, modes[m].serviceLevel?.met ?? true])) as Record<Mode, boolean>;
  // the warehouse and the 3PL hold the same stock: one fill rate (served ÷ demanded over all trials)
  const demanded = store.sums[L.stock.fields + STOCK_FIELDS.indexOf('demandUnits')]!;
  const fill = demanded > 0 ? store.sums[L.stock.fields + STOCK_FIELDS.indexOf('servedUnits')]! / demanded : 1;
  const days = Object.fromEntries(MODES.map((m) => [m, modes[m].serviceLevel?.days ?? NaN])) as Record<Mode, number>;
  const recommendation = recommend(spec0.profit?.objective ?? 'cost', available, meanCost, meanContribution, meets, sl ? { percentile: sl.percentile, maxDays: sl.maxDays } : null, { off: MODES.filter((m) => switchedOff(plan, m)), days, fillRate: { warehouse: fill, tpl: fill }, minFillRate: spec0.profit?.minFillRate ?? null });
  const up = Float64Array.from(store.uplift()).sort();
  const uq = (p: number) => (up.length ? up[Math.min(up.length - 1, Math.floor(p * up.length))]! : NaN);
  const salesEffect = plan.sales.enabled ? { upliftPerBusinessDay: { mean: mean(up), p5: uq(0.05), p95: uq(0.95) }, baselineMode: MODES[plan.sales.baseline]! } : null;
  const spec = plan.scenario.spec;
  const LT = plan.landed;
  const fx = LT.currencies.slice(1).map((c, k) => {
    const drawn = store.fx(k + 1);
    // a monthly path draws its multiplier: the rate is the draw × the path (here its mean over the months)
    const level = LT.fxPathMean[k + 1]!;
    const col = drawn ? Float64Array.from(drawn, (x) => x * level).sort() : new Float64Array(0);
    const q = (p: number) => (col.length ? col[Math.min(col.length - 1, Math.floor(p * col.length))]! : NaN);
    const path = spec.currency?.paths?.[c] ? Array.from(LT.fxPath.subarray((k + 1) * LT.months, (k + 2) * LT.months)) : null;
    const fromScenario = spec.currency?.rates?.[c] !== undefined || path !== null;
    return { currency: c, meanCnyPerUnit: mean(col), p5: q(0.05), p95: q(0.95), from: fromScenario ? ('scenario' as const) : ('data/fx.json' as const), date: fromScenario ? null : plan.ctx.data.fx.date, ...(path ? { monthlyPath: path } : {}) };
  });
  return { currency: plan.landed.currencies[plan.landed.reporting]!, reportingCurrency: plan.landed.currencies[plan.landed.reporting]!, fx, modes, salesEffect, recommendation, regimes: regimeTimeline(plan) };
}

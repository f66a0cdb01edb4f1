/**
 * Summarise stage: trial records ──▶ Summary (statistics of every quantity, paired differences,
 * P(cheapest), routing failures, delivery times) and the arquero tables written as CSV. Runs in the
 * main thread, over the records in trial order, so it is deterministic.
 */
import * as aq from 'arquero';
import type { Text } from '../i18n/index.ts';
import type { DistJson } from '../random/dist.ts';
import type { LaneSource } from '../scenario/rate-cards.ts';
import { RATE_CARD_LEGS, type RateCardLeg } from '../scenario/schema.ts';
import { describe, type Stats } from '../stats/describe.ts';
import type { BreakEven } from './break-even.ts';
import { DELIVERY_BINS, MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { column, histogramMean, minus, pooledDeliveryHistogram, totals } from './records.ts';
import type { RankCorrelation, TornadoBar } from './sensitivity.ts';

export interface ModeSummary {
  totalCny: Stats;
  perOrderCny: Stats;
  /** Mean of each cost component over the trials, CNY. */
  componentsCny: Record<string, number>;
  monthlyMeanCny: number[];
  returns: Stats;
  cashTiedUpCny: Stats;
  deliveryDays: { mean: number; p50: number; p95: number };
  /** Share of trials in which this mode is the cheapest. */
  pCheapest: number;
}

export interface Summary {
  scenario: { name: string; description: Text; hash: string; startDate: string; horizonMonths: number; feeSchedule: string };
  rulesFingerprint: string;
  dataFingerprint: string;
  seed: number;
  trials: number;
  precision: { target: number; reached: boolean; maxTrials: number; relativeHalfWidth: Record<Mode, number> } | null;
  eligibility: { storeEligible: boolean; storeFailures: string[]; skus: { id: string; jitEligible: boolean; blockedBy: string[] }[] };
  /** Per leg: the card used (client file or shipped), its multiplier and where it came from; then which file priced each lane. */
  rateCards: { legs: Record<RateCardLeg, { file: string; client: boolean; fallback: 'shipped' | 'error'; multiplier: DistJson; multiplierFrom: 'scenario' | 'default' | 'none'; laneMultipliers: Record<string, number> }>; lanes: LaneSource[] };
  orders: Stats;
  modes: Record<Mode, ModeSummary>;
  /** Paired differences a − b (same trials), CNY. */
  differences: { pair: [Mode, Mode]; totalCny: Stats }[];
  /** Mean orders per trial by routing outcome under the JIT mode. */
  routing: { code: string; meanOrders: number; share: number }[];
  nonPreferredShare: number;
  breakEven: BreakEven[] | null;
  sensitivity: { tornado: TornadoBar[]; base: Record<Mode, number>; rankCorrelation: RankCorrelation[] } | null;
}

/** Delivery-days quantile of a pooled histogram. */
function histQuantile(h: Float64Array, q: number): number {
  const total = h.reduce((a, b) => a + b, 0);
  let c = 0;
  for (let x = 0; x < h.length; x++) {
    c += h[x]!;
    if (c >= q * total) return x;
  }
  return h.length - 1;
}

/** Statistics of a run's records. */
export function summarise(plan: SimPlan, recs: Float64Array, seed: number): Omit<Summary, 'precision' | 'breakEven' | 'sensitivity'> {
  const L = plan.layout;
  const n = recs.length / L.stride;
  const sc = plan.scenario;
  const orders = column(recs, L, L.modes.jit.orders);
  const tot = { jit: totals(recs, L, 'jit'), warehouse: totals(recs, L, 'warehouse'), direct: totals(recs, L, 'direct') };
  const cheapest = { jit: 0, warehouse: 0, direct: 0 };
  for (let i = 0; i < n; i++) {
    let best: Mode = 'jit';
    for (const m of MODES) if (tot[m][i]! < tot[best][i]!) best = m;
    cheapest[best]++;
  }
  const modes = {} as Record<Mode, ModeSummary>;
  for (const m of MODES) {
    const ml = L.modes[m];
    const perOrder = tot[m].map((t, i) => (orders[i]! > 0 ? t / orders[i]! : 0));
    const hist = pooledDeliveryHistogram(recs, L, m);
    const monthly = Array.from({ length: L.months }, (_, k) => column(recs, L, ml.monthly + k).reduce((a, b) => a + b, 0) / n);
    modes[m] = {
      totalCny: describe(tot[m]),
      perOrderCny: describe(perOrder),
      componentsCny: Object.fromEntries(ml.components.map((c, k) => [c, column(recs, L, ml.component + k).reduce((a, b) => a + b, 0) / n])),
      monthlyMeanCny: monthly,
      returns: describe(column(recs, L, ml.returns)),
      cashTiedUpCny: describe(column(recs, L, ml.cash)),
      deliveryDays: { mean: histogramMean(hist, 0, DELIVERY_BINS), p50: histQuantile(hist, 0.5), p95: histQuantile(hist, 0.95) },
      pCheapest: cheapest[m] / n,
    };
  }
  const differences: Summary['differences'] = [];
  for (let a = 0; a < MODES.length; a++) for (let b = a + 1; b < MODES.length; b++) differences.push({ pair: [MODES[a]!, MODES[b]!], totalCny: describe(minus(tot[MODES[a]!], tot[MODES[b]!])) });
  const meanOrders = orders.reduce((a, b) => a + b, 0) / n;
  const routing = L.routingCodes.map((code, k) => {
    const mean = column(recs, L, L.routing + k).reduce((a, b) => a + b, 0) / n;
    return { code, meanOrders: mean, share: meanOrders > 0 ? mean / meanOrders : 0 };
  });
  const jitRouted = routing[0]!.meanOrders;
  return {
    scenario: { name: sc.spec.name, description: sc.spec.description, hash: sc.hash, startDate: sc.spec.startDate, horizonMonths: sc.spec.horizonMonths, feeSchedule: sc.schedule.id },
    rulesFingerprint: plan.ctx.rules.fingerprint,
    dataFingerprint: plan.ctx.data.fingerprint,
    seed,
    trials: n,
    eligibility: { storeEligible: sc.storeEligible, storeFailures: sc.storeFailures, skus: sc.spec.skus.map((k, i) => ({ id: k.id, jitEligible: sc.skuEligible[i]!, blockedBy: sc.skuBlockedBy[i]! })) },
    rateCards: rateCardsSummary(plan),
    orders: describe(orders),
    modes,
    differences,
    routing,
    nonPreferredShare: jitRouted > 0 ? column(recs, L, L.nonPreferred).reduce((a, b) => a + b, 0) / n / jitRouted : 0,
  };
}

/** Which card priced each leg, with its uncertainty (for summary.json and the report). */
export function rateCardsSummary(plan: SimPlan): Summary['rateCards'] {
  const sc = plan.scenario;
  const shipped: Record<RateCardLeg, string> = { jitLogistics: sc.schedule.logistics.file, direct: plan.ctx.data.direct.file, warehouseLastMile: plan.ctx.data.lastMile.file, warehouseHeadhaul: 'data/warehouse.json' };
  const legs = Object.fromEntries(
    RATE_CARD_LEGS.map((l) => {
      const ref = sc.spec.rateCards?.[l];
      const input = sc.inputs.find((x) => x.pointer === `/rateCards/${l}/multiplier`);
      const from = sc.defaultUncertainty.includes(l) ? 'default' : ref?.multiplier !== undefined ? 'scenario' : 'none';
      return [l, { file: ref?.file ?? shipped[l], client: Boolean(ref?.file), fallback: ref?.fallback ?? 'error', multiplier: input?.json ?? 1, multiplierFrom: from, laneMultipliers: ref?.laneMultipliers ?? {} }];
    }),
  ) as Summary['rateCards']['legs'];
  return { legs, lanes: sc.cards.lanes };
}

const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** One row per trial and mode: totals, components (`<name>Cny`, union of the modes' names), flow, routing, inputs. Money rounded to 0.01. */
export function trialsTable(plan: SimPlan, recs: Float64Array): aq.ColumnTable {
  const L = plan.layout;
  const n = recs.length / L.stride;
  const compNames = [...new Set(MODES.flatMap((m) => L.modes[m].components))];
  const cols: Record<string, unknown[]> = { trial: [], mode: [], totalCny: [], perOrderCny: [], orders: [], returnedOrders: [], cashTiedUpCny: [], deliveryDaysMean: [] };
  // cost components are CNY: suffixed so that no name can collide with a count column
  for (const c of compNames) cols[`${c}Cny`] = [];
  for (const code of L.routingCodes) cols[`routed_${code}`] = [];
  plan.scenario.inputs.forEach((x) => (cols[`input${x.pointer}`] = []));
  for (let i = 0; i < n; i++) {
    const o = i * L.stride;
    for (const m of MODES) {
      const ml = L.modes[m];
      const orders = recs[o + ml.orders]!;
      cols.trial!.push(i);
      cols.mode!.push(m);
      cols.totalCny!.push(r2(recs[o + ml.total]!));
      cols.perOrderCny!.push(orders > 0 ? r4(recs[o + ml.total]! / orders) : 0);
      cols.orders!.push(orders);
      cols.returnedOrders!.push(r2(recs[o + ml.returns]!));
      cols.cashTiedUpCny!.push(r2(recs[o + ml.cash]!));
      cols.deliveryDaysMean!.push(r2(histogramMean(recs, o + ml.delivery, DELIVERY_BINS)));
      for (const c of compNames) {
        const k = ml.components.indexOf(c);
        cols[`${c}Cny`]!.push(k < 0 ? 0 : r2(recs[o + ml.component + k]!));
      }
      L.routingCodes.forEach((code, k) => cols[`routed_${code}`]!.push(m === 'jit' ? recs[o + L.routing + k]! : 0));
      plan.scenario.inputs.forEach((x, k) => cols[`input${x.pointer}`]!.push(r4(recs[o + L.inputs + k]!)));
    }
  }
  return aq.table(cols);
}

/** One row per month and mode: mean, P5, P50, P95 of the month's cost over the trials, and mean orders. */
export function monthlyTable(plan: SimPlan, recs: Float64Array): aq.ColumnTable {
  const L = plan.layout;
  const cols: Record<string, unknown[]> = { month: [], label: [], days: [], mode: [], meanCny: [], p5Cny: [], p50Cny: [], p95Cny: [] };
  for (let k = 0; k < L.months; k++)
    for (const m of MODES) {
      const s = describe(column(recs, L, L.modes[m].monthly + k));
      cols.month!.push(k + 1);
      cols.label!.push(plan.monthLabels[k]);
      cols.days!.push(plan.daysInMonth[k]);
      cols.mode!.push(m);
      cols.meanCny!.push(r2(s.mean));
      cols.p5Cny!.push(r2(s.p5));
      cols.p50Cny!.push(r2(s.p50));
      cols.p95Cny!.push(r2(s.p95));
    }
  return aq.table(cols);
}

/**
 * Summarise stage: what a run kept of its trials (a TrialStore, sim/engine/store.ts: per-mode totals per
 * trial, sums of everything else, a fixed sample of the first trials' inputs and months) ──▶ Summary
 * (statistics of every quantity, paired differences, P(cheapest), routing failures, delivery times)
 * and monthly.csv. Runs in the main thread over data built in trial order, so it is deterministic.
 * trials.csv is written while the trials run (sim/engine/trials-csv.ts).
 */
export { monthRanges } from './month-ranges.ts';
import * as aq from 'arquero';
import { text, type Text } from '../i18n/index.ts';
import type { DistJson } from '../random/dist.ts';
import type { TplParams } from '../data/data-set.ts';
import type { LaneSource } from '../scenario/rate-cards.ts';
import { RATE_CARD_LEGS, type RateCardLeg } from '../scenario/schema.ts';
import { describe, type Stats } from '../stats/describe.ts';
import type { BreakEven } from './break-even.ts';
import { DELIVERY_BINS, MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { histogramMean, minus } from './records.ts';
import type { TrialStore } from './store.ts';
import { landedSummary, type LandedSummary } from '../landed/summary.ts';
import { inventorySummary, type InventorySummary } from '../inventory/summary.ts';
import { batterySummary, type BatterySummary } from '../battery/summary.ts';
import type { SkuCostTable } from './sku-costs.ts';
import type { Sensitivity } from '../sensitivity/index.ts';
import type { RateBreakEven } from '../sensitivity/rate-break-even.ts';

export interface ModeSummary {
  /** Can the client use this mode? false for JIT when it is unavailable: its figures are then direct shipping's (every order E117), kept for reference, and it has no P(cheapest). */
  available: boolean;
  /** Currency of every money figure of this block (`…Cny` keep their names for compatibility): the scenario's currency.reporting, default CNY. */
  currency: string;
  totalCny: Stats;
  perOrderCny: Stats;
  /** Mean of each cost component over the trials, CNY. */
  componentsCny: Record<string, number>;
  monthlyMeanCny: number[];
  returns: Stats;
  cashTiedUpCny: Stats;
  deliveryDays: { mean: number; p50: number; p95: number };
  /** Mean days to handle a return (modes.returnHandlingDaysJit for JIT and the warehouse's local returns, …Direct for parcels shipped from China); null without returns. */
  returnHandlingDays: number | null;
  /** Share of trials in which this mode is the cheapest of the available modes (a tie counts 1/k for each of the k tied modes); null when the mode is not available. */
  pCheapest: number | null;
}

export interface Summary {
  /** `newSellerFeeReading`: for a new seller, which reading of an ambiguous relief (FEE-A1 减免: waived or reduced) the run used; null otherwise. */
  scenario: { name: string; description: Text; hash: string; startDate: string; horizonMonths: number; feeSchedule: string; newSellerFeeReading: { fee: string; id: string; reading: Text }[] | null };
  rulesFingerprint: string;
  dataFingerprint: string;
  seed: number;
  trials: number;
  precision: { target: number; reached: boolean; maxTrials: number; relativeHalfWidth: Record<Mode, number> } | null;
  eligibility: {
    storeEligible: boolean;
    storeFailures: string[];
    /** Per SKU: JIT-eligible in some month, the rules blocking it in some month; `jitMonths` only when its eligibility changes during the horizon (a catalogue rule's `effective` / `until`). */
    skus: { id: string; jitEligible: boolean; blockedBy: string[]; jitMonths?: boolean[] }[];
    /** JIT can be used in at least one month by at least one SKU; when false it has no P(cheapest), saving or break-even. */
    jitAvailable: boolean;
    /** Per month (1-based list): can JIT be used that month (the store is admitted — time-dependent rules such as the ADM-6 freeze — and some SKU may use JIT)? */
    jitMonths: boolean[];
    /** Per month: does the store pass admission that month? */
    storeMonths: boolean[];
    /** Why JIT is unavailable (store rules failing at the start, or no eligible SKU) and how to remedy it. */
    unavailableBecause: { rule: string; message: Text; remedy: Text }[];
  };
  /** The modes compared (JIT only when available; none the scenario switches off). */
  availableModes: Mode[];
  /** Modes the scenario switches off (`modesOff`): in the records, but with no P(cheapest), difference or break-even, and shown as "switched off". */
  modesOff: Mode[];
  /** The 3PL overseas warehouse (mode 4): the tariff file, its fee multiplier, items per order, and the tariff of each site. */
  thirdPartyWarehouse: { tariff: string; client: boolean; multiplier: DistJson; itemsPerOrder: number; sites: Record<string, TplParams> };
  /** Share of trials in which two or more available modes cost exactly the same and are the cheapest. */
  tiedShare: number;
  /** Per leg: the card used (client file or shipped), its multiplier and where it came from; then which file priced each lane. */
  rateCards: { legs: Record<RateCardLeg, { file: string; client: boolean; fallback: 'shipped' | 'error'; multiplier: DistJson; multiplierFrom: 'scenario' | 'default' | 'none'; laneMultipliers: Record<string, number> }>; lanes: LaneSource[] };
  orders: Stats;
  modes: Record<Mode, ModeSummary>;
  /** Paired differences a − b (same trials), in `currency` (the reporting currency). */
  differences: { pair: [Mode, Mode]; currency: string; totalCny: Stats }[];
  /** Mean orders per trial by routing outcome under the JIT mode. */
  routing: { code: string; meanOrders: number; share: number }[];
  nonPreferredShare: number;
  /** Break-even volumes (method `volume-grid-rerun`: the same trials re-run on a grid of volumes). */
  breakEven: BreakEven[] | null;
  /** Revenue, duties, taxes and contribution per mode in the reporting currency; FX used; customs-regime timeline (sim/landed). */
  landed: LandedSummary;
  /** The self-run warehouse's stock: stock-outs, fill rate, stock, capital tied up, unsold stock, freight options (sim/inventory). */
  inventory: InventorySummary;
  /** Lithium-battery SKUs: per mode the orders refused (no lane for their class) and surcharges paid; per battery SKU each mode's lanes (sim/battery). */
  battery: BatterySummary;
  /** Per SKU: expected variable cost per order by mode, JIT eligibility, cheapest mode (from the cost classes; sim/engine/sku-costs.ts). */
  skuCosts: SkuCostTable;
  /** Break-even rate levels per rate card (method `main-run-exact`: read from the main run's trials, no extra simulation; sim/sensitivity/rate-break-even.ts). */
  rateBreakEven: RateBreakEven[] | null;
  /** Inputs ranked by their rank correlation with the per-order cost difference `pair[0]` − `pair[1]` (best − second-best available mode) over the run's trials; the top few with one-at-a-time swings (sim/sensitivity). */
  sensitivity: Sensitivity | null;
}

export { availableModes, switchedOff } from './available-modes.ts';
import { availableModes, switchedOff } from './available-modes.ts';

/**
 * Share of trials in which each available mode is the cheapest. A tie (equal totals to the cent)
 * is split: each of the k tied modes gets 1/k of that trial. Also the share of tied trials.
 */
export function cheapestShares(tot: Record<Mode, Float64Array>, available: readonly Mode[], n: number): { share: Record<Mode, number>; ties: number } {
  const share = { jit: 0, warehouse: 0, direct: 0, tpl: 0 };
  let ties = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (const m of available) best = Math.min(best, Math.round(tot[m][i]! * 100));
    let k = 0;
    for (const m of available) if (Math.round(tot[m][i]! * 100) === best) k++;
    for (const m of available) if (Math.round(tot[m][i]! * 100) === best) share[m] += 1 / k;
    if (k > 1) ties++;
  }
  for (const m of MODES) share[m] = n > 0 ? share[m] / n : 0;
  return { share, ties: n > 0 ? ties / n : 0 };
}

/** Why JIT cannot be used: the failing store rules (with their remedy), or that no SKU is eligible. */
function unavailableBecause(plan: SimPlan): Summary['eligibility']['unavailableBecause'] {
  const sc = plan.scenario;
  if (!sc.storeOkByMonth.some((x) => x === 1)) return sc.storeFindings;
  // the catalogue blocks every SKU in every month the store is admitted: each failing rule with its remedy
  if (sc.catalogFindings.length) return sc.catalogFindings;
  const rules = [...new Set(sc.skuBlockedBy.flat())];
  return [
    {
      rule: rules.join(', ') || 'SKU',
      message: text(`no SKU may use JIT (${sc.spec.skus.map((k, i) => `${k.id}: ${sc.skuBlockedBy[i]!.join(', ')}`).join('; ')})`, `没有可走JIT的SKU（${sc.spec.skus.map((k, i) => `${k.id}：${sc.skuBlockedBy[i]!.join('、')}`).join('；')}）`),
      remedy: text('tick "支持JIT履约" for the SKUs and add the missing certificates/labels; banned products (e.g. lithium batteries) cannot use JIT — run `jitsim check catalog` for each SKU\'s remedy', '为SKU勾选“支持JIT履约”并补齐证书/标签；禁售品（如含锂电池商品）不能走JIT——运行 `jitsim check catalog` 查看每个SKU的整改办法'),
    },
  ];
}

/** The readings of the new-seller relief the run used (one per monthly fee that has readings). */
function feeReading(plan: SimPlan): Summary['scenario']['newSellerFeeReading'] {
  const sc = plan.scenario;
  if (!sc.spec.newSeller) return null;
  const out = sc.schedule.monthly.flatMap((m) => {
    const id = sc.spec.newSellerFeeReading ?? m.defaultReading;
    const r = id ? m.readings[id] : undefined;
    return r && id ? [{ fee: m.id, id, reading: r.reading }] : [];
  });
  return out.length ? out : null;
}

/** Delivery-days histogram of a mode, pooled over all trials (bin = days). */
export function pooledDeliveryHistogram(store: TrialStore, mode: Mode): Float64Array {
  return store.sums.slice(store.layout.modes[mode].delivery, store.layout.modes[mode].delivery + DELIVERY_BINS);
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

/** Statistics of a run (what its store kept of the trials). */
export function summarise(plan: SimPlan, store: TrialStore, seed: number): Omit<Summary, 'precision' | 'breakEven' | 'rateBreakEven' | 'sensitivity' | 'skuCosts'> {
  const L = plan.layout;
  const n = store.n;
  const sc = plan.scenario;
  const orders = store.orders();
  const tot = Object.fromEntries(MODES.map((m) => [m, store.totals(m)])) as Record<Mode, Float64Array>;
  const available = availableModes(plan);
  const { share: cheapest, ties } = cheapestShares(tot, available, n);
  const modes = {} as Record<Mode, ModeSummary>;
  const currency = plan.landed.currencies[plan.landed.reporting]!;
  for (const m of MODES) {
    const ml = L.modes[m];
    const perOrder = tot[m].map((t, i) => (orders[i]! > 0 ? t / orders[i]! : 0));
    const hist = pooledDeliveryHistogram(store, m);
    const monthly = Array.from({ length: L.months }, (_, k) => store.sum(ml.monthly + k) / n);
    const returned = store.sum(ml.returns);
    modes[m] = {
      available: available.includes(m),
      currency,
      totalCny: describe(tot[m]),
      perOrderCny: describe(perOrder),
      componentsCny: Object.fromEntries(ml.components.map((c, k) => [c, store.sum(ml.component + k) / n])),
      monthlyMeanCny: monthly,
      returns: describe(store.perTrial('returns', m)),
      cashTiedUpCny: describe(store.perTrial('cash', m)),
      deliveryDays: { mean: histogramMean(hist, 0, DELIVERY_BINS), p50: histQuantile(hist, 0.5), p95: histQuantile(hist, 0.95) },
      returnHandlingDays: returned > 0 ? store.sum(ml.returnDays) / returned : null,
      pCheapest: available.includes(m) ? cheapest[m] : null,
    };
  }
  const differences: Summary['differences'] = [];
  // paired differences only between modes the client can use (no "saving" against an unavailable JIT)
  for (let a = 0; a < MODES.length; a++) for (let b = a + 1; b < MODES.length; b++) if (available.includes(MODES[a]!) && available.includes(MODES[b]!)) differences.push({ pair: [MODES[a]!, MODES[b]!], currency, totalCny: describe(minus(tot[MODES[a]!], tot[MODES[b]!])) });
  const meanOrders = store.sum(L.modes.jit.orders) / n;
  const routing = L.routingCodes.map((code, k) => {
    const mean = store.sum(L.routing + k) / n;
    return { code, meanOrders: mean, share: meanOrders > 0 ? mean / meanOrders : 0 };
  });
  const jitRouted = routing[0]!.meanOrders;
  return {
    scenario: { name: sc.spec.name, description: sc.spec.description, hash: sc.hash, startDate: sc.spec.startDate, horizonMonths: sc.spec.horizonMonths, feeSchedule: sc.schedule.id, newSellerFeeReading: feeReading(plan) },
    rulesFingerprint: plan.ctx.rules.fingerprint,
    dataFingerprint: plan.ctx.data.fingerprint,
    seed,
    trials: n,
    eligibility: {
      storeEligible: sc.storeEligible,
      storeFailures: sc.storeFailures,
      skus: sc.spec.skus.map((k, i) => {
        const months = Array.from({ length: sc.spec.horizonMonths }, (_, m) => sc.skuEligibleByMonth[m * sc.spec.skus.length + i] === 1);
        return { id: k.id, jitEligible: sc.skuEligible[i]!, blockedBy: sc.skuBlockedBy[i]!, ...(months.some((x) => x !== months[0]) ? { jitMonths: months } : {}) };
      }),
      jitAvailable: sc.jitAvailable,
      jitMonths: Array.from(sc.jitOkByMonth, (x) => x === 1),
      storeMonths: Array.from(sc.storeOkByMonth, (x) => x === 1),
      unavailableBecause: sc.jitAvailable ? [] : unavailableBecause(plan),
    },
    availableModes: available,
    modesOff: MODES.filter((m) => switchedOff(plan, m)),
    thirdPartyWarehouse: {
      tariff: sc.tpl.file ?? 'data/tpl.json',
      client: sc.tpl.file !== null,
      multiplier: sc.inputs.find((x) => x.pointer === '/thirdPartyWarehouse/multiplier')?.json ?? 1,
      itemsPerOrder: sc.spec.thirdPartyWarehouse?.itemsPerOrder ?? 1,
      sites: Object.fromEntries(sc.sites.map((site, i) => [site, sc.tpl.sites[i]!])),
    },
    tiedShare: ties,
    rateCards: rateCardsSummary(plan),
    orders: describe(orders),
    modes,
    differences,
    routing,
    nonPreferredShare: jitRouted > 0 ? store.sum(L.nonPreferred) / n / jitRouted : 0,
    landed: landedSummary(plan, store),
    inventory: inventorySummary(plan, store),
    battery: batterySummary(plan, store),
  };
}

/** Which card priced each leg, with its uncertainty (for summary.json and the report). */
export function rateCardsSummary(plan: SimPlan): Summary['rateCards'] {
  const sc = plan.scenario;
  const shipped: Record<RateCardLeg, string> = { jitLogistics: sc.schedule.logistics.file, direct: plan.ctx.data.direct.file, warehouseLastMile: plan.ctx.data.lastMile.file, warehouseHeadhaul: plan.ctx.data.headhaul.file };
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

/**
 * One row per month and mode: the mean of the month's cost over every trial, its P5, P50 and P95 over
 * the first min(trials, SAMPLE_TRIALS) trials (sim/engine/store.ts); then the profit view's means over
 * every trial in the reporting currency (`currency`), and the monthly profit's P5 and P95 over the same sample.
 */
export function monthlyTable(plan: SimPlan, store: TrialStore): aq.ColumnTable {
  const L = plan.layout;
  const currency = plan.landed.currencies[plan.landed.reporting]!;
  // every money column in the reporting currency, named in the `currency` column and in the cost columns' names (meanEur …)
  const cur = currency.charAt(0) + currency.slice(1).toLowerCase();
  const cols: Record<string, unknown[]> = { month: [], label: [], days: [], mode: [], currency: [], meanCny: [], p5Cny: [], p50Cny: [], p95Cny: [], revenueMean: [], dutiesTaxesMean: [], contributionMean: [], profitMean: [], profitP5: [], profitP95: [] };
  for (let k = 0; k < L.months; k++)
    for (const m of MODES) {
      const s = describe(store.sampleMonthly(m, k));
      cols.month!.push(k + 1);
      cols.label!.push(plan.monthLabels[k]);
      cols.days!.push(plan.daysInMonth[k]);
      cols.mode!.push(m);
      cols.meanCny!.push(r2(store.mean(L.modes[m].monthly + k)));
      cols.p5Cny!.push(r2(s.p5));
      cols.p50Cny!.push(r2(s.p50));
      cols.p95Cny!.push(r2(s.p95));
      const lm = L.landed[m];
      const meanOf = (at: number) => store.mean(at);
      const p = describe(store.sampleMonthlyProfit(m, k));
      cols.currency!.push(currency);
      cols.revenueMean!.push(r2(meanOf(lm.monthlyRevenue + k)));
      cols.dutiesTaxesMean!.push(r2(meanOf(lm.monthlyDutiesTaxes + k)));
      cols.contributionMean!.push(r2(meanOf(lm.monthlyContribution + k)));
      cols.profitMean!.push(r2(meanOf(lm.monthlyProfit + k)));
      cols.profitP5!.push(r2(p.p5));
      cols.profitP95!.push(r2(p.p95));
    }
  return aq.table(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k.endsWith('Cny') ? k.slice(0, -3) + cur : k, v])));
}

/**
 * The stock policy of a scenario, compiled once per run (plain data, part of the SimPlan): what
 * the seller PLANS with, not what a trial will bring.
 *
 * - The forecast is the scenario's plan: expected orders per day (the mean of `demand.ordersPerDay`),
 *   expected growth and the scenario's own seasonality (`demand.weekly`, `demand.yearly`). A trial
 *   draws its own level, growth, seasonality, SKU mix, day-to-day dispersion and Poisson counts, so
 *   its realised demand differs from the forecast: stock runs short when demand beats the plan and
 *   piles up when it falls short.
 * - Stock is kept per SKU. The SKUs carrying most of the planned demand (up to `trackedMax`, by
 *   planned share) each have their own stock, reorder point and order-up-to level. The rest of the
 *   catalogue (the long tail) is split into bands (up to STOCK_TAIL_BANDS per refusal pattern —
 *   SKUs the warehouse refuses to the same destinations — consecutive by planned share, each about
 *   the same planned share). A band is simulated through ONE representative SKU per trial, drawn
 *   among the band's SKUs by the trial's own mix (probability ∝ its share this trial): the
 *   representative has its own stock, reorder point and order-up-to level from its own forecast
 *   and σ, and its own demand (its part of its cost class's orders, like a tracked SKU); the band's
 *   orders are served at the representative's fill rate and its stock (on hand, in transit,
 *   freight) is the representative's × the band's share / the representative's share this trial.
 *   Over trials this is an unbiased sample of the band's SKUs' own stock-outs and stock (a
 *   Horvitz–Thompson estimate with one draw per band): the SKU-mix uncertainty of a tail SKU is
 *   no longer averaged away on a shared shelf, and no tail SKU's stock serves another's order.
 *   What it does not keep: the band's total demand is the tail's orders split by the bands'
 *   planned shares (the trial's mix moves a band's total little; it moves single SKUs). The
 *   comparison test in sim/inventory/sku.test.ts states the tolerance against a full per-SKU
 *   simulation.
 *   A trial therefore costs O(trackedMax + bands) stock steps per site and month whatever the
 *   catalogue's size (plus one O(catalogue) pass per trial to draw the representatives, next to the
 *   engine's own per-SKU pass), and its record and working memory do not depend on it.
 * - The forecast leaves out what the warehouse refuses: a (destination, SKU) pair whose battery
 *   class the destination's last mile (the client card's own column at the SKU's planned weight
 *   first, else data/battery.json) or the site's head-haul option refuses is not planned at that
 *   site (sim/engine/plan.ts gives `refuses`). The last mile is fixed per plan; the head-haul option
 *   is the trial's choice (fixed by the scenario, or the cheapest), so the planned shares are kept
 *   per site × option and the trial reads the row of the option it ships by. No stock is bought for
 *   demand that can never be sold from it.
 * - Each SKU's safety stock depends only on the plan (its forecast over the protection interval,
 *   the planned dispersion, the freight option's lead-time spread), so the per-SKU standard
 *   deviations are computed here, once per site × freight option × month; a trial multiplies them by
 *   its service level's z.
 */
import type { Dist } from '../random/dist.ts';
import { FREIGHT_MODES, meanLeadDays, sdLeadDays, type FreightOption } from './freight.ts';
import { forecastUnits } from './stock.ts';

/**
 * How many SKUs (by planned share) get their own stock; the rest form the tail bands. A model
 * resolution, not a domain figure: 32 keeps a trial's stock work small (≤ 32 + STOCK_TAIL_BANDS per
 * refusal pattern stock groups per site); the tail's bands keep the fill rate within the comparison
 * test's tolerance of a full per-SKU simulation (sim/inventory/sku.test.ts).
 */
export const STOCK_TRACKED_SKUS = 32;

/**
 * Tail bands per refusal pattern (a model resolution, like STOCK_TRACKED_SKUS): each band costs one
 * stock group; 4 keeps a band's SKUs within a factor of a few in planned share in the usual
 * long-tail catalogue, so one representative speaks for them (see the module's comment).
 */
export const STOCK_TAIL_BANDS = 4;

/** Standard deviation of a SKU's demand f (units) over n days: Poisson, day-to-day dispersion cv² and lead-time spread sdL (sim/inventory/stock.ts safetyStock). */
export function demandSd(f: number, n: number, cv2: number, sdL: number): number {
  return f > 0 ? Math.sqrt(f + (cv2 * f * f) / n + (f / n) * (f / n) * sdL * sdL) : 0;
}

/** What the trial hook reads of a run (plain data). */
export interface StockPlan {
  /** Per site, per FREIGHT_MODES entry: the option, or null. */
  options: (FreightOption | null)[][];
  /** Per site × FREIGHT_MODES: the stocked SKUs' lithium-battery head-haul surcharge per kg of stock (kg-weighted), NaN when the option refuses a stocked SKU's class (set by sim/engine/plan.ts; absent: none). */
  batteryPerKg?: Float64Array;
  /** FREIGHT_MODES index of the scenario's fixed option, or -1 for auto. */
  fixed: number;
  days: number;
  months: number;
  /** cum[d]: planned orders (all sites) before day d (the forecast; length days + 1). */
  forecast: Float64Array;
  /** Planned day-to-day dispersion (coefficient of variation of the daily rate). */
  cv: number;
  /** Per site: planned share of the orders. */
  siteShare: Float64Array;
  /**
   * Per site × option × group: the group's planned share of ALL orders at that site when the site
   * ships by that option — the destinations' shares × the SKUs' shares, without the (destination,
   * SKU) pairs the warehouse refuses (a battery class its last mile or that head-haul option does
   * not carry): refused demand is never forecast, so no stock is bought for it. Index
   * (site × K + option) × groups + group.
   */
  share: Float64Array;
  /** SKU indices with their own stock (largest planned share first), and their planned shares. */
  tracked: Int32Array;
  trackedShare: Float64Array;
  /** SKU indices of the tail (band by band) and their planned shares; the tail's planned share (0 when every SKU is tracked). */
  tail: Int32Array;
  tailSkuShare: Float64Array;
  tailShare: number;
  /** Tail bands: band b holds tail[bandStart[b] … bandStart[b + 1]); its planned share. */
  bands: number;
  bandStart: Int32Array;
  bandShare: Float64Array;
  /** Stock groups per site: tracked SKUs, then the tail bands. */
  groups: number;
  /**
   * Per site × option × month × group: the standard deviation of a tracked SKU's demand over the
   * protection interval of that month's review, in units; the safety stock is z × this (a band's
   * representative computes its own with demandSd in the trial; its entries are 0).
   * Index ((site × K + option) × months + month) × groups + group.
   */
  sigma: Float64Array;
}

/** Mean of a distribution (by its quantiles at 2,000 midpoints; exact for a fixed value). */
export function distMean(d: Dist): number {
  if (d.fixed) return d.quantile(0.5);
  const n = 2000;
  let s = 0;
  for (let i = 0; i < n; i++) s += d.quantile((i + 0.5) / n);
  return s / n;
}

export interface StockPlanInput {
  options: (FreightOption | null)[][];
  fixed: number;
  days: number;
  /** Per day: month index, the scenario's seasonality (weekly × yearly, mean 1). */
  monthOf: Int32Array;
  season: Float64Array;
  /** Planned orders per day, monthly growth and dispersion (their means). */
  ordersPerDay: number;
  monthlyGrowth: number;
  dispersion: number;
  /** Per destination: its site and planned share; per SKU: planned share. */
  siteOf: Int32Array | readonly number[];
  destShare: Float64Array;
  skuShare: Float64Array;
  sites: number;
  trackedMax?: number;
  /** Tail bands per refusal pattern (default STOCK_TAIL_BANDS). */
  tailBands?: number;
  /**
   * Whether the warehouse refuses SKU s to destination d when its site ships by FREIGHT_MODES[k]
   * (lithium batteries: the last mile's or the head-haul option's lane, sim/battery/plan.ts);
   * absent: nothing refused. Called once per (destination, SKU, option) at compile time.
   */
  refuses?: (d: number, s: number, k: number) => boolean;
}

/** The scenario's stock plan (see the module's comment). */
export function compileStockPlan(x: StockPlanInput): StockPlan {
  const { days } = x;
  const months = days > 0 ? x.monthOf[days - 1]! + 1 : 0;
  const forecast = new Float64Array(days + 1);
  const gDay = Math.pow(1 + x.monthlyGrowth, 12 / 365);
  let g = 1;
  for (let d = 0; d < days; d++) {
    forecast[d + 1] = forecast[d]! + x.ordersPerDay * g * x.season[d]!;
    g *= gDay;
  }
  const siteShare = new Float64Array(x.sites);
  for (let d = 0; d < x.destShare.length; d++) siteShare[x.siteOf[d]!]! += x.destShare[d]!;
  const order = Array.from(x.skuShare.keys()).filter((s) => x.skuShare[s]! > 0).sort((a, b) => x.skuShare[b]! - x.skuShare[a]! || a - b);
  const max = Math.max(0, Math.floor(x.trackedMax ?? STOCK_TRACKED_SKUS));
  const tracked = Int32Array.from(order.slice(0, max));
  const K = FREIGHT_MODES.length;
  const S = x.skuShare.length;
  // the tail by refusal pattern (first seen first), each by planned share, cut into bands of about equal planned share
  const rest = order.slice(max);
  const patterns = new Map<string, number[]>();
  for (const s of rest) {
    let key = '';
    if (x.refuses) for (let d = 0; d < x.destShare.length; d++) for (let k = 0; k < K; k++) key += x.refuses(d, s, k) ? '1' : '0';
    const list = patterns.get(key);
    if (list) list.push(s);
    else patterns.set(key, [s]);
  }
  const B = Math.max(1, Math.floor(x.tailBands ?? STOCK_TAIL_BANDS));
  const tailList: number[] = [];
  const starts: number[] = [];
  for (const list of patterns.values()) {
    let total = 0;
    for (const s of list) total += x.skuShare[s]!;
    const nb = Math.min(B, list.length);
    let pos = 0;
    let cum = 0;
    for (let b = 0; b < nb; b++) {
      starts.push(tailList.length);
      const target = (total * (b + 1)) / nb;
      const last = b === nb - 1;
      do {
        cum += x.skuShare[list[pos]!]!;
        tailList.push(list[pos++]!);
      } while (pos < list.length && (last || (list.length - pos > nb - 1 - b && cum < target)));
    }
  }
  starts.push(tailList.length);
  const tail = Int32Array.from(tailList);
  const bands = starts.length - 1;
  const bandStart = Int32Array.from(starts);
  const bandShare = new Float64Array(bands);
  for (let b = 0; b < bands; b++) for (let j = bandStart[b]!; j < bandStart[b + 1]!; j++) bandShare[b]! += x.skuShare[tail[j]!]!;
  let tailShare = 0;
  for (const s of tail) tailShare += x.skuShare[s]!;
  const groups = tracked.length + bands;
  // per site × option × SKU: the planned share of all orders, refused (destination, SKU) pairs left out
  const skuSite = new Float64Array(x.sites * K * S);
  for (let d = 0; d < x.destShare.length; d++) {
    const i = x.siteOf[d]!;
    for (let k = 0; k < K; k++)
      for (let s = 0; s < S; s++) if (!x.refuses?.(d, s, k)) skuSite[(i * K + k) * S + s]! += x.destShare[d]! * x.skuShare[s]!;
  }
  const share = new Float64Array(x.sites * K * groups);
  for (let i = 0; i < x.sites; i++)
    for (let k = 0; k < K; k++) {
      const at = (i * K + k) * S;
      const g0 = (i * K + k) * groups;
      for (let j = 0; j < tracked.length; j++) share[g0 + j] = skuSite[at + tracked[j]!]!;
      for (let b = 0; b < bands; b++) for (let j = bandStart[b]!; j < bandStart[b + 1]!; j++) share[g0 + tracked.length + b]! += skuSite[at + tail[j]!]!;
    }
  const sigma = new Float64Array(x.sites * K * months * groups);
  const cv2 = x.dispersion * x.dispersion;
  // first day of each month
  const day0 = new Int32Array(months + 1);
  for (let d = 0, m = -1; d < days; d++) if (x.monthOf[d] !== m) day0[(m = x.monthOf[d]!)] = d;
  day0[months] = days;
  for (let i = 0; i < x.sites; i++)
    for (let k = 0; k < K; k++) {
      const o = x.options[i]?.[k];
      if (!o) continue;
      const L = meanLeadDays(o);
      const sdL = sdLeadDays(o);
      for (let m = 0; m < months; m++) {
        const review = day0[m + 1]! - day0[m]!;
        const n = L + review;
        const F = forecastUnits(forecast, day0[m]!, day0[m]! + n);
        const at = ((i * K + k) * months + m) * groups;
        const sk = (i * K + k) * S;
        // per SKU with share a (of all orders, at this site) of F over n days: σ² = aF + cv²(aF)²/n + (aF/n)²σ_L² (sim/inventory/stock.ts safetyStock)
        for (let j = 0; j < tracked.length; j++) sigma[at + j] = demandSd(skuSite[sk + tracked[j]!]! * F, n, cv2, sdL);
      }
    }
  return { options: x.options, fixed: x.fixed, days, months, forecast, cv: x.dispersion, siteShare, share, tracked, trackedShare: Float64Array.from(tracked, (s) => x.skuShare[s]!), tail, tailSkuShare: Float64Array.from(tail, (s) => x.skuShare[s]!), tailShare, bands, bandStart, bandShare, groups, sigma };
}

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
 *   catalogue (the long tail) is one stock group whose safety stock is the SUM of its SKUs' own
 *   safety stocks — no pooling benefit is taken — while its cycle stock and pipeline are simulated
 *   together (so one tail SKU's stock can serve another's order: the tail's stock-outs are somewhat
 *   understated; sim/inventory/sku.test.ts measures how much against a full per-SKU simulation).
 *   A trial therefore costs O(trackedMax) stock steps per site and month whatever the catalogue's size,
 *   and its record does not depend on it.
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
 * How many SKUs (by planned share) get their own stock; the rest form the tail group. A model
 * resolution, not a domain figure: 32 keeps a trial's stock work small (≤ 33 stock groups per site)
 * and, in the comparison test, within 1 point of fill rate of a full per-SKU simulation.
 */
export const STOCK_TRACKED_SKUS = 32;

/** What the trial hook reads of a run (plain data). */
export interface StockPlan {
  /** Per site, per FREIGHT_MODES entry: the option, or null. */
  options: (FreightOption | null)[][];
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
  /** SKU indices of the tail group and its planned share (0 when every SKU is tracked). */
  tail: Int32Array;
  tailShare: number;
  /** Stock groups per site: tracked SKUs, then the tail group when there is one. */
  groups: number;
  /**
   * Per site × option × month × group: the standard deviation of the group's demand over the
   * protection interval of that month's review (the tail group: the sum of its SKUs' own), in units;
   * the safety stock is z × this. Index ((site × K + option) × months + month) × groups + group.
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
  const tail = Int32Array.from(order.slice(max));
  let tailShare = 0;
  for (const s of tail) tailShare += x.skuShare[s]!;
  const groups = tracked.length + (tail.length > 0 ? 1 : 0);
  const K = FREIGHT_MODES.length;
  // per site × option × SKU: the planned share of all orders, refused (destination, SKU) pairs left out
  const S = x.skuShare.length;
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
      for (let j = 0; j < tail.length; j++) share[g0 + tracked.length]! += skuSite[at + tail[j]!]!;
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
        const sd = (a: number) => {
          const f = a * F;
          return f > 0 ? Math.sqrt(f + (cv2 * f * f) / n + (f / n) * (f / n) * sdL * sdL) : 0;
        };
        for (let j = 0; j < tracked.length; j++) sigma[at + j] = sd(skuSite[sk + tracked[j]!]!);
        if (tail.length > 0) {
          let t = 0;
          for (let j = 0; j < tail.length; j++) t += sd(skuSite[sk + tail[j]!]!);
          sigma[at + tracked.length] = t;
        }
      }
    }
  return { options: x.options, fixed: x.fixed, days, months, forecast, cv: x.dispersion, siteShare, share, tracked, trackedShare: Float64Array.from(tracked, (s) => x.skuShare[s]!), tail, tailShare, groups, sigma };
}

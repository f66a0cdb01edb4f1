/**
 * Inventory that behaves like inventory: the stock of one warehouse site, reviewed once a month
 * with a reorder point and an order-up-to level computed from forecast demand, the freight option's
 * lead time and a target service level; replenishments arrive after a random lead time, and demand
 * that finds the shelf empty is a stock-out (lost, or shipped direct — the caller decides what it
 * costs). Stock is counted in units of the site's average order (the order mix of the trial), not
 * per SKU. A monthly step is cheap: a trial of 36 months and a few sites costs microseconds.
 *
 * The interface is small so that any warehouse mode (self-run, a 3PL) can keep its stock with it:
 * `makeStock` once per worker, `startStock` at a trial's start, then per month `reviewStock`
 * (at the month's first day) and `serveMonth` (the month's actual demand), and the fields of
 * `StockState` for the outputs. Nothing here allocates after `makeStock`.
 *
 * Policy (periodic review, R = the month):
 *   F(a, b)        forecast demand between days a and b (seasonality and growth included, so stock
 *                  is built ahead of a peak: the window looks forward over the lead time)
 *   n = L̄ + R      protection interval, days (L̄ the mean lead time)
 *   σ² = F + cv²·F²/n + (F/n)²·σ_L²   Poisson demand, day-to-day dispersion cv, lead-time spread σ_L
 *   safety stock   SS = z(service level) · σ
 *   reorder point  s = F(d, d + n) + SS
 *   order-up-to    S = s + F(d + n, d + n + coverDays)   (each order adds `coverDays` of demand)
 *   order          S − IP when the inventory position IP = on hand + on order ≤ s
 */
import { normalQuantile } from '../random/normal.ts';

/** Most replenishments in transit at once (one order a month; lead times are below a year). */
export const STOCK_PIPELINE = 16;

export interface StockState {
  onHand: number;
  /** Replenishments in transit: arrival day (absolute day of the horizon) and units; `pipeN` used. */
  pipeDay: Float64Array;
  pipeQty: Float64Array;
  pipeN: number;
  /** Set by `serveMonth`: units served and short, mean and peak units on hand, this month. */
  served: number;
  short: number;
  meanOnHand: number;
  peakOnHand: number;
  /** Units in transit at the month's start (after the review) and end, for the capital tied up. */
  transitStart: number;
  transitEnd: number;
  /** Freight of the launch stock, charged in the first month by the caller. */
  launchFreight: number;
}

export function makeStock(): StockState {
  return { onHand: 0, pipeDay: new Float64Array(STOCK_PIPELINE), pipeQty: new Float64Array(STOCK_PIPELINE), pipeN: 0, served: 0, short: 0, meanOnHand: 0, peakOnHand: 0, transitStart: 0, transitEnd: 0, launchFreight: 0 };
}

/** Demand forecast between days a and b (fractional), from `cum` (cum[d] = expected units before day d, length days + 1); beyond the horizon the last 30 days' rate goes on. */
export function forecastUnits(cum: Float64Array, a: number, b: number): number {
  return b > a ? cumAt(cum, b) - cumAt(cum, a) : 0;
}

/** Expected units before (fractional) day x. */
function cumAt(cum: Float64Array, x: number): number {
  const days = cum.length - 1;
  if (x <= 0) return 0;
  if (x >= days) {
    const from = Math.max(0, days - 30);
    const rate = days > from ? (cum[days]! - cum[from]!) / (days - from) : 0;
    return cum[days]! + (x - days) * rate;
  }
  const i = Math.floor(x);
  return cum[i]! + (x - i) * (cum[i + 1]! - cum[i]!);
}

/** z of a cycle service level (probability of no stock-out in a replenishment cycle). */
export function serviceZ(serviceLevel: number): number {
  return normalQuantile(Math.min(0.9999, Math.max(0.5, serviceLevel)));
}

/**
 * Safety stock, units, for `forecast` units expected over `days` days (the protection interval),
 * day-to-day demand dispersion `cv` (coefficient of variation of the daily rate) and a lead-time
 * standard deviation `leadSdDays`.
 * @example safetyStock(100, 30, 0, 0, 1.6449) // 1.6449 × √100 = 16.4 (Poisson only)
 */
export function safetyStock(forecast: number, days: number, cv: number, leadSdDays: number, z: number): number {
  if (!(forecast > 0) || !(days > 0)) return 0;
  const daily = forecast / days;
  return z * Math.sqrt(forecast + (cv * cv * forecast * forecast) / days + daily * daily * leadSdDays * leadSdDays);
}

/** Reorder point s and order-up-to level S at day `day` (see the module's comment); `scale` × the forecast `cum` is this site's demand. */
export function stockLevels(cum: Float64Array, day: number, reviewDays: number, leadMeanDays: number, leadSdDays: number, coverDays: number, cv: number, z: number, scale: number, out: { s: number; S: number }): void {
  const n = leadMeanDays + reviewDays;
  const f = scale * forecastUnits(cum, day, day + n);
  out.s = f + safetyStock(f, n, cv, leadSdDays, z);
  out.S = out.s + scale * forecastUnits(cum, day + n, day + n + coverDays);
}

/** A trial's start: `initial` units on the shelf (the launch stock), nothing in transit. */
export function startStock(st: StockState, initial: number): void {
  st.onHand = initial;
  st.pipeN = 0;
  st.served = st.short = st.meanOnHand = st.peakOnHand = st.transitStart = st.transitEnd = st.launchFreight = 0;
}

/** Units in transit. */
export function inTransit(st: StockState): number {
  let q = 0;
  for (let i = 0; i < st.pipeN; i++) q += st.pipeQty[i]!;
  return q;
}

/**
 * The review at `day`: when on hand + on order ≤ s, orders up to S; the order arrives `leadDays`
 * later. Returns the units ordered (0 when none, or when the pipeline is full).
 */
export function reviewStock(st: StockState, day: number, s: number, S: number, leadDays: number): number {
  const ip = st.onHand + inTransit(st);
  let q = 0;
  if (ip <= s && S > ip && st.pipeN < STOCK_PIPELINE) {
    q = S - ip;
    // keep the pipeline sorted by arrival (lead times are random, so orders may overtake)
    let i = st.pipeN++;
    const arrive = day + leadDays;
    while (i > 0 && st.pipeDay[i - 1]! > arrive) {
      st.pipeDay[i] = st.pipeDay[i - 1]!;
      st.pipeQty[i] = st.pipeQty[i - 1]!;
      i--;
    }
    st.pipeDay[i] = arrive;
    st.pipeQty[i] = q;
  }
  st.transitStart = inTransit(st);
  return q;
}

/**
 * Serves `demand` units spread evenly over days [day0, day0 + days): arrivals in that window are
 * shelved on their day; demand that finds the shelf empty is short. Sets served, short, mean and
 * peak on hand, and the units in transit at the end.
 */
export function serveMonth(st: StockState, day0: number, days: number, demand: number): void {
  const rate = days > 0 ? demand / days : 0;
  const end = day0 + days;
  let t = day0;
  let stock = st.onHand;
  let served = 0;
  let area = 0;
  let peak = stock;
  let k = 0;
  for (;;) {
    const next = k < st.pipeN && st.pipeDay[k]! < end ? st.pipeDay[k]! : end;
    const seg = Math.max(0, next - t);
    const need = rate * seg;
    if (stock >= need) {
      area += seg * (stock - need / 2);
      served += need;
      stock -= need;
    } else {
      // the shelf empties after stock / rate days
      if (rate > 0) area += (stock * stock) / (2 * rate);
      served += stock;
      stock = 0;
    }
    t = next;
    if (next >= end) break;
    stock += st.pipeQty[k]!;
    if (stock > peak) peak = stock;
    k++;
  }
  // drop the arrived orders
  for (let i = k; i < st.pipeN; i++) {
    st.pipeDay[i - k] = st.pipeDay[i]!;
    st.pipeQty[i - k] = st.pipeQty[i]!;
  }
  st.pipeN -= k;
  st.onHand = stock;
  st.served = served;
  st.short = Math.max(0, demand - served);
  st.meanOnHand = days > 0 ? area / days : stock;
  st.peakOnHand = peak;
  st.transitEnd = inTransit(st);
}

/** Cost of capital of `value` CNY tied up for `days` days at a yearly rate. */
export function capitalCost(value: number, rateYear: number, days: number): number {
  return (value * rateYear * days) / 365;
}

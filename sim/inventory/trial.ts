/**
 * The inventory hook of a trial, for a warehouse mode whose stock is bought ahead: per site, the
 * freight option (fixed or the cheapest, sim/inventory/choose.ts), the launch stock, then per month
 * a review (reorder point / order-up-to from the forecast, sim/inventory/stock.ts), the shipment's
 * freight, the month's demand served from the shelf, and the share of it that was not (a stock-out).
 * The caller prices the served orders (last mile, staff …) and the short ones (shipped direct or
 * lost); this hook prices the stock: freight, rent, capital tied up, write-off and, at the horizon's
 * end, the write-down of unsold stock. Its record block holds the inventory outputs.
 *
 * Lead times come from the trial's own stream (STOCK_STREAM of trialRng): one uniform per site and
 * month, always drawn, so the flow of orders and every other mode's stream are unchanged, and the
 * draws stay aligned across volume multipliers and rule sets (common random numbers).
 */
import type { WarehouseParams } from '../data/data-set.ts';
import { trialRng, type RandomSource } from '../random/rng.ts';
import { chooseFreight, evaluateFreight, makeFreightEval, type FreightEval } from './choose.ts';
import { FREIGHT_MODES, freightCharge, meanLeadDays, sdLeadDays, type FreightOption } from './freight.ts';
import { capitalCost, inTransit, makeStock, reviewStock, serveMonth, serviceZ, startStock, stockLevels, type StockState } from './stock.ts';

/** Stream index of the lead-time draws in trialRng(seed, trial, stream) (the mix uses 1). */
export const STOCK_STREAM = 2;

/** Per trial (sums over the sites): units demanded, served and short; stock values (CNY); costs (CNY); shipments. */
export const STOCK_FIELDS = ['demandUnits', 'servedUnits', 'shortUnits', 'onHandValueMean', 'onHandValuePeak', 'inTransitValueMean', 'tiedUpValuePeak', 'capitalCost', 'writeOffCost', 'endStockValue', 'endWriteDown', 'freightCost', 'shipments'] as const;
export type StockField = (typeof STOCK_FIELDS)[number];

export interface StockLayout {
  /** Offset of STOCK_FIELDS[0]; the others follow in order. */
  fields: number;
  /** Per FREIGHT_MODES entry: the number of sites that used it this trial. */
  options: number;
  /** Monthly: value on hand (mean over the month, CNY), units short. */
  monthlyOnHandValue: number;
  monthlyShort: number;
}

export function makeStockLayout(at: number, months: number): { layout: StockLayout; size: number } {
  const layout = { fields: at, options: at + STOCK_FIELDS.length, monthlyOnHandValue: at + STOCK_FIELDS.length + FREIGHT_MODES.length, monthlyShort: at + STOCK_FIELDS.length + FREIGHT_MODES.length + months };
  return { layout, size: STOCK_FIELDS.length + FREIGHT_MODES.length + 2 * months };
}

/** What the hook reads of a run (plain data). */
export interface StockPlan {
  /** Per site, per FREIGHT_MODES entry: the option, or null. */
  options: (FreightOption | null)[][];
  /** FREIGHT_MODES index of the scenario's fixed option, or -1 for auto. */
  fixed: number;
  days: number;
}

/** Working memory (one per worker). */
export interface StockScratch {
  st: StockState[];
  /** Per site: chosen option index (-1: none), its multiplier, share of demand, this month's demand and fill rate. */
  opt: Int32Array;
  mult: Float64Array;
  share: Float64Array;
  demand: Float64Array;
  fill: Float64Array;
  /** Per site: steady-state freight per kg and shelf days of the chosen option (the per-SKU cost pass and the customs value). */
  perKg: Float64Array;
  shelfDays: Float64Array;
  leadDays: Float64Array;
  /** Per site × option: this trial's rate multiplier. */
  optMult: Float64Array;
  /** cum[d]: expected orders (all sites) before day d. */
  cum: Float64Array;
  lv: { s: number; S: number };
  ev: FreightEval;
  kgPerUnit: number;
  valuePerUnit: number;
  cv: number;
  peakTiedUp: number;
  rng: RandomSource | null;
}

export function makeStockScratch(sites: number, days: number): StockScratch {
  return {
    st: Array.from({ length: sites }, makeStock),
    opt: new Int32Array(sites),
    mult: new Float64Array(sites),
    share: new Float64Array(sites),
    demand: new Float64Array(sites),
    fill: new Float64Array(sites).fill(1),
    perKg: new Float64Array(sites),
    shelfDays: new Float64Array(sites),
    leadDays: new Float64Array(sites),
    optMult: new Float64Array(sites * FREIGHT_MODES.length),
    cum: new Float64Array(days + 1),
    lv: { s: 0, S: 0 },
    ev: makeFreightEval(),
    kgPerUnit: 0,
    valuePerUnit: 0,
    cv: 0,
    peakTiedUp: 0,
    rng: null,
  };
}

/**
 * A trial's start. `cum` must already hold the expected orders per day (cumulated) and `optMult`
 * each option's multiplier, `share` each site's share of the orders. Chooses each site's option,
 * puts the launch stock (the order-up-to level at day 0) on the shelf and records its freight,
 * to be charged in the first month.
 */
export function beginStockTrial(P: StockPlan, sc: StockScratch, sites: readonly WarehouseParams[], seed: number, trialIndex: number, kgPerUnit: number, valuePerUnit: number, cv: number, out: Float64Array, offset: number, L: StockLayout): void {
  sc.rng = trialRng(seed, trialIndex, STOCK_STREAM);
  sc.kgPerUnit = kgPerUnit;
  sc.valuePerUnit = valuePerUnit;
  sc.cv = cv;
  sc.peakTiedUp = 0;
  const K = FREIGHT_MODES.length;
  const totalDaily = P.days > 0 ? sc.cum[P.days]! / P.days : 0;
  for (let i = 0; i < sites.length; i++) {
    const w = sites[i]!;
    const daily = totalDaily * sc.share[i]!;
    const opts = P.options[i]!;
    const k = chooseFreight(opts, P.fixed, w, daily, kgPerUnit, valuePerUnit, cv, sc.optMult.subarray(i * K, i * K + K), sc.ev);
    sc.opt[i] = k;
    const st = sc.st[i]!;
    if (k < 0) {
      startStock(st, 0);
      continue;
    }
    const o = opts[k]!;
    sc.mult[i] = sc.optMult[i * K + k]!;
    out[offset + L.options + k]! += 1;
    evaluateFreight(o, w, daily, kgPerUnit, valuePerUnit, cv, sc.mult[i]!, sc.ev);
    sc.perKg[i] = kgPerUnit > 0 ? sc.ev.freightPerUnit / kgPerUnit : 0;
    sc.shelfDays[i] = sc.ev.shelfDays;
    sc.leadDays[i] = sc.ev.leadDays;
    stockLevels(sc.cum, 0, 30, meanLeadDays(o), sdLeadDays(o), w.daysOfCover, cv, serviceZ(w.serviceLevel), sc.share[i]!, sc.lv);
    startStock(st, sc.lv.S);
    // the launch stock was shipped before the horizon: its freight is paid in the first month
    st.launchFreight = freightCharge(o, sc.lv.S * kgPerUnit, (sc.lv.S * kgPerUnit) / w.stockDensityKgPerM3) * sc.mult[i]!;
  }
}

/**
 * Month m (first day `day0`, `days` days) for every site, after the caller has set `sc.demand`
 * (the month's orders per site): review and order, serve, and add the stock's costs to the
 * warehouse components at `comp` (headhaul, rent, capital, writeOff indices given). Sets `sc.fill`.
 */
export function stockMonth(P: StockPlan, sc: StockScratch, sites: readonly WarehouseParams[], m: number, months: number, day0: number, days: number, comp: Float64Array, ci: { headhaul: number; rent: number; capital: number; writeOff: number }, out: Float64Array, offset: number, L: StockLayout): void {
  const F = offset + L.fields;
  const mShort = offset + L.monthlyShort + m;
  const mOnHand = offset + L.monthlyOnHandValue + m;
  let onHandValue = 0;
  let tiedUp = 0;
  for (let i = 0; i < sites.length; i++) {
    const w = sites[i]!;
    const st = sc.st[i]!;
    const k = sc.opt[i]!;
    // one draw per site and month whatever happens (aligned streams)
    const u = sc.rng!.next();
    const demand = sc.demand[i]!;
    if (k < 0) {
      sc.fill[i] = 0;
      out[F + 0]! += demand;
      out[F + 2]! += demand;
      out[mShort]! += demand;
      continue;
    }
    const o = P.options[i]![k]!;
    const m3PerUnit = sc.kgPerUnit / w.stockDensityKgPerM3;
    let freight = 0;
    if (m === 0 && st.launchFreight > 0) {
      freight += st.launchFreight;
      out[F + 12]! += 1;
      st.launchFreight = 0;
    }
    stockLevels(sc.cum, day0, days, meanLeadDays(o), sdLeadDays(o), w.daysOfCover, sc.cv, serviceZ(w.serviceLevel), sc.share[i]!, sc.lv);
    const q = reviewStock(st, day0, sc.lv.s, sc.lv.S, o.daysMin + u * (o.daysMax - o.daysMin));
    if (q > 0) {
      freight += freightCharge(o, q * sc.kgPerUnit, q * m3PerUnit) * sc.mult[i]!;
      out[F + 12]! += 1;
    }
    serveMonth(st, day0, days, demand);
    sc.fill[i] = demand > 0 ? st.served / demand : 1;
    const v = sc.valuePerUnit;
    const transitMean = (st.transitStart + st.transitEnd) / 2;
    const capital = capitalCost((st.meanOnHand + transitMean) * v, w.capitalRateYear, days);
    let writeOff = capitalCost(st.meanOnHand * v, w.writeOffShareYear, days);
    const rent = Math.max(w.minRentCnyPerMonth, st.meanOnHand * m3PerUnit * w.rentCnyPerM3Month);
    if (m === months - 1) {
      const endValue = (st.onHand + inTransit(st)) * v;
      out[F + 9]! += endValue;
      out[F + 10]! += endValue * w.unsoldWriteDownShare;
      writeOff += endValue * w.unsoldWriteDownShare;
    }
    comp[ci.headhaul]! += freight;
    comp[ci.rent]! += rent;
    comp[ci.capital]! += capital;
    comp[ci.writeOff]! += writeOff;
    out[F + 0]! += demand;
    out[F + 1]! += st.served;
    out[F + 2]! += st.short;
    out[F + 3]! += (st.meanOnHand * v) / months;
    out[F + 5]! += (transitMean * v) / months;
    out[F + 7]! += capital;
    out[F + 8]! += writeOff;
    out[F + 11]! += freight;
    out[mShort]! += st.short;
    out[mOnHand]! += st.meanOnHand * v;
    onHandValue += st.peakOnHand * v;
    tiedUp += (st.peakOnHand + Math.max(st.transitStart, st.transitEnd)) * v;
  }
  if (onHandValue > out[F + 4]!) out[F + 4] = onHandValue;
  if (tiedUp > sc.peakTiedUp) sc.peakTiedUp = tiedUp;
  out[F + 6] = sc.peakTiedUp;
}

/**
 * The inventory hook of a trial, for a warehouse mode whose stock is bought ahead: per site, the
 * freight option (fixed or the cheapest, sim/inventory/choose.ts), the launch stock, then per month
 * a review of every stock group (reorder point / order-up-to from the PLANNED demand,
 * sim/inventory/plan.ts and stock.ts), one shipment per site with what the groups ordered, the
 * month's demand served from each group's shelf, and the share that was not (a stock-out).
 * The caller prices the served orders (last mile, staff …) and the short ones (shipped direct or
 * lost) per cost class, with the fill rate this hook gives each (site, class); this hook prices the
 * stock: freight, rent, capital tied up, write-off and, at the horizon's end, the write-down of
 * unsold stock. Its record block holds the inventory outputs.
 *
 * Stock groups (sim/inventory/plan.ts): the SKUs carrying most of the planned demand each have their
 * own stock; the long tail is cut into bands, each simulated through one representative SKU drawn
 * per trial by the trial's mix (its own stock and demand; the band served at its fill rate, its
 * stock scaled to the band). A month's demand of a tracked SKU or a representative is its part of
 * its cost class's count: the count itself when the SKU is its own class, else a binomial draw
 * (count N, the SKU's share p of the class; normal approximation N·p + √(N·p·(1 − p))·z, within
 * [0, N]) — the SKU's count given the class's, as a per-SKU flow would give it; with
 * `demand.arrivals: "expected"` the expected split N·p. The bands share what the tracked SKUs leave
 * of the site's orders by their planned shares.
 *
 * Lead times, the representatives and the binomial splits come from the trial's own stream
 * (STOCK_STREAM of trialRng): one uniform per band at the trial's start, then one per site and
 * month and one per site, month and group, always drawn, so the flow of orders and every other
 * mode's stream are unchanged, and the draws stay aligned across volume multipliers and rule sets
 * (common random numbers).
 */
import type { WarehouseParams } from '../data/data-set.ts';
import { trialRng, type RandomSource } from '../random/rng.ts';
import { chooseFreight, evaluateFreight, makeFreightEval, type FreightEval } from './choose.ts';
import { FREIGHT_MODES, freightCharge, meanLeadDays, sdLeadDays } from './freight.ts';
import { demandSd, type StockPlan } from './plan.ts';
import { normalQuantile } from '../random/normal.ts';
import { capitalCost, forecastUnits, inTransit, makeStock, reviewStock, serveMonth, serviceZ, startStock, type StockState } from './stock.ts';

export type { StockPlan } from './plan.ts';

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
  /** Monthly (CNY at unit cost, sums over the sites): value on hand (mean over the month); units short. */
  monthlyOnHandValue: number;
  monthlyShort: number;
  /** Monthly: value in transit (mean of the month's start and end), value of the reorder points at the review, and 1 when some order of the month found the shelf empty. */
  monthlyTransitValue: number;
  monthlyReorderValue: number;
  monthlyShortFlag: number;
}

export function makeStockLayout(at: number, months: number): { layout: StockLayout; size: number } {
  const m0 = at + STOCK_FIELDS.length + FREIGHT_MODES.length;
  const layout = { fields: at, options: at + STOCK_FIELDS.length, monthlyOnHandValue: m0, monthlyShort: m0 + months, monthlyTransitValue: m0 + 2 * months, monthlyReorderValue: m0 + 3 * months, monthlyShortFlag: m0 + 4 * months };
  return { layout, size: STOCK_FIELDS.length + FREIGHT_MODES.length + 5 * months };
}

/** Working memory (one per worker). */
export interface StockScratch {
  /** Per site × stock group. */
  st: StockState[];
  groups: number;
  /** Per stock group, this trial: kg and value (CNY) of a unit (a band: its representative's). */
  kg: Float64Array;
  value: Float64Array;
  /** Per stock group, this trial: the mean unit's kg and value (a band: its SKUs', weighted by the trial's mix; the freight choice). */
  meanKg: Float64Array;
  meanValue: Float64Array;
  /** Per stock group, this trial: units of the group per unit of its stock (a band: its share ÷ its representative's, this trial's mix; tracked 1), and the representative's planned share ÷ the band's (tracked 1). */
  lam: Float64Array;
  ratio: Float64Array;
  /** Per band: this trial's uniform drawing its representative. */
  bandU: Float64Array;
  /** Per tail SKU (P.tail order), this trial: its weight in the draw, kg, value, cost class and share of the class (5 entries each). */
  tailView: Float64Array;
  /** Per site × group: this month's demand (units; a band: all its SKUs'), the demand on the group's stock (a band: its representative's), share of it served, reorder point s and order-up-to level S. */
  gDemand: Float64Array;
  gServe: Float64Array;
  gFill: Float64Array;
  gs: Float64Array;
  gS: Float64Array;
  /** Per site: chosen option index (-1: none), its multiplier, this month's demand and fill rate, mean m³ on hand. */
  opt: Int32Array;
  mult: Float64Array;
  demand: Float64Array;
  fill: Float64Array;
  m3OnHand: Float64Array;
  /** Per site × cost class (this trial's classes): this month's orders (set by the caller), then the share served from stock. */
  classDemand: Float64Array;
  classFill: Float64Array;
  /** This trial's number of cost classes. */
  classes: number;
  /** Per group (a tracked SKU or a band's representative), this trial: its cost class and its share of that class. */
  tClass: Int32Array;
  tP: Float64Array;
  /**
   * A trial's SKU view (kg, value per group; class and share per tracked SKU) by the engine's
   * remembered per-SKU pass (sim/engine/sku-pass.ts): a break-even or swing run that resumes a
   * trial's classes without redoing the per-SKU pass resumes this too (the per-SKU arrays are not
   * restored then).
   */
  memo: WeakMap<object, Float64Array>;
  /** Per site: steady-state freight per kg and shelf days of the chosen option (the per-SKU cost pass and the customs value). */
  perKg: Float64Array;
  shelfDays: Float64Array;
  leadDays: Float64Array;
  /** Per site × option: this trial's rate multiplier. */
  optMult: Float64Array;
  ev: FreightEval;
  /** Planned average unit: kg and value (CNY) (the freight choice). */
  kgPerUnit: number;
  valuePerUnit: number;
  /** This trial's volume multiplier (break-even runs plan for their volume). */
  scale: number;
  /** Expected counts (demand.arrivals "expected"): split a class's count by the shares, no draw. */
  expected: boolean;
  peakTiedUp: number;
  rng: RandomSource | null;
}

export function makeStockScratch(P: StockPlan, sites: number, skus: number): StockScratch {
  const G = Math.max(1, P.groups);
  return {
    st: Array.from({ length: sites * G }, makeStock),
    groups: P.groups,
    kg: new Float64Array(G),
    value: new Float64Array(G),
    meanKg: new Float64Array(G),
    meanValue: new Float64Array(G),
    lam: new Float64Array(G).fill(1),
    ratio: new Float64Array(G).fill(1),
    bandU: new Float64Array(Math.max(1, P.bands)),
    tailView: new Float64Array(5 * P.tail.length),
    gDemand: new Float64Array(sites * G),
    gServe: new Float64Array(sites * G),
    gFill: new Float64Array(sites * G),
    gs: new Float64Array(sites * G),
    gS: new Float64Array(sites * G),
    opt: new Int32Array(sites),
    mult: new Float64Array(sites),
    demand: new Float64Array(sites),
    fill: new Float64Array(sites).fill(1),
    m3OnHand: new Float64Array(sites),
    classDemand: new Float64Array(sites * Math.max(1, skus)),
    classFill: new Float64Array(sites * Math.max(1, skus)).fill(1),
    classes: 0,
    tClass: new Int32Array(G),
    tP: new Float64Array(G),
    memo: new WeakMap(),
    perKg: new Float64Array(sites),
    shelfDays: new Float64Array(sites),
    leadDays: new Float64Array(sites),
    optMult: new Float64Array(sites * FREIGHT_MODES.length),
    ev: makeFreightEval(),
    kgPerUnit: 0,
    valuePerUnit: 0,
    scale: 1,
    expected: false,
    peakTiedUp: 0,
    rng: null,
  };
}

/** The trial's SKUs as the hook reads them (the engine's scratch arrays; not copied). */
export interface StockSkus {
  /** Per SKU: this trial's weight (kg), unit cost (CNY), share of the orders, cost class. */
  weightKg: Float64Array;
  unitCost: Float64Array;
  share: Float64Array;
  skuClass: Int32Array;
  /** Per cost class: its summed share. */
  classShare: Float64Array;
}

/** Planned share of stock group g (a tracked SKU, or a tail band). */
function groupShare(P: StockPlan, g: number): number {
  return g < P.tracked.length ? P.trackedShare[g]! : P.bandShare[g - P.tracked.length]!;
}

/** Reorder point and order-up-to level of every group of site i for the review at `day0` (month m, review period `days`). */
function siteLevels(P: StockPlan, sc: StockScratch, w: WarehouseParams, i: number, k: number, m: number, day0: number, days: number): void {
  const o = P.options[i]![k]!;
  const n = meanLeadDays(o) + days;
  const need = sc.scale * forecastUnits(P.forecast, day0, day0 + n);
  const cover = sc.scale * forecastUnits(P.forecast, day0 + n, day0 + n + w.daysOfCover);
  const z = serviceZ(w.serviceLevel);
  const G = P.groups;
  const sig = ((i * FREIGHT_MODES.length + k) * P.months + m) * G;
  // σ was computed for the planned volume; a break-even run's volume multiplier scales its Poisson part by √scale (kept simple: × √scale)
  const sh = (i * FREIGHT_MODES.length + k) * G;
  const sigScale = Math.sqrt(sc.scale);
  const T = P.tracked.length;
  const F = forecastUnits(P.forecast, day0, day0 + n);
  const sdL = sdLeadDays(o);
  const cv2 = P.cv * P.cv;
  for (let g = 0; g < G; g++) {
    // the group's planned share at this site by this option (refused battery demand left out, sim/inventory/plan.ts);
    // a band's stock is its representative's: its own planned share and σ
    const a = P.share[sh + g]! * sc.ratio[g]!;
    const sd = g < T ? P.sigma[sig + g]! : demandSd(a * F, n, cv2, sdL);
    const s = a * need + z * sd * sigScale;
    sc.gs[i * G + g] = s;
    sc.gS[i * G + g] = s + a * cover;
  }
}

/**
 * A trial's start, after the caller has set `optMult` (each option's multiplier per site) and
 * `scale` (the volume multiplier). Sets each group's unit weight and value from the trial's SKUs,
 * chooses each site's option, puts the launch stock (each group's order-up-to level at the first
 * review) on the shelf and records its freight, to be charged in the first month.
 */
export function beginStockTrial(P: StockPlan, sc: StockScratch, sites: readonly WarehouseParams[], seed: number, trialIndex: number, skus: StockSkus, firstMonthDays: number, out: Float64Array, offset: number, L: StockLayout, resumed: object | null = null, remember: object | null = null): void {
  sc.rng = trialRng(seed, trialIndex, STOCK_STREAM);
  sc.peakTiedUp = 0;
  // one uniform per band (its representative), always drawn
  for (let b = 0; b < P.bands; b++) sc.bandU[b] = sc.rng.next();
  const G = P.groups;
  const kept = resumed ? sc.memo.get(resumed) : undefined;
  const views = [sc.kg, sc.value, sc.meanKg, sc.meanValue, sc.lam, sc.ratio, sc.tP];
  const V = (views.length + 1) * G;
  if (kept) {
    views.forEach((a, j) => a.set(kept.subarray(j * G, (j + 1) * G)));
    for (let g = 0; g < G; g++) sc.tClass[g] = kept[views.length * G + g]!;
    sc.tailView.set(kept.subarray(V));
  } else {
    skuView(P, sc, skus);
    if (remember) {
      // the tail's view too (the same size order as the engine's remembered classes): a resumed trial may draw other representatives
      const snap = new Float64Array(V + sc.tailView.length);
      views.forEach((a, j) => snap.set(a.subarray(0, G), j * G));
      for (let g = 0; g < G; g++) snap[views.length * G + g] = sc.tClass[g]!;
      snap.set(sc.tailView, V);
      sc.memo.set(remember, snap);
    }
  }
  pickRepresentatives(P, sc);
  startTrial(P, sc, sites, firstMonthDays, out, offset, L);
}

/** Group g is SKU s: its unit, class and share of the class. */
function viewSku(sc: StockScratch, skus: StockSkus, g: number, s: number): void {
  sc.kg[g] = skus.weightKg[s]!;
  sc.value[g] = skus.unitCost[s]!;
  const c = skus.skuClass[s]!;
  const cs = skus.classShare[c]!;
  sc.tClass[g] = c;
  sc.tP[g] = cs > 0 ? Math.min(1, skus.share[s]! / cs) : 0;
}

/** Each tracked SKU's unit (kg, value), class and share of it, each band's mean unit, and the tail's view (the draw of the representatives), from this trial's SKUs. */
function skuView(P: StockPlan, sc: StockScratch, skus: StockSkus): void {
  const T = P.tracked.length;
  for (let g = 0; g < T; g++) {
    viewSku(sc, skus, g, P.tracked[g]!);
    sc.meanKg[g] = sc.kg[g]!;
    sc.meanValue[g] = sc.value[g]!;
    sc.lam[g] = 1;
    sc.ratio[g] = 1;
  }
  for (let b = 0; b < P.bands; b++) {
    const g = T + b;
    const j0 = P.bandStart[b]!;
    const j1 = P.bandStart[b + 1]!;
    // the band's mix this trial (the plan's shares when the mix gives the band nothing)
    let a = 0;
    for (let j = j0; j < j1; j++) a += skus.share[P.tail[j]!]!;
    const planned = !(a > 0);
    let kg = 0;
    let v = 0;
    let t = 0;
    for (let j = j0; j < j1; j++) {
      const s = P.tail[j]!;
      const x = planned ? P.tailSkuShare[j]! : skus.share[s]!;
      t += x;
      kg += x * skus.weightKg[s]!;
      v += x * skus.unitCost[s]!;
      const c = skus.skuClass[s]!;
      const cs = skus.classShare[c]!;
      sc.tailView[5 * j] = x;
      sc.tailView[5 * j + 1] = skus.weightKg[s]!;
      sc.tailView[5 * j + 2] = skus.unitCost[s]!;
      sc.tailView[5 * j + 3] = c;
      sc.tailView[5 * j + 4] = cs > 0 ? Math.min(1, skus.share[s]! / cs) : 0;
    }
    sc.meanKg[g] = t > 0 ? kg / t : 0;
    sc.meanValue[g] = t > 0 ? v / t : 0;
  }
}

/** Each band's representative for this trial's uniforms: drawn with probability ∝ its share of the band this trial (`sc.tailView`). */
function pickRepresentatives(P: StockPlan, sc: StockScratch): void {
  const T = P.tracked.length;
  const tv = sc.tailView;
  for (let b = 0; b < P.bands; b++) {
    const g = T + b;
    const j0 = P.bandStart[b]!;
    const j1 = P.bandStart[b + 1]!;
    let a = 0;
    for (let j = j0; j < j1; j++) a += tv[5 * j]!;
    const target = sc.bandU[b]! * a;
    let r = j1 - 1;
    let cum = 0;
    for (let j = j0; j < j1; j++) {
      cum += tv[5 * j]!;
      if (cum > target && tv[5 * j]! > 0) {
        r = j;
        break;
      }
    }
    sc.kg[g] = tv[5 * r + 1]!;
    sc.value[g] = tv[5 * r + 2]!;
    sc.tClass[g] = tv[5 * r + 3]!;
    sc.tP[g] = tv[5 * r + 4]!;
    sc.lam[g] = tv[5 * r]! > 0 ? a / tv[5 * r]! : 0;
    sc.ratio[g] = P.bandShare[b]! > 0 ? P.tailSkuShare[r]! / P.bandShare[b]! : 0;
  }
}

/** Freight option and launch stock of every site (after the SKU view). */
function startTrial(P: StockPlan, sc: StockScratch, sites: readonly WarehouseParams[], firstMonthDays: number, out: Float64Array, offset: number, L: StockLayout): void {
  const G = P.groups;
  // the planned average unit (the freight choice)
  let sh = 0;
  let kgU = 0;
  let vU = 0;
  for (let g = 0; g < G; g++) {
    const a = groupShare(P, g);
    sh += a;
    kgU += a * sc.meanKg[g]!;
    vU += a * sc.meanValue[g]!;
  }
  sc.kgPerUnit = sh > 0 ? kgU / sh : 0;
  sc.valuePerUnit = sh > 0 ? vU / sh : 0;
  const K = FREIGHT_MODES.length;
  const totalDaily = P.days > 0 ? (sc.scale * P.forecast[P.days]!) / P.days : 0;
  for (let i = 0; i < sites.length; i++) {
    const w = sites[i]!;
    const daily = totalDaily * P.siteShare[i]!;
    const opts = P.options[i]!;
    // (battery SKUs: each option's head-haul surcharge counts; an option refusing a stocked class only when every option does)
    let k = chooseFreight(opts, P.fixed, w, daily, sc.kgPerUnit, sc.valuePerUnit, P.cv, sc.optMult.subarray(i * K, i * K + K), sc.ev, P.batteryPerKg?.subarray(i * K, i * K + K));
    if (k < 0 && P.batteryPerKg) k = chooseFreight(opts, P.fixed, w, daily, sc.kgPerUnit, sc.valuePerUnit, P.cv, sc.optMult.subarray(i * K, i * K + K), sc.ev);
    sc.opt[i] = k;
    if (k < 0) {
      for (let g = 0; g < G; g++) startStock(sc.st[i * G + g]!, 0);
      continue;
    }
    const o = opts[k]!;
    sc.mult[i] = sc.optMult[i * K + k]!;
    out[offset + L.options + k]! += 1;
    evaluateFreight(o, w, daily, sc.kgPerUnit, sc.valuePerUnit, P.cv, sc.mult[i]!, sc.ev);
    sc.perKg[i] = sc.kgPerUnit > 0 ? sc.ev.freightPerUnit / sc.kgPerUnit : 0;
    sc.shelfDays[i] = sc.ev.shelfDays;
    sc.leadDays[i] = sc.ev.leadDays;
    siteLevels(P, sc, w, i, k, 0, 0, firstMonthDays);
    let kg = 0;
    for (let g = 0; g < G; g++) {
      const S = sc.gS[i * G + g]!;
      startStock(sc.st[i * G + g]!, S);
      kg += S * sc.kg[g]! * sc.lam[g]!;
    }
    // the launch stock was shipped before the horizon: its freight is paid in the first month
    sc.st[i * G]!.launchFreight = freightCharge(o, kg, kg / w.stockDensityKgPerM3) * sc.mult[i]!;
  }
}

/**
 * Splits this month's orders per (site, cost class) — `sc.classDemand`, set by the caller — into
 * the stock groups: a tracked SKU (and a band's representative) gets its class's orders × its share
 * of the class; the bands what the tracked SKUs leave of the site's orders, by their planned shares
 * at the site (by its option).
 */
function splitSite(P: StockPlan, sc: StockScratch, i: number): void {
  const C = sc.classes;
  const G = P.groups;
  const T = P.tracked.length;
  {
    let total = 0;
    for (let c = 0; c < C; c++) total += sc.classDemand[i * C + c]!;
    sc.demand[i] = total;
    let rest = total;
    for (let g = 0; g < G; g++) {
      const c = sc.tClass[g]!;
      const u = sc.rng!.next();
      const n = sc.classDemand[i * C + c]!;
      const p = sc.tP[g]!;
      // the SKU's part of its class's count: binomial (normal approximation) unless it is the class
      let x = n * p;
      if (!sc.expected && p < 1 && x > 0) x = Math.min(n, Math.max(0, x + Math.sqrt(x * (1 - p)) * normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, u)))));
      sc.gServe[i * G + g] = x;
      if (g < T) {
        sc.gDemand[i * G + g] = x;
        rest -= x;
      }
    }
    if (G > T) {
      rest = Math.max(0, rest);
      const k = sc.opt[i]!;
      const sh = (i * FREIGHT_MODES.length + Math.max(0, k)) * G;
      let wsum = 0;
      for (let g = T; g < G; g++) wsum += k >= 0 ? P.share[sh + g]! : groupShare(P, g);
      for (let g = T; g < G; g++) sc.gDemand[i * G + g] = wsum > 0 ? (rest * (k >= 0 ? P.share[sh + g]! : groupShare(P, g))) / wsum : 0;
    }
  }
}

/**
 * Month m (first day `day0`, `days` days) for every site, after the caller has set
 * `sc.classDemand` (the month's orders per site and cost class): review and order, serve, and add
 * the stock's costs to the warehouse components at `comp` (headhaul, rent, capital, writeOff
 * indices given). Sets `sc.fill` per site and `sc.classFill` per (site, class).
 */
export function stockMonth(P: StockPlan, sc: StockScratch, sites: readonly WarehouseParams[], _skus: StockSkus, m: number, months: number, day0: number, days: number, comp: Float64Array, ci: { headhaul: number; rent: number; capital: number; writeOff: number }, out: Float64Array, offset: number, L: StockLayout): void {
  const F = offset + L.fields;
  const G = P.groups;
  const C = sc.classes;
  let onHandPeakValue = 0;
  let tiedUp = 0;
  let monthShort = 0;
  for (let i = 0; i < sites.length; i++) {
    const w = sites[i]!;
    const k = sc.opt[i]!;
    // one draw per site and month whatever happens (aligned streams), then one per group
    const u = sc.rng!.next();
    splitSite(P, sc, i);
    const demand = sc.demand[i]!;
    sc.m3OnHand[i] = 0;
    if (k < 0) {
      sc.fill[i] = 0;
      for (let c = 0; c < C; c++) sc.classFill[i * C + c] = 0;
      out[F + 0]! += demand;
      out[F + 2]! += demand;
      monthShort += demand;
      continue;
    }
    const o = P.options[i]![k]!;
    let freight = 0;
    const first = sc.st[i * G]!;
    if (m === 0 && first.launchFreight > 0) {
      freight += first.launchFreight;
      out[F + 12]! += 1;
      first.launchFreight = 0;
    }
    siteLevels(P, sc, w, i, k, m, day0, days);
    const lead = o.daysMin + u * (o.daysMax - o.daysMin);
    // one shipment per site and month carries what every group ordered
    let kgOrdered = 0;
    let served = 0;
    let short = 0;
    let onHandValue = 0;
    let transitValue = 0;
    let reorderValue = 0;
    let peakValue = 0;
    let transitPeak = 0;
    let endValue = 0;
    let m3 = 0;
    const T = P.tracked.length;
    for (let g = 0; g < G; g++) {
      const st = sc.st[i * G + g]!;
      // a band's stock is its representative's × lam (in units of the band)
      const v = sc.value[g]! * sc.lam[g]!;
      const q = reviewStock(st, day0, sc.gs[i * G + g]!, sc.gS[i * G + g]!, lead);
      reorderValue += sc.gs[i * G + g]! * v;
      kgOrdered += q * sc.kg[g]! * sc.lam[g]!;
      const x = sc.gServe[i * G + g]!;
      serveMonth(st, day0, days, x);
      if (g < T) {
        sc.gFill[i * G + g] = x > 0 ? st.served / x : 1;
        served += st.served;
        short += st.short;
      } else {
        // the band's short orders: its representative's × lam (unbiased for the sum of its SKUs' own shortfalls,
        // which fall where a SKU's demand beats its plan — a fill rate applied to the band's demand would miss that)
        const d = sc.gDemand[i * G + g]!;
        const sh = Math.min(d, st.short * sc.lam[g]!);
        sc.gFill[i * G + g] = d > 0 ? (d - sh) / d : 1;
        served += d - sh;
        short += sh;
      }
      onHandValue += st.meanOnHand * v;
      transitValue += ((st.transitStart + st.transitEnd) / 2) * v;
      peakValue += st.peakOnHand * v;
      transitPeak += Math.max(st.transitStart, st.transitEnd) * v;
      m3 += (st.meanOnHand * sc.kg[g]! * sc.lam[g]!) / w.stockDensityKgPerM3;
      if (m === months - 1) endValue += (st.onHand + inTransit(st)) * v;
    }
    if (kgOrdered > 0) {
      freight += freightCharge(o, kgOrdered, kgOrdered / w.stockDensityKgPerM3) * sc.mult[i]!;
      out[F + 12]! += 1;
    }
    sc.fill[i] = demand > 0 ? served / demand : 1;
    sc.m3OnHand[i] = m3;
    classFill(P, sc, i);
    const capital = capitalCost(onHandValue + transitValue, w.capitalRateYear, days);
    let writeOff = capitalCost(onHandValue, w.writeOffShareYear, days);
    const rent = Math.max(w.minRentCnyPerMonth, m3 * w.rentCnyPerM3Month);
    if (m === months - 1) {
      out[F + 9]! += endValue;
      out[F + 10]! += endValue * w.unsoldWriteDownShare;
      writeOff += endValue * w.unsoldWriteDownShare;
    }
    comp[ci.headhaul]! += freight;
    comp[ci.rent]! += rent;
    comp[ci.capital]! += capital;
    comp[ci.writeOff]! += writeOff;
    out[F + 0]! += demand;
    out[F + 1]! += served;
    out[F + 2]! += short;
    out[F + 3]! += onHandValue / months;
    out[F + 5]! += transitValue / months;
    out[F + 7]! += capital;
    out[F + 8]! += writeOff;
    out[F + 11]! += freight;
    out[offset + L.monthlyOnHandValue + m]! += onHandValue;
    out[offset + L.monthlyTransitValue + m]! += transitValue;
    out[offset + L.monthlyReorderValue + m]! += reorderValue;
    monthShort += short;
    onHandPeakValue += peakValue;
    tiedUp += peakValue + transitPeak;
  }
  out[offset + L.monthlyShort + m]! += monthShort;
  if (monthShort > 1e-9) out[offset + L.monthlyShortFlag + m] = 1;
  if (onHandPeakValue > out[F + 4]!) out[F + 4] = onHandPeakValue;
  if (tiedUp > sc.peakTiedUp) sc.peakTiedUp = tiedUp;
  out[F + 6] = sc.peakTiedUp;
}

/**
 * The share of each cost class's orders at site i served from stock: the bands' fill (weighted by
 * their demand) for the class's tail SKUs, each tracked SKU's own fill for its part (`sc.gFill`
 * holds the groups' fills).
 */
function classFill(P: StockPlan, sc: StockScratch, i: number): void {
  const C = sc.classes;
  const G = P.groups;
  const T = P.tracked.length;
  let tD = 0;
  let tS = 0;
  for (let g = T; g < G; g++) {
    tD += sc.gDemand[i * G + g]!;
    tS += sc.gDemand[i * G + g]! * sc.gFill[i * G + g]!;
  }
  const tailFill = tD > 0 ? tS / tD : 1;
  const base = i * C;
  // numerator: served orders per class, starting from "all at the tail's fill"
  for (let c = 0; c < C; c++) sc.classFill[base + c] = sc.classDemand[base + c]! * tailFill;
  for (let g = 0; g < T; g++) sc.classFill[base + sc.tClass[g]!]! += sc.gDemand[i * G + g]! * (sc.gFill[i * G + g]! - tailFill);
  for (let c = 0; c < C; c++) {
    const d = sc.classDemand[base + c]!;
    sc.classFill[base + c] = d > 0 ? Math.min(1, Math.max(0, sc.classFill[base + c]! / d)) : 1;
  }
}

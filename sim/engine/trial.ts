/**
 * The hot loop: one trial of one scenario. It draws the trial's uncertain inputs, generates the
 * order flow day by day, and costs the SAME flow under all four modes (common random numbers).
 *
 * Poisson splitting: given the day's rate, orders to each cell (destination × SKU × routing outcome
 * × JIT warehouse (preferred or not) × return outcome) are independent Poisson counts, and sums of
 * Poisson counts over the days of a month are Poisson. So the loop accumulates each cell's expected
 * count over the month and draws one count per cell and month: its cost does not grow with the
 * number of orders. `perOrder: true` draws every order instead (the reference the splitting is
 * tested against). Nothing here allocates per order or per cell, or calls json-rules-engine.
 *
 * Cost classes: the fee tables are piecewise constant in weight and volume, so each trial first sorts
 * the SKUs into classes that no fee rule and no rate card can tell apart (weight cell between any
 * two bracket ends, volume band, the fee rules' volume thresholds, oversize, JIT eligibility). Each
 * class holds its SKUs' summed share and their share-weighted mean weight, volume, unit cost and
 * price (the quantities the costs are linear in). Demand is split into classes, not SKUs (a sum of
 * Poisson counts is Poisson, so the totals are exact in distribution) and every class is priced
 * once: a trial costs O(SKUs) for the cheap draws and the classing, and O(classes) for the rest.
 * When every SKU is its own class the random stream and the result are those of a per-SKU engine.
 *
 * Return outcomes are nested so that each mode's return rate applies to the same orders: an order
 * with uniform u is returned under a mode when u < that mode's rate, so the rates cut [0, 1) into
 * at most four pieces and each piece is one more cell.
 */
import { warehouseParams, type TplParams, type WarehouseParams } from '../data/data-set.ts';
import { WAREHOUSE_PARAMS } from '../data/schema.ts';
import { bracketIndex } from '../data/rate-card.ts';
import { COMPONENT, type FeeCase } from '../rules/compile-fees.ts';
import { addJitOrderCost, jitMonthlyFee } from '../models/jit.ts';
import { directReturnRate, directReturnsCnyPerOrder } from '../models/direct.ts';
import { warehouseCapitalCnyPerOrder, warehouseCnyPerReturn, warehouseReturnRate, warehouseStartupCnyPerMonth, warehouseWriteOffCnyPerOrder } from '../models/warehouse.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { beginStockTrial, makeStockScratch, STOCK_FIELDS, stockMonth, type StockScratch, type StockSkus } from '../inventory/trial.ts';
import { TPL_FEES, tplCnyPerReturn, tplInboundCnyPerOrder, tplLongTermCny, tplPickPackCnyPerOrder, tplStorageCny } from '../models/tpl.ts';
import { correlateInPlace } from '../random/copula.ts';
import { makeSampler, sampleAll, type InputSampler } from './input-sampler.ts';
import { poissonQuantile, sampleGamma, samplePoisson } from '../random/poisson.ts';
import { trialRng, type RandomSource } from '../random/rng.ts';
import { DELIVERY_BINS } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { SKU_FIELDS, passMemo, restorePass, skuPass, type ClassArrays, type PassEntry } from './sku-pass.ts';
import { drawMix, makeMixScratch, type MixScratch } from './mix.ts';
import { routingIndex } from './routing-table.ts';
import { beginLandedMonth, beginLandedTrial, beginSales, costRatio, endLandedMonth, landedCell, landedDestination, landedStock, makeLandedScratch, priceRatio, REFUSED_DIRECT, REFUSED_WAREHOUSE, type LandedScratch } from '../landed/trial.ts';
import { drawUplift } from '../landed/sales.ts';
import { BATTERY_CODES, cardBattery } from '../battery/plan.ts';

/** How a trial deviates from a plain draw (break-even and tornado runs). */
export interface TrialOptions {
  /** Multiplies the order rate (break-even search). */
  volumeMultiplier?: number;
  /** Per input: a value to use instead of the draw (NaN = draw). The draws are still made, so the flow's random stream is unchanged. */
  fixedInputs?: Float64Array | null;
  /** Draw every order (reference for the Poisson-splitting test) instead of one count per cell. */
  perOrder?: boolean;
  /** Price every SKU on its own (one class per SKU): the per-SKU engine the class engine is tested against. */
  perSku?: boolean;
  /**
   * The per-SKU cost pass (sim/engine/sku-costs.ts): expected order counts (no Poisson draw, no
   * uniform spent on one) and, per class, each mode's variable cost and what it is linear in.
   */
  collectClasses?: boolean;
}

/** Working memory of one worker: allocated once, reused by every trial. */
/** (The per-class arrays, first `t.classes` entries: {@link ClassArrays}.) */
export interface Scratch extends ClassArrays {
  u: Float64Array;
  /** Normal scores of the correlated inputs (the copula's). */
  z: Float64Array;
  values: Float64Array;
  /** How each input is drawn (fixed inputs are not), as flat arrays (sim/engine/input-sampler.ts). */
  sampler: InputSampler;
  acc: Float64Array;
  cnt: Float64Array;
  weightKg: Float64Array;
  litres: Float64Array;
  vcell: Int32Array;
  unitCost: Float64Array;
  price: Float64Array;
  /** Sums over the SKUs of share × each per-SKU field (sim/engine/sku-pass.ts). */
  fieldMean: Float64Array;
  /** Per SKU: its cost class this trial. */
  skuClass: Int32Array;
  /** Open-addressing table class key → class, valid where `hashStamp` equals `t.stamp`. */
  hashKey: Float64Array;
  hashStamp: Int32Array;
  hashClass: Int32Array;
  /**
   * Per class, over the trial (filled only by a `collectClasses` pass): orders, orders routed to JIT,
   * each mode's variable cost at the class's mean values, and the coefficients of the SKU values the
   * cost is linear in (price for the direct returns; weight and unit cost for the warehouse).
   */
  clsN: Float64Array;
  clsRouted: Float64Array;
  clsJ: Float64Array;
  clsW: Float64Array;
  clsD: Float64Array;
  clsPriceJ: Float64Array;
  clsPriceD: Float64Array;
  clsWeightW: Float64Array;
  clsUnitCostW: Float64Array;
  /** The same for the 3PL warehouse: its variable cost, and its coefficients of weight and unit cost. */
  clsT: Float64Array;
  clsWeightT: Float64Array;
  clsUnitCostT: Float64Array;
  /** Per (destination, class): rate-card prices of this trial. */
  jitPrice: Float64Array;
  directPrice: Float64Array;
  lastMilePrice: Float64Array;
  /** Per (destination, class): battery surcharge per parcel on the direct and last-mile lanes, NaN where the lane refuses the class (sim/battery). */
  batD: Float64Array;
  batL: Float64Array;
  width: Float64Array;
  retJ: Float64Array;
  retW: Float64Array;
  retD: Float64Array;
  jitM: Float64Array;
  whM: Float64Array;
  dirM: Float64Array;
  tplM: Float64Array;
  /** Per warehouse site: this trial's 3PL tariff (the scenario's, fees × thirdPartyWarehouse.multiplier), updated in place. */
  tplSites: TplParams[];
  destJitOrders: Float64Array;
  laneCount: Float64Array;
  /** Per (destination, cost class): bit k set when order class k has orders this month (the costing skips empty ones). */
  used: Int32Array;
  t: TrialState;
  /** This trial's destination and SKU shares and per-day seasonality (sim/engine/mix.ts). */
  mix: MixScratch;
  fc: FeeCase;
  modeValues: Record<string, number>;
  landed: LandedScratch;
  /** The warehouse's stock (sim/inventory/trial.ts), and the trial's SKUs as it reads them (this scratch's arrays). */
  stock: StockScratch;
  /** Per warehouse site: its params without overrides (once per plan), and this trial's (updated in place). */
  siteBase: WarehouseParams[];
  sites: WarehouseParams[];
  stockSkus: StockSkus;
}

const PIECES = 4;

/** Number of JIT-mode order classes per (destination, SKU): preferred, non-preferred, then one per routing failure code. */
export function classCount(plan: SimPlan): number {
  return plan.routing.ruleIds.length + 3;
}

/** Slots of the class hash table: a power of two at least twice the number of SKUs. */
function hashSize(skus: number): number {
  let n = 16;
  while (n < 2 * skus) n *= 2;
  return n;
}

/** Allocates a worker's scratch memory for a plan. */
export function makeScratch(plan: SimPlan): Scratch {
  const n = plan.scenario.inputs.length;
  const D = plan.destShare.length;
  const S = plan.skuShare.length;
  const sites = plan.scenario.sites.length;
  const sc: Omit<Scratch, 'stockSkus'> = {
    u: new Float64Array(n),
    z: new Float64Array(plan.scenario.correlation?.idx.length ?? 0),
    values: new Float64Array(n),
    sampler: makeSampler(plan.scenario.inputs),
    acc: new Float64Array(D * plan.routing.intervalCells * 2),
    cnt: new Float64Array(D * S * classCount(plan) * PIECES),
    weightKg: new Float64Array(S),
    litres: new Float64Array(S),
    vcell: new Int32Array(S),
    unitCost: new Float64Array(S),
    price: new Float64Array(S),
    fieldMean: new Float64Array(SKU_FIELDS.length),
    skuClass: new Int32Array(S),
    cFirst: new Int32Array(S),
    cMembers: new Int32Array(S),
    cShare: new Float64Array(S),
    cWeight: new Float64Array(S),
    cLitres: new Float64Array(S),
    cUnitCost: new Float64Array(S),
    cPrice: new Float64Array(S),
    cVcell: new Int32Array(S),
    cOversize: new Uint8Array(S),
    cEligible: new Uint8Array(S),
    cBattery: new Uint8Array(S),
    hashKey: new Float64Array(hashSize(S)),
    hashStamp: new Int32Array(hashSize(S)),
    hashClass: new Int32Array(hashSize(S)),
    clsN: new Float64Array(S),
    clsRouted: new Float64Array(S),
    clsJ: new Float64Array(S),
    clsW: new Float64Array(S),
    clsD: new Float64Array(S),
    clsPriceJ: new Float64Array(S),
    clsPriceD: new Float64Array(S),
    clsWeightW: new Float64Array(S),
    clsUnitCostW: new Float64Array(S),
    clsT: new Float64Array(S),
    clsWeightT: new Float64Array(S),
    clsUnitCostT: new Float64Array(S),
    jitPrice: new Float64Array(D * S),
    directPrice: new Float64Array(D * S),
    lastMilePrice: new Float64Array(D * S),
    batD: new Float64Array(D * S),
    batL: new Float64Array(D * S),
    width: new Float64Array(PIECES),
    retJ: new Float64Array(PIECES),
    retW: new Float64Array(PIECES),
    retD: new Float64Array(PIECES),
    jitM: new Float64Array(plan.layout.modes.jit.components.length),
    whM: new Float64Array(plan.layout.modes.warehouse.components.length),
    dirM: new Float64Array(plan.layout.modes.direct.components.length),
    tplM: new Float64Array(plan.layout.modes.tpl.components.length),
    tplSites: plan.scenario.tpl.sites.map((x) => ({ ...x })),
    destJitOrders: new Float64Array(D),
    // lanes: [JIT routed, JIT-mode direct, warehouse, direct, warehouse stock-outs shipped direct] × destination
    laneCount: new Float64Array(5 * D),
    used: new Int32Array(D * S),
    t: makeTrialState(),
    mix: makeMixScratch(plan.mix, plan.days),
    fc: { warehouseRegion: 'domestic', parcelVolumeLitres: 0, designatedBox: false, returnRate: 0, countryDailyOrders: 0, oversize: false, nonPreferredWarehouse: false, newSeller: false },
    modeValues: { ...plan.baseModeValues },
    landed: makeLandedScratch(plan.landed),
    stock: makeStockScratch(plan.stock, sites, S),
    siteBase: plan.scenario.sites.map((site) => warehouseParams(plan.ctx.data, site)),
    sites: plan.scenario.sites.map((site) => warehouseParams(plan.ctx.data, site)),
  };
  return { ...sc, stockSkus: { weightKg: sc.weightKg, unitCost: sc.unitCost, share: sc.mix.skuShare, skuClass: sc.skuClass, classShare: sc.cShare } };
}

/** Draws the trial's uncertain inputs into `scratch.values` (one uniform per uncertain input; through the copula when correlated). */
function drawInputs(plan: SimPlan, sc: Scratch, rng: RandomSource, fixed: Float64Array | null | undefined): void {
  const inputs = plan.scenario.inputs;
  const n = inputs.length;
  const L = plan.scenario.correlation;
  // one uniform per uncertain input, in input order; a fixed input (most of a catalogue's fields) costs
  // neither a uniform nor a quantile call
  const sm = sc.sampler;
  const drawn = sm.drawn;
  for (let j = 0; j < drawn.length; j++) sc.u[drawn[j]!] = rng.next();
  // only the inputs of a correlation go through the copula (the others keep their uniform)
  if (L) correlateInPlace(L, sc.u, sc.z);
  sc.values.set(sm.fixedValue);
  sampleAll(sm, sc.u, sc.values);
  // a swing run: the inputs it fixes (the draws above are made all the same, so the stream is unchanged)
  if (fixed) for (let i = 0; i < n; i++) if (!Number.isNaN(fixed[i]!)) sc.values[i] = fixed[i]!;
}

/**
 * For a leg whose client card falls back to the shipped card: the shipped card's default multiplier
 * relative to the leg's own (cells from the shipped card are priced × own × this = × default); 1 otherwise.
 */
function fallbackFactor(plan: SimPlan, v: Float64Array, leg: number): number {
  const f = plan.at.fallbackMult[leg]!;
  if (f < 0) return 1;
  const own = plan.at.rateMult[leg]!;
  return v[f]! / (own >= 0 ? v[own]! : 1);
}

/**
 * Per-site warehouse params for this trial's overrides (general overrides, then the site's own: as
 * warehouseParams(data, site, overrides) gives them), written into the scratch's objects (no
 * allocation per trial), and each site's freight multipliers into `stock.optMult`.
 */
function siteParams(plan: SimPlan, sc: Scratch, values: Float64Array, headMult: number): WarehouseParams[] {
  const cards = plan.scenario.cards;
  const stock = sc.stock;
  const sites = plan.scenario.sites;
  const overrides = plan.scenario.overrides;
  // freight options: the trial's head-haul multiplier × the site's lane factor (× the shipped card's default uncertainty for options a client card leaves to it)
  const fb = fallbackFactor(plan, values, 3);
  for (let si = 0; si < sites.length; si++) {
    const site = sites[si]!;
    for (let k = 0; k < FREIGHT_MODES.length; k++) stock.optMult[si * FREIGHT_MODES.length + k] = headMult * cards.headhaulLaneFactor[si]! * (cards.headhaulShipped[si * FREIGHT_MODES.length + k] ? fb : 1);
    const wp = sc.sites[si]!;
    const base = sc.siteBase[si]!;
    for (let k = 0; k < WAREHOUSE_PARAMS.length; k++) wp[WAREHOUSE_PARAMS[k]!] = base[WAREHOUSE_PARAMS[k]!];
    for (let i = 0; i < overrides.length; i++) {
      const { inputIndex, target } = overrides[i]!;
      if (target.file === 'warehouse' && target.site === null) wp[target.param] = values[inputIndex]!;
    }
    for (let i = 0; i < overrides.length; i++) {
      const { inputIndex, target } = overrides[i]!;
      if (target.file === 'warehouse' && target.site === site) wp[target.param] = values[inputIndex]!;
    }
  }
  return sc.sites;
}

/** Categorical draw over shares that sum to 1. */
function pick(shares: Float64Array, u: number): number {
  let c = 0;
  for (let i = 0; i < shares.length - 1; i++) {
    c += shares[i]!;
    if (u < c) return i;
  }
  return shares.length - 1;
}

/** Per-trial constants, kept in the scratch so the month functions read them without allocation. */
export interface TrialState {
  base: number;
  growth: number;
  growthPerDay: number;
  shape: number;
  rj: number;
  rd: number;
  np: number;
  t1: number;
  t2: number;
  t3: number;
  storeOk: boolean;
  onJit: boolean;
  day: number;
  /** This trial's head-haul rate multiplier. */
  headMult: number;
  perOrder: boolean;
  sites: WarehouseParams[];
  /** Cost classes this trial. */
  classes: number;
  /** One class per SKU (reference engine). */
  perSku: boolean;
  /** A per-SKU cost pass: expected counts, per-class costs collected. */
  collect: boolean;
  /** Stamp of this trial's entries in the class hash table. */
  stamp: number;
}

/** A fresh trial state (all fields present, so its shape never changes). */
export function makeTrialState(): TrialState {
  return { base: 0, growth: 1, growthPerDay: 1, shape: 0, rj: 0, rd: 0, np: 0, t1: 0, t2: 0, t3: 0, storeOk: true, onJit: true, day: 0, headMult: 1, perOrder: false, sites: [], classes: 0, stamp: 0, perSku: false, collect: false };
}

/**
 * Runs trial `trialIndex` and writes its record into `out` at `offset` (see {@link SimPlan.layout}).
 * The generator is seeded from (seed, trialIndex), so the record does not depend on the worker.
 * The work is split into small functions (per trial, per month) so that V8 optimises them early.
 */
export function runTrial(plan: SimPlan, sc: Scratch, seed: number, trialIndex: number, out: Float64Array, offset: number, opts: TrialOptions = {}): void {
  const rng = trialRng(seed, trialIndex);
  out.fill(0, offset, offset + plan.layout.stride);
  // a break-even run repeats, at another volume, trials this worker may have run already: their draws
  // and cost classes are the same, so it resumes them instead of redoing the per-SKU work; a swing run
  // fixes every input, so with a certain mix all its trials share one pass (sim/engine/sku-pass.ts)
  const plain = !opts.perSku && !opts.perOrder && !opts.collectClasses;
  const memo = plain && (opts.volumeMultiplier !== undefined || opts.fixedInputs) ? passMemo(plan, sc) : null;
  const fixed = memo && opts.fixedInputs ? opts.fixedInputs : null;
  const seen = !memo ? undefined : fixed ? memo.fixedEntry(fixed) : memo.get(seed, trialIndex);
  if (seen && !fixed) memo!.restoreDraws(seen, rng, sc.values);
  else {
    drawInputs(plan, sc, rng, opts.fixedInputs);
    if (memo && !fixed) rng.getState(memo.rngState);
  }
  sc.t.perSku = Boolean(opts.perSku);
  sc.t.collect = Boolean(opts.collectClasses);
  // this trial's shares and seasonality first (their own random stream): the cost classes sum the shares
  drawMix(plan.mix, plan.season, seed, trialIndex, sc.mix);
  beginTrial(plan, sc, opts.volumeMultiplier ?? 1, Boolean(opts.perOrder) && !sc.t.collect, seen ?? null);
  if (memo && !seen) {
    if (!fixed) memo.save(seed, trialIndex, sc);
    else if (memo.samePassEveryTrial(fixed)) memo.saveFixed(fixed, sc);
  }
  const mv = sc.modeValues;
  beginSales(plan.sales, sc.landed, drawUplift(seed, trialIndex, mv.salesUpliftPerBusinessDayMin!, mv.salesUpliftPerBusinessDay!, mv.salesUpliftPerBusinessDayMax!), mv.businessDaysPerCalendarDay!, mv.salesEffectMaxBusinessDays!, mv.dispatchDaysJit!, mv.dispatchDaysWarehouse!, mv.dispatchDaysDirect!, mv.dispatchDaysTpl!);
  // (the stock's SKU view is remembered with the pass: a resumed trial's per-SKU arrays are not restored)
  const entry = seen ?? (memo ? (fixed ? memo.fixedEntry(fixed) : memo.get(seed, trialIndex)) : undefined);
  beginStock(plan, sc, seed, trialIndex, out, offset, opts.volumeMultiplier ?? 1, seen ?? null, entry ?? null);
  recordInputs(plan, sc, out, offset);
  for (let m = 0; m < plan.months; m++) {
    // admission month by month (e.g. an ADM-6 freeze that ends during the horizon)
    sc.t.storeOk = plan.scenario.storeOkByMonth[m] === 1;
    sc.t.onJit = plan.scenario.jitOkByMonth[m] === 1;
    // catalogue rules month by month (a ban or threshold with an `effective` / `until` date inside the horizon)
    eligibleMonth(plan, sc, m);
    flowMonth(plan, sc, rng, m);
    costMonth(plan, sc, m, out, offset);
  }
  endTrial(plan, sc, out, offset);
}

/** Each cost class's JIT eligibility in month m (every SKU of a class has the same month-by-month eligibility). */
function eligibleMonth(plan: SimPlan, sc: Scratch, m: number): void {
  const byMonth = plan.scenario.skuEligibleByMonth;
  const at = m * plan.skuShare.length;
  for (let c = 0; c < sc.t.classes; c++) sc.cEligible[c] = byMonth[at + sc.cFirst[c]!]!;
}

/** The trial's inputs into its record: each recorded input, then each group's order-share-weighted mean over the SKUs. */
function recordInputs(plan: SimPlan, sc: Scratch, out: Float64Array, offset: number): void {
  const L = plan.layout;
  const at = offset + L.inputs;
  for (let i = 0; i < sc.values.length; i++) {
    const slot = L.inputSlot[i]!;
    if (slot >= 0) out[at + slot] = sc.values[i]!;
  }
  for (let g = 0; g < L.inputGroups.length; g++) {
    const grp = L.inputGroups[g]!;
    // the value the trial used (a SKU without its own volume input uses weight × litres/kg), summed by skuPass
    out[at + grp.slot] = sc.fieldMean[grp.field === 'weightKg' ? 0 : grp.field === 'volumeLitres' ? 1 : grp.field === 'unitCostCny' ? 2 : 3]!;
  }
}

/** Per-trial constants from the drawn inputs: rates, return pieces, prices per lane, site params. */
function beginTrial(plan: SimPlan, sc: Scratch, volumeMultiplier: number, perOrder: boolean, seen: PassEntry | null): void {
  const v = sc.values;
  const at = plan.at;
  const t = sc.t;
  const D = plan.destShare.length;
  const S = plan.skuShare.length;
  const mv = sc.modeValues;
  for (const k in plan.baseModeValues) mv[k] = plan.baseModeValues[k as keyof typeof plan.baseModeValues];
  for (const { inputIndex, target } of plan.scenario.overrides) if (target.file === 'modes') mv[target.param] = v[inputIndex]!;
  t.base = v[at.ordersPerDay]! * volumeMultiplier;
  t.growth = 1;
  t.growthPerDay = at.growth >= 0 ? Math.pow(1 + v[at.growth]!, 12 / 365) : 1;
  const cv = at.dispersion >= 0 ? v[at.dispersion]! : 0;
  t.shape = cv > 0 ? 1 / (cv * cv) : 0;
  const rj = v[at.jitRate]!;
  const rd = at.directRate >= 0 ? v[at.directRate]! : directReturnRate(rj, mv.jitReturnReductionVsDirect!);
  const rw = at.warehouseRate >= 0 ? v[at.warehouseRate]! : warehouseReturnRate(rj, mv.warehouseReturnFactorVsJit!);
  t.rj = rj;
  t.rd = rd;
  t.np = at.nonPreferred >= 0 ? v[at.nonPreferred]! : 0;
  // return pieces: cut [0,1) at the three rates; piece p is returned under a mode when its upper end ≤ the mode's rate
  t.t1 = Math.min(rj, rw, rd);
  t.t3 = Math.max(rj, rw, rd);
  t.t2 = rj + rw + rd - t.t1 - t.t3;
  sc.width[0] = t.t1;
  sc.width[1] = t.t2 - t.t1;
  sc.width[2] = t.t3 - t.t2;
  sc.width[3] = 1 - t.t3;
  for (let p = 0; p < PIECES; p++) {
    const upper = p === 0 ? t.t1 : p === 1 ? t.t2 : t.t3;
    sc.retJ[p] = p < 3 && upper <= rj ? 1 : 0;
    sc.retW[p] = p < 3 && upper <= rw ? 1 : 0;
    sc.retD[p] = p < 3 && upper <= rd ? 1 : 0;
  }
  const cards = plan.scenario.cards;
  const jitCard = cards.jit;
  const directCard = cards.direct;
  const lastMileCard = cards.lastMile;
  const rm = at.rateMult;
  const mJit = rm[0]! >= 0 ? v[rm[0]!]! : 1;
  const mDirect = rm[1]! >= 0 ? v[rm[1]!]! : 1;
  const mLastMile = rm[2]! >= 0 ? v[rm[2]!]! : 1;
  t.headMult = rm[3]! >= 0 ? v[rm[3]!]! : 1;
  beginLandedTrial(plan.landed, sc.landed, v);
  const fJit = fallbackFactor(plan, v, 0);
  const fDirect = fallbackFactor(plan, v, 1);
  const fLastMile = fallbackFactor(plan, v, 2);
  // every SKU's values and cost class this trial (the only part of a trial that grows with the catalogue)
  if (seen) restorePass(seen, sc);
  else skuPass(plan, sc, mv.volumetricLitresPerKg!);
  if (t.collect) {
    const C = t.classes;
    for (const a of [sc.clsN, sc.clsRouted, sc.clsJ, sc.clsW, sc.clsD, sc.clsPriceJ, sc.clsPriceD, sc.clsWeightW, sc.clsUnitCostW, sc.clsT, sc.clsWeightT, sc.clsUnitCostT]) a.fill(0, 0, C);
  }
  // prices per class: every SKU of a class has the same bracket on every card, so its first SKU's weight prices it
  for (let c = 0; c < t.classes; c++) {
    const w = sc.weightKg[sc.cFirst[c]!]!;
    const jb = bracketIndex(jitCard.brackets, w);
    const db = bracketIndex(directCard.brackets, w);
    const lb = bracketIndex(lastMileCard.brackets, w);
    for (let d = 0; d < D; d++) {
      const cj = plan.jitLane[d]! * jitCard.brackets.length + jb;
      const cd = plan.directLane[d]! * directCard.brackets.length + db;
      const cl = plan.lastMileLane[d]! * lastMileCard.brackets.length + lb;
      sc.jitPrice[d * S + c] = mJit * (jitCard.shippedCell?.[cj] ? fJit : 1) * jitCard.price[cj]!;
      sc.directPrice[d * S + c] = mDirect * (directCard.shippedCell?.[cd] ? fDirect : 1) * directCard.price[cd]!;
      sc.lastMilePrice[d * S + c] = mLastMile * (lastMileCard.shippedCell?.[cl] ? fLastMile : 1) * lastMileCard.price[cl]!;
      // lithium batteries: the lane's surcharge, NaN where it refuses the class (a client card's own column first)
      const b = sc.cBattery[c]!;
      sc.batD[d * S + c] = b === 0 ? 0 : cardBattery(directCard, cd, b, plan.battery.direct[d * BATTERY_CODES + b]!);
      sc.batL[d * S + c] = b === 0 ? 0 : cardBattery(lastMileCard, cl, b, plan.battery.lastMile[d * BATTERY_CODES + b]!);
    }
  }
  t.sites = siteParams(plan, sc, v, t.headMult);
  // the 3PL tariff of each site, its fees scaled by this trial's multiplier
  const tm = at.tplMult >= 0 ? v[at.tplMult]! : 1;
  const base = plan.scenario.tpl.sites;
  for (let i = 0; i < sc.tplSites.length; i++) {
    const x = sc.tplSites[i]!;
    const b = base[i]!;
    x.inboundUnitM3 = b.inboundUnitM3;
    x.longTermAfterDays = b.longTermAfterDays;
    for (let f = 0; f < TPL_FEES.length; f++) x[TPL_FEES[f]!] = b[TPL_FEES[f]!] * tm;
  }
  t.storeOk = plan.scenario.storeOkByMonth[0] === 1;
  t.onJit = plan.scenario.jitOkByMonth[0] === 1;
  t.day = 0;
  t.perOrder = perOrder;
  const fc = sc.fc;
  fc.designatedBox = plan.scenario.spec.jit.designatedBox;
  fc.returnRate = rj;
  fc.newSeller = plan.scenario.spec.newSeller;
  sc.laneCount.fill(0);
}

/** Indices in STOCK_FIELDS of the money figures (converted to the reporting currency at the trial's end). */
const STOCK_MONEY = Int32Array.from(['onHandValueMean', 'onHandValuePeak', 'inTransitValueMean', 'tiedUpValuePeak', 'capitalCost', 'writeOffCost', 'endStockValue', 'endWriteDown', 'freightCost'].map((f) => STOCK_FIELDS.indexOf(f as (typeof STOCK_FIELDS)[number])));

/** Warehouse indices of the components the stock prices (WAREHOUSE_COMPONENTS). */
const STOCK_COMPONENTS = { headhaul: 0, rent: 3, capital: 6, writeOff: 7 };

/**
 * The stock's trial start: the forecast is the scenario's plan (sim/inventory/plan.ts, × a
 * break-even run's volume multiplier), not this trial's draw; each stock group's unit from this
 * trial's SKUs; then each site's freight option and launch stock (sim/inventory/trial.ts).
 */
function beginStock(plan: SimPlan, sc: Scratch, seed: number, trialIndex: number, out: Float64Array, offset: number, volumeMultiplier: number, resumed: object | null, remember: object | null): void {
  sc.stock.scale = volumeMultiplier;
  sc.stock.expected = plan.expectedFlow || sc.t.collect;
  sc.stock.classes = sc.t.classes;
  beginStockTrial(plan.stock, sc.stock, sc.t.sites, seed, trialIndex, sc.stockSkus, plan.daysInMonth[0] ?? 30, out, offset, plan.layout.stock, resumed, remember);
}

/** Share of a saturation window's orders downgraded (E203). */
function satShare(plan: SimPlan, v: Float64Array, w: number): number {
  const i = plan.at.satShare[w]!;
  return i >= 0 ? v[i]! : 1;
}

/** The order flow of month m: counts per cell into `sc.cnt` (one Poisson draw per cell, or every order). */
function flowMonth(plan: SimPlan, sc: Scratch, rng: RandomSource, m: number): void {
  const t = sc.t;
  const D = plan.destShare.length;
  const K = classCount(plan);
  const cells = plan.routing.intervalCells;
  // counts are kept per (destination, cost class): only this trial's classes are cleared, so a month
  // costs O(classes), not O(SKUs)
  const C = t.classes;
  sc.cnt.fill(0, 0, D * C * K * PIECES);
  sc.acc.fill(0);
  sc.used.fill(0, 0, D * C);
  for (; t.day < plan.days && plan.monthOf[t.day] === m; t.day++) {
    const day = t.day;
    let lambda = t.base * t.growth * sc.mix.season[day]!;
    t.growth *= t.growthPerDay;
    if (t.shape > 0) lambda *= sampleGamma(rng, t.shape) / t.shape;
    let cell = 0;
    if (plan.manualSync) {
      const u = rng.next();
      while (cell < cells - 1 && u >= plan.intervalCellBreaks[cell]!) cell++;
    }
    if (!t.perOrder) {
      for (let d = 0; d < D; d++) {
        const lam = lambda * sc.mix.destShare[d]!;
        const w = plan.satWindow[d * plan.days + day]!;
        const sigma = w >= 0 ? satShare(plan, sc.values, w) : 0;
        const a = (d * cells + cell) * 2;
        sc.acc[a]! += lam * (1 - sigma);
        sc.acc[a + 1]! += lam * sigma;
      }
    } else {
      const n = samplePoisson(rng, lambda);
      for (let i = 0; i < n; i++) {
        const d = pick(sc.mix.destShare, rng.next());
        const w = plan.satWindow[d * plan.days + day]!;
        const sat = w >= 0 && rng.next() < satShare(plan, sc.values, w);
        const s = sc.skuClass[pick(sc.mix.skuShare, rng.next())]!;
        const o = plan.routing.outcome[routingIndex(plan.routing, t.storeOk, sc.cEligible[s] === 1, plan.manualSync, cell, sat)]!;
        // draw the preferred/non-preferred split for every order, routed or not, so that a rule change
        // that alters routing never shifts the random stream (common random numbers across rule sets)
        const nonPreferred = rng.next() < t.np;
        const k = o === 0 ? (nonPreferred ? 1 : 0) : o + 1;
        const u = rng.next();
        const p = u < t.t1 ? 0 : u < t.t2 ? 1 : u < t.t3 ? 2 : 3;
        sc.cnt[((d * C + s) * K + k) * PIECES + p]! += 1;
        sc.used[d * C + s]! |= 1 << k;
      }
    }
  }
  if (t.perOrder) return;
  for (let d = 0; d < D; d++)
    for (let c = 0; c < cells; c++)
      for (let sat = 0; sat < 2; sat++) {
        const lam = sc.acc[(d * cells + c) * 2 + sat]!;
        if (!(lam > 0)) continue;
        for (let s = 0; s < t.classes; s++) {
          const mu = lam * sc.cShare[s]!;
          const o = plan.routing.outcome[routingIndex(plan.routing, t.storeOk, sc.cEligible[s] === 1, plan.manualSync, c, sat === 1)]!;
          // always two sub-draws (preferred / non-preferred share), whatever the routing outcome, so the
          // number of Poisson draws — and so the random stream — does not depend on the rules: a rule
          // change that alters routing leaves the other modes' flows exactly as they were
          for (let k0 = 0; k0 < 2; k0++) {
            const k = o === 0 ? k0 : o + 1;
            const share = k0 === 1 ? t.np : 1 - t.np;
            const base4 = ((d * C + s) * K + k) * PIECES;
            sc.used[d * C + s]! |= 1 << k;
            for (let p = 0; p < PIECES; p++) {
              const mean = mu * share * sc.width[p]!;
              // inverse-CDF draw: exactly one uniform per cell whatever the mean, so a trial re-run at
              // another volume multiplier keeps its stream aligned and its counts monotone in volume
              if (t.collect) {
                sc.cnt[base4 + p]! += mean;
                continue;
              }
              const u = rng.next();
              sc.cnt[base4 + p]! += plan.expectedFlow ? mean : poissonQuantile(u, mean);
            }
          }
        }
      }
}

/** Costs month m's counts under the three modes and adds them to the record. */
function costMonth(plan: SimPlan, sc: Scratch, m: number, out: Float64Array, offset: number): void {
  const t = sc.t;
  const L = plan.layout;
  const schedule = plan.scenario.schedule;
  const D = plan.destShare.length;
  const S = plan.skuShare.length;
  const K = classCount(plan);
  const mJ = L.modes.jit;
  const mW = L.modes.warehouse;
  const mD = L.modes.direct;
  const mT = L.modes.tpl;
  const items = plan.scenario.spec.thirdPartyWarehouse?.itemsPerOrder ?? 1;
  const jitReturnComp = schedule.components.length;
  const jitReturnCost = sc.modeValues.jitReturnCostCnyPerReturn!;
  const directShare = sc.modeValues.directReturnCostShareOfPrice!;
  const daysJit = sc.modeValues.returnHandlingDaysJit!;
  const daysDirect = sc.modeValues.returnHandlingDaysDirect!;
  const siteOf = plan.scenario.siteOf;
  const fc = sc.fc;
  const dim = plan.daysInMonth[m]!;
  // this month's exchange rates (a monthly FX path moves them; prices and costs in a foreign currency follow)
  beginLandedMonth(plan.landed, sc.landed, m);
  sc.jitM.fill(0);
  sc.whM.fill(0);
  sc.dirM.fill(0);
  sc.tplM.fill(0);
  sc.destJitOrders.fill(0);
  const C = t.classes;
  const stock = sc.stock;
  if (t.onJit) sc.jitM[COMPONENT.baseFee]! += jitMonthlyFee(schedule, plan.scenario.spec.newSeller, m, plan.scenario.spec.newSellerFeeReading ?? null);
  // one pass over the counts: each destination's orders routed to JIT (the fee ladder's daily orders)
  // and all its orders per cost class (the stock's demand per site and class: each SKU's stock is served
  // from its class's orders, sim/inventory/trial.ts), each summed in (class, order class, piece) order;
  // order classes without orders hold zeros and are skipped (adding +0 changes no sum)
  stock.classes = C;
  stock.classDemand.fill(0, 0, t.sites.length * C);
  const cnt = sc.cnt;
  for (let d = 0; d < D; d++) {
    let nJit = 0;
    const at = siteOf[d]! * C;
    for (let s = 0; s < C; s++) {
      const used = sc.used[d * C + s]!;
      if (used === 0) continue;
      let n = 0;
      for (let k = 0; k < K; k++) {
        if ((used & (1 << k)) === 0) continue;
        const b = ((d * C + s) * K + k) * PIECES;
        for (let p = 0; p < PIECES; p++) {
          const c = cnt[b + p]!;
          if (k < 2) nJit += c;
          n += c;
        }
      }
      // demand whose battery class the warehouse's lanes refuse is not the stock's
      if (!warehouseRefuses(plan, sc, d, s)) stock.classDemand[at + s]! += n;
    }
    sc.destJitOrders[d]! += nJit;
  }
  stockMonth(plan.stock, stock, t.sites, sc.stockSkus, m, plan.months, t.day - dim, dim, sc.whM, STOCK_COMPONENTS, out, offset, L.stock);
  // the 3PL holds the same stock: its head-haul freight, capital and write-off are the stock's
  sc.tplM[0]! += sc.whM[STOCK_COMPONENTS.headhaul]!;
  sc.tplM[7]! += sc.whM[STOCK_COMPONENTS.capital]!;
  sc.tplM[8]! += sc.whM[STOCK_COMPONENTS.writeOff]!;
  const lost = plan.lostSales;
  // each mode's cost so far: what a destination adds is its variable cost (sales effect, sim/landed)
  let v0J = sum(sc.jitM);
  let v0W = sum(sc.whM);
  let v0D = sum(sc.dirM);
  let v0T = sum(sc.tplM);
  for (let d = 0; d < D; d++) {
    fc.warehouseRegion = plan.region[d] === 1 ? 'overseas' : 'domestic';
    fc.countryDailyOrders = sc.destJitOrders[d]! / dim;
    const site = siteOf[d]!;
    const wp = t.sites[site]!;
    const perKg = stock.perKg[site]!;
    const tp = sc.tplSites[site]!;
    const tplPerOrder = tplPickPackCnyPerOrder(tp, items) + tp.labelCnyPerOrder;
    // s: a cost class (its SKUs are priced together)
    for (let s = 0; s < C; s++) {
      // ds: prices, indexed (destination, class) with the catalogue's stride; dc: counts, with this trial's
      const ds = d * S + s;
      const dc = d * C + s;
      const used = sc.used[dc]!;
      if (used === 0) continue;
      // the class's mean price and unit cost in CNY at this month's rates
      const price = sc.cPrice[s]! * priceRatio(plan.landed, sc.landed, sc.cFirst[s]!);
      let nAll = 0;
      let retW = 0;
      let retD = 0;
      let retRouted = 0;
      let nRouted = 0;
      // lithium batteries: each lane's surcharge, or the lane refuses the class (NaN): the mode cannot
      // ship these orders — excluded from its fulfilment, their margin counted as lost (like a lost stock-out)
      const sD = sc.batD[ds]!;
      const refD = Number.isNaN(sD);
      const refW = warehouseRefuses(plan, sc, d, s);
      const sWh = refW ? 0 : sc.batL[ds]! + sc.cWeight[s]! * headBattery(plan, sc, site, s);
      const margin = Math.max(0, price - sc.cUnitCost[s]! * costRatio(plan.landed, sc.landed, sc.cFirst[s]!));
      for (let k = 0; k < K; k++) {
        if ((used & (1 << k)) === 0) continue;
        const b = (dc * K + k) * PIECES;
        let n = 0;
        let rJ = 0;
        let rDk = 0;
        for (let p = 0; p < PIECES; p++) {
          const c = sc.cnt[b + p]!;
          n += c;
          rJ += c * sc.retJ[p]!;
          rDk += c * sc.retD[p]!;
          retW += c * sc.retW[p]!;
        }
        if (n === 0) continue;
        nAll += n;
        retD += rDk;
        out[offset + L.routing + (k < 2 ? 0 : k - 1)]! += n;
        if (k < 2) {
          if (k === 1) out[offset + L.nonPreferred]! += n;
          nRouted += n;
          fc.parcelVolumeLitres = sc.litres[sc.cFirst[s]!]!;
          fc.oversize = sc.cOversize[s] === 1;
          fc.nonPreferredWarehouse = k === 1;
          const fee = addJitOrderCost(schedule, fc, sc.cVcell[s]!, sc.jitPrice[ds]!, sc.jitM, n);
          if (t.collect) {
            sc.clsJ[s]! += n * fee + rJ * jitReturnCost;
            sc.clsRouted[s]! += n;
          }
          sc.jitM[jitReturnComp]! += rJ * jitReturnCost;
          retRouted += rJ;
          out[offset + mJ.returns]! += rJ;
          out[offset + mJ.returnDays]! += rJ * daysJit;
          sc.laneCount[d]! += n;
        } else if (refD) {
          // not routed to JIT and no direct lane takes the battery class
          sc.jitM[jitReturnComp + 4]! += n * margin;
          out[offset + mJ.refused]! += n;
          if (t.collect) {
            sc.clsJ[s]! += n * margin;
            sc.clsPriceJ[s]! += n;
          }
        } else {
          sc.jitM[jitReturnComp + 1]! += n * sc.directPrice[ds]!;
          sc.jitM[jitReturnComp + 3]! += n * sD;
          sc.jitM[jitReturnComp + 2]! += directReturnsCnyPerOrder(rDk, directShare, price);
          if (t.collect) {
            sc.clsJ[s]! += n * (sc.directPrice[ds]! + sD) + directReturnsCnyPerOrder(rDk, directShare, price);
            sc.clsPriceJ[s]! += directReturnsCnyPerOrder(rDk, directShare, 1);
          }
          out[offset + mJ.returns]! += rDk;
          out[offset + mJ.returnDays]! += rDk * daysDirect;
          sc.laneCount[D + d]! += n;
        }
      }
      if (nAll === 0) continue;
      // self-run warehouse (fill: the share of this class's orders at the site served from stock)
      const fill = stock.classFill[site * C + s]!;
      const w = sc.cWeight[s]!;
      const unitCost = sc.cUnitCost[s]! * costRatio(plan.landed, sc.landed, sc.cFirst[s]!);
      // (head-haul, rent, capital and write-off are the stock's, priced by stockMonth)
      const nS = nAll * fill;
      const nX = nAll - nS;
      const inbound = tplInboundCnyPerOrder(wp, tp, w);
      if (refW) {
        // the warehouse's lanes refuse the battery class: neither the self-run nor the 3PL warehouse ships it
        sc.whM[11]! += nAll * margin;
        sc.tplM[12]! += nAll * margin;
        out[offset + mW.refused]! += nAll;
        out[offset + mT.refused]! += nAll;
      } else {
        sc.whM[10]! += nS * sWh;
        sc.tplM[11]! += nS * sWh;
        sc.whM[1]! += nS * sc.lastMilePrice[ds]!;
        sc.whM[2]! += nS * wp.staffCnyPerOrder;
        sc.whM[8]! += retW * fill * warehouseCnyPerReturn(wp, unitCost);
        sc.laneCount[2 * D + d]! += nS;
        // a self-run warehouse takes returns back locally, like JIT's local warehouses
        out[offset + mW.returns]! += retW * fill;
        out[offset + mW.returnDays]! += retW * fill * daysJit;
        if (nX > 0) {
          if (lost || refD) sc.whM[9]! += nX * Math.max(0, price - unitCost);
          else {
            sc.whM[10]! += nX * sD;
            // shipped direct from China at direct's price, returns and delivery time
            sc.whM[9]! += nX * sc.directPrice[ds]! + directReturnsCnyPerOrder(retD * (1 - fill), directShare, price);
            sc.laneCount[4 * D + d]! += nX;
            out[offset + mW.returns]! += retD * (1 - fill);
            out[offset + mW.returnDays]! += retD * (1 - fill) * daysDirect;
          }
        }
        // 3PL warehouse: the same stock (same fill), last mile and stock-outs; the 3PL's fees
        sc.tplM[1]! += nS * inbound;
        sc.tplM[4]! += nS * tplPickPackCnyPerOrder(tp, items);
        sc.tplM[5]! += nS * tp.labelCnyPerOrder;
        sc.tplM[6]! += nS * sc.lastMilePrice[ds]!;
        sc.tplM[9]! += retW * fill * tplCnyPerReturn(wp, tp, unitCost);
        out[offset + mT.returns]! += retW * fill;
        out[offset + mT.returnDays]! += retW * fill * daysJit;
        if (nX > 0) {
          if (lost || refD) sc.tplM[10]! += nX * Math.max(0, price - unitCost);
          else {
            sc.tplM[11]! += nX * sD;
            sc.tplM[10]! += nX * sc.directPrice[ds]! + directReturnsCnyPerOrder(retD * (1 - fill), directShare, price);
            out[offset + mT.returns]! += retD * (1 - fill);
            out[offset + mT.returnDays]! += retD * (1 - fill) * daysDirect;
          }
        }
      }
      // direct
      if (refD) {
        sc.dirM[3]! += nAll * margin;
        out[offset + mD.refused]! += nAll;
      } else {
        sc.dirM[0]! += nAll * sc.directPrice[ds]!;
        sc.dirM[1]! += directReturnsCnyPerOrder(retD, directShare, price);
        sc.dirM[2]! += nAll * sD;
        sc.laneCount[3 * D + d]! += nAll;
      }
      if (t.collect) {
        // the same terms as above; the SKU values they are linear in are kept as coefficients (the models at 1 and 0)
        sc.clsN[s]! += nAll;
        // (the stock at its steady state: freight per kg, days in transit and on the shelf of the site's freight option)
        const lead = stock.leadDays[site]!;
        const shelf = stock.shelfDays[site]!;
        if (refW) {
          sc.clsW[s]! += nAll * margin;
          sc.clsT[s]! += nAll * margin;
        } else {
          sc.clsW[s]! += nAll * w * perKg + nAll * (sc.lastMilePrice[ds]! + sWh) + nAll * wp.staffCnyPerOrder + nAll * warehouseCapitalCnyPerOrder(wp, unitCost, lead, shelf) + nAll * warehouseWriteOffCnyPerOrder(wp, unitCost, shelf) + retW * warehouseCnyPerReturn(wp, unitCost);
          sc.clsWeightW[s]! += nAll * perKg;
          sc.clsUnitCostW[s]! += nAll * (warehouseCapitalCnyPerOrder(wp, 1, lead, shelf) + warehouseWriteOffCnyPerOrder(wp, 1, shelf)) + retW * (warehouseCnyPerReturn(wp, 1) - warehouseCnyPerReturn(wp, 0));
          sc.clsT[s]! += nAll * (w * perKg + inbound + tplPerOrder + sc.lastMilePrice[ds]! + sWh + warehouseCapitalCnyPerOrder(wp, unitCost, lead, shelf) + warehouseWriteOffCnyPerOrder(wp, unitCost, shelf)) + retW * tplCnyPerReturn(wp, tp, unitCost);
          sc.clsWeightT[s]! += nAll * (perKg + tplInboundCnyPerOrder(wp, tp, 1));
          sc.clsUnitCostT[s]! += nAll * (warehouseCapitalCnyPerOrder(wp, 1, lead, shelf) + warehouseWriteOffCnyPerOrder(wp, 1, shelf)) + retW * (tplCnyPerReturn(wp, tp, 1) - tplCnyPerReturn(wp, tp, 0));
        }
        if (refD) {
          sc.clsD[s]! += nAll * margin;
          sc.clsPriceD[s]! += nAll;
        } else {
          sc.clsD[s]! += nAll * (sc.directPrice[ds]! + sD) + directReturnsCnyPerOrder(retD, directShare, price);
          sc.clsPriceD[s]! += directReturnsCnyPerOrder(retD, directShare, 1);
        }
      }
      if (!refD) {
        out[offset + mD.returns]! += retD;
        out[offset + mD.returnDays]! += retD * daysDirect;
      }
      out[offset + mJ.orders]! += nAll;
      landedCell(plan.landed, sc.landed, d, site, sc.cFirst[s]!, m, price, unitCost, w * perKg, wp.capitalRateYear, nAll, retRouted, retW, nRouted, fill, lost, (refD ? REFUSED_DIRECT : 0) | (refW ? REFUSED_WAREHOUSE : 0));
    }
    const v1J = sum(sc.jitM);
    const v1W = sum(sc.whM);
    const v1D = sum(sc.dirM);
    const v1T = sum(sc.tplM);
    landedDestination(sc.landed, v1J - v0J, v1W - v0W, v1D - v0D, v1T - v0T);
    v0J = v1J;
    v0W = v1W;
    v0D = v1D;
    v0T = v1T;
  }
  for (let site = 0; site < t.sites.length; site++) {
    const wp = t.sites[site]!;
    sc.whM[4]! += wp.systemCnyPerMonth;
    if (m < wp.startupAmortisationMonths) sc.whM[5]! += warehouseStartupCnyPerMonth(wp);
    // the 3PL holds the same stock: the same freight, capital and write-off (priced by stockMonth above),
    // its storage fees on the stock's mean volume on hand instead of rent
    const tp = sc.tplSites[site]!;
    const tplM3 = stock.m3OnHand[site]!;
    sc.tplM[2]! += tplStorageCny(tp, tplM3, dim);
    sc.tplM[3]! += tplLongTermCny(stock.shelfDays[site]!, tp, tplM3, dim);
  }
  // the stock's own costs are variable in the profit view (sim/landed/trial.ts)
  landedStock(sc.landed, sc.whM[STOCK_COMPONENTS.headhaul]! + sc.whM[STOCK_COMPONENTS.capital]! + sc.whM[STOCK_COMPONENTS.writeOff]!, sc.tplM[0]! + sc.tplM[2]! + sc.tplM[3]! + sc.tplM[7]! + sc.tplM[8]!);
  // every money figure of the record in the reporting currency, at this month's rate
  const k = sc.landed.repK[m]!;
  const cJ = addMonth(out, offset, mJ, sc.jitM, m, k);
  const cW = addMonth(out, offset, mW, sc.whM, m, k);
  const cD = addMonth(out, offset, mD, sc.dirM, m, k);
  const cT = addMonth(out, offset, mT, sc.tplM, m, k);
  out[offset + L.stock.monthlyOnHandValue + m]! *= k;
  out[offset + L.stock.monthlyTransitValue + m]! *= k;
  out[offset + L.stock.monthlyReorderValue + m]! *= k;
  endLandedMonth(plan.landed, sc.landed, L.landed, out, offset, m, cJ, cW, cD, cT);
}

/** Orders of the other modes, cash tied up, and the delivery-time histograms. */
function endTrial(plan: SimPlan, sc: Scratch, out: Float64Array, offset: number): void {
  const L = plan.layout;
  const cards = plan.scenario.cards;
  const D = plan.destShare.length;
  const mJ = L.modes.jit;
  const mW = L.modes.warehouse;
  const mD = L.modes.direct;
  out[offset + mW.orders] = out[offset + mJ.orders]!;
  out[offset + mD.orders] = out[offset + mJ.orders]!;
  const mT = L.modes.tpl;
  out[offset + mT.orders] = out[offset + mJ.orders]!;
  let startup = 0;
  for (const wp of sc.t.sites) startup += wp.startupCny;
  // start-up, and the most stock paid for at once (on the shelf and in transit)
  out[offset + mW.cash] = startup + sc.stock.peakTiedUp;
  // the 3PL: the same stock, no start-up capital
  out[offset + mT.cash] = sc.stock.peakTiedUp;
  // money without a month (cash tied up, the stock's values and costs) in the reporting currency at the trial's level rate
  const kl = sc.landed.repKLevel;
  out[offset + mW.cash]! *= kl;
  out[offset + mT.cash]! *= kl;
  const sf = offset + L.stock.fields;
  for (let f = 0; f < STOCK_MONEY.length; f++) out[sf + STOCK_MONEY[f]!]! *= kl;
  // delivery-time histograms: each order's days = the mode's dispatch time (order to carrier hand-over,
  // data/modes.json dispatchDays…) + transit uniform over its lane's [min, max] (rate card)
  const mv = sc.modeValues;
  const dJ = mv.dispatchDaysJit!;
  const dD = mv.dispatchDaysDirect!;
  const dW = mv.dispatchDaysWarehouse!;
  const dT = mv.dispatchDaysTpl!;
  // groups: [JIT routed, JIT-mode direct, warehouse from stock, direct, warehouse stock-outs shipped direct]; the 3PL ships the warehouse's lanes with its own handling
  for (let g = 0; g < 5; g++) {
    const card = g === 0 ? cards.jit : g === 2 ? cards.lastMile : cards.direct;
    const lane = g === 0 ? plan.jitLane : g === 1 ? plan.directLane : g === 2 ? plan.lastMileLane : plan.directLane;
    const hist = g < 2 ? mJ.delivery : g === 2 || g === 4 ? mW.delivery : mD.delivery;
    const disp = g === 0 ? dJ : g === 2 ? dW : dD;
    for (let d = 0; d < D; d++) {
      const n = sc.laneCount[g * D + d]!;
      if (n === 0) continue;
      const li = lane[d]!;
      addDays(out, offset + hist, card.daysMin[li]!, card.daysMax[li]!, disp, n);
      if (g === 2) addDays(out, offset + mT.delivery, card.daysMin[li]!, card.daysMax[li]!, dT, n);
      else if (g === 4) addDays(out, offset + mT.delivery, card.daysMin[li]!, card.daysMax[li]!, dD, n);
    }
  }
}

/**
 * Adds n orders to a delivery-days histogram (bin = whole days): transit uniform over the integers
 * lo … hi, each shifted by `dispatch` days; a fractional shift splits an order between the two bins
 * around it (so the histogram's mean is exact: lo + dispatch … hi + dispatch).
 */
export function addDays(out: Float64Array, at: number, lo: number, hi: number, dispatch: number, n: number): void {
  const each = n / (hi - lo + 1);
  const whole = Math.floor(dispatch);
  const frac = dispatch - whole;
  for (let x = lo; x <= hi; x++) {
    const a = Math.min(DELIVERY_BINS - 1, x + whole);
    const b = Math.min(DELIVERY_BINS - 1, x + whole + 1);
    out[at + a]! += each * (1 - frac);
    if (frac > 0) out[at + b]! += each * frac;
  }
}

/** The warehouse (self-run and 3PL) cannot ship class s to destination d: its last mile, or its site's chosen freight option, refuses the battery class. */
function warehouseRefuses(plan: SimPlan, sc: Scratch, d: number, s: number): boolean {
  if (sc.cBattery[s] === 0) return false;
  if (Number.isNaN(sc.batL[d * plan.skuShare.length + s]!)) return true;
  return Number.isNaN(headBattery(plan, sc, plan.scenario.siteOf[d]!, s));
}

/** Head-haul battery surcharge per kg of class s to a site on its chosen freight option (NaN: refused; 0 before an option is chosen). */
function headBattery(plan: SimPlan, sc: Scratch, site: number, s: number): number {
  const b = sc.cBattery[s]!;
  if (b === 0) return 0;
  const o = sc.stock.opt[site]!;
  return o < 0 ? 0 : plan.battery.head[(site * FREIGHT_MODES.length + o) * BATTERY_CODES + b]!;
}

function sum(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i]!;
  return t;
}

/** Adds a month's cost components (CNY) to the record × k (reporting-currency units per CNY this month); returns the month's total in CNY. */
function addMonth(out: Float64Array, offset: number, ml: { total: number; component: number; monthly: number }, comp: Float64Array, m: number, k: number): number {
  let t = 0;
  let tk = 0;
  for (let i = 0; i < comp.length; i++) {
    const v = comp[i]! * k;
    out[offset + ml.component + i]! += v;
    t += comp[i]!;
    tk += v;
  }
  out[offset + ml.monthly + m] = tk;
  out[offset + ml.total]! += tk;
  return t;
}

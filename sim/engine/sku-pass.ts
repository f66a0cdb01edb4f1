/**
 * The per-SKU part of a trial, in one pass over the catalogue: each SKU's values this trial (weight,
 * volume, unit cost and price from the drawn inputs), its cost class (sim/engine/trial.ts explains
 * the classes), the classes' summed shares and share-weighted means, and the share-weighted mean of
 * each per-SKU field (what a large catalogue records per trial for the sensitivity's groups).
 *
 * This is the only work of a trial that grows with the catalogue, so it is written as one loop over
 * flat arrays: the part of a SKU's class key that never changes (oversize, JIT eligibility pattern,
 * tariff category) is computed once per plan, and nothing is looked up through an object per SKU.
 * The classes are numbered by their first SKU, whatever the key, so the result is that of the
 * original per-function version bit for bit.
 */
import { BATTERY_CODES } from '../battery/plan.ts';
import { volumeCell } from '../rules/compile-fees.ts';
import { mixIsUncertain } from './mix.ts';
import type { SimPlan } from './plan.ts';

/** The scratch arrays the pass reads and writes (part of the worker's Scratch, sim/engine/trial.ts). */
/** Per class (the first `classes` entries): first SKU, SKUs in it, summed share, share-weighted means, flags. */
export interface ClassArrays {
  cFirst: Int32Array;
  cMembers: Int32Array;
  cShare: Float64Array;
  cWeight: Float64Array;
  cLitres: Float64Array;
  cUnitCost: Float64Array;
  cPrice: Float64Array;
  cVcell: Int32Array;
  cOversize: Uint8Array;
  cEligible: Uint8Array;
  /** Lithium-battery code (sim/battery: 0 none, 1 UN3481, 2 UN3480), part of the class key. */
  cBattery: Uint8Array;
}

export interface SkuPassScratch extends ClassArrays {
  values: Float64Array;
  weightKg: Float64Array;
  litres: Float64Array;
  vcell: Int32Array;
  unitCost: Float64Array;
  price: Float64Array;
  skuClass: Int32Array;
  hashKey: Float64Array;
  hashStamp: Int32Array;
  hashClass: Int32Array;
  /** Sums over the SKUs of the scenario's share × weight, volume, unit cost and price ({@link SKU_FIELDS} order). */
  fieldMean: Float64Array;
  mix: { skuShare: Float64Array };
  landed: { level: Float64Array; kinks: Float64Array };
  t: { classes: number; stamp: number; perSku: boolean };
}

/** Per-plan constants of the pass. */
interface SkuPassPlan {
  /** The unchanging part of each SKU's class key, and how many values it takes. */
  staticKey: Float64Array;
  staticRange: number;
  priceCurrency: Int32Array;
  costCurrency: Int32Array;
}

const PLANS = new WeakMap<SimPlan, SkuPassPlan>();

function passPlan(plan: SimPlan): SkuPassPlan {
  let p = PLANS.get(plan);
  if (p) return p;
  const S = plan.skuShare.length;
  const nE = plan.scenario.eligibilityPatterns;
  const nCat = plan.landed.categoryCount;
  const staticKey = new Float64Array(S);
  // (the lithium-battery class next: its lanes' surcharges and refusals differ by class; then one price currency and one cost currency per class, so a monthly FX path scales its mean price and cost: sim/landed)
  const nCur = plan.landed.currencies.length;
  for (let s = 0; s < S; s++) staticKey[s] = (((((plan.skuOversize[s]! * nE + plan.scenario.skuEligibilityPattern[s]!) * nCat + plan.landed.skuCategory[s]!) * BATTERY_CODES + plan.scenario.skuBattery[s]!) * nCur + plan.landed.priceCurrency[s]!) * nCur + plan.landed.costCurrency[s]!);
  p = { staticKey, staticRange: 2 * nE * nCat * BATTERY_CODES * nCur * nCur, priceCurrency: Int32Array.from(plan.landed.priceCurrency), costCurrency: Int32Array.from(plan.landed.costCurrency) };
  PLANS.set(plan, p);
  return p;
}

/** Field order of {@link SkuPassScratch.fieldMean}. */
export const SKU_FIELDS = ['weightKg', 'volumeLitres', 'unitCostCny', 'priceCny'] as const;

/**
 * Sets every SKU's values and class for this trial (the trial's inputs in `sc.values`, its FX in
 * `sc.landed`, its shares in `sc.mix`). `litresPerKg` is the volumetric factor of a SKU without a volume.
 */
export function skuPass(plan: SimPlan, sc: SkuPassScratch, litresPerKg: number): void {
  const pp = passPlan(plan);
  const t = sc.t;
  const S = plan.skuShare.length;
  const v = sc.values;
  const at = plan.at;
  const wIdx = at.weight;
  const vIdx = at.volume;
  const uIdx = at.unitCost;
  const pIdx = at.price;
  // the trial's level rates (a monthly path moves prices and costs month by month in costMonth)
  const fx = sc.landed.level;
  const kinks = sc.landed.kinks;
  const nKinks = kinks.length;
  const breaks = plan.scenario.schedule.volumeBreaks;
  const nV = Math.max(1, breaks.length);
  const thr = plan.litresThresholds;
  const nT = thr.length;
  const nA = 2 * nT + 1;
  const cuts = plan.weightCuts;
  const nCuts = cuts.length;
  const staticKey = pp.staticKey;
  const staticRange = pp.staticRange;
  const nK = nKinks + 1;
  const perSku = t.perSku;
  const share = sc.mix.skuShare;
  const planShare = plan.skuShare;
  const { weightKg, litres, vcell, unitCost, price, skuClass, cFirst, cMembers, cShare, cWeight, cLitres, cUnitCost, cPrice, cVcell, cOversize, cEligible, cBattery, hashKey, hashStamp, hashClass } = sc;
  const battery = plan.scenario.skuBattery;
  const oversize = plan.skuOversize;
  const eligible0 = plan.scenario.skuEligibleByMonth;
  const mask = hashKey.length - 1;
  t.stamp = t.stamp === 0x7fffffff ? 1 : t.stamp + 1;
  if (t.stamp === 1) hashStamp.fill(0);
  const stamp = t.stamp;
  let sumW = 0;
  let sumL = 0;
  let sumU = 0;
  let sumP = 0;
  let n = 0;
  for (let s = 0; s < S; s++) {
    const w = v[wIdx[s]!]!;
    const vi = vIdx[s]!;
    const lit = vi >= 0 ? v[vi]! : w * litresPerKg;
    const vc = volumeCell(breaks, lit);
    const uc = v[uIdx[s]!]! * fx[pp.costCurrency[s]!]!;
    const pr = v[pIdx[s]!]! * fx[pp.priceCurrency[s]!]!;
    weightKg[s] = w;
    litres[s] = lit;
    vcell[s] = vc;
    unitCost[s] = uc;
    price[s] = pr;
    const sh = share[s]!;
    // (the recorded field means weigh by the scenario's shares, not the trial's drawn mix)
    const ps = planShare[s]!;
    sumW += ps * w;
    sumL += ps * lit;
    sumU += ps * uc;
    sumP += ps * pr;
    let key = s;
    if (!perSku) {
      // weight cell between two bracket ends (binary search), the fee rules' volume cell, the price cell
      let lo = 0;
      let hi = nCuts;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cuts[mid]! < w) lo = mid + 1;
        else hi = mid;
      }
      let a = 2 * nT;
      for (let j = 0; j < nT; j++) {
        if (lit < thr[j]!) {
          a = 2 * j;
          break;
        }
        if (lit === thr[j]) {
          a = 2 * j + 1;
          break;
        }
      }
      let pl = 0;
      let ph = nKinks;
      while (pl < ph) {
        const mid = (pl + ph) >>> 1;
        if (kinks[mid]! < pr) pl = mid + 1;
        else ph = mid;
      }
      key = (((lo * nV + vc) * nA + a) * nK + pl) * staticRange + staticKey[s]!;
    }
    let h = Math.imul((key * 2654435761) | 0, 0x9e3779b1) >>> 0;
    let c = -1;
    for (;;) {
      h &= mask;
      if (hashStamp[h] !== stamp) break;
      if (hashKey[h] === key) {
        c = hashClass[h]!;
        break;
      }
      h++;
    }
    if (c < 0) {
      c = n++;
      hashStamp[h] = stamp;
      hashKey[h] = key;
      hashClass[h] = c;
      cFirst[c] = s;
      cMembers[c] = 0;
      cShare[c] = 0;
      cWeight[c] = 0;
      cLitres[c] = 0;
      cUnitCost[c] = 0;
      cPrice[c] = 0;
      cVcell[c] = vc;
      cOversize[c] = oversize[s]!;
      cBattery[c] = battery[s]!;
      cEligible[c] = eligible0[s]!; // month 0; the trial sets each month's
    }
    skuClass[s] = c;
    cMembers[c]!++;
    cShare[c]! += sh;
    cWeight[c]! += sh * w;
    cLitres[c]! += sh * lit;
    cUnitCost[c]! += sh * uc;
    cPrice[c]! += sh * pr;
  }
  t.classes = n;
  for (let c = 0; c < n; c++) {
    const f = cFirst[c]!;
    const sh = cShare[c]!;
    if (cMembers[c] === 1 || !(sh > 0)) {
      cWeight[c] = weightKg[f]!;
      cLitres[c] = litres[f]!;
      cUnitCost[c] = unitCost[f]!;
      cPrice[c] = price[f]!;
    } else {
      cWeight[c] = cWeight[c]! / sh;
      cLitres[c] = cLitres[c]! / sh;
      cUnitCost[c] = cUnitCost[c]! / sh;
      cPrice[c] = cPrice[c]! / sh;
    }
  }
  const fm = sc.fieldMean;
  fm[0] = sumW;
  fm[1] = sumL;
  fm[2] = sumU;
  fm[3] = sumP;
}

/**
 * What one trial's draws and per-SKU pass left for the rest of the trial: the generator's state after
 * the input draws, the inputs read after the pass (everything but the per-SKU fields, and every
 * recorded input), and the classes — O(classes + non-SKU inputs), nothing per SKU.
 */
export interface PassEntry extends ClassArrays {
  rng: Uint32Array;
  kept: Float64Array;
  classes: number;
  /** Weight and volume of each class's first SKU (what the trial reads of the per-SKU values). */
  firstWeight: Float64Array;
  firstLitres: Float64Array;
  fieldMean: Float64Array;
}

/** Most trials a worker remembers (a break-even search runs the same ~100 trials at 17 volumes). */
export const MEMO_TRIALS = 4096;

/** Per plan: the inputs kept by an entry (read after the per-SKU pass, or recorded). */
const KEPT = new WeakMap<SimPlan, Int32Array>();

function keptInputs(plan: SimPlan): Int32Array {
  let k = KEPT.get(plan);
  if (k) return k;
  const perSku = new Set<number>();
  const at = plan.at;
  for (const a of [at.weight, at.volume, at.unitCost, at.price]) for (const i of a) if (i >= 0) perSku.add(i);
  const out: number[] = [];
  for (let i = 0; i < plan.scenario.inputs.length; i++) if (!perSku.has(i) || plan.layout.inputSlot[i]! >= 0) out.push(i);
  KEPT.set(plan, (k = Int32Array.from(out)));
  return k;
}

/**
 * A worker's memory of trials whose draws and per-SKU pass another run repeats exactly: the
 * break-even search runs each of its trials at 17 volume multipliers, and the volume changes neither
 * the inputs drawn nor the mix nor the classes, so only the first run of a trial draws and classifies
 * its SKUs; the others resume the generator where the draws left it and copy the classes (a trial's
 * per-SKU work then costs nothing however large the catalogue). The records are the same bit for bit
 * (sku-pass.test.ts).
 */
export class PassMemo {
  private readonly byTrial = new Map<string, PassEntry>();
  private readonly byFixed = new WeakMap<Float64Array, PassEntry>();
  /** The generator's state after the draws of the trial being run (set by the trial, read by {@link save}). */
  readonly rngState = new Uint32Array(4);
  constructor(private readonly plan: SimPlan) {}

  /** The entry of trial (seed, trialIndex), if remembered. */
  get(seed: number, trialIndex: number): PassEntry | undefined {
    return this.byTrial.get(`${seed}:${trialIndex}`);
  }

  /** Resumes a remembered trial's draws: generator state and the inputs read later. */
  restoreDraws(e: PassEntry, rng: { setState(s: Uint32Array): void }, values: Float64Array): void {
    rng.setState(e.rng);
    const k = keptInputs(this.plan);
    for (let j = 0; j < k.length; j++) values[k[j]!] = e.kept[j]!;
  }

  /** Remembers trial (seed, trialIndex): the generator state after its draws ({@link rngState}), and its pass (just run in `sc`). */
  save(seed: number, trialIndex: number, sc: SkuPassScratch): void {
    if (this.byTrial.size >= MEMO_TRIALS) return;
    const k = keptInputs(this.plan);
    const kept = new Float64Array(k.length);
    for (let j = 0; j < k.length; j++) kept[j] = sc.values[k[j]!]!;
    this.byTrial.set(`${seed}:${trialIndex}`, entryOf(sc, this.rngState.slice(), kept));
  }

  /**
   * The pass of a swing run (sim/sensitivity): every input fixed, the mix certain, so every trial of the
   * run has the same values and classes — the first trial classifies, the others copy. Undefined when
   * the run does not qualify or no trial has run yet.
   */
  fixedEntry(fixed: Float64Array): PassEntry | undefined {
    return this.byFixed.get(fixed) ?? undefined;
  }

  /** Whether a run with these fixed inputs has the same pass in every trial (every input fixed, the mix certain). */
  samePassEveryTrial(fixed: Float64Array): boolean {
    if (mixIsUncertain(this.plan.mix)) return false;
    for (let i = 0; i < fixed.length; i++) if (Number.isNaN(fixed[i]!)) return false;
    return fixed.length === this.plan.scenario.inputs.length;
  }

  /** Remembers the pass of a swing run (see {@link fixedEntry}). */
  saveFixed(fixed: Float64Array, sc: SkuPassScratch): void {
    this.byFixed.set(fixed, entryOf(sc, new Uint32Array(4), new Float64Array(0)));
  }
}

function entryOf(sc: SkuPassScratch, rng: Uint32Array, kept: Float64Array): PassEntry {
  const n = sc.t.classes;
  const cFirst = sc.cFirst.slice(0, n);
  return {
    rng,
    kept,
    classes: n,
    cFirst,
    cMembers: sc.cMembers.slice(0, n),
    cShare: sc.cShare.slice(0, n),
    cWeight: sc.cWeight.slice(0, n),
    cLitres: sc.cLitres.slice(0, n),
    cUnitCost: sc.cUnitCost.slice(0, n),
    cPrice: sc.cPrice.slice(0, n),
    cVcell: sc.cVcell.slice(0, n),
    cOversize: sc.cOversize.slice(0, n),
    cEligible: sc.cEligible.slice(0, n),
    cBattery: sc.cBattery.slice(0, n),
    firstWeight: Float64Array.from(cFirst, (s) => sc.weightKg[s]!),
    firstLitres: Float64Array.from(cFirst, (s) => sc.litres[s]!),
    fieldMean: sc.fieldMean.slice(),
  };
}

/** The memo of a worker's scratch (one per plan). */
const MEMOS = new WeakMap<object, PassMemo>();

export function passMemo(plan: SimPlan, sc: object): PassMemo {
  let m = MEMOS.get(sc);
  if (!m) MEMOS.set(sc, (m = new PassMemo(plan)));
  return m;
}

/** Copies a remembered trial's classes into the scratch (instead of {@link skuPass}). */
export function restorePass(e: PassEntry, sc: SkuPassScratch): void {
  const n = e.classes;
  sc.t.classes = n;
  sc.cFirst.set(e.cFirst);
  sc.cMembers.set(e.cMembers);
  sc.cShare.set(e.cShare);
  sc.cWeight.set(e.cWeight);
  sc.cLitres.set(e.cLitres);
  sc.cUnitCost.set(e.cUnitCost);
  sc.cPrice.set(e.cPrice);
  sc.cVcell.set(e.cVcell);
  sc.cOversize.set(e.cOversize);
  sc.cEligible.set(e.cEligible);
  sc.cBattery.set(e.cBattery);
  for (let c = 0; c < n; c++) {
    sc.weightKg[e.cFirst[c]!] = e.firstWeight[c]!;
    sc.litres[e.cFirst[c]!] = e.firstLitres[c]!;
  }
  sc.fieldMean.set(e.fieldMean);
}

/**
 * What a run keeps of its trials, built as the trial records stream past in trial order (the records
 * themselves are dropped batch by batch, so memory does not grow with a trial's full record):
 *
 * - kept per trial, as typed arrays of a few numbers: the orders; per mode the total cost, returned
 *   orders, cash tied up and landed contribution (their quantiles, P(cheapest), paired differences,
 *   `--precision`); the priced parts of each rate card and the rate and FX multipliers drawn (the exact
 *   break-even rate levels and the FX quantiles) — {@link keptWidth} numbers per trial;
 * - accumulated: the sum of every field of the record (cost components, months, delivery-days
 *   histograms, routing, landed fields …), added in trial order, so every mean is exact and identical
 *   for any number of workers or shards (a merge replays the shards' records in trial order);
 * - kept for the first {@link SAMPLE_TRIALS} trials only: every recorded input and each mode's cost
 *   per month — the sensitivity ranking (rank regression needs each trial's ranks) and the monthly
 *   P5/P50/P95 are computed from that fixed, seed-determined sample; below the bound (the default runs)
 *   from every trial, as before. Above it a quantile's sampling error is about 0.1 percentile point.
 */
import { LANDED_FIELDS } from '../landed/trial.ts';
import { STOCK_FIELDS } from '../inventory/trial.ts';
import { RATE_CARD_LEGS, type RateCardLeg } from '../scenario/schema.ts';
import { MODES, inputOffset, type Layout, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { assertFiniteResult } from './finite.ts';

/** Trials whose inputs and monthly costs are kept (sensitivity ranking, monthly quantiles): the first ones, by trial index. */
export const SAMPLE_TRIALS = 100_000;

/** Which components of which mode each leg's multiplier scales (names of sim/engine/layout.ts components). */
export const LEG_COMPONENTS: Record<RateCardLeg, Partial<Record<Mode, readonly string[]>>> = {
  jitLogistics: { jit: ['logistics', 'logisticsDiscount'] },
  direct: { direct: ['logistics'], jit: ['directLogistics'] },
  warehouseLastMile: { warehouse: ['lastMile'], tpl: ['lastMile'] },
  warehouseHeadhaul: { warehouse: ['headhaul'], tpl: ['headhaul'] },
};

/** A kept column: per trial, the sum of the record's numbers at `offsets`. */
interface KeptSpec {
  key: string;
  offsets: number[];
}

const PER_MODE = ['total', 'returns', 'cash', 'contribution', 'profit'] as const;

function keptSpecs(plan: Pick<SimPlan, 'layout' | 'at' | 'landed'>): KeptSpec[] {
  const L = plan.layout;
  const out: KeptSpec[] = [{ key: 'orders', offsets: [L.modes.jit.orders] }];
  for (const m of MODES) {
    const ml = L.modes[m];
    out.push({ key: `total:${m}`, offsets: [ml.total] }, { key: `returns:${m}`, offsets: [ml.returns] }, { key: `cash:${m}`, offsets: [ml.cash] }, { key: `contribution:${m}`, offsets: [L.landed[m].fields + LANDED_FIELDS.indexOf('contribution')] }, { key: `profit:${m}`, offsets: [L.landed[m].fields + LANDED_FIELDS.indexOf('profit')] });
  }
  // the warehouse's stock per trial (sim/inventory: stock-outs, fill rate, stock and capital quantiles)
  STOCK_FIELDS.forEach((f, k) => out.push({ key: `stock:${f}`, offsets: [L.stock.fields + k] }));
  out.push({ key: 'uplift', offsets: [L.landed.jit.fields + LANDED_FIELDS.indexOf('upliftPerDay')] });
  RATE_CARD_LEGS.forEach((leg, li) => {
    for (const m of MODES) {
      const names = LEG_COMPONENTS[leg][m];
      if (!names) continue;
      const ml = L.modes[m];
      out.push({ key: `leg:${leg}:${m}`, offsets: names.map((n) => ml.components.indexOf(n)).filter((k) => k >= 0).map((k) => ml.component + k) });
    }
    const at = inputOffset(L, plan.at.rateMult[li]!);
    if (at >= 0) out.push({ key: `rate:${leg}`, offsets: [at] });
  });
  for (let c = 1; c < plan.landed.fxInput.length; c++) {
    const at = inputOffset(L, plan.landed.fxInput[c]!);
    if (at >= 0) out.push({ key: `fx:${c}`, offsets: [at] });
  }
  return out;
}

/** Numbers kept per trial for the whole run (the per-trial memory of a run: 8 bytes each). */
export function keptWidth(plan: Pick<SimPlan, 'layout' | 'at' | 'landed'>): number {
  return keptSpecs(plan).length;
}

/** Numbers kept per trial of the first {@link SAMPLE_TRIALS}: every recorded input, each mode's cost and profit per month, and the warehouse's stock on hand and in transit per month. */
export function sampleWidth(layout: Pick<Layout, 'inputCount' | 'months'>): number {
  return layout.inputCount + 2 * MODES.length * layout.months + 2 * layout.months;
}

/** A growable column of numbers. */
class Column {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = new Float64Array(Math.max(n, Math.ceil(this.data.length * 1.5)));
    next.set(this.data);
    this.data = next;
  }
}

/** The statistics state of a run: fed every trial's record once, in trial order. */
export class TrialStore {
  readonly layout: Layout;
  /** Trials added so far (trials 0 … n − 1). */
  n = 0;
  /** Sum over the trials of every number of the record, added in trial order. */
  readonly sums: Float64Array;
  private readonly specs: KeptSpec[];
  private readonly index = new Map<string, number>();
  private readonly kept: Column[];
  private readonly sampleOffsets: number[];
  private readonly sample: Column[];

  /** @param capacity trials expected (the columns grow beyond it when needed) */
  constructor(plan: Pick<SimPlan, 'layout' | 'at' | 'landed'>, capacity = 1000) {
    const L = (this.layout = plan.layout);
    this.sums = new Float64Array(L.stride);
    this.specs = keptSpecs(plan);
    this.specs.forEach((s, i) => this.index.set(s.key, i));
    this.kept = this.specs.map(() => new Column(capacity));
    this.sampleOffsets = [...Array.from({ length: L.inputCount }, (_, k) => L.inputs + k), ...MODES.flatMap((m) => Array.from({ length: L.months }, (_, k) => L.modes[m].monthly + k)), ...MODES.flatMap((m) => Array.from({ length: L.months }, (_, k) => L.landed[m].monthlyProfit + k)), ...[L.stock.monthlyOnHandValue, L.stock.monthlyTransitValue].flatMap((at) => Array.from({ length: L.months }, (_, k) => at + k))];
    const sc = Math.min(capacity, SAMPLE_TRIALS);
    this.sample = this.sampleOffsets.map(() => new Column(sc));
  }

  /**
   * Adds the records of trials `from` … (consecutive rows of `layout.stride` numbers).
   * @throws {Error} when they do not follow the trials added so far (a bug).
   */
  add(recs: Float64Array, from: number): void {
    const stride = this.layout.stride;
    const count = recs.length / stride;
    if (from !== this.n || !Number.isInteger(count)) throw new Error(`trial records out of order: trials from ${from} given after ${this.n}`);
    // inputs are finite and in range once read: a NaN or Infinity here is a bug, stopped before anything is written
    assertFiniteResult('simulated trial records', recs);
    const s = this.sums;
    for (let t = 0; t < count; t++) {
      const o = t * stride;
      for (let f = 0; f < stride; f++) s[f]! += recs[o + f]!;
    }
    const end = this.n + count;
    this.specs.forEach((spec, j) => {
      const col = this.kept[j]!;
      col.ensure(end);
      const d = col.data;
      for (let t = 0; t < count; t++) {
        const o = t * stride;
        let v = 0;
        for (const off of spec.offsets) v += recs[o + off]!;
        d[this.n + t] = v;
      }
    });
    const inSample = Math.max(0, Math.min(end, SAMPLE_TRIALS) - this.n);
    if (inSample > 0)
      this.sampleOffsets.forEach((off, j) => {
        const col = this.sample[j]!;
        col.ensure(this.n + inSample);
        for (let t = 0; t < inSample; t++) col.data[this.n + t] = recs[t * stride + off]!;
      });
    this.n = end;
  }

  /** Trials whose inputs and monthly costs were kept (the first ones). */
  get sampleTrials(): number {
    return Math.min(this.n, SAMPLE_TRIALS);
  }

  private keptColumn(key: string): Float64Array | null {
    const j = this.index.get(key);
    return j === undefined ? null : this.kept[j]!.data.subarray(0, this.n);
  }

  /** Orders per trial (every mode serves the same orders). */
  orders(): Float64Array {
    return this.keptColumn('orders')!;
  }
  /** Per trial: a mode's total cost, returned orders, cash tied up or landed contribution. */
  perTrial(what: (typeof PER_MODE)[number], mode: Mode): Float64Array {
    return this.keptColumn(`${what}:${mode}`)!;
  }
  /** Total cost of a mode, per trial. */
  totals(mode: Mode): Float64Array {
    return this.perTrial('total', mode);
  }
  /** Per trial: a stock figure of the self-run warehouse (sim/inventory STOCK_FIELDS). */
  stock(f: (typeof STOCK_FIELDS)[number]): Float64Array {
    return this.keptColumn(`stock:${f}`)!;
  }
  /** Per trial: the sales uplift per business day faster drawn (sim/landed). */
  uplift(): Float64Array {
    return this.keptColumn('uplift')!;
  }
  /** Per trial: the part of `mode`'s cost priced by `leg`'s rate card (null when the leg does not price that mode). */
  legPart(leg: RateCardLeg, mode: Mode): Float64Array | null {
    return this.keptColumn(`leg:${leg}:${mode}`);
  }
  /** Per trial: the rate-card multiplier drawn for `leg` (null when it is not uncertain). */
  rateMultiplier(leg: RateCardLeg): Float64Array | null {
    return this.keptColumn(`rate:${leg}`);
  }
  /** Per trial: the exchange rate drawn for currency `c` (index into plan.landed.currencies; null when not uncertain). */
  fx(c: number): Float64Array | null {
    return this.keptColumn(`fx:${c}`);
  }
  /** Recorded input `slot` (layout.inputNames) in each of the first {@link sampleTrials} trials. */
  sampleInput(slot: number): Float64Array {
    return this.sample[slot]!.data.subarray(0, this.sampleTrials);
  }
  /** Cost of `mode` in month `k` in each of the first {@link sampleTrials} trials. */
  sampleMonthly(mode: Mode, k: number): Float64Array {
    return this.sample[this.layout.inputCount + MODES.indexOf(mode) * this.layout.months + k]!.data.subarray(0, this.sampleTrials);
  }
  /** Profit of `mode` in month `k` (reporting currency) in each of the first {@link sampleTrials} trials. */
  sampleMonthlyProfit(mode: Mode, k: number): Float64Array {
    return this.sample[this.layout.inputCount + (MODES.length + MODES.indexOf(mode)) * this.layout.months + k]!.data.subarray(0, this.sampleTrials);
  }
  /** The warehouse's stock value on hand (mean over the month) or in transit in month `k` (CNY) in each of the first {@link sampleTrials} trials (sim/inventory). */
  sampleStockMonthly(what: 'onHand' | 'transit', k: number): Float64Array {
    return this.sample[this.layout.inputCount + 2 * MODES.length * this.layout.months + (what === 'onHand' ? 0 : this.layout.months) + k]!.data.subarray(0, this.sampleTrials);
  }
  /** Sum over the trials of the record's number at `field`. */
  sum(field: number): number {
    return this.sums[field]!;
  }
  /** Mean over the trials of the record's number at `field` (NaN without trials). */
  mean(field: number): number {
    return this.n > 0 ? this.sums[field]! / this.n : NaN;
  }
}

/** Runs records through a fresh store (tests, side analyses): the store of those trials. */
export function storeOf(plan: Pick<SimPlan, 'layout' | 'at' | 'landed'>, recs: Float64Array): TrialStore {
  const s = new TrialStore(plan, recs.length / plan.layout.stride);
  s.add(recs, 0);
  return s;
}

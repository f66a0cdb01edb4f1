/**
 * What the sensitivity analysis reads from a run: per trial, the value drawn for each uncertain input
 * and the cost per order of each mode (of a main run: its first min(trials, SAMPLE_TRIALS) trials,
 * whose inputs the run kept, sim/engine/store.ts). A small interface, so that any engine that records these (the
 * trial records of sim/engine/layout.ts today) can feed it; the analysis never reads a record layout itself.
 */
import { inputOffset, type Layout, type Mode } from '../engine/layout.ts';
import type { TrialStore } from '../engine/store.ts';

export interface TrialSamples {
  /** Number of trials (in trial order: trial 0 first). */
  readonly trials: number;
  /** The value drawn for uncertain input `i` (index into `plan.scenario.inputs`) in every trial, or null when the run recorded it only through its group (large catalogues). */
  input(i: number): Float64Array | null;
  /** A group of per-SKU inputs recorded as one number per trial (`/skus/*\/weightKg`: the order-weighted mean of the field), or null. */
  group(pointer: string): Float64Array | null;
  /** Cost per order of `mode` in every trial (total cost ÷ orders; 0 in a trial without orders). */
  perOrder(mode: Mode): Float64Array;
}

/** Reads trial records (one row of `layout.stride` numbers per trial, in trial order). */
export function samplesFromRecords(layout: Layout, recs: Float64Array): TrialSamples {
  const n = recs.length / layout.stride;
  const col = (field: number) => {
    const out = new Float64Array(n);
    for (let t = 0; t < n; t++) out[t] = recs[t * layout.stride + field]!;
    return out;
  };
  return {
    trials: n,
    input: (i) => {
      const at = inputOffset(layout, i);
      return at >= 0 ? col(at) : null;
    },
    group: (pointer) => {
      const g = layout.inputGroups.find((x) => x.pointer === pointer);
      return g ? col(layout.inputs + g.slot) : null;
    },
    perOrder(mode) {
      const m = layout.modes[mode];
      // every mode serves the same orders; the JIT layout's count is the one summarise uses
      const orders = col(layout.modes.jit.orders);
      const total = col(m.total);
      for (let t = 0; t < n; t++) total[t] = orders[t]! > 0 ? total[t]! / orders[t]! : 0;
      return total;
    },
  };
}

/** Reads what a run's store kept: the inputs of its first {@link TrialStore.sampleTrials} trials and their costs per order. */
export function samplesFromStore(store: TrialStore): TrialSamples {
  const layout = store.layout;
  const n = store.sampleTrials;
  return {
    trials: n,
    input: (i) => {
      const at = inputOffset(layout, i);
      return at >= 0 ? store.sampleInput(at - layout.inputs) : null;
    },
    group: (pointer) => {
      const g = layout.inputGroups.find((x) => x.pointer === pointer);
      return g ? store.sampleInput(g.slot) : null;
    },
    perOrder(mode) {
      const orders = store.orders();
      const total = store.totals(mode).slice(0, n);
      for (let t = 0; t < n; t++) total[t] = orders[t]! > 0 ? total[t]! / orders[t]! : 0;
      return total;
    },
  };
}

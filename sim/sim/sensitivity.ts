/**
 * Sensitivity: a tornado (each uncertain input at its P10 and at its P90, every other input at its
 * P50, on the same trials: common random numbers) ranked by the input's effect on the PER-ORDER
 * cost difference between the best and the second-best available mode at base (what decides the
 * choice; a total cost is dominated by volume), and the Spearman rank correlation of each input
 * with the JIT-minus-alternative difference over the main run's trials.
 */
import { sampleRankCorrelation } from 'simple-statistics';
import type { Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { column, minus, totals } from './records.ts';
import type { Runner } from './runner.ts';
import { availableModes } from './available-modes.ts';

export interface TornadoBar {
  input: string;
  low: number;
  high: number;
  /** Mean total of each mode with the input at its P10 and at its P90. */
  meanAtLow: Record<Mode, number>;
  meanAtHigh: Record<Mode, number>;
  /** Per-order cost difference best − second-best (the tornado's `pair`), CNY/order, with the input at P10 and at P90. */
  perOrderDiffAtLow: number;
  perOrderDiffAtHigh: number;
  /** |change of that per-order difference| between P10 and P90, CNY per order: the bar's width and rank. */
  swingCny: number;
}

export interface RankCorrelation {
  input: string;
  jitMinusWarehouse: number;
  jitMinusDirect: number;
}

const meanOf = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;

/** The tornado, widest bar first; the base (every input at P50) is returned with it. */
export async function tornado(plan: SimPlan, runner: Runner, seed: number, trials: number): Promise<{ base: Record<Mode, number>; pair: [Mode, Mode]; basePerOrderDiff: number; bars: TornadoBar[] }> {
  const inputs = plan.scenario.inputs;
  const base = inputs.map((x) => x.dist.quantile(0.5));
  const L = plan.layout;
  const means = async (fixed: number[]) => {
    const recs = await runner.run(seed, 0, trials, { fixedInputs: fixed });
    const orders = column(recs, L, L.modes.jit.orders);
    const perOrder = (m: Mode) => meanOf(totals(recs, L, m).map((t, i) => (orders[i]! > 0 ? t / orders[i]! : 0)));
    return { total: { jit: meanOf(totals(recs, L, 'jit')), warehouse: meanOf(totals(recs, L, 'warehouse')), direct: meanOf(totals(recs, L, 'direct')) }, perOrder: { jit: perOrder('jit'), warehouse: perOrder('warehouse'), direct: perOrder('direct') } };
  };
  // one bar per varying input; a large catalogue's per-SKU inputs as one bar per field (every SKU's
  // value at its own P10, then at its own P90), so the number of runs does not grow with the catalogue
  const share = plan.skuShare;
  const varied: { pointer: string; members: number[]; weights: number[] }[] = [];
  inputs.forEach((x, i) => !x.dist.fixed && L.inputSlot[i]! >= 0 && varied.push({ pointer: x.pointer, members: [i], weights: [1] }));
  for (const g of L.inputGroups)
    if (!g.fixed) {
      const ks = Array.from(g.members, (i, k) => ({ i, k })).filter(({ i }) => i >= 0);
      varied.push({ pointer: g.pointer, members: ks.map(({ i }) => i), weights: ks.map(({ k }) => share[k]!) });
    }
  const at = (v: (typeof varied)[number], q: number) => {
    const fixed = [...base];
    for (const i of v.members) fixed[i] = inputs[i]!.dist.quantile(q);
    return fixed;
  };
  const level = (v: (typeof varied)[number], q: number) => {
    const w = v.weights.reduce((a, b) => a + b, 0);
    return v.members.reduce((a, i, k) => a + (v.weights[k]! / (w || 1)) * inputs[i]!.dist.quantile(q), 0);
  };
  // every run at once, so that a pool keeps all its workers busy
  const [baseMeans, ...ends] = await Promise.all([means(base), ...varied.flatMap((v) => [0.1, 0.9].map((q) => means(at(v, q))))]);
  // the best and second-best available modes at base, by cost per order
  const ranked = availableModes(plan).sort((a, b) => baseMeans!.perOrder[a] - baseMeans!.perOrder[b]);
  const pair: [Mode, Mode] = [ranked[0]!, ranked[1] ?? ranked[0]!];
  const diff = (r: { perOrder: Record<Mode, number> }) => r.perOrder[pair[0]] - r.perOrder[pair[1]];
  const bars: TornadoBar[] = varied.map((v, k) => {
    const lo = ends[2 * k]!;
    const hi = ends[2 * k + 1]!;
    return { input: v.pointer, low: level(v, 0.1), high: level(v, 0.9), meanAtLow: lo.total, meanAtHigh: hi.total, perOrderDiffAtLow: diff(lo), perOrderDiffAtHigh: diff(hi), swingCny: Math.abs(diff(hi) - diff(lo)) };
  });
  bars.sort((a, b) => b.swingCny - a.swingCny || a.input.localeCompare(b.input));
  return { base: baseMeans!.total, pair, basePerOrderDiff: diff(baseMeans!), bars };
}

/** Spearman rank correlation of each uncertain input with JIT − warehouse and JIT − direct. */
export function rankCorrelations(plan: SimPlan, recs: Float64Array): RankCorrelation[] {
  const L = plan.layout;
  const jit = totals(recs, L, 'jit');
  const dW = minus(jit, totals(recs, L, 'warehouse'));
  const dD = minus(jit, totals(recs, L, 'direct'));
  const out: RankCorrelation[] = [];
  // every recorded input (a large catalogue's per-SKU inputs as their groups) that varies
  const fixed = L.inputNames.map(() => false);
  plan.scenario.inputs.forEach((x, i) => L.inputSlot[i]! >= 0 && (fixed[L.inputSlot[i]!] = x.dist.fixed));
  for (const g of L.inputGroups) fixed[g.slot] = g.fixed;
  L.inputNames.forEach((name, slot) => {
    if (fixed[slot] || dW.length < 3) return;
    const v = Array.from(column(recs, L, L.inputs + slot));
    const rc = (d: Float64Array) => {
      const r = sampleRankCorrelation(v, Array.from(d));
      return Number.isFinite(r) ? r : 0;
    };
    out.push({ input: name, jitMinusWarehouse: rc(dW), jitMinusDirect: rc(dD) });
  });
  return out.sort((a, b) => Math.max(Math.abs(b.jitMinusWarehouse), Math.abs(b.jitMinusDirect)) - Math.max(Math.abs(a.jitMinusWarehouse), Math.abs(a.jitMinusDirect)) || a.input.localeCompare(b.input));
}

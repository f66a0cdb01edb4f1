/**
 * Sensitivity from the main run's own samples (as @RISK's tornado ranks inputs from the trials it
 * already ran), instead of two extra simulations per uncertain input:
 *
 * 1. The pair: the best and the second-best available mode by mean cost per order over the main run.
 *    The tornado, the rank correlations and every sensitivity table describe the same per-order
 *    difference `pair[0] − pair[1]` (CNY per order).
 * 2. Ranking: the ranks of that difference regressed on the ranks of every uncertain input at once
 *    over the main run's trials (standardised rank regression coefficients, as @RISK's regression
 *    tornado: an input's own effect, not blurred by inputs correlated with it); Spearman's rank
 *    correlation of each input is reported beside it, and ranks when the regression has no unique
 *    answer. Per-SKU inputs (weight, volume, unit cost, price of every SKU) form one group per field,
 *    entering as the demand-weighted sum of its members' ranks (all the SKUs' weights moving together);
 *    each group's individually largest member (by rank correlation) is ranked as well.
 * 3. Swings: only the first `top` entries of the ranking are run one at a time (the input, or every
 *    member of a group, at its P10 and at its P90, every other input at its P50, on the same trials:
 *    common random numbers): 1 + 2 × top small runs, whatever the catalogue size.
 *
 * Everything is computed from the per-trial data of the whole run (a merge of shards computes it from
 * the merged records), so the same seed gives the same figures for any number of workers or shards.
 */
import type { SimPlan } from '../engine/plan.ts';
import type { Runner } from '../engine/runner.ts';
import { availableModes } from '../engine/available-modes.ts';
import type { Mode } from '../engine/layout.ts';
import { samplesFromRecords, type TrialSamples } from './samples.ts';
import { pearson, ranks, standardisedRegression } from './rank.ts';

export type { TrialSamples } from './samples.ts';
export { samplesFromRecords, samplesFromStore } from './samples.ts';

/** Inputs given a one-at-a-time swing by default. */
export const DEFAULT_SWING_TOP = 5;

/** One entry of the ranking: an uncertain input, or a group of per-SKU inputs of one field. */
export interface SensitivityEntry {
  /** The input's JSON pointer (`/demand/ordersPerDay`), or a group's pointer with `*` for the SKU (`/skus/*\/weightKg`). */
  input: string;
  kind: 'input' | 'group';
  /** A group: how many SKUs' inputs it holds, and its member with the largest |rank correlation|. */
  members?: number;
  largestMember?: string;
  /** An input ranked as the largest member of a group: that group. */
  memberOf?: string;
  /** Spearman rank correlation with the per-order difference `pair[0] − pair[1]` over the main run's trials. */
  rankCorrelation: number;
  /**
   * Standardised rank regression coefficient of the entry in the regression of that difference on every
   * entry at once (its effect with the other inputs held fixed); null when the regression has no unique answer.
   */
  regressionCoefficient: number | null;
}

/** A ranked entry with its one-at-a-time swing. */
export interface TornadoBar extends SensitivityEntry {
  /** The input's P10 and P90 (null for a group: each member at its own P10 and P90). */
  low: number | null;
  high: number | null;
  /** Mean per-order difference pair[0] − pair[1], CNY/order, with the input (or group) at P10 and at P90, every other input at P50. */
  perOrderDiffAtLow: number;
  perOrderDiffAtHigh: number;
  /** |perOrderDiffAtHigh − perOrderDiffAtLow|, CNY per order. */
  swingCny: number;
}

export interface Sensitivity {
  /** The per-order cost difference every figure describes: pair[0] − pair[1] (best − second-best available mode by mean cost per order over the main run). */
  pair: [Mode, Mode];
  /**
   * How each figure was obtained: the ranking by standardised rank regression over the main run's trials
   * (`rank-regression-main-run`, as @RISK's regression tornado), or by rank correlation when the regression
   * has no unique answer (`rank-correlation-main-run`); swings one input (or group) at a time.
   */
  method: { ranking: 'rank-regression-main-run' | 'rank-correlation-main-run'; swings: 'one-at-a-time' };
  /** Trials the ranking used (the whole run) and trials of each swing run. */
  rankTrials: number;
  swingTrials: number;
  /** How many entries of the ranking were given a swing. */
  top: number;
  /** Mean of pair[0] − pair[1] per order over the main run, and with every input at its P50 (the swings' base). */
  meanPerOrderDiff: number;
  basePerOrderDiff: number;
  /** Every uncertain input (per-SKU inputs as groups plus each group's largest member), largest |rank correlation| first. */
  ranking: SensitivityEntry[];
  /** The first `top` entries of the ranking with their swings, in ranking order. */
  tornado: TornadoBar[];
}

export interface SensitivityOptions {
  /** Entries given a one-at-a-time swing (default {@link DEFAULT_SWING_TOP}). */
  top?: number;
  /** Trials of each swing run. */
  swingTrials: number;
}

const SKU_FIELD = /^\/skus\/(\d+)\/([^/]+)$/;
const byInput = (a: { input: string }, b: { input: string }) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0);
const mean = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return a.length ? s / a.length : 0;
};

/** The best and second-best available modes by mean cost per order over the trials. */
export function sensitivityPair(plan: SimPlan, samples: TrialSamples): [Mode, Mode] {
  const means = new Map(availableModes(plan).map((m) => [m, mean(samples.perOrder(m))] as const));
  const ranked = [...means.keys()].sort((a, b) => means.get(a)! - means.get(b)!);
  return [ranked[0]!, ranked[1] ?? ranked[0]!];
}

/** The per-order difference pair[0] − pair[1] in every trial. */
function difference(samples: TrialSamples, pair: [Mode, Mode]): Float64Array {
  const a = samples.perOrder(pair[0]);
  const b = samples.perOrder(pair[1]);
  for (let i = 0; i < a.length; i++) a[i] = a[i]! - b[i]!;
  return a;
}

/**
 * The ranking of every uncertain input from the trials' samples (no simulation): by the standardised
 * rank regression coefficient (every entry's effect with the others held fixed), or by the rank
 * correlation when the regression has no unique answer (fewer trials than inputs, collinear inputs).
 */
export function rankInputs(plan: SimPlan, samples: TrialSamples, pair: [Mode, Mode]): { ranking: SensitivityEntry[]; by: Sensitivity['method']['ranking'] } {
  const ry = ranks(difference(samples, pair));
  const n = samples.trials;
  const out: SensitivityEntry[] = [];
  const cols: Float64Array[] = [];
  const groups = new Map<string, { sku: number; index: number }[]>();
  plan.scenario.inputs.forEach((x, i) => {
    if (x.dist.fixed) return;
    const m = SKU_FIELD.exec(x.pointer);
    if (m && plan.scenario.spec.skus.length > 1) {
      const id = `/skus/*/${m[2]}`;
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id)!.push({ sku: Number(m[1]), index: i });
    } else {
      const v = samples.input(i);
      if (!v) return;
      const r = ranks(v);
      out.push({ input: x.pointer, kind: 'input', rankCorrelation: pearson(r, ry), regressionCoefficient: null });
      cols.push(r);
    }
  });
  for (const [id, members] of groups) {
    const recorded = samples.group(id);
    if (recorded || members.some((x) => !samples.input(x.index))) {
      // a large catalogue records the group only (its order-weighted mean per trial): rank that, no member
      if (!recorded) continue;
      const rs = ranks(recorded);
      out.push({ input: id, kind: 'group', members: members.length, rankCorrelation: pearson(rs, ry), regressionCoefficient: null });
      cols.push(rs);
      continue;
    }
    // the group moves together: the demand-weighted sum of its members' ranks
    const sum = new Float64Array(n);
    let largest: { e: SensitivityEntry; r: Float64Array } | null = null;
    for (const { sku, index } of members) {
      const r = ranks(samples.input(index)!);
      const w = plan.skuShare[sku] ?? 0;
      for (let t = 0; t < n; t++) sum[t]! += w * r[t]!;
      const rho = pearson(r, ry);
      if (!largest || Math.abs(rho) > Math.abs(largest.e.rankCorrelation)) largest = { e: { input: plan.scenario.inputs[index]!.pointer, kind: 'input', memberOf: id, rankCorrelation: rho, regressionCoefficient: null }, r };
    }
    if (members.length > 1) {
      const rs = ranks(sum);
      out.push({ input: id, kind: 'group', members: members.length, largestMember: largest!.e.input, rankCorrelation: pearson(rs, ry), regressionCoefficient: null });
      cols.push(rs);
    } else delete largest!.e.memberOf;
    out.push(largest!.e);
    cols.push(largest!.r);
  }
  const src = standardisedRegression(cols, ry);
  if (src) out.forEach((e, k) => (e.regressionCoefficient = src[k]!));
  const score = (e: SensitivityEntry) => Math.abs(e.regressionCoefficient ?? e.rankCorrelation);
  return { ranking: out.sort((a, b) => score(b) - score(a) || byInput(a, b)), by: src ? 'rank-regression-main-run' : 'rank-correlation-main-run' };
}

/** The input indices an entry stands for. */
function indicesOf(plan: SimPlan, e: SensitivityEntry): number[] {
  const inputs = plan.scenario.inputs;
  if (e.kind === 'input') return [inputs.findIndex((x) => x.pointer === e.input)];
  const field = e.input.slice('/skus/*/'.length);
  return inputs.flatMap((x, i) => {
    const m = SKU_FIELD.exec(x.pointer);
    return m && m[2] === field && !x.dist.fixed ? [i] : [];
  });
}

/** The ranking from the run's samples, then one-at-a-time swings of its first `top` entries. */
export async function sensitivity(plan: SimPlan, samples: TrialSamples, runner: Runner, seed: number, o: SensitivityOptions): Promise<Sensitivity> {
  const pair = sensitivityPair(plan, samples);
  const { ranking, by } = rankInputs(plan, samples, pair);
  const top = Math.max(0, Math.floor(o.top ?? DEFAULT_SWING_TOP));
  const chosen = ranking.slice(0, top);
  const inputs = plan.scenario.inputs;
  const base = inputs.map((x) => x.dist.quantile(0.5));
  const L = plan.layout;
  const meanDiff = async (fixed: number[]) => mean(difference(samplesFromRecords(L, await runner.run(seed, 0, o.swingTrials, { fixedInputs: fixed })), pair));
  const at = (idx: number[], q: number) => {
    const set = new Set(idx);
    return base.map((b, j) => (set.has(j) ? inputs[j]!.dist.quantile(q) : b));
  };
  // every run at once, so that a pool keeps all its workers busy
  const [baseDiff, ...ends] = await Promise.all([
    meanDiff(base),
    ...chosen.flatMap((e) => {
      const idx = indicesOf(plan, e);
      return [meanDiff(at(idx, 0.1)), meanDiff(at(idx, 0.9))];
    }),
  ]);
  const tornado: TornadoBar[] = chosen.map((e, k) => {
    const lo = ends[2 * k]!;
    const hi = ends[2 * k + 1]!;
    const x = e.kind === 'input' ? inputs.find((y) => y.pointer === e.input)! : null;
    return { ...e, low: x ? x.dist.quantile(0.1) : null, high: x ? x.dist.quantile(0.9) : null, perOrderDiffAtLow: lo, perOrderDiffAtHigh: hi, swingCny: Math.abs(hi - lo) };
  });
  return {
    pair,
    method: { ranking: by, swings: 'one-at-a-time' },
    rankTrials: samples.trials,
    swingTrials: o.swingTrials,
    top,
    meanPerOrderDiff: mean(difference(samples, pair)),
    basePerOrderDiff: baseDiff!,
    ranking,
    tornado,
  };
}

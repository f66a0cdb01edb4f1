/**
 * Uncertain inputs: the distribution syntax of scenario files and its quantile function. Every
 * draw goes through the quantile (inverse CDF) of one uniform, so that a Gaussian copula can
 * correlate inputs and the tornado can read any input at its P10 and P90.
 *
 * JSON syntax (a plain number is `fixed`):
 * `{ "dist": "uniform", "min", "max" }`, `{ "dist": "triangular", "min", "mode", "max" }`,
 * `{ "dist": "pert", "min", "mode", "max" }` (Beta-PERT, λ = 4), `{ "dist": "normal", "mean", "sd", "min"?, "max"? }`
 * (truncated to [min, max] when given), `{ "dist": "lognormal", "mean", "sd" }` (of the value itself),
 * `{ "dist": "discrete", "values": [...], "weights": [...] }`, `{ "dist": "fixed", "value" }`.
 */
import { betaQuantile } from './beta.ts';
import { normalCdf, normalQuantile } from './normal.ts';
import type { RandomSource } from './rng.ts';
import { cacheGet, cacheKey, cacheSet } from '../io/cache.ts';

export const DIST_KINDS = ['fixed', 'uniform', 'triangular', 'pert', 'normal', 'lognormal', 'discrete'] as const;
export type DistKind = (typeof DIST_KINDS)[number];

/** A distribution as written in a scenario file. */
export type DistJson =
  | number
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular' | 'pert'; min: number; mode: number; max: number }
  | { dist: 'normal'; mean: number; sd: number; min?: number; max?: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'discrete'; values: number[]; weights?: number[] };

/** Required fields of each kind (for the schema and the messages). */
export const DIST_FIELDS: Record<DistKind, readonly string[]> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  discrete: ['values'],
};

/** A distribution ready to sample: its quantile function over [0, 1]. */
export interface Dist {
  kind: DistKind;
  /** Smallest and largest value it can take (±Infinity when unbounded). */
  support: [number, number];
  quantile(p: number): number;
  /** True when it always gives the same value. */
  fixed: boolean;
}

/** Problems of a distribution's parameters (empty when valid); the messages name the field. */
export function distProblems(d: DistJson): { field: string; en: string; zh: string }[] {
  if (typeof d === 'number') return [];
  const out: { field: string; en: string; zh: string }[] = [];
  if (d.dist === 'uniform' && !(d.min < d.max)) out.push({ field: 'max', en: 'max must be above min', zh: 'max 须大于 min' });
  if (d.dist === 'triangular' || d.dist === 'pert') {
    if (!(d.min < d.max)) out.push({ field: 'max', en: 'max must be above min', zh: 'max 须大于 min' });
    else if (!(d.min <= d.mode && d.mode <= d.max)) out.push({ field: 'mode', en: 'mode must lie between min and max', zh: 'mode 须介于 min 与 max 之间' });
  }
  if ((d.dist === 'normal' || d.dist === 'lognormal') && !(d.sd > 0)) out.push({ field: 'sd', en: 'sd must be above 0 (use a plain number for a fixed value)', zh: 'sd 须大于 0（固定值请直接写数字）' });
  if (d.dist === 'lognormal' && !(d.mean > 0)) out.push({ field: 'mean', en: 'a lognormal mean must be above 0', zh: '对数正态的 mean 须大于 0' });
  if (d.dist === 'normal' && d.min !== undefined && d.max !== undefined && !(d.min < d.max)) out.push({ field: 'max', en: 'max must be above min', zh: 'max 须大于 min' });
  if (d.dist === 'discrete') {
    if (d.values.length === 0) out.push({ field: 'values', en: 'give at least one value', zh: '至少给出一个取值' });
    if (d.weights && d.weights.length !== d.values.length) out.push({ field: 'weights', en: `weights has ${d.weights.length} entries but values has ${d.values.length}`, zh: `weights 有 ${d.weights.length} 项而 values 有 ${d.values.length} 项` });
    else if (d.weights && !(d.weights.every((w) => w >= 0) && d.weights.some((w) => w > 0))) out.push({ field: 'weights', en: 'weights must be ≥ 0 and not all 0', zh: 'weights 须 ≥ 0 且不全为 0' });
  }
  return out;
}

/** Compiles a (valid, see {@link distProblems}) distribution. */
/**
 * PERT quantile tables already computed in this thread, by "min,mode,max". Worker threads receive
 * the main thread's tables with the plan ({@link pertTables}/{@link usePertTables}) instead of
 * recomputing them; across runs they come from the on-disk cache (sim/io/cache.ts).
 */
const PERT = new Map<string, Float64Array>();

function pertKnots(a: number, c: number, b: number, alpha: number, beta: number, N: number): Float64Array {
  const key = `${a},${c},${b},${N}`;
  let knots = PERT.get(key);
  if (knots) return knots;
  const ck = cacheKey('pert-knots', key);
  const hit = cacheGet<number[]>(ck);
  if (hit && hit.length === N + 1) knots = Float64Array.from(hit);
  else {
    knots = new Float64Array(N + 1);
    let guess = 0.5;
    for (let i = 0; i <= N; i++) {
      guess = betaQuantile(i / N, alpha, beta, guess);
      knots[i] = a + (b - a) * guess;
    }
    cacheSet(ck, [...knots]);
  }
  PERT.set(key, knots);
  return knots;
}

/** The quantile table of a PERT distribution (4,097 knots; linear between them), as its `quantile` reads it. */
export function pertKnotsOf(d: { min: number; mode: number; max: number }): Float64Array {
  const { min: a, mode: c, max: b } = d;
  return pertKnots(a, c, b, 1 + (4 * (c - a)) / (b - a), 1 + (4 * (b - c)) / (b - a), PERT_KNOTS);
}

/** Intervals of a PERT quantile table. */
export const PERT_KNOTS = 4096;

/** The PERT tables computed in this thread (plain data, for worker threads). */
export function pertTables(): [string, Float64Array][] {
  return [...PERT];
}

/** Adopts PERT tables computed elsewhere (identical by construction: same inputs, same code). */
export function usePertTables(tables: readonly [string, Float64Array][]): void {
  for (const [k, v] of tables) if (!PERT.has(k)) PERT.set(k, v);
}

export function compileDist(d: DistJson): Dist {
  if (typeof d === 'number' || d.dist === 'fixed') {
    const v = typeof d === 'number' ? d : d.value;
    return { kind: 'fixed', support: [v, v], quantile: () => v, fixed: true };
  }
  switch (d.dist) {
    case 'uniform':
      return { kind: 'uniform', support: [d.min, d.max], quantile: (p) => d.min + p * (d.max - d.min), fixed: false };
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      const fc = (c - a) / (b - a);
      return { kind: 'triangular', support: [a, b], quantile: (p) => (p < fc ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c))), fixed: false };
    }
    case 'pert': {
      const { min: a, mode: c, max: b } = d;
      const alpha = 1 + (4 * (c - a)) / (b - a);
      const beta = 1 + (4 * (b - c)) / (b - a);
      // the beta quantile has no closed form: tabulate it once (exact at 4097 knots, linear between)
      // so that a draw costs a lookup instead of a root search
      const N = PERT_KNOTS;
      const knots = pertKnots(a, c, b, alpha, beta, N);
      return {
        kind: 'pert',
        support: [a, b],
        quantile: (p) => {
          const x = Math.min(N, Math.max(0, p * N));
          const i = Math.min(N - 1, Math.floor(x));
          return knots[i]! + (x - i) * (knots[i + 1]! - knots[i]!);
        },
        fixed: false,
      };
    }
    case 'normal': {
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      const clamp = (x: number) => Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
      return { kind: 'normal', support: [d.min ?? -Infinity, d.max ?? Infinity], quantile: (p) => clamp(d.mean + d.sd * normalQuantile(lo + p * (hi - lo))), fixed: false };
    }
    case 'lognormal': {
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean) - s2 / 2;
      const s = Math.sqrt(s2);
      return { kind: 'lognormal', support: [0, Infinity], quantile: (p) => Math.exp(mu + s * normalQuantile(p)), fixed: false };
    }
    case 'discrete': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      const cum = Float64Array.from(w.map(((s) => (x: number) => (s += x / total))(0)));
      const values = Float64Array.from(d.values);
      return {
        kind: 'discrete',
        support: [Math.min(...d.values), Math.max(...d.values)],
        quantile: (p) => {
          for (let i = 0; i < cum.length; i++) if (p < cum[i]!) return values[i]!;
          return values[values.length - 1]!;
        },
        fixed: d.values.length === 1 || new Set(d.values).size === 1,
      };
    }
  }
}

/** One independent draw of `d`. */
export function sampleDist(rng: RandomSource, d: Dist): number {
  return d.quantile(rng.next());
}

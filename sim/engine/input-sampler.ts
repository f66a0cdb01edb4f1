/**
 * The draws of a trial's uncertain inputs as flat typed arrays, built once per worker. A catalogue of
 * thousands of SKUs has thousands of inputs: calling each one's `dist.quantile` closure through its
 * input object costs about a microsecond (megamorphic property loads and calls), so a trial's draws
 * grew with the catalogue far faster than the rest of its work. Uniform, triangular and PERT inputs
 * (what a catalogue's weights and volumes use) are evaluated here from their parameters — the same
 * arithmetic as sim/random/dist.ts, so the values are bit for bit those of `quantile` — and the other
 * kinds through their closure. Fixed inputs are not drawn at all.
 */
import { PERT_KNOTS, pertKnotsOf } from '../random/dist.ts';
import type { UncertainInput } from '../scenario/inputs.ts';

// kinds: 0 = through the closure (normal, lognormal, discrete)
const UNIFORM = 1;
const TRIANGULAR = 2;
const PERT = 3;

export interface InputSampler {
  /** Per input: its value when its distribution is fixed, else NaN. */
  fixedValue: Float64Array;
  /** The inputs that are drawn (not fixed), ascending. */
  drawn: Int32Array;
  /** Per drawn input: how it is evaluated, and four parameters. */
  kind: Uint8Array;
  par: Float64Array;
  /** PERT quantile tables, concatenated (one per distinct distribution). */
  knots: Float64Array;
  /** Per drawn input: its quantile closure (kinds evaluated through it). */
  fns: ((p: number) => number)[];
}

/** Compiles the draws of a scenario's inputs. */
export function makeSampler(inputs: readonly UncertainInput[]): InputSampler {
  const drawn = Int32Array.from(inputs.flatMap((x, i) => (x.dist.fixed ? [] : [i])));
  const kind = new Uint8Array(drawn.length);
  const par = new Float64Array(4 * drawn.length);
  const tables: Float64Array[] = [];
  const tableAt = new Map<Float64Array, number>();
  let knotCount = 0;
  drawn.forEach((i, j) => {
    const json = inputs[i]!.json;
    if (typeof json === 'number') return;
    if (json.dist === 'uniform') {
      kind[j] = UNIFORM;
      par.set([json.min, json.max], 4 * j);
    } else if (json.dist === 'triangular') {
      kind[j] = TRIANGULAR;
      par.set([json.min, json.mode, json.max, (json.mode - json.min) / (json.max - json.min)], 4 * j);
    } else if (json.dist === 'pert') {
      const k = pertKnotsOf(json);
      let at = tableAt.get(k);
      if (at === undefined) {
        tableAt.set(k, (at = knotCount));
        tables.push(k);
        knotCount += k.length;
      }
      kind[j] = PERT;
      par[4 * j] = at;
    }
  });
  const knots = new Float64Array(knotCount);
  for (const [k, at] of tableAt) knots.set(k, at);
  return {
    fixedValue: Float64Array.from(inputs, (x) => (x.dist.fixed ? x.dist.quantile(0.5) : NaN)),
    drawn,
    kind,
    par,
    knots,
    fns: Array.from(drawn, (i) => inputs[i]!.dist.quantile),
  };
}

/** The value of drawn input `j` (index into `s.drawn`) at uniform `p`: its distribution's quantile. */
export function sampleDrawn(s: InputSampler, j: number, p: number): number {
  const k = s.kind[j]!;
  const o = 4 * j;
  if (k === PERT) {
    const N = PERT_KNOTS;
    const at = s.par[o]!;
    const x = Math.min(N, Math.max(0, p * N));
    const i = Math.min(N - 1, Math.floor(x));
    const lo = s.knots[at + i]!;
    return lo + (x - i) * (s.knots[at + i + 1]! - lo);
  }
  if (k === TRIANGULAR) {
    const a = s.par[o]!;
    const c = s.par[o + 1]!;
    const b = s.par[o + 2]!;
    return p < s.par[o + 3]! ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
  }
  if (k === UNIFORM) return s.par[o]! + p * (s.par[o + 1]! - s.par[o]!);
  return s.fns[j]!(p);
}

/**
 * Every drawn input's value from its uniform: `values[drawn[j]] = quantile(u[drawn[j]])` — what
 * {@link sampleDrawn} gives, in one loop with the arrays held in locals (the per-SKU part of a trial).
 */
export function sampleAll(s: InputSampler, u: Float64Array, values: Float64Array): void {
  const { drawn, kind, par, knots, fns } = s;
  const N = PERT_KNOTS;
  for (let j = 0; j < drawn.length; j++) {
    const i = drawn[j]!;
    const p = u[i]!;
    const k = kind[j]!;
    const o = 4 * j;
    if (k === PERT) {
      const at = par[o]!;
      const x = Math.min(N, Math.max(0, p * N));
      const c = Math.min(N - 1, Math.floor(x));
      const lo = knots[at + c]!;
      values[i] = lo + (x - c) * (knots[at + c + 1]! - lo);
    } else if (k === TRIANGULAR) {
      const a = par[o]!;
      const m = par[o + 1]!;
      const b = par[o + 2]!;
      values[i] = p < par[o + 3]! ? a + Math.sqrt(p * (b - a) * (m - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - m));
    } else if (k === UNIFORM) values[i] = par[o]! + p * (par[o + 1]! - par[o]!);
    else values[i] = fns[j]!(p);
  }
}

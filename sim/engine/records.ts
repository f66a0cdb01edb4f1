/** Reading trial records: one column of numbers per quantity, in trial order. */
import type { Layout, Mode } from './layout.ts';

/** The values at `field` (an offset within a record) of every record, in trial order. */
export function column(recs: Float64Array, layout: Layout, field: number): Float64Array {
  const n = recs.length / layout.stride;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = recs[i * layout.stride + field]!;
  return out;
}

/** Total cost of a mode, per trial. */
export function totals(recs: Float64Array, layout: Layout, mode: Mode): Float64Array {
  return column(recs, layout, layout.modes[mode].total);
}

/** Element-wise a − b. */
export function minus(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

/** Mean delivery days of a histogram at `at` (DELIVERY_BINS bins, bin = days). */
export function histogramMean(rec: Float64Array, at: number, bins: number): number {
  let n = 0;
  let s = 0;
  for (let x = 0; x < bins; x++) {
    n += rec[at + x]!;
    s += x * rec[at + x]!;
  }
  return n > 0 ? s / n : NaN;
}

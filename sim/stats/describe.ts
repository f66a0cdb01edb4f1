/** Summary statistics of a sample (simple-statistics), with the CI of the mean and the CVaR. */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { tQuantile } from './t-quantile.ts';

/** What jitsim reports for every simulated quantity. */
export interface Stats {
  n: number;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
  /** 95 % confidence interval of the mean (Student t). */
  ciLow: number;
  ciHigh: number;
  /** CVaR 95 %: the mean of the worst (highest) 5 % of values. */
  cvar95: number;
}

/**
 * Describes a sample. The sample is copied, never reordered.
 * @example describe([1, 2, 3]).mean // => 2
 */
export function describe(values: ArrayLike<number>): Stats {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const arr = Array.from(sorted);
  if (n === 0) return { n, mean: NaN, sd: NaN, p5: NaN, p50: NaN, p95: NaN, ciLow: NaN, ciHigh: NaN, cvar95: NaN };
  const m = mean(arr);
  const sd = n > 1 ? sampleStandardDeviation(arr) : 0;
  const half = n > 1 ? (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : 0;
  const tail = Math.max(1, Math.ceil(n * 0.05));
  let worst = 0;
  for (let i = n - tail; i < n; i++) worst += sorted[i]!;
  return { n, mean: m, sd, p5: quantileSorted(arr, 0.05), p50: quantileSorted(arr, 0.5), p95: quantileSorted(arr, 0.95), ciLow: m - half, ciHigh: m + half, cvar95: worst / tail };
}

/** Half-width of the 95 % CI of the mean relative to the mean (the `--precision` criterion). */
export function relativeHalfWidth(s: Stats): number {
  return (s.ciHigh - s.ciLow) / 2 / Math.abs(s.mean);
}

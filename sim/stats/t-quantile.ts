/**
 * Quantile of Student's t distribution (Hill 1970 / Abramowitz & Stegun 26.7.5 expansion around
 * the normal quantile; relative error < 1e-4 for ν ≥ 3), for confidence intervals of means.
 */
import { normalQuantile } from '../random/normal.ts';

/** t quantile with `df` degrees of freedom at probability p (e.g. 0.975 for a 95 % two-sided CI). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  if (df <= 0) return NaN;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

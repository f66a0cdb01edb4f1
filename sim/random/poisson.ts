/** Poisson and gamma samplers: exact, allocation-free, each takes its generator. */
import { gammaln } from 'simple-statistics';
import { normalQuantile } from './normal.ts';
import type { RandomSource } from './rng.ts';

/**
 * A Poisson(λ) count. λ < 10: inversion by sequential search; λ ≥ 10: Hörmann's PTRS
 * (transformed rejection with squeeze, "The transformed rejection method for generating Poisson
 * random variables", 1993), whose cost does not grow with λ.
 */
export function samplePoisson(rng: RandomSource, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    let x = 0;
    let p = Math.exp(-lambda);
    let s = p;
    const u = rng.next();
    while (u > s && x < 1000) {
      x++;
      p *= lambda / x;
      s += p;
    }
    return x;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.next() - 0.5;
    const V = rng.next();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - gammaln(k + 1)) return k;
  }
}

/** A standard normal draw (inverse CDF of one uniform). */
export function sampleNormal(rng: RandomSource): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return normalQuantile(u);
}

/**
 * A Gamma(shape, scale 1) draw (Marsaglia & Tsang 2000; shape < 1 by the U^(1/shape) boost).
 * @example sampleGamma(rng, 4) / 4 // a daily demand multiplier with mean 1 and CV 0.5
 */
export function sampleGamma(rng: RandomSource, shape: number): number {
  if (shape < 1) {
    const g = sampleGamma(rng, shape + 1);
    let u = rng.next();
    while (u === 0) u = rng.next();
    return g * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The Poisson(λ) quantile of one uniform u: the smallest k with P(X ≤ k) ≥ u. It is nondecreasing
 * in u AND in λ, and consumes exactly one uniform whatever λ is — so a trial re-run at another
 * order volume keeps its random stream aligned (common random numbers) and its counts move
 * smoothly and monotonically with the volume. λ < 64: exact inversion by sequential search;
 * λ ≥ 64: the Cornish–Fisher expansion of the Poisson quantile (skewness λ^-1/2, excess kurtosis
 * 1/λ), whose error in the CDF is below 1e-3 there and shrinks as λ grows. Where the two methods
 * meet (λ = 64) they may differ by one count for a few u: the monotonicity is exact within each range.
 */
export function poissonQuantile(u: number, lambda: number): number {
  if (!(lambda > 0)) return 0;
  // the generator's uniforms lie in [0, 1); tails beyond 1e-12 are clamped, so that rounding in the
  // running CDF sum never decides a comparison (the search stays monotone in λ)
  u = Math.min(1 - 1e-12, Math.max(1e-12, u));
  if (lambda < 64) {
    let x = 0;
    let p = Math.exp(-lambda);
    let s = p;
    while (u > s && x < 10_000) {
      x++;
      p *= lambda / x;
      s += p;
    }
    return x;
  }
  const z = normalQuantile(u);
  const r = Math.sqrt(lambda);
  const z2 = z * z;
  const x = lambda + r * z + (z2 - 1) / 6 + (z * z2 - 3 * z) / (24 * r) - (2 * z * z2 - 5 * z) / (36 * r);
  return Math.max(0, Math.floor(x + 0.5));
}

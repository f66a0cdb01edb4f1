/**
 * Rank correlation between uncertain inputs by a Gaussian copula: independent normals are mixed
 * by the Cholesky factor of the correlation matrix, turned into uniforms by Φ, and each input takes
 * its own quantile of its uniform. A Spearman rank correlation ρs is met by the normal correlation
 * r = 2 sin(π ρs / 6) (exact for the Gaussian copula).
 */
import { normalCdf, normalQuantile } from './normal.ts';

/** The normal correlation that gives Spearman rank correlation `rho` under a Gaussian copula. */
export function pearsonForSpearman(rho: number): number {
  return 2 * Math.sin((Math.PI * rho) / 6);
}

/**
 * Lower-triangular Cholesky factor of a symmetric matrix (row-major, n × n), or null when the
 * matrix is not positive definite (correlations that contradict each other).
 */
export function cholesky(m: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}

/** Turns independent standard normals `z` (length n) into correlated uniforms, written to `out`. */
export function correlatedUniforms(l: Float64Array, n: number, z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * n + k]! * z[k]!;
    out[i] = normalCdf(s);
  }
}

/**
 * The copula of a scenario: the Cholesky factor over only the inputs that take part in a
 * correlation (`idx`, ascending), the others being independent. Memory and time then grow with the
 * correlated inputs, not with every input (a catalogue of thousands of SKUs has thousands of inputs).
 * The result is the dense factor's, bit for bit: the zero entries it skips add nothing.
 */
export interface CopulaFactor {
  /** Number of inputs. */
  n: number;
  /** The correlated inputs, ascending. */
  idx: Int32Array;
  /** Cholesky factor over `idx` (row-major, idx.length²). */
  l: Float64Array;
}

/** Correlated uniforms for every input from independent normals `z` (inputs outside the factor: Φ(z)). */
export function copulaUniforms(f: CopulaFactor, z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < f.n; i++) out[i] = normalCdf(z[i]!);
  const m = f.idx.length;
  for (let p = 0; p < m; p++) {
    let s = 0;
    for (let q = 0; q <= p; q++) s += f.l[p * m + q]! * z[f.idx[q]!]!;
    out[f.idx[p]!] = normalCdf(s);
  }
}

/**
 * Correlates, in place, the uniforms `u` of the inputs in the factor (every other input keeps its
 * own uniform: Φ(Φ⁻¹(u)) is u, so the inputs outside the factor cost no normal transform at all —
 * a catalogue of thousands of SKUs has thousands of such inputs). `z` is scratch of length ≥ idx.length.
 * A uniform of exactly 0 is read as 2⁻⁵³ (Φ⁻¹(0) is −∞).
 */
export function correlateInPlace(f: CopulaFactor, u: Float64Array, z: Float64Array): void {
  const m = f.idx.length;
  for (let p = 0; p < m; p++) z[p] = normalQuantile(Math.max(u[f.idx[p]!]!, 2 ** -53));
  for (let p = 0; p < m; p++) {
    let s = 0;
    for (let q = 0; q <= p; q++) s += f.l[p * m + q]! * z[q]!;
    u[f.idx[p]!] = normalCdf(s);
  }
}

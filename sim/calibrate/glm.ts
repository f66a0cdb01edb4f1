/**
 * The demand model of an order history, fitted to daily order counts: a Poisson–Gamma (negative
 * binomial) log-linear model — log E[orders on day i] = level + growth·t_i + weekday_i + month_i —
 * by iteratively reweighted least squares with Huber weights on the standardised Pearson residuals
 * (so promotion days and outages pull the fit little), and the over-dispersion φ (Var = μ + φμ²,
 * φ = CV² of the daily rate, the simulator's `dispersion`²) by weighted moments. The same model is
 * the simulator's: rate = ordersPerDay × (1 + g)^(months) × weekly × yearly × Gamma.
 */
import { normalCdf } from '../random/normal.ts';

export interface GlmInput {
  /** Orders per day. */
  y: Float64Array;
  /**
   * Sparse design matrix: row i has its non-zero entries in columns cols[i*q .. i*q+q-1] (−1 = none)
   * with values vals[…] (each day has at most q = 4 non-zeros: level, trend, weekday, month).
   */
  cols: Int32Array;
  vals: Float64Array;
  q: number;
  p: number;
  huberK: number;
  /** Clip of the squared standardised residuals in the φ estimate (larger than huberK: the daily counts are right-skewed). */
  phiClipK: number;
}

export interface GlmFit {
  beta: Float64Array;
  mu: Float64Array;
  /** Huber weight of each day (1 = fully used). */
  weight: Float64Array;
  phi: number;
  iterations: number;
}

/** Solves the symmetric positive (semi)definite system a·x = b (Gaussian elimination, partial pivoting). */
export function solve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const v = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]!) > Math.abs(m[piv * p + c]!)) piv = r;
    if (piv !== c) {
      for (let k = 0; k < p; k++) [m[c * p + k], m[piv * p + k]] = [m[piv * p + k]!, m[c * p + k]!];
      [v[c], v[piv]] = [v[piv]!, v[c]!];
    }
    const d = m[c * p + c]!;
    if (Math.abs(d) < 1e-12) continue; // a column with no information (e.g. a month never seen): its coefficient stays 0
    for (let r = c + 1; r < p; r++) {
      const f = m[r * p + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < p; k++) m[r * p + k]! -= f * m[c * p + k]!;
      v[r]! -= f * v[c]!;
    }
  }
  const x = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    const d = m[r * p + r]!;
    if (Math.abs(d) < 1e-12) continue;
    let s = v[r]!;
    for (let k = r + 1; k < p; k++) s -= m[r * p + k]! * x[k]!;
    x[r] = s / d;
  }
  return x;
}

/** E[min(Z², k²)] for a standard normal Z. */
export function huberConsistency(k: number): number {
  const pdf = Math.exp((-k * k) / 2) / Math.sqrt(2 * Math.PI);
  const tail = 1 - normalCdf(k);
  return 1 - 2 * tail - 2 * k * pdf + 2 * k * k * tail;
}

/** Fits the model; `start` (a previous fit's coefficients) speeds up the bootstrap refits. */
export function fitGlm(inp: GlmInput, start?: Float64Array, tol = 1e-8): GlmFit {
  const { y, cols, vals, q, p, huberK } = inp;
  const ck = huberConsistency(inp.phiClipK);
  const clip2 = inp.phiClipK * inp.phiClipK;
  const n = y.length;
  const beta = new Float64Array(p);
  if (start) beta.set(start);
  else {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i]!;
    beta[0] = Math.log(Math.max(s / n, 1e-3));
  }
  const mu = new Float64Array(n);
  const h = new Float64Array(n).fill(1);
  let phi = 0;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  let it = 0;
  const eta = (i: number) => {
    let e = 0;
    for (let k = i * q; k < i * q + q; k++) if (cols[k]! >= 0) e += vals[k]! * beta[cols[k]!]!;
    return Math.min(Math.max(e, -30), 30);
  };
  for (; it < 50; it++) {
    for (let i = 0; i < n; i++) mu[i] = Math.exp(eta(i));
    // Huber weights, and φ from the clipped squared residuals: Σ min(r², k²)/c_k·(μ + φμ²) = Σ (μ + φμ²)
    // solved for φ (c_k = E[min(Z², k²)] makes it consistent at the normal), so an outlier day
    // counts at most k² instead of r²
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const v = m + phi * m * m;
      const e = y[i]! - m;
      const r = e / Math.sqrt(v);
      const a = Math.abs(r);
      h[i] = a <= huberK ? 1 : huberK / a;
      const r2 = Math.min(r * r, clip2) / ck;
      num += r2 * v - m;
      den += m * m;
    }
    const nextPhi = den > 0 ? Math.max(0, num / den) : 0;
    const phiChange = Math.abs(nextPhi - phi);
    phi = nextPhi;
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const w = (h[i]! * m) / (1 + phi * m);
      const z = Math.log(m) + (y[i]! - m) / m;
      for (let ka = i * q; ka < i * q + q; ka++) {
        const a = cols[ka]!;
        if (a < 0) continue;
        const xa = vals[ka]!;
        xtwz[a]! += w * xa * z;
        for (let kb = i * q; kb < i * q + q; kb++) if (cols[kb]! >= 0) xtwx[a * p + cols[kb]!]! += w * xa * vals[kb]!;
      }
    }
    // a light ridge on every coefficient but the level (one thousandth of a mean day's weight): a
    // weekday or month without a single order gets a very low, finite factor instead of diverging
    const ridge = (1e-3 * xtwx[0]!) / n; // xtwx[0] = Σ weights
    for (let a = 1; a < p; a++) xtwx[a * p + a]! += ridge;
    const next = solve(xtwx, xtwz, p);
    let change = 0;
    for (let k = 0; k < p; k++) change = Math.max(change, Math.abs(next[k]! - beta[k]!));
    beta.set(next);
    if (change < tol && phiChange < tol) break;
  }
  for (let i = 0; i < n; i++) mu[i] = Math.exp(eta(i));
  return { beta, mu, weight: h, phi, iterations: it + 1 };
}

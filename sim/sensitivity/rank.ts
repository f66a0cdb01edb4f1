/** Ranks and rank correlations on typed arrays (no per-value allocation; ties get their average rank). */

/** Ranks 1..n of `x`, ties sharing their average rank. */
export function ranks(x: Float64Array): Float64Array {
  const n = x.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => x[a]! - x[b]! || a - b);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[idx[j]!] === x[idx[i]!]) j++;
    const avg = (i + j + 1) / 2; // ranks i+1 … j
    for (let k = i; k < j; k++) r[idx[k]!] = avg;
    i = j;
  }
  return r;
}

/** Pearson correlation; 0 when either side does not vary. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 3) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  // a side that does not vary (to rounding) carries no information
  if (!(saa > 0) || !(sbb > 0)) return 0;
  const r = sab / Math.sqrt(saa * sbb);
  return Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : 0;
}

/** Spearman's rank correlation of `x` with a variable whose ranks are `ry`. */
export function spearmanWithRanks(x: Float64Array, ry: Float64Array): number {
  return pearson(ranks(x), ry);
}

/**
 * Standardised regression coefficients: the least-squares fit of standardised `y` on the standardised
 * columns together (so each coefficient is a column's effect with the others held fixed, which a
 * correlation between inputs does not blur), as @RISK's regression tornado. Given ranks, these are
 * standardised rank regression coefficients. A column that does not vary gets 0; null when there are
 * not more trials than columns + 1, or the columns are collinear.
 */
export function standardisedRegression(columns: readonly Float64Array[], y: Float64Array): Float64Array | null {
  const n = y.length;
  const out = new Float64Array(columns.length);
  const std = (a: Float64Array): Float64Array | null => {
    let m = 0;
    for (let i = 0; i < n; i++) m += a[i]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (a[i]! - m) ** 2;
    if (!(v > 0)) return null;
    const sd = Math.sqrt(v / (n - 1));
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (a[i]! - m) / sd;
    return z;
  };
  const zy = std(y);
  const used = columns.map((c, j) => ({ j, z: std(c) })).filter((c): c is { j: number; z: Float64Array } => c.z !== null);
  const p = used.length;
  if (!zy) return out;
  if (n <= p + 1) return null;
  // normal equations (Z'Z) b = Z'y, solved by Gaussian elimination with partial pivoting
  const a = new Float64Array(p * (p + 1));
  for (let r = 0; r < p; r++) {
    const zr = used[r]!.z;
    for (let c = r; c < p; c++) {
      const zc = used[c]!.z;
      let s = 0;
      for (let i = 0; i < n; i++) s += zr[i]! * zc[i]!;
      a[r * (p + 1) + c] = s;
      a[c * (p + 1) + r] = s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += zr[i]! * zy[i]!;
    a[r * (p + 1) + p] = s;
  }
  for (let k = 0; k < p; k++) {
    let piv = k;
    for (let r = k + 1; r < p; r++) if (Math.abs(a[r * (p + 1) + k]!) > Math.abs(a[piv * (p + 1) + k]!)) piv = r;
    // collinear columns (e.g. two inputs correlated 1): no unique coefficients
    if (!(Math.abs(a[piv * (p + 1) + k]!) > 1e-9 * (n - 1))) return null;
    if (piv !== k)
      for (let c = 0; c <= p; c++) {
        const t = a[k * (p + 1) + c]!;
        a[k * (p + 1) + c] = a[piv * (p + 1) + c]!;
        a[piv * (p + 1) + c] = t;
      }
    for (let r = 0; r < p; r++) {
      if (r === k) continue;
      const f = a[r * (p + 1) + k]! / a[k * (p + 1) + k]!;
      if (f === 0) continue;
      for (let c = k; c <= p; c++) a[r * (p + 1) + c]! -= f * a[k * (p + 1) + c]!;
    }
  }
  for (let k = 0; k < p; k++) {
    const b = a[k * (p + 1) + p]! / a[k * (p + 1) + k]!;
    out[used[k]!.j] = Number.isFinite(b) ? b : 0;
  }
  return out;
}

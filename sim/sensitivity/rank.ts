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

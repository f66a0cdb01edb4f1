/**
 * Fitting a client's order history: demand (level, monthly trend, weekly and yearly seasonality,
 * over-dispersion — sim/calibrate/glm.ts), destination shares, SKU mix with weight distributions,
 * return rate and order value. Aggregation with arquero, statistics with simple-statistics; every
 * fitted value carries its bootstrap uncertainty (a parametric bootstrap of the demand model, and a
 * bootstrap of whole days for the shares, rates and means), drawn from the seeded generator.
 */
import * as aq from 'arquero';
import { quantileSorted, sampleRankCorrelation, sampleStandardDeviation } from 'simple-statistics';
import { Xoshiro128 } from '../random/rng.ts';
import { samplePoisson, sampleGamma } from '../random/poisson.ts';
import { bracketIndex } from '../data/rate-card.ts';
import { fitGlm } from './glm.ts';
import type { Orders } from './orders.ts';

export interface FitSettings {
  replicates: number;
  seed: number;
  maxSkus: number;
  bracketSplitMinShare: number;
  minYearDays: number;
  minWeekDays: number;
  minTrendDays: number;
  huberK: number;
  phiClipK: number;
  /** Upper bounds of the rate-card weight brackets (kg), to split SKUs by bracket. */
  brackets: Float64Array;
}

/** The Agresti–Coull standard error of a proportion k of n: p̃ = (k + 2)/(n + 4), √(p̃(1 − p̃)/(n + 4)). */
export function binomialSe(k: number, n: number): number {
  const p = (k + 2) / (n + 4);
  return Math.sqrt((p * (1 - p)) / (n + 4));
}

/** An estimate whose standard error is at least `se` (its interval widened to ±1.96 se around the value). */
function floorSe<T extends Est>(e: T, se: number): T {
  if (!(se > e.se)) return e;
  return { ...e, se, ci: [Math.min(e.ci[0], Math.max(0, e.value - 1.96 * se)), Math.max(e.ci[1], Math.min(1, e.value + 1.96 * se))] };
}

/** A fitted value: estimate and bootstrap standard error (and 95 % percentile interval). */
export interface Est {
  value: number;
  se: number;
  ci: [number, number];
}

export interface SkuFit {
  /** Entry id in the scenario (SKU id, or SKU@bracket when split). */
  id: string;
  sku: string;
  /** Upper bound of the bracket when the SKU was split by bracket. */
  bracketKg?: number;
  orders: number;
  share: number;
  /** Bootstrap standard error of the share (whole-day resampling). */
  shareSe: number;
  weightKg: Est & { p10: number; p50: number; p90: number; min: number; max: number };
  /** Mean order value, CNY (undefined when the export has none). */
  valueCny?: Est;
}

export interface CalibrationFit {
  firstDay: number;
  lastDay: number;
  days: number;
  /** Day the scenario starts (first day of the month after the history). */
  startDay: number;
  orders: number;
  ordersPerDayMean: number;
  /** Level at the start date, before seasonality. */
  ordersPerDay: Est;
  monthlyGrowth: Est;
  dispersion: Est;
  /** Spearman rank correlation of level and growth across the bootstrap. */
  levelGrowthRankCorrelation: number;
  weekly: number[];
  weeklySe: number[];
  yearly?: number[];
  yearlySe?: number[];
  yearlyFitted: boolean;
  weeklyFitted: boolean;
  trendFitted: boolean;
  quality: { dailyPseudoR2: number; monthlyMape: number; downWeightedDays: { date: string; orders: number; expected: number }[]; iterations: number };
  destinations: { country: string; orders: number; share: Est }[];
  skus: SkuFit[];
  /** Kept SKUs + the pooled rest. */
  distinctSkus: number;
  pooledSkus: number;
  returnRate?: Est & { known: number };
  valueCny?: Est;
  weightKg: { p10: number; p50: number; p90: number; mean: number };
}

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function est(value: number, reps: Float64Array | number[]): Est {
  const arr = Array.from(reps).filter(Number.isFinite);
  if (!Number.isFinite(value)) throw new Error(`calibrate: a fitted value is not finite (${value})`);
  if (arr.length < 2) return { value, se: 0, ci: [value, value] };
  const s = Float64Array.from(arr).sort();
  const se = sampleStandardDeviation(arr);
  if (!Number.isFinite(se)) return { value, se: 0, ci: [value, value] };
  return { value, se, ci: [quantileSorted(Array.from(s), 0.025), quantileSorted(Array.from(s), 0.975)] };
}

/** Days since epoch → first day of the next month. */
function nextMonthStart(day: number): number {
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
}

/**
 * P10, P50, P90, min and max of the weights per group (group[i] in 0..groups-1, or one group when
 * null), to the gram: one counting pass into 1 g histograms, each quantile the bin where the
 * cumulative count reaches it (instead of sorting every group).
 */
function gramQuantiles(w: Float64Array, group: Int32Array | null, groups: number, maxGrams: number): { p10: number; p50: number; p90: number; min: number; max: number }[] {
  const B = maxGrams + 1;
  const h = new Uint32Array(groups * B);
  const n = new Float64Array(groups);
  for (let i = 0; i < w.length; i++) {
    const g = group ? group[i]! : 0;
    h[g * B + Math.min(maxGrams, Math.round(w[i]! * 1000))]!++;
    n[g]!++;
  }
  return Array.from({ length: groups }, (_, g) => {
    const at = (p: number) => {
      const target = Math.max(1, Math.ceil(p * n[g]!));
      let c = 0;
      for (let b = 0; b < B; b++) if ((c += h[g * B + b]!) >= target) return b / 1000;
      return maxGrams / 1000;
    };
    let lo = 0;
    while (lo < maxGrams && h[g * B + lo] === 0) lo++;
    let hi = maxGrams;
    while (hi > 0 && h[g * B + hi] === 0) hi--;
    return { p10: at(0.1), p50: at(0.5), p90: at(0.9), min: lo / 1000, max: hi / 1000 };
  });
}

export function fitOrders(o: Orders, s: FitSettings): CalibrationFit {
  const n = o.n;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = o.day[i]!;
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }
  const T = lastDay - firstDay + 1;
  const startDay = nextMonthStart(lastDay);
  const rng = new Xoshiro128(s.seed);
  const B = s.replicates;

  // ---- aggregation (arquero): orders per day, per destination, per SKU -------------------------
  // one typed-array pass over the orders; arquero orders the aggregated tables
  const y = new Float64Array(T);
  const destCount = new Float64Array(o.destinations.length);
  const skuCount = new Float64Array(o.skus.length);
  for (let i = 0; i < n; i++) {
    y[o.day[i]! - firstDay]!++;
    destCount[o.dest[i]!]!++;
    skuCount[o.sku[i]!]!++;
  }
  const perDest = aq.table({ dest: Int32Array.from(destCount.keys()), count: destCount, name: o.destinations }).orderby(aq.desc('count'), 'name').objects() as { dest: number; count: number }[];
  const perSku = aq.table({ sku: Int32Array.from(skuCount.keys()), count: skuCount, name: o.skus }).orderby(aq.desc('count'), 'name').objects() as { sku: number; count: number }[];

  // ---- demand: Poisson–Gamma log-linear model, Huber-robust -----------------------------------
  // which parts of the model the history can carry: weekly needs whole weeks, a trend some months,
  // yearly a full year (each left at its default otherwise, with a warning in the scenario)
  const weeklyFitted = T >= s.minWeekDays;
  const trendFitted = T >= s.minTrendDays;
  const yearlyFitted = T >= s.minYearDays;
  const cTrend = trendFitted ? 1 : -1;
  const cDow = weeklyFitted ? (trendFitted ? 2 : 1) : -1; // columns cDow .. cDow+5: Tue..Sun
  const cMonth = yearlyFitted ? (cDow >= 0 ? cDow + 6 : trendFitted ? 2 : 1) : -1; // Feb..Dec
  const p = 1 + (trendFitted ? 1 : 0) + (weeklyFitted ? 6 : 0) + (yearlyFitted ? 11 : 0);
  // sparse design: level, trend (months from the start date), weekday (vs Monday), month (vs January)
  const q = 4;
  const cols = new Int32Array(T * q).fill(-1);
  const vals = new Float64Array(T * q);
  const monthOfDay = new Int32Array(T);
  for (let i = 0; i < T; i++) {
    const day = firstDay + i;
    const date = new Date(day * 86_400_000);
    const dow = (date.getUTCDay() + 6) % 7;
    const month = date.getUTCMonth();
    monthOfDay[i] = (date.getUTCFullYear() - 1970) * 12 + month;
    cols[i * q] = 0;
    vals[i * q] = 1;
    if (trendFitted) (cols[i * q + 1] = cTrend), (vals[i * q + 1] = ((day - startDay) * 12) / 365);
    if (weeklyFitted && dow > 0) (cols[i * q + 2] = cDow + dow - 1), (vals[i * q + 2] = 1);
    if (yearlyFitted && month > 0) (cols[i * q + 3] = cMonth + month - 1), (vals[i * q + 3] = 1);
  }
  const design = { cols, vals, q, p, huberK: s.huberK, phiClipK: s.phiClipK };
  const glm = fitGlm({ y, ...design });
  const summarise = (beta: Float64Array) => {
    const wk = weeklyFitted ? [1, ...Array.from({ length: 6 }, (_, j) => Math.exp(beta[cDow + j]!))] : new Array<number>(7).fill(1);
    const wMean = wk.reduce((a, b) => a + b, 0) / 7;
    const yr = yearlyFitted ? [1, ...Array.from({ length: 11 }, (_, j) => Math.exp(beta[cMonth + j]!))] : new Array<number>(12).fill(1);
    const yMean = yr.reduce((a, b) => a + b, 0) / 12;
    return { level: Math.exp(beta[0]!) * wMean * yMean, growth: trendFitted ? Math.exp(beta[cTrend]!) - 1 : 0, weekly: wk.map((v) => v / wMean), yearly: yr.map((v) => v / yMean) };
  };
  const point = summarise(glm.beta);
  // parametric bootstrap: new daily counts from the fitted model (Gamma-mixed Poisson), refitted
  const bLevel = new Float64Array(B);
  const bGrowth = new Float64Array(B);
  const bDisp = new Float64Array(B);
  const bWeekly = Array.from({ length: 7 }, () => new Float64Array(B));
  const bYearly = Array.from({ length: 12 }, () => new Float64Array(B));
  const yStar = new Float64Array(T);
  const shape = glm.phi > 0 ? 1 / glm.phi : 0;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < T; i++) {
      const m = glm.mu[i]!;
      yStar[i] = samplePoisson(rng, shape > 0 ? (m * sampleGamma(rng, shape)) / shape : m);
    }
    const f = fitGlm({ y: yStar, ...design }, glm.beta, 1e-6);
    const r = summarise(f.beta);
    bLevel[b] = r.level;
    bGrowth[b] = r.growth;
    bDisp[b] = Math.sqrt(f.phi);
    for (let j = 0; j < 7; j++) bWeekly[j]![b] = r.weekly[j]!;
    for (let j = 0; j < 12; j++) bYearly[j]![b] = r.yearly[j]!;
  }
  // fit quality: pseudo-R² of daily counts and MAPE of monthly totals
  let ssRes = 0;
  let ssTot = 0;
  const ybar = n / T;
  const monthly = new Map<number, { y: number; mu: number }>();
  const down: CalibrationFit['quality']['downWeightedDays'] = [];
  for (let i = 0; i < T; i++) {
    ssRes += (y[i]! - glm.mu[i]!) ** 2;
    ssTot += (y[i]! - ybar) ** 2;
    const m = monthly.get(monthOfDay[i]!) ?? { y: 0, mu: 0 };
    m.y += y[i]!;
    m.mu += glm.mu[i]!;
    monthly.set(monthOfDay[i]!, m);
    if (glm.weight[i]! < 0.5) down.push({ date: iso(firstDay + i), orders: y[i]!, expected: Math.round(glm.mu[i]! * 10) / 10 });
  }
  const months = [...monthly.values()].filter((m) => m.y > 0);
  const monthlyMape = months.reduce((a, m) => a + Math.abs(m.mu - m.y) / m.y, 0) / Math.max(1, months.length);

  // ---- day-cluster bootstrap for shares, rates and means ---------------------------------------
  // day indices of each replicate, drawn once and shared by every statistic
  const draws = new Int32Array(B * T);
  for (let k = 0; k < draws.length; k++) draws[k] = Math.floor(rng.next() * T);
  const dayBoot = (perDayNum: Float64Array, perDayDen: Float64Array, width: number): Float64Array[] => {
    // per-day sums (T × width) → per replicate ratio num/den per column
    const out = Array.from({ length: width }, () => new Float64Array(B));
    const nu = new Float64Array(width);
    const de = new Float64Array(width);
    for (let b = 0; b < B; b++) {
      nu.fill(0);
      de.fill(0);
      for (let t = 0; t < T; t++) {
        const d = draws[b * T + t]!;
        for (let c = 0; c < width; c++) {
          nu[c]! += perDayNum[d * width + c]!;
          de[c]! += perDayDen[d * width + c]!;
        }
      }
      for (let c = 0; c < width; c++) out[c]![b] = de[c]! > 0 ? nu[c]! / de[c]! : NaN;
    }
    return out;
  };

  // destinations
  const D = o.destinations.length;
  const destNum = new Float64Array(T * D);
  const destDen = new Float64Array(T * D);
  for (let i = 0; i < n; i++) destNum[(o.day[i]! - firstDay) * D + o.dest[i]!]!++;
  for (let t = 0; t < T; t++) for (let c = 0; c < D; c++) destDen[t * D + c] = y[t]!;
  const destBoot = dayBoot(destNum, destDen, D);
  const destinations = perDest.map((r) => ({ country: o.destinations[r.dest]!, orders: r.count, share: est(r.count / n, destBoot[r.dest]!) }));

  // SKU groups: the top SKUs by orders, the rest pooled; each split by weight bracket when needed
  const keep = perSku.slice(0, s.maxSkus);
  const groupOfSku = new Int32Array(o.skus.length).fill(keep.length);
  keep.forEach((r, g) => (groupOfSku[r.sku] = g));
  const pooled = perSku.length - keep.length;
  const G = keep.length + (pooled > 0 ? 1 : 0);
  const groupName = (g: number) => (g < keep.length ? o.skus[keep[g]!.sku]! : 'other-skus');
  const NB = s.brackets.length;
  const gbCount = new Float64Array(G * NB);
  const bracketOf = new Int32Array(n);
  let maxGrams = 0;
  for (let i = 0; i < n; i++) maxGrams = Math.max(maxGrams, Math.ceil(o.weightKg[i]! * 1000));
  for (let i = 0; i < n; i++) {
    let b = bracketIndex(s.brackets, o.weightKg[i]!);
    if (b < 0) b = NB - 1;
    bracketOf[i] = b;
    gbCount[groupOfSku[o.sku[i]!]! * NB + b]!++;
  }
  // entry of each (group, bracket): brackets with at least the minimum share get their own entry;
  // orders of smaller brackets join the nearest kept bracket of their group
  const entryOf = new Int32Array(G * NB).fill(-1);
  const entries: { group: number; bracket: number; split: boolean }[] = [];
  for (let g = 0; g < G; g++) {
    let tot = 0;
    for (let b = 0; b < NB; b++) tot += gbCount[g * NB + b]!;
    const keptB: number[] = [];
    let best = 0;
    for (let b = 0; b < NB; b++) {
      if (gbCount[g * NB + b]! > gbCount[g * NB + best]!) best = b;
      if (tot > 0 && gbCount[g * NB + b]! / tot >= s.bracketSplitMinShare) keptB.push(b);
    }
    if (!keptB.length) keptB.push(best);
    const first = entries.length;
    for (const b of keptB) entries.push({ group: g, bracket: b, split: keptB.length > 1 });
    for (let b = 0; b < NB; b++) {
      let k = 0;
      for (let j = 1; j < keptB.length; j++) if (Math.abs(keptB[j]! - b) < Math.abs(keptB[k]! - b)) k = j;
      entryOf[g * NB + b] = first + k;
    }
  }
  const E = entries.length;
  const entryIdx = new Int32Array(n);
  const eCount = new Float64Array(E);
  const wNum = new Float64Array(T * E);
  const wDen = new Float64Array(T * E);
  const vNum = new Float64Array(T * E);
  const vDen = new Float64Array(T * E);
  let anyValue = false;
  for (let i = 0; i < n; i++) {
    const e = entryOf[groupOfSku[o.sku[i]!]! * NB + bracketOf[i]!]!;
    entryIdx[i] = e;
    eCount[e]!++;
    const k = (o.day[i]! - firstDay) * E + e;
    wNum[k]! += o.weightKg[i]!;
    wDen[k]!++;
    const v = o.valueCny[i]!;
    if (!Number.isNaN(v)) {
      anyValue = true;
      vNum[k]! += v;
      vDen[k]!++;
    }
  }
  const wBoot = dayBoot(wNum, wDen, E);
  // SKU-entry shares: orders of the entry ÷ orders of the day, over the resampled days
  const sDen = new Float64Array(T * E);
  for (let t = 0; t < T; t++) for (let e = 0; e < E; e++) sDen[t * E + e] = y[t]!;
  const sBoot = dayBoot(wDen, sDen, E);
  const vBoot = anyValue ? dayBoot(vNum, vDen, E) : [];
  // weight quantiles per entry, from gram histograms (one counting pass instead of sorting each entry)
  const wqs = gramQuantiles(o.weightKg, entryIdx, E, maxGrams);
  const wq = new Map(wqs.map((q, e) => [e, q]));
  const sumOf = (a: Float64Array, e: number) => {
    let t = 0;
    for (let k = e; k < a.length; k += E) t += a[k]!;
    return t;
  };
  const skus: SkuFit[] = entries.map((en, e) => {
    const name = groupName(en.group);
    const q = wq.get(e)!;
    const mean = sumOf(wNum, e) / sumOf(wDen, e);
    const vn = sumOf(vDen, e);
    return {
      id: en.split ? `${name}@${s.brackets[en.bracket]}kg` : name,
      sku: name,
      ...(en.split ? { bracketKg: s.brackets[en.bracket]! } : {}),
      orders: eCount[e]!,
      share: eCount[e]! / n,
      shareSe: est(eCount[e]! / n, sBoot[e]!).se,
      weightKg: { ...est(mean, wBoot[e]!), p10: q.p10, p50: q.p50, p90: q.p90, min: q.min, max: q.max },
      ...(vn > 0 ? { valueCny: est(sumOf(vNum, e) / vn, vBoot[e]!) } : {}),
    };
  });

  // return rate and order value over all orders
  const rNum = new Float64Array(T);
  const rDen = new Float64Array(T);
  const aNum = new Float64Array(T);
  const aDen = new Float64Array(T);
  let known = 0;
  let returned = 0;
  let valSum = 0;
  let valN = 0;
  for (let i = 0; i < n; i++) {
    const t = o.day[i]! - firstDay;
    if (o.returned[i] !== 255) {
      known++;
      rDen[t]!++;
      if (o.returned[i] === 1) {
        returned++;
        rNum[t]!++;
      }
    }
    const v = o.valueCny[i]!;
    if (!Number.isNaN(v)) {
      valSum += v;
      valN++;
      aNum[t]! += v;
      aDen[t]!++;
    }
  }
  // the bootstrap over days cannot see the sampling error of a few orders (two days of history give two
  // resamples): the standard error is never below the binomial one (Agresti–Coull, so 0 of 40 still carries some)
  const returnRate = known > 0 ? floorSe({ ...est(returned / known, dayBoot(rNum, rDen, 1)[0]!), known }, binomialSe(returned, known)) : undefined;
  const valueCny = valN > 0 ? est(valSum / valN, dayBoot(aNum, aDen, 1)[0]!) : undefined;

  const all = gramQuantiles(o.weightKg, null, 1, maxGrams)[0]!;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += o.weightKg[i]!;

  return {
    firstDay,
    lastDay,
    days: T,
    startDay,
    orders: n,
    ordersPerDayMean: n / T,
    ordersPerDay: est(point.level, bLevel),
    monthlyGrowth: est(point.growth, bGrowth),
    dispersion: est(Math.sqrt(glm.phi), bDisp),
    levelGrowthRankCorrelation: B > 2 ? sampleRankCorrelation(Array.from(bLevel), Array.from(bGrowth)) : 0,
    weekly: point.weekly,
    weeklySe: bWeekly.map((r) => sampleStandardDeviation(Array.from(r))),
    ...(yearlyFitted ? { yearly: point.yearly, yearlySe: bYearly.map((r) => sampleStandardDeviation(Array.from(r))) } : {}),
    yearlyFitted,
    weeklyFitted,
    trendFitted,
    quality: { dailyPseudoR2: ssTot > 0 ? 1 - ssRes / ssTot : 0, monthlyMape, downWeightedDays: down, iterations: glm.iterations },
    destinations,
    skus,
    distinctSkus: o.skus.length,
    pooledSkus: pooled,
    ...(returnRate ? { returnRate } : {}),
    ...(valueCny ? { valueCny } : {}),
    weightKg: { p10: all.p10, p50: all.p50, p90: all.p90, mean: wSum / n },
  };
}

/**
 * The order mix of one trial: destination shares, SKU shares and the day-by-day seasonality
 * (weekly × yearly). A scenario may make them uncertain — `shareUncertainty` (a Dirichlet
 * concentration per share vector) and `demand.weeklySd` / `demand.yearlySd` (a standard error per
 * seasonal factor), as `jitsim calibrate` writes them from its bootstrap — and then every trial draws
 * its own mix. The draws come from their own stream of the trial's generator (stream MIX_STREAM), so
 * the order flow's stream is unchanged, a scenario without mix uncertainty gives the same results as
 * before, and the mix of a trial is the same in every tornado, break-even and impact run (common
 * random numbers). Nothing here allocates: the arrays are the worker's scratch.
 */
import { sampleGamma, sampleNormal } from '../random/poisson.ts';
import { trialRng } from '../random/rng.ts';

/** Stream index of the mix draws in trialRng(seed, trial, stream). */
export const MIX_STREAM = 1;

/** What the mix draw needs, compiled once per run (part of the SimPlan, plain data). */
export interface MixPlan {
  /** Normalised shares (sum 1). */
  destShare: Float64Array;
  skuShare: Float64Array;
  /** Per day of the horizon: the day of the week (Monday = 0) and the calendar month (January = 0). */
  dayOfWeek: Uint8Array;
  monthOfYear: Uint8Array;
  /** Seasonal factors as given (not normalised) and their standard errors (empty = exact). */
  weekly: Float64Array;
  weeklySd: Float64Array;
  yearly: Float64Array;
  yearlySd: Float64Array;
  /** Dirichlet concentration of each share vector (0 = exact shares). */
  destConcentration: number;
  skuConcentration: number;
}

/** Per-trial mix, in the worker's scratch. */
export interface MixScratch {
  destShare: Float64Array;
  skuShare: Float64Array;
  season: Float64Array;
  week: Float64Array;
  year: Float64Array;
}

/** True when some part of the mix is uncertain (a trial then draws its own). */
export function mixIsUncertain(m: MixPlan): boolean {
  return m.destConcentration > 0 || m.skuConcentration > 0 || m.weeklySd.length > 0 || m.yearlySd.length > 0;
}

/** Allocates the scratch of the mix (once per worker). */
export function makeMixScratch(m: MixPlan, days: number): MixScratch {
  return { destShare: new Float64Array(m.destShare.length), skuShare: new Float64Array(m.skuShare.length), season: new Float64Array(days), week: new Float64Array(7), year: new Float64Array(12) };
}

/** Dirichlet(concentration × shares) into `out`; the shares themselves when the concentration is 0. */
function dirichlet(rng: ReturnType<typeof trialRng>, shares: Float64Array, concentration: number, out: Float64Array): void {
  if (!(concentration > 0) || shares.length < 2) {
    out.set(shares);
    return;
  }
  let total = 0;
  for (let i = 0; i < shares.length; i++) {
    const a = concentration * shares[i]!;
    const g = a > 0 ? sampleGamma(rng, a) : 0;
    out[i] = g;
    total += g;
  }
  if (!(total > 0)) out.set(shares);
  else for (let i = 0; i < out.length; i++) out[i]! /= total;
}

/** Seasonal factors drawn around their values (normal, truncated at 0), normalised to mean 1. */
function factors(rng: ReturnType<typeof trialRng>, values: Float64Array, sd: Float64Array, out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const s = sd.length ? sd[i]! : 0;
    const v = s > 0 ? Math.max(0, values[i]! + s * sampleNormal(rng)) : values[i]!;
    out[i] = v;
    total += v;
  }
  const mean = total / values.length;
  for (let i = 0; i < out.length; i++) out[i] = mean > 0 ? out[i]! / mean : 1;
}

/**
 * This trial's mix into `sc`: drawn when the scenario makes it uncertain, else the plan's own
 * shares and seasonality (`season` = the plan's per-day factors).
 */
export function drawMix(m: MixPlan, planSeason: Float64Array, seed: number, trialIndex: number, sc: MixScratch): void {
  if (!mixIsUncertain(m)) {
    sc.destShare.set(m.destShare);
    sc.skuShare.set(m.skuShare);
    sc.season.set(planSeason);
    return;
  }
  const rng = trialRng(seed, trialIndex, MIX_STREAM);
  dirichlet(rng, m.destShare, m.destConcentration, sc.destShare);
  dirichlet(rng, m.skuShare, m.skuConcentration, sc.skuShare);
  factors(rng, m.weekly, m.weeklySd, sc.week);
  factors(rng, m.yearly, m.yearlySd, sc.year);
  for (let d = 0; d < sc.season.length; d++) sc.season[d] = sc.week[m.dayOfWeek[d]!]! * sc.year[m.monthOfYear[d]!]!;
}

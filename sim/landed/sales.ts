/**
 * The delivery-speed sales effect (profit view): per mode and destination, the mean delivery days of
 * the mode's lane (the rate card's days, a client card's own days when it brings one — the same
 * days as the delivery-time histograms), the mode under which the scenario's demand was observed,
 * and the per-trial draw of the sales uplift per business day faster (modes.salesUpliftPerBusinessDay,
 * PERT between its …Min and …Max) from its own random stream, so that it moves no other draw.
 */
import type { RateCard } from '../data/rate-card.ts';
import { compileDist, type Dist } from '../random/dist.ts';
import { trialRng } from '../random/rng.ts';

/** Stream index of the sales-uplift draw in trialRng(seed, trial, stream) (sim/engine/mix.ts uses 1). */
export const SALES_STREAM = 2;

export const SALES_MODES = ['jit', 'warehouse', 'direct'] as const;

export interface SalesPlan {
  /** Mean delivery days per mode × destination (NaN when the lane has no days). */
  days: Float64Array;
  /** Index into SALES_MODES of the mode the demand was observed under. */
  baseline: number;
  enabled: boolean;
}

/** Mean days of a lane ((min + max) / 2; the histograms spread orders uniformly over [min, max]). */
export function laneMeanDays(card: RateCard, lane: number): number {
  return lane >= 0 ? (card.daysMin[lane]! + card.daysMax[lane]!) / 2 : NaN;
}

export function compileSales(cards: { jit: RateCard; lastMile: RateCard; direct: RateCard }, lanes: { jit: Int32Array; lastMile: Int32Array; direct: Int32Array }, baseline: (typeof SALES_MODES)[number], enabled: boolean): SalesPlan {
  const D = lanes.jit.length;
  const days = new Float64Array(3 * D);
  for (let d = 0; d < D; d++) {
    days[d] = laneMeanDays(cards.jit, lanes.jit[d]!);
    days[D + d] = laneMeanDays(cards.lastMile, lanes.lastMile[d]!);
    days[2 * D + d] = laneMeanDays(cards.direct, lanes.direct[d]!);
  }
  return { days, baseline: SALES_MODES.indexOf(baseline), enabled };
}

let cached: { key: string; dist: Dist } | null = null;

/** PERT(min, mode, max) of the uplift; a degenerate range is its mode. Compiled once per distinct triple. */
function upliftDist(min: number, mode: number, max: number): Dist {
  const lo = Math.min(min, mode);
  const hi = Math.max(max, mode);
  const key = `${lo} ${mode} ${hi}`;
  if (cached?.key === key) return cached.dist;
  const dist = hi > lo ? compileDist({ dist: 'pert', min: lo, mode, max: hi }) : compileDist(mode);
  cached = { key, dist };
  return dist;
}

/** This trial's sales uplift per business day: one uniform of the trial's own sales stream. */
export function drawUplift(seed: number, trialIndex: number, min: number, mode: number, max: number): number {
  return upliftDist(min, mode, max).quantile(trialRng(seed, trialIndex, SALES_STREAM).next());
}

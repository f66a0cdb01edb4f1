/**
 * Break-even rate levels, read from the main run's trials without simulating again. A rate card's
 * multiplier scales every price of that card and nothing else (sim/engine/trial.ts: JIT logistics and
 * its discount, direct shipping and the JIT orders that fail routing, the last mile and head-haul of
 * the self-run and the 3PL warehouse), so in each trial a mode's cost is exactly `other + multiplier × (its priced part ÷ the
 * trial's multiplier)`: the multiplier at which two modes cost the same follows from the trial's own
 * components. The figure is the distribution over the trials of that crossing multiplier (P5, P50,
 * P95) and the share of trials where no positive multiplier makes them equal.
 */
import { describe, type Stats } from '../stats/describe.ts';
import { MODES, type Mode } from '../engine/layout.ts';
import { LEG_COMPONENTS, type TrialStore } from '../engine/store.ts';
import type { SimPlan } from '../engine/plan.ts';
import { availableModes } from '../engine/available-modes.ts';
import { RATE_CARD_LEGS, type RateCardLeg } from '../scenario/schema.ts';

export { LEG_COMPONENTS } from '../engine/store.ts';

export interface RateBreakEven {
  pair: [Mode, Mode];
  leg: RateCardLeg;
  /** How the figure was obtained: exactly, from each trial of the main run (no extra simulation). */
  method: 'main-run-exact';
  /** Mean multiplier the run drew for the leg (1 when the leg is not uncertain). */
  multiplierNow: number;
  /** Share of trials in which some positive multiplier makes the two modes cost the same. */
  foundShare: number;
  /** The crossing multiplier over the trials that have one: read its p5, p50 and p95. */
  multiplier: Stats | null;
  /** Which mode is cheaper below the crossing multiplier (majority of the trials that have one). */
  cheaperBelow: Mode | null;
}

/** The break-even multiplier of every leg for every pair of available modes it affects (from what the run kept per trial). */
export function rateBreakEvens(plan: SimPlan, store: TrialStore): RateBreakEven[] {
  const n = store.n;
  const available = availableModes(plan);
  const out: RateBreakEven[] = [];
  const zero = new Float64Array(n);
  for (let a = 0; a < MODES.length; a++)
    for (let b = a + 1; b < MODES.length; b++) {
      const A = MODES[a]!;
      const B = MODES[b]!;
      if (!available.includes(A) || !available.includes(B)) continue;
      const totA = store.totals(A);
      const totB = store.totals(B);
      RATE_CARD_LEGS.forEach((leg) => {
        const parts = LEG_COMPONENTS[leg];
        if (!parts[A] && !parts[B]) return;
        const mult = store.rateMultiplier(leg);
        const partA = (parts[A] && store.legPart(leg, A)) || zero;
        const partB = (parts[B] && store.legPart(leg, B)) || zero;
        const found: number[] = [];
        let belowA = 0;
        let sumM = 0;
        for (let t = 0; t < n; t++) {
          const m = mult ? mult[t]! : 1;
          sumM += m;
          const d = totA[t]! - totB[t]!;
          // the difference's slope in the multiplier: the priced parts at multiplier 1
          const slope = (partA[t]! - partB[t]!) / m;
          if (!(Math.abs(slope) > 1e-9)) continue;
          const cross = m - d / slope;
          if (!(cross > 0) || !Number.isFinite(cross)) continue;
          found.push(cross);
          // A is cheaper below the crossing when its cost rises faster with the multiplier
          if (slope > 0) belowA++;
        }
        out.push({ pair: [A, B], leg, method: 'main-run-exact', multiplierNow: n ? sumM / n : 1, foundShare: n ? found.length / n : 0, multiplier: found.length ? describe(found) : null, cheaperBelow: found.length ? (belowA * 2 >= found.length ? A : B) : null });
      });
    }
  return out;
}

/**
 * Break-even volumes: for each pair of modes, the orders/day at which they cost the same. The same
 * trials (same seeds: common random numbers) are run at volume multipliers on a log grid; in each
 * trial the cost difference is interpolated (linear in log volume) to its sign change nearest the
 * scenario's own volume, giving one break-even per trial. The report gives the distribution of that
 * crossing volume over the trials (P5, P50, P95) and the share of trials with no crossing in the
 * searched range — not the CI of a mean over the trials that happened to cross. Pairs with a mode
 * the client cannot use (JIT unavailable) have no break-even.
 */
import { describe, type Stats } from '../stats/describe.ts';
import { MODES, inputOffset, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { totals } from './records.ts';
import { availableModes } from './available-modes.ts';
import type { Runner } from './runner.ts';

export interface BreakEven {
  pair: [Mode, Mode];
  /** How the figure was obtained: the same trials re-run at each volume of a grid (a volume changes the orders drawn, so the main run cannot answer it). */
  method: 'volume-grid-rerun';
  /** Share of trials with a break-even inside the searched range. */
  foundShare: number;
  /** Share of trials with no crossing between 1/16× and 16× the volume (1 − foundShare). */
  noCrossingShare: number;
  /** Break-even starting orders/day (the scenario's `demand.ordersPerDay` scale) over the trials where it exists: read its p5, p50 and p95. */
  ordersPerDay: Stats | null;
  /** Which mode is cheaper below the break-even (majority of the trials that have one). */
  cheaperBelow: Mode | null;
  /** In the trials without a break-even: which mode is cheaper at every volume searched (majority). */
  cheaperThroughout: Mode | null;
  /** Mean total cost of each mode at each multiplier (for charts). */
  curve: { multiplier: number; ordersPerDay: number; meanCny: Record<Mode, number> }[];
}

/** Volume multipliers searched: 2^-4 … 2^4 in half-octave steps (1/16× to 16× the scenario's volume). */
export const BREAK_EVEN_GRID = Array.from({ length: 17 }, (_, i) => 2 ** ((i - 8) / 2));

/** Computes the break-even of every pair of modes on `trials` trials. */
export async function breakEvens(plan: SimPlan, runner: Runner, seed: number, trials: number): Promise<BreakEven[]> {
  const L = plan.layout;
  const grid = BREAK_EVEN_GRID;
  const byMult: Record<Mode, Float64Array>[] = [];
  let basePerDay = new Float64Array(trials);
  // every multiplier at once, so that a pool keeps all its workers busy
  const runs = await Promise.all(grid.map((v) => runner.run(seed, 0, trials, { volumeMultiplier: v })));
  runs.forEach((recs, g) => {
    byMult.push({ jit: totals(recs, L, 'jit'), warehouse: totals(recs, L, 'warehouse'), direct: totals(recs, L, 'direct'), tpl: totals(recs, L, 'tpl') });
    if (grid[g] === 1) basePerDay = Float64Array.from({ length: trials }, (_, i) => recs[i * L.stride + inputOffset(L, plan.at.ordersPerDay)]!);
  });
  const mid = grid.indexOf(1);
  const out: BreakEven[] = [];
  const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
  const curve = grid.map((v, g) => ({ multiplier: v, ordersPerDay: v * mean(basePerDay), meanCny: { jit: mean(byMult[g]!.jit), warehouse: mean(byMult[g]!.warehouse), direct: mean(byMult[g]!.direct), tpl: mean(byMult[g]!.tpl) } }));
  const available = availableModes(plan);
  for (let a = 0; a < MODES.length; a++)
    for (let b = a + 1; b < MODES.length; b++) {
      const A = MODES[a]!;
      const B = MODES[b]!;
      if (!available.includes(A) || !available.includes(B)) continue;
      const found: number[] = [];
      let belowA = 0;
      let belowB = 0;
      let alwaysA = 0;
      let alwaysB = 0;
      for (let i = 0; i < trials; i++) {
        const d = grid.map((_, g) => byMult[g]![A][i]! - byMult[g]![B][i]!);
        let best = -1;
        for (let g = 0; g + 1 < grid.length; g++) {
          if (d[g] === 0 || Math.sign(d[g]!) !== Math.sign(d[g + 1]!)) {
            if (best < 0 || Math.abs(g + 0.5 - mid) < Math.abs(best + 0.5 - mid)) best = g;
          }
        }
        if (best < 0) {
          if (d[0]! < 0) alwaysA++;
          else alwaysB++;
          continue;
        }
        // cheaper below the crossing
        if (d[best]! < 0) belowA++;
        else belowB++;
        const x0 = Math.log(grid[best]!);
        const x1 = Math.log(grid[best + 1]!);
        const f = d[best]! === d[best + 1]! ? 0 : d[best]! / (d[best]! - d[best + 1]!);
        found.push(Math.exp(x0 + f * (x1 - x0)) * basePerDay[i]!);
      }
      out.push({ pair: [A, B], method: 'volume-grid-rerun', foundShare: found.length / trials, noCrossingShare: 1 - found.length / trials, ordersPerDay: found.length ? describe(found) : null, cheaperBelow: found.length ? (belowA >= belowB ? A : B) : null, cheaperThroughout: found.length < trials ? (alwaysA >= alwaysB ? A : B) : null, curve });
    }
  return out;
}

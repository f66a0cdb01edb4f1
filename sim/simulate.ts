/**
 * The simulate stage end to end: plan ──runner──▶ trial records ──summarise──▶ Summary + tables,
 * with `--precision` (add trials until every mode's 95 % CI half-width is below a share of its
 * mean), break-even and sensitivity. No file I/O here (see writeResults); worker threads only when asked.
 */
import { assertFiniteResult } from './engine/finite.ts';
import type * as aq from 'arquero';
import { breakEvens } from './engine/break-even.ts';
import { MODES, type Mode } from './engine/layout.ts';
import type { SimPlan } from './engine/plan.ts';
import type { PlanSource } from './engine/prepare.ts';
import { assertTrialsFit } from './engine/limits.ts';
import { createRunner, startPool, type Runner, type WorkerPool } from './engine/runner.ts';
import { totals } from './engine/records.ts';
import { skuCosts, skuTable } from './engine/sku-costs.ts';
import { rateBreakEvens } from './sensitivity/rate-break-even.ts';
import { sensitivity as sampleSensitivity, samplesFromRecords, type Sensitivity } from './sensitivity/index.ts';
import { monthlyTable, summarise, trialsTable, type Summary } from './engine/summarise.ts';
import { describe, relativeHalfWidth } from './stats/describe.ts';

export interface SimulateOptions {
  seed: number;
  /** Fixed number of trials (default 1,000), or the first batch of a `precision` run (default 200), … */
  trials?: number;
  /** … a target relative CI half-width (0.005 = 0.5 %), reached by adding trials up to `maxTrials`. */
  precision?: number;
  maxTrials?: number;
  /** Worker threads (≤ 1: this thread); ignored when `pool` is given. */
  workers?: number;
  /** Threads already started with {@link startPool} (they are closed at the end of the run). */
  pool?: WorkerPool | null;
  /** Trials used by the break-even runs and by each tornado swing (default min(trials, 100); common random numbers keep their differences tight). */
  sideTrials?: number;
  breakEven?: boolean;
  sensitivity?: boolean;
  /** Entries of the sensitivity ranking given a one-at-a-time swing (default 5). */
  sensitivityTop?: number;
  /** Called as trials complete (for a progress bar). */
  onProgress?: (done: number, total: number, stage: string) => void;
}

export interface SimulationResult {
  summary: Summary;
  trials: aq.ColumnTable;
  monthly: aq.ColumnTable;
  /** One row per SKU: expected cost per order by mode, JIT eligibility, cheapest mode (skus.csv). */
  skus: aq.ColumnTable;
  records: Float64Array;
}

/** Runs a simulation of a prepared plan. */
export async function simulate(plan: SimPlan, source: PlanSource, o: SimulateOptions): Promise<SimulationResult> {
  const runner = createRunner(plan, o.pool !== undefined ? o.pool : startPool(source, o.workers ?? 1));
  try {
    const L = plan.layout;
    // --precision starts small and adds trials; a fixed run defaults to 1,000
    let n = Math.min(o.trials ?? (o.precision !== undefined ? 200 : 1000), o.maxTrials ?? Infinity);
    const maxTrials = o.maxTrials ?? 100_000;
    // before any work: a run whose records cannot fit ends here with exit 2 and the alternatives
    if (o.precision !== undefined) assertTrialsFit(Math.max(n, maxTrials), L, '--max-trials');
    else assertTrialsFit(n, L, '--trials');
    const progress = (stage: string, total: number, before = 0) => (done: number) => o.onProgress?.(before + done, total, stage);
    // a fixed run starts the break-even runs (their own trials) alongside the main trials, so the
    // worker threads stay busy to the end; the results do not depend on the order
    const sideFixed = o.precision === undefined ? sideAnalyses(plan, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o) : null;
    sideFixed?.catch(() => {}); // awaited below; a failure is reported there
    let recs = await runner.run(o.seed, 0, n, {}, progress('trials', o.precision ? maxTrials : n));
    let precision: Summary['precision'] = null;
    if (o.precision !== undefined) {
      const target = o.precision;
      const rhw = () => Object.fromEntries(MODES.map((m) => [m, relativeHalfWidth(describe(totals(recs, L, m)))])) as Record<Mode, number>;
      let h = rhw();
      while (MODES.some((m) => !(h[m] < target)) && n < maxTrials) {
        // CI half-width shrinks as 1/√n: aim for the worst mode with a 10 % margin
        const worst = Math.max(...MODES.map((m) => h[m]));
        const next = Math.min(maxTrials, Math.max(n + 250, Math.ceil((n * (worst / target) ** 2 * 1.1) / 250) * 250));
        const more = await runner.run(o.seed, n, next, {}, progress('trials', maxTrials, n));
        const all = new Float64Array(recs.length + more.length);
        all.set(recs);
        all.set(more, recs.length);
        recs = all;
        n = next;
        h = rhw();
      }
      precision = { target, reached: MODES.every((m) => h[m] < target), maxTrials, relativeHalfWidth: h };
    }
    const side = await (sideFixed ?? sideAnalyses(plan, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o));
    // the sensitivity ranks inputs on every trial of the run, then swings only the top few
    const sens = o.sensitivity === false ? null : await sensitivityOf(plan, recs, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o.sensitivityTop);
    return assembleResult(plan, recs, o.seed, precision, side, sens);
  } finally {
    await runner.close();
  }
}

/** What the break-even runs found: they depend on the seed and their own trials only, not on the main trials. */
export interface SideResults {
  breakEven: Summary['breakEven'];
}

/** The break-even search (skipped when turned off), on `side` trials. */
export async function sideAnalyses(plan: SimPlan, runner: Runner, seed: number, side: number, o: Pick<SimulateOptions, 'breakEven'>): Promise<SideResults> {
  const breakEven = o.breakEven === false ? null : await breakEvens(plan, runner, seed, side);
  return { breakEven };
}

/**
 * The sensitivity of a whole run from its trial records (sim/sensitivity): a single run and a merge
 * of shards both call it on all the records, so they give the same figures.
 */
export function sensitivityOf(plan: SimPlan, recs: Float64Array, runner: Runner, seed: number, swingTrials: number, top?: number): Promise<Sensitivity> {
  return sampleSensitivity(plan, samplesFromRecords(plan.layout, recs), runner, seed, { swingTrials, ...(top !== undefined ? { top } : {}) });
}

/**
 * The result of a run from all its trial records (in trial order) and its side analyses: a single
 * run and a merge of shards (sim/shard.ts) both end here, so their files are byte-identical.
 */
export function assembleResult(plan: SimPlan, recs: Float64Array, seed: number, precision: Summary['precision'], side: SideResults, sensitivity: Sensitivity | null): SimulationResult {
  // break-even rate levels are exact from the main run's own trials (no extra simulation)
  const rateBreakEven = side.breakEven ? rateBreakEvens(plan, recs) : null;
  const summary: Summary = { ...summarise(plan, recs, seed), precision, breakEven: side.breakEven, rateBreakEven, sensitivity, skuCosts: skuCosts(plan, seed, recs.length / plan.layout.stride) };
  // inputs are finite and in range once read: a NaN or Infinity here is a bug, stopped before anything is printed
  assertFiniteResult('simulation result', summary);
  assertFiniteResult('simulated trial records', recs);
  return { summary, trials: trialsTable(plan, recs), monthly: monthlyTable(plan, recs), skus: skuTable(summary.skuCosts), records: recs };
}

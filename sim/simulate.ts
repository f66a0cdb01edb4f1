/**
 * The simulate stage end to end: plan ──runner──▶ trial records, streamed in trial order into a
 * TrialStore (what is kept per trial, sums of the rest; sim/engine/store.ts) and trials.csv (a working
 * file, sim/engine/trials-csv.ts) ──summarise──▶ Summary + tables,
 * with `--precision` (add trials until every mode's 95 % CI half-width is below a share of its
 * mean), break-even and sensitivity. No file I/O here (see writeResults); worker threads only when asked.
 */
import { assertFiniteResult } from './engine/finite.ts';
import type * as aq from 'arquero';
import { breakEvens } from './engine/break-even.ts';
import { MODES, type Mode } from './engine/layout.ts';
import type { SimPlan } from './engine/plan.ts';
import type { PlanSource } from './engine/prepare.ts';
import { assertTrialsFit, runFootprint } from './engine/limits.ts';
import { createRunner, startPool, type Runner, type WorkerPool } from './engine/runner.ts';
import { TrialStore } from './engine/store.ts';
import { TrialsCsv } from './engine/trials-csv.ts';
import { visible } from './io/safe-text.ts';
import { skuCosts, type SkuCostTable } from './engine/sku-costs.ts';
import { skuTable } from './engine/sku-table.ts';
import { rateBreakEvens } from './sensitivity/rate-break-even.ts';
import { sensitivity as sampleSensitivity, samplesFromStore, type Sensitivity } from './sensitivity/index.ts';
import { monthlyTable, summarise, type Summary } from './engine/summarise.ts';
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
  /** trials.csv (one row per trial and mode), written while the trials ran: a working file, removed by {@link disposeResult} or when the process ends. */
  trials: TrialsCsv;
  monthly: aq.ColumnTable;
  /** One row per SKU: expected cost per order by mode, JIT eligibility, cheapest mode (skus.csv). */
  skus: aq.ColumnTable;
  /** What the run kept of its trials (per-mode totals per trial, sums of the rest). */
  store: TrialStore;
}

/** Removes a result's working files (trials.csv). */
export function disposeResult(r: SimulationResult): void {
  r.trials.dispose();
}

/** A run's consumer of trial records: the store and trials.csv, fed in trial order. */
export interface RunSink {
  store: TrialStore;
  trials: TrialsCsv;
  add(recs: Float64Array, from: number): void;
}

/** A fresh store and trials.csv for a run of about `capacity` trials. */
export function runSink(plan: SimPlan, capacity: number): RunSink {
  const store = new TrialStore(plan, capacity);
  const trials = new TrialsCsv(plan.layout, visible(plan.landed.currencies[plan.landed.reporting]!));
  return {
    store,
    trials,
    add(recs, from) {
      store.add(recs, from);
      trials.write(recs, from);
    },
  };
}

/** Runs a simulation of a prepared plan. */
export async function simulate(plan: SimPlan, source: PlanSource, o: SimulateOptions): Promise<SimulationResult> {
  const runner = createRunner(plan, o.pool !== undefined ? o.pool : startPool(source, o.workers ?? 1));
  try {
    // --precision starts small and adds trials; a fixed run defaults to 1,000
    let n = Math.min(o.trials ?? (o.precision !== undefined ? 200 : 1000), o.maxTrials ?? Infinity);
    const maxTrials = o.maxTrials ?? 100_000;
    // before any work: a run whose records cannot fit ends here with exit 2 and the alternatives
    if (o.precision !== undefined) assertTrialsFit(Math.max(n, maxTrials), runFootprint(plan), '--max-trials');
    else assertTrialsFit(n, runFootprint(plan), '--trials');
    const progress = (stage: string, total: number, before = 0) => (done: number) => o.onProgress?.(before + done, total, stage);
    // a fixed run starts the break-even runs (their own trials) alongside the main trials, so the
    // worker threads stay busy to the end; the results do not depend on the order
    const sideFixed = o.precision === undefined ? sideAnalyses(plan, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o) : null;
    sideFixed?.catch(() => {}); // awaited below; a failure is reported there
    // the per-SKU pass too (it depends on the seed and the number of trials only): on a worker, not after the run in this thread
    const skusFixed = o.precision === undefined ? runner.skuCosts(o.seed, n) : null;
    skusFixed?.catch(() => {});
    const sink = runSink(plan, o.precision !== undefined ? Math.min(maxTrials, 100_000) : n);
    try {
      await runner.stream(o.seed, 0, n, sink.add, {}, progress('trials', o.precision ? maxTrials : n));
      const store = sink.store;
      let precision: Summary['precision'] = null;
      if (o.precision !== undefined) {
        const target = o.precision;
        const rhw = () => Object.fromEntries(MODES.map((m) => [m, relativeHalfWidth(describe(store.totals(m)))])) as Record<Mode, number>;
        let h = rhw();
        while (MODES.some((m) => !(h[m] < target)) && n < maxTrials) {
          // CI half-width shrinks as 1/√n: aim for the worst mode with a 10 % margin
          const worst = Math.max(...MODES.map((m) => h[m]));
          const next = Math.min(maxTrials, Math.max(n + 250, Math.ceil((n * (worst / target) ** 2 * 1.1) / 250) * 250));
          await runner.stream(o.seed, n, next, sink.add, {}, progress('trials', maxTrials, n));
          n = next;
          h = rhw();
        }
        precision = { target, reached: MODES.every((m) => h[m] < target), maxTrials, relativeHalfWidth: h };
      }
      const side = await (sideFixed ?? sideAnalyses(plan, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o));
      // the sensitivity ranks inputs on the run's kept trials, then swings only the top few
      const sens = o.sensitivity === false ? null : await sensitivityOf(plan, store, runner, o.seed, Math.min(n, o.sideTrials ?? 100), o.sensitivityTop);
      const skus = await (skusFixed ?? runner.skuCosts(o.seed, n));
      return assembleResult(plan, sink, o.seed, precision, side, sens, skus);
    } catch (e) {
      sink.trials.dispose();
      throw e;
    }
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
 * The sensitivity of a whole run from what its store kept (sim/sensitivity): a single run and a merge
 * of shards both call it on a store fed every trial in order, so they give the same figures.
 */
export function sensitivityOf(plan: SimPlan, store: TrialStore, runner: Runner, seed: number, swingTrials: number, top?: number): Promise<Sensitivity> {
  return sampleSensitivity(plan, samplesFromStore(store), runner, seed, { swingTrials, ...(top !== undefined ? { top } : {}) });
}

/**
 * The result of a run from its sink (fed every trial in order) and its side analyses: a single run
 * and a merge of shards (sim/shard.ts) both end here, so their files are byte-identical. `skus`: the
 * per-SKU table when it was already computed (a single run has a worker compute it during the trials);
 * computed here otherwise (it depends on the plan, the seed and the number of trials only).
 */
export function assembleResult(plan: SimPlan, sink: RunSink, seed: number, precision: Summary['precision'], side: SideResults, sensitivity: Sensitivity | null, skus?: SkuCostTable): SimulationResult {
  const store = sink.store;
  sink.trials.close();
  // break-even rate levels are exact from the main run's own trials (no extra simulation)
  const rateBreakEven = side.breakEven ? rateBreakEvens(plan, store) : null;
  const summary: Summary = { ...summarise(plan, store, seed), precision, breakEven: side.breakEven, rateBreakEven, sensitivity, skuCosts: skus ?? skuCosts(plan, seed, store.n) };
  // inputs are finite and in range once read: a NaN or Infinity here is a bug, stopped before anything is printed
  assertFiniteResult('simulation result', summary);
  return { summary, trials: sink.trials, monthly: monthlyTable(plan, store), skus: skuTable(summary.skuCosts), store };
}

/**
 * Runs many trials, in this thread or on a pool of worker threads (tinypool). Trials are cut into
 * batches by index and the records are put back by index, and every trial seeds its own generator
 * from (seed, trial index): the result is byte-identical for any number of workers.
 */
import { availableParallelism } from 'node:os';
import { serialize } from 'node:v8';
import { Tinypool } from 'tinypool';
import { runBatch, type Batch } from './batch.ts';
import type { SimPlan } from './plan.ts';
import { toPortable } from './portable.ts';
import type { PlanSource } from './prepare.ts';
import { skuCosts, type SkuCostTable } from './sku-costs.ts';
import type { WorkerTask } from './worker-task.ts';

/** Runs batches; `close` ends the worker threads. */
export interface Runner {
  workers: number;
  run(seed: number, from: number, to: number, options?: Batch['options'], onProgress?: (done: number) => void): Promise<Float64Array>;
  /**
   * Runs trials `from`..`to - 1` and hands their records to `onRecords` batch by batch, in trial
   * order (whatever order the workers finish in), never holding more than a few batches: the memory
   * of a long run does not grow with its number of trials.
   */
  stream(seed: number, from: number, to: number, onRecords: (recs: Float64Array, from: number) => void, options?: Batch['options'], onProgress?: (done: number) => void): Promise<void>;
  /** The per-SKU cost pass of a run of `runTrials` trials (sim/engine/sku-costs.ts): on a worker thread when there are any (the same table either way). */
  skuCosts(seed: number, runTrials: number): Promise<SkuCostTable>;
  close(): Promise<void>;
}

/** A copy of `b` in shared memory (sent to worker threads without being copied). */
function sharedBytes(b: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(b.length);
  new Uint8Array(sab).set(b);
  return sab;
}

/** Trials per batch: large enough to amortise messaging, small enough to keep every worker busy. */
function batchSize(count: number, workers: number): number {
  return Math.max(20, Math.min(500, Math.ceil(count / (workers * 2))));
}

/** A pool of worker threads, started early so that they load their modules while this thread loads the scenario. */
export interface WorkerPool {
  pool: Tinypool;
  threads: number;
  source: PlanSource;
  /** Settles when every thread has loaded its modules. */
  ready: Promise<unknown>;
}

/** Set by the build (scripts/build.ts) to the bundled worker, relative to this file; undefined when run from the source. */
declare const JITSIM_BUNDLED_WORKER: string | undefined;
const WORKER_URL = new URL(typeof JITSIM_BUNDLED_WORKER === 'string' ? JITSIM_BUNDLED_WORKER : './worker.mjs', import.meta.url).href;

/** Starts `workers` threads (none when ≤ 1). Each receives the plan as plain data with its first batch. */
export function startPool(source: PlanSource, workers: number): WorkerPool | null {
  const n = Math.max(1, Math.min(workers, availableParallelism() * 4));
  if (n <= 1) return null;
  const pool = new Tinypool({ filename: WORKER_URL, minThreads: n, maxThreads: n, idleTimeout: 60_000 });
  const ready = Promise.all(Array.from({ length: n }, () => pool.run({})));
  ready.catch(() => {}); // a worker that cannot start fails its first batch, which is reported
  return { pool, threads: n, source, ready };
}

/**
 * A runner for a plan. Without a pool everything runs in this thread; with one, batches go to its
 * threads, each of which rebuilt the plan from the same source.
 */
export function createRunner(plan: SimPlan, wp: WorkerPool | null): Runner {
  const pool = wp?.pool ?? null;
  const n = wp?.threads ?? 1;
  const portable = pool ? toPortable(plan) : null;
  // the plan is serialised once into shared memory and every batch carries it: a worker deserialises it
  // with its first batch and never asks for it (a large catalogue's plan is megabytes: copying it into
  // each of dozens of concurrently queued batches cost seconds)
  const planBytes = portable ? sharedBytes(serialize(portable)) : null;
  const onWorker = async (b: Batch): Promise<Float64Array> => (await pool!.run({ key: portable!.key, planBytes: planBytes!, batch: b } satisfies WorkerTask)) as Float64Array;
  const skusOnWorker = async (req: NonNullable<WorkerTask['skuCosts']>): Promise<SkuCostTable> => (await pool!.run({ key: portable!.key, planBytes: planBytes!, skuCosts: req } satisfies WorkerTask)) as SkuCostTable;
  return {
    workers: n,
    async run(seed, from, to, options = {}, onProgress) {
      const stride = plan.layout.stride;
      const out = new Float64Array((to - from) * stride);
      const batches: Batch[] = [];
      const size = batchSize(to - from, n);
      for (let a = from; a < to; a += size) batches.push({ seed, from: a, to: Math.min(to, a + size), options });
      let done = 0;
      const one = async (b: Batch) => {
        const rec = pool ? await onWorker(b) : runBatch(plan, b);
        out.set(rec, (b.from - from) * stride);
        done += b.to - b.from;
        onProgress?.(done);
      };
      if (pool) await Promise.all(batches.map(one));
      else
        for (const b of batches) {
          await one(b);
          // let the event loop breathe (progress bar, signals) between batches
          await new Promise((r) => setImmediate(r));
        }
      return out;
    },
    async stream(seed, from, to, onRecords, options = {}, onProgress) {
      const size = batchSize(to - from, n);
      const starts: number[] = [];
      for (let a = from; a < to; a += size) starts.push(a);
      const batchOf = (a: number): Batch => ({ seed, from: a, to: Math.min(to, a + size), options });
      let done = 0;
      if (!pool) {
        for (const a of starts) {
          const b = batchOf(a);
          onRecords(runBatch(plan, b), b.from);
          done += b.to - b.from;
          onProgress?.(done);
          await new Promise((r) => setImmediate(r));
        }
        return;
      }
      // a window of batches in flight (enough to keep every thread busy); records handed on in order
      const window = n * 3;
      const pending = new Map<number, Promise<Float64Array>>();
      let next = 0;
      const launch = () => {
        while (next < starts.length && pending.size < window) {
          const a = starts[next++]!;
          const p = onWorker(batchOf(a));
          p.catch(() => {}); // awaited in order below; a failure is reported there
          pending.set(a, p);
        }
      };
      launch();
      for (const a of starts) {
        const rec = await pending.get(a)!;
        pending.delete(a);
        launch();
        onRecords(rec, a);
        done += Math.min(to, a + size) - a;
        onProgress?.(done);
      }
    },
    async skuCosts(seed, runTrials) {
      return pool ? skusOnWorker({ seed, runTrials }) : skuCosts(plan, seed, runTrials);
    },
    async close() {
      await pool?.destroy();
    },
  };
}

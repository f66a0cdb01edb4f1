/**
 * The function each worker thread runs. A worker keeps the plans it was sent (by key) and is sent a
 * plan only once: a batch for a plan it does not hold answers `{ needPlan }`, and the main thread
 * sends that batch again with the plan. The records are moved back, not copied.
 */
import { Tinypool } from 'tinypool';
import { usePertTables } from '../random/dist.ts';
import { runBatch, type Batch } from './batch.ts';
import type { SimPlan } from './plan.ts';
import { fromPortable, type PortablePlan } from './portable.ts';

const plans = new Map<string, SimPlan>();

/** A task: a batch of the plan `key`, with the plan itself when the worker asked for it. */
export interface WorkerTask {
  key?: string;
  plan?: PortablePlan;
  batch?: Batch;
}

export default function task(req: WorkerTask): Float64Array | { needPlan: string } | null {
  if (!req.key || !req.batch) return null; // warm-up: the modules are loaded
  let plan = plans.get(req.key);
  if (!plan) {
    if (!req.plan) return { needPlan: req.key };
    if (plans.size > 4) plans.clear();
    usePertTables(req.plan.pertTables);
    plans.set(req.key, (plan = fromPortable(req.plan)));
  }
  const rec = runBatch(plan, req.batch);
  return Tinypool.move(rec) as unknown as Float64Array;
}

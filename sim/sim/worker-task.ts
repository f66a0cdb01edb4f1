/** The function each worker thread runs: rebuild (once per plan) the plan sent with the task, then run a batch. */
import { runBatch, type Batch } from './batch.ts';
import type { SimPlan } from './plan.ts';
import { fromPortable, type PortablePlan } from './portable.ts';

const plans = new Map<string, SimPlan>();

export default function task(req: { plan?: PortablePlan; batch?: Batch }): Float64Array | null {
  if (!req.plan || !req.batch) return null; // warm-up: the modules are loaded
  let plan = plans.get(req.plan.key);
  if (!plan) {
    if (plans.size > 4) plans.clear();
    plans.set(req.plan.key, (plan = fromPortable(req.plan)));
  }
  return runBatch(plan, req.batch);
}

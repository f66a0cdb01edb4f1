/**
 * The function each worker thread runs. A worker keeps the plans it was sent (by key): every batch
 * carries its plan serialised in shared memory (not copied per batch), deserialised only by a worker
 * that does not hold it yet. The records are moved back, not copied.
 */
import { deserialize } from 'node:v8';
import { Tinypool } from 'tinypool';
import { usePertTables } from '../random/dist.ts';
import { runBatch, type Batch } from './batch.ts';
import type { SimPlan } from './plan.ts';
import { fromPortable, type PortablePlan } from './portable.ts';
import { skuCosts, type SkuCostTable } from './sku-costs.ts';

const plans = new Map<string, SimPlan>();

/** A task: a batch of the plan `key`, with the plan serialised (v8) in shared memory: deserialised by a worker that does not hold it yet. */
export interface WorkerTask {
  key?: string;
  planBytes?: SharedArrayBuffer;
  batch?: Batch;
  /** Instead of a batch: the per-SKU cost pass (sim/engine/sku-costs.ts) of the run's first trials. */
  skuCosts?: { seed: number; runTrials: number };
}

export default function task(req: WorkerTask): Float64Array | SkuCostTable | { needPlan: string } | null {
  if (!req.key || (!req.batch && !req.skuCosts)) return null; // warm-up: the modules are loaded
  let plan = plans.get(req.key);
  if (!plan) {
    if (!req.planBytes) return { needPlan: req.key };
    const portable = deserialize(new Uint8Array(req.planBytes)) as PortablePlan;
    if (plans.size > 4) plans.clear();
    usePertTables(portable.pertTables);
    plans.set(req.key, (plan = fromPortable(portable)));
  }
  if (req.skuCosts) return skuCosts(plan, req.skuCosts.seed, req.skuCosts.runTrials);
  const rec = runBatch(plan, req.batch!);
  return Tinypool.move(rec) as unknown as Float64Array;
}

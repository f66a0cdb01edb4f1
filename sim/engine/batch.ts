/** A batch of consecutive trials, run in this thread: the unit of work of a worker. */
import type { SimPlan } from './plan.ts';
import { makeScratch, runTrial, type Scratch, type TrialOptions } from './trial.ts';

/** A contiguous range of trial indices and how to run them. */
export interface Batch {
  seed: number;
  from: number;
  to: number;
  options: { volumeMultiplier?: number; fixedInputs?: number[] | null; perOrder?: boolean; perSku?: boolean };
}

const scratches = new WeakMap<SimPlan, Scratch>();

/** Runs trials `from`..`to - 1` and returns their records (layout.stride numbers each). */
export function runBatch(plan: SimPlan, b: Batch): Float64Array {
  let sc = scratches.get(plan);
  if (!sc) scratches.set(plan, (sc = makeScratch(plan)));
  const stride = plan.layout.stride;
  const out = new Float64Array((b.to - b.from) * stride);
  const opts: TrialOptions = { ...(b.options.volumeMultiplier !== undefined ? { volumeMultiplier: b.options.volumeMultiplier } : {}), fixedInputs: b.options.fixedInputs ? Float64Array.from(b.options.fixedInputs) : null, perOrder: Boolean(b.options.perOrder), perSku: Boolean(b.options.perSku) };
  for (let t = b.from; t < b.to; t++) runTrial(plan, sc, b.seed, t, out, (t - b.from) * stride, opts);
  return out;
}

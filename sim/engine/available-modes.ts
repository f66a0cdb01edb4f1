/** Which modes a client can use in a run. */
import { MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';

/** The modes a client can use: the warehouse and direct always; JIT when some month and some SKU allow it. */
export function availableModes(plan: SimPlan): Mode[] {
  return MODES.filter((m) => m !== 'jit' || plan.scenario.jitAvailable);
}

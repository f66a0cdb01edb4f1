/** Which modes a client can use in a run. */
import { MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';

/** The modes a client can use: those the scenario does not switch off (`modesOff`); JIT only when some month and some SKU allow it. */
export function availableModes(plan: SimPlan): Mode[] {
  return MODES.filter((m) => !switchedOff(plan, m) && (m !== 'jit' || plan.scenario.jitAvailable));
}

/** The scenario switches this mode off (`modesOff`). */
export function switchedOff(plan: SimPlan, m: Mode): boolean {
  return (plan.scenario.modesOff ?? []).includes(m);
}

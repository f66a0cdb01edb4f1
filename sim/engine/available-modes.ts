/** Which modes a client can use in a run. */
import { MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { unservedShares } from '../battery/summary.ts';

/** The modes a client can use: those the scenario does not switch off (`modesOff`); JIT only when some month and some SKU allow it; none whose lanes refuse every order's lithium-battery class (sim/battery). */
export function availableModes(plan: SimPlan): Mode[] {
  return MODES.filter((m) => !switchedOff(plan, m) && (m !== 'jit' || plan.scenario.jitAvailable) && !refusesAll(plan, m));
}

/** Every order of the demand has a battery class the mode's lanes refuse: the mode can serve none of it. */
export function refusesAll(plan: SimPlan, m: Mode): boolean {
  return plan.battery.any && unservedShares(plan)[m] >= 1 - 1e-9;
}

/** The scenario switches this mode off (`modesOff`). */
export function switchedOff(plan: SimPlan, m: Mode): boolean {
  return (plan.scenario.modesOff ?? []).includes(m);
}

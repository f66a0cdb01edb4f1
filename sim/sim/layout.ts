/**
 * Where each number of a trial lives in its record: one Float64Array row per trial (stride
 * `layout.stride`), so workers return plain typed arrays and results are put back by trial index.
 */
import type { CompiledSchedule } from '../rules/compile-fees.ts';
import { makeLandedLayout, type LandedLayout } from '../landed/trial.ts';

export const MODES = ['jit', 'warehouse', 'direct'] as const;
export type Mode = (typeof MODES)[number];

export const WAREHOUSE_COMPONENTS = ['headhaul', 'lastMile', 'staff', 'rent', 'system', 'startup', 'capital', 'writeOff', 'returns'] as const;
export const DIRECT_COMPONENTS = ['logistics', 'returns'] as const;
/** JIT components after the schedule's own: returns through the JIT channel, and orders that failed routing (shipped direct). */
export const JIT_EXTRA_COMPONENTS = ['returns', 'directLogistics', 'directReturns'] as const;

/** Longest delivery time kept in the histogram (days); longer ones go in the last bin. */
export const DELIVERY_BINS = 64;

export interface ModeLayout {
  components: string[];
  total: number;
  component: number;
  orders: number;
  returns: number;
  cash: number;
  /** Sum over returned orders of their return-handling days (modes.returnHandlingDaysJit/Direct). */
  returnDays: number;
  delivery: number;
  monthly: number;
}

export interface Layout {
  stride: number;
  months: number;
  modes: Record<Mode, ModeLayout>;
  /** Orders per routing outcome under the JIT mode: [routed to JIT, then one per routing rule]. */
  routing: number;
  routingCodes: string[];
  nonPreferred: number;
  inputs: number;
  inputCount: number;
  /** Revenue, duties, taxes and contribution per mode, in the reporting currency (sim/landed/trial.ts). */
  landed: LandedLayout;
}

/** The record layout for a schedule, a horizon and a number of uncertain inputs. */
export function makeLayout(schedule: CompiledSchedule, months: number, routingRuleIds: readonly string[], inputCount: number): Layout {
  let at = 0;
  const mode = (components: readonly string[]): ModeLayout => {
    const m: ModeLayout = { components: [...components], total: at, component: at + 1, orders: 0, returns: 0, cash: 0, returnDays: 0, delivery: 0, monthly: 0 };
    at += 1 + components.length;
    m.orders = at++;
    m.returns = at++;
    m.cash = at++;
    m.returnDays = at++;
    m.delivery = at;
    at += DELIVERY_BINS;
    m.monthly = at;
    at += months;
    return m;
  };
  const modes = { jit: mode([...schedule.components, ...JIT_EXTRA_COMPONENTS]), warehouse: mode(WAREHOUSE_COMPONENTS), direct: mode(DIRECT_COMPONENTS) };
  const routingCodes = ['JIT', ...routingRuleIds, 'OTHER'];
  const routing = at;
  at += routingCodes.length;
  const nonPreferred = at++;
  const inputs = at;
  at += inputCount;
  const landed = makeLandedLayout(at, months);
  at += landed.size;
  return { stride: at, months, modes, routing, routingCodes, nonPreferred, inputs, inputCount, landed: landed.layout };
}

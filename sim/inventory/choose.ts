/**
 * Steady-state view of a freight option for one warehouse site: what a unit sold costs in freight
 * and in holding the stock the option needs (in transit for its lead time, safety stock for the
 * service level, half an order cycle on the shelf). `chooseFreight` picks the cheapest; `jitsim
 * quote` shows the same numbers per order.
 */
import type { WarehouseParams } from '../data/data-set.ts';
import { freightCharge, meanLeadDays, sdLeadDays, type FreightOption } from './freight.ts';
import { safetyStock, serviceZ } from './stock.ts';

/** Steady-state figures of one option, per unit sold (filled by `evaluateFreight`). */
export interface FreightEval {
  /** Units per replenishment order (daysOfCover days of demand). */
  orderUnits: number;
  /** Freight per unit, CNY (the order's charge ÷ its units, × the rate multiplier). */
  freightPerUnit: number;
  leadDays: number;
  safetyUnits: number;
  /** Mean days a unit sits on the shelf: (safety stock + half an order) ÷ daily demand. */
  shelfDays: number;
  /** Freight + capital (in transit and on the shelf) + write-off + rent, per unit, CNY. */
  costPerUnit: number;
}

export function makeFreightEval(): FreightEval {
  return { orderUnits: 0, freightPerUnit: 0, leadDays: 0, safetyUnits: 0, shelfDays: 0, costPerUnit: 0 };
}

/**
 * Evaluates option `o` for `dailyUnits` units a day of `kgPerUnit` kg and `unitValue` CNY each, with
 * day-to-day dispersion `cv`, the site's params `w` and a rate multiplier `mult`; writes `out`.
 */
export function evaluateFreight(o: FreightOption, w: WarehouseParams, dailyUnits: number, kgPerUnit: number, unitValue: number, cv: number, mult: number, out: FreightEval): FreightEval {
  const daily = Math.max(dailyUnits, 1e-9);
  const q = daily * w.daysOfCover;
  const m3PerUnit = kgPerUnit / w.stockDensityKgPerM3;
  out.orderUnits = q;
  out.freightPerUnit = q > 0 ? (freightCharge(o, q * kgPerUnit, q * m3PerUnit) * mult) / q : 0;
  out.leadDays = meanLeadDays(o);
  const n = out.leadDays + 30;
  out.safetyUnits = safetyStock(daily * n, n, cv, sdLeadDays(o), serviceZ(w.serviceLevel));
  const shelfUnits = out.safetyUnits + q / 2;
  out.shelfDays = shelfUnits / daily;
  const capitalDays = out.leadDays + out.shelfDays;
  const rentPerUnit = (out.shelfDays / 30) * m3PerUnit * w.rentCnyPerM3Month;
  out.costPerUnit = out.freightPerUnit + (unitValue * w.capitalRateYear * capitalDays) / 365 + (unitValue * w.writeOffShareYear * out.shelfDays) / 365 + rentPerUnit;
  return out;
}

/**
 * Index of the option to use: `fixed` (≥ 0) when given, else the available option with the lowest
 * steady-state cost per unit (`mult[k]` the rate multiplier of option k); -1 when none is available.
 * `extraPerKg[k]` (optional): a further charge per kg on option k — the lithium-battery head-haul
 * surcharge of the goods (data/battery.json) — or NaN when option k refuses them (not chosen).
 */
export function chooseFreight(options: readonly (FreightOption | null)[], fixed: number, w: WarehouseParams, dailyUnits: number, kgPerUnit: number, unitValue: number, cv: number, mult: ArrayLike<number>, scratch: FreightEval, extraPerKg?: ArrayLike<number>): number {
  if (fixed >= 0) return options[fixed] ? fixed : -1;
  let best = -1;
  let bestCost = Infinity;
  for (let k = 0; k < options.length; k++) {
    const o = options[k];
    if (!o) continue;
    const extra = extraPerKg ? extraPerKg[k]! : 0;
    if (Number.isNaN(extra)) continue;
    const c = evaluateFreight(o, w, dailyUnits, kgPerUnit, unitValue, cv, mult[k]!, scratch).costPerUnit + extra * kgPerUnit;
    if (c < bestCost) {
      bestCost = c;
      best = k;
    }
  }
  return best;
}

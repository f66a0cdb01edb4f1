/**
 * JIT cost per order and per month, on the compiled fee tables (the hot path: no rule engine, no
 * allocation). Orders that fail routing are costed as direct by the caller.
 */
import { COMPONENT, cellOf, type CompiledSchedule, type FeeCase } from '../rules/compile-fees.ts';
import { WAREHOUSE_REGIONS } from '../rules/facts.ts';

/** The product of the ladder step that applies (the highest step the fact is strictly above), else 1. */
export function ladderFactor(s: CompiledSchedule, countryDailyOrders: number): number {
  const l = s.ladder;
  if (!l) return 1;
  let f = 1;
  for (let i = 0; i < l.above.length; i++) if (countryDailyOrders > l.above[i]!) f = l.factor[i]!;
  return f;
}

/** Whether a compiled adjustment fires for this case (table lookup). */
export function adjustmentFires(a: CompiledSchedule['adjustments'][number], c: FeeCase): boolean {
  let idx = 0;
  for (let k = 0; k < a.facts.length; k++) {
    const cells = a.facts[k]!;
    idx = idx * cells.count + cellOf(cells, c[cells.fact]);
  }
  return a.fires[idx] === 1;
}

/**
 * Adds one order's JIT fees, by component, into `out` (length ≥ s.components.length; the base
 * fee is per month, see {@link jitMonthlyFee}) and returns the order's total.
 * @param volumeCell from `volumeCell(s.volumeBreaks, litres)`
 * @param logisticsCny the rate-card price of the order's lane and bracket
 */
export function addJitOrderCost(s: CompiledSchedule, c: FeeCase, volumeCell: number, logisticsCny: number, out: Float64Array, weight = 1): number {
  const region = c.warehouseRegion === WAREHOUSE_REGIONS[0] ? 0 : 1;
  const operation = s.operationCny[region * s.volumeBreaks.length + volumeCell]!;
  let opFactor = 1;
  let logFactor = s.ladder?.target === 'logistics' ? ladderFactor(s, c.countryDailyOrders) : 1;
  if (s.ladder?.target === 'operation') opFactor *= ladderFactor(s, c.countryDailyOrders);
  let total = operation + s.processingCny + logisticsCny;
  out[COMPONENT.operation]! += operation * weight;
  out[COMPONENT.processing]! += s.processingCny * weight;
  out[COMPONENT.logistics]! += logisticsCny * weight;
  for (let i = 0; i < s.adjustments.length; i++) {
    const a = s.adjustments[i]!;
    if (!adjustmentFires(a, c)) continue;
    if (a.kind === 'perOrder') {
      out[a.component]! += a.amountCny * weight;
      total += a.amountCny;
    } else if (a.target === 'operation') opFactor *= a.factor;
    else logFactor *= a.factor;
  }
  const opDiscount = operation * (opFactor - 1);
  const logDiscount = logisticsCny * (logFactor - 1);
  out[COMPONENT.operationDiscount]! += opDiscount * weight;
  out[COMPONENT.logisticsDiscount]! += logDiscount * weight;
  return total + opDiscount + logDiscount;
}

/** The monthly fees of a schedule for the seller's `monthIndex` (0 = first month on JIT). */
export function jitMonthlyFee(s: CompiledSchedule, newSeller: boolean, monthIndex: number, reading: string | null = null): number {
  let fee = 0;
  for (const m of s.monthly) {
    if (!(newSeller && monthIndex < m.waivedMonths)) fee += m.feeCny;
    // a new seller's waived months: the share charged under the chosen reading of the source (0 = fully waived)
    else fee += m.feeCny * (m.readings[reading ?? m.defaultReading ?? '']?.shareCharged ?? 0);
  }
  return fee;
}

/**
 * Self-run overseas warehouse: the per-order and per-month formulas, shared by `quote` and the
 * simulator (pure functions, numbers in and out, no allocation). Every parameter comes from
 * data/warehouse.json (assumptions with their reasoning) through `warehouseParams`.
 */
import type { WarehouseParams } from '../data/data-set.ts';

/** Head-haul freight China → warehouse, CNY per kg, by the market's head-haul mode (sea or air). */
export function headhaulCnyPerKg(w: WarehouseParams): number {
  return w.headhaulMode === 'air' ? w.headhaulAirCnyPerKg : w.headhaulSeaCnyPerKg;
}

/**
 * Stock held in the warehouse, m³: `daysOfCover` days of the daily shipped weight at the stock density.
 * @example warehouseStockM3(w, 30, 0.5) // 30 orders/day × 0.5 kg × daysOfCover / density
 */
export function warehouseStockM3(w: WarehouseParams, dailyOrders: number, weightKg: number): number {
  return (dailyOrders * w.daysOfCover * weightKg) / w.stockDensityKgPerM3;
}

/** Rent for one month, CNY: the stock volume × rent per m³, never below the minimum rent. */
export function warehouseRentCnyPerMonth(w: WarehouseParams, stockM3: number): number {
  return Math.max(w.minRentCnyPerMonth, stockM3 * w.rentCnyPerM3Month);
}

/** Start-up cost (deposit, fit-out) spread evenly over `startupAmortisationMonths`, CNY per month. */
export function warehouseStartupCnyPerMonth(w: WarehouseParams): number {
  return w.startupCny / w.startupAmortisationMonths;
}

/** Share of a year that each unit sits in stock (daysOfCover / 365). */
export function warehouseHoldingShare(w: WarehouseParams): number {
  return w.daysOfCover / 365;
}

/**
 * Days each unit is paid for before it sells: in transit for `replenishLeadDays` (bought when it
 * leaves China), then `daysOfCover` on the shelf.
 */
export function warehouseCapitalDays(w: WarehouseParams): number {
  return w.replenishLeadDays + w.daysOfCover;
}

/** Capital cost of the stock behind one order, CNY: unit cost × yearly capital rate × (lead time + days of cover) / 365 (stock in transit is paid for too). */
export function warehouseCapitalCnyPerOrder(w: WarehouseParams, unitCostCny: number): number {
  return (unitCostCny * w.capitalRateYear * warehouseCapitalDays(w)) / 365;
}

/** Write-off of slow-moving stock behind one order, CNY: unit cost × yearly write-off share × holding share. */
export function warehouseWriteOffCnyPerOrder(w: WarehouseParams, unitCostCny: number): number {
  return unitCostCny * w.writeOffShareYear * warehouseHoldingShare(w);
}

/** Return rate of a self-run warehouse: the JIT rate × `modes.warehouseReturnFactorVsJit`, capped at 1. */
export function warehouseReturnRate(jitReturnRate: number, warehouseReturnFactorVsJit: number): number {
  return Math.min(1, jitReturnRate * warehouseReturnFactorVsJit);
}

/** Cost of one return handled by the warehouse, CNY: handling + the unit cost of what cannot be resold. */
export function warehouseCnyPerReturn(w: WarehouseParams, unitCostCny: number): number {
  return w.returnHandlingCnyPerReturn + (1 - w.returnResaleRate) * unitCostCny;
}

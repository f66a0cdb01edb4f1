/**
 * Self-run overseas warehouse: the per-order and per-month formulas, shared by `quote` and the
 * simulator (pure functions, numbers in and out, no allocation). Every parameter comes from
 * data/warehouse.json (assumptions with their reasoning) through `warehouseParams`.
 */
import type { WarehouseParams } from '../data/data-set.ts';

/**
 * Stock held in the warehouse, m³: `shelfDays` days of the daily shipped weight at the stock density.
 * @example warehouseStockM3(w, 30, 0.5, 45) // 30 orders/day × 0.5 kg × 45 days / density
 */
export function warehouseStockM3(w: WarehouseParams, dailyOrders: number, weightKg: number, shelfDays: number): number {
  return (dailyOrders * shelfDays * weightKg) / w.stockDensityKgPerM3;
}

/** Rent for one month, CNY: the stock volume × rent per m³, never below the minimum rent. */
export function warehouseRentCnyPerMonth(w: WarehouseParams, stockM3: number): number {
  return Math.max(w.minRentCnyPerMonth, stockM3 * w.rentCnyPerM3Month);
}

/** Start-up cost (deposit, fit-out) spread evenly over `startupAmortisationMonths`, CNY per month. */
export function warehouseStartupCnyPerMonth(w: WarehouseParams): number {
  return w.startupCny / w.startupAmortisationMonths;
}

/**
 * Capital cost of the stock behind one order (steady state), CNY: unit cost × yearly capital rate ×
 * (days in transit + days on the shelf) / 365 — stock in transit is paid for too. The days come from
 * the freight option and the reorder policy (sim/inventory/choose.ts); the simulator prices the
 * capital month by month from its stock instead (sim/inventory/trial.ts).
 */
export function warehouseCapitalCnyPerOrder(w: WarehouseParams, unitCostCny: number, transitDays: number, shelfDays: number): number {
  return (unitCostCny * w.capitalRateYear * (transitDays + shelfDays)) / 365;
}

/** Write-off of slow-moving stock behind one order (steady state), CNY: unit cost × yearly write-off share × shelf days / 365. */
export function warehouseWriteOffCnyPerOrder(w: WarehouseParams, unitCostCny: number, shelfDays: number): number {
  return (unitCostCny * w.writeOffShareYear * shelfDays) / 365;
}

/** Return rate of a self-run warehouse: the JIT rate × `modes.warehouseReturnFactorVsJit`, capped at 1. */
export function warehouseReturnRate(jitReturnRate: number, warehouseReturnFactorVsJit: number): number {
  return Math.min(1, jitReturnRate * warehouseReturnFactorVsJit);
}

/** Cost of one return handled by the warehouse, CNY: handling + the unit cost of what cannot be resold. */
export function warehouseCnyPerReturn(w: WarehouseParams, unitCostCny: number): number {
  return w.returnHandlingCnyPerReturn + (1 - w.returnResaleRate) * unitCostCny;
}

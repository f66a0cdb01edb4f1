/**
 * Third-party (3PL) overseas warehouse, mode 4: the fees a 3PL publishes (data/tpl.json, or the
 * client's quote) applied to the same stock as the self-run warehouse. Pure functions, numbers in and
 * out, no allocation; shared by `quote` and the simulator.
 *
 * Stock: the 3PL holds the same stock as the self-run warehouse — the reorder-policy inventory of
 * sim/inventory/ (freight option, lead time, safety stock, stock-outs); the simulator prices its
 * storage on that stock's mean volume on hand, month by month, and `quote` at its steady state.
 *
 * Ageing: sold first-in first-out, every unit stays the stock's shelf days (Little's law); the
 * long-term surcharge is paid for the days beyond `longTermAfterDays`, i.e. on the share
 * max(0, age − N) / age of the stock.
 */
import type { TplParams, WarehouseParams } from '../data/data-set.ts';

/** The 3PL fees a scenario's `thirdPartyWarehouse.multiplier` scales (money; not volumes or days). */
export const TPL_FEES = ['inboundCnyPerUnit', 'storageCnyPerM3Day', 'longTermSurchargeCnyPerM3Day', 'pickPackCnyPerOrder', 'pickPackCnyPerExtraItem', 'labelCnyPerOrder', 'returnHandlingCnyPerReturn'] as const;

/** Share of the stock (by stock-days) older than `longTermAfterDays` when each unit stays `ageDays` days on the shelf (first in, first out). */
export function tplLongTermShare(ageDays: number, t: TplParams): number {
  return ageDays > t.longTermAfterDays ? (ageDays - t.longTermAfterDays) / ageDays : 0;
}

/** Storage of `stockM3` for `days` days, CNY (standard rate). */
export function tplStorageCny(t: TplParams, stockM3: number, days: number): number {
  return stockM3 * t.storageCnyPerM3Day * days;
}

/** Long-term storage surcharge of `stockM3` for `days` days, CNY: the aged share × the surcharge. */
export function tplLongTermCny(ageDays: number, t: TplParams, stockM3: number, days: number): number {
  return stockM3 * tplLongTermShare(ageDays, t) * t.longTermSurchargeCnyPerM3Day * days;
}

/** Inbound (receiving) behind one order of `weightKg`, CNY: its volume at the stock density, in cartons or pallets of `inboundUnitM3`, × the fee per unit. */
export function tplInboundCnyPerOrder(w: WarehouseParams, t: TplParams, weightKg: number): number {
  return (weightKg / w.stockDensityKgPerM3 / t.inboundUnitM3) * t.inboundCnyPerUnit;
}

/** Pick & pack of one order of `items` items, CNY: the order fee (first item) + the fee per extra item. */
export function tplPickPackCnyPerOrder(t: TplParams, items: number): number {
  return t.pickPackCnyPerOrder + Math.max(0, items - 1) * t.pickPackCnyPerExtraItem;
}

/** One return handled by the 3PL, CNY: its handling fee + the unit cost of what cannot be resold (warehouse.returnResaleRate). */
export function tplCnyPerReturn(w: WarehouseParams, t: TplParams, unitCostCny: number): number {
  return t.returnHandlingCnyPerReturn + (1 - w.returnResaleRate) * unitCostCny;
}

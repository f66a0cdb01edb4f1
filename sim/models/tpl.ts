/**
 * Third-party (3PL) overseas warehouse, mode 4: the fees a 3PL publishes (data/tpl.json, or the
 * client's quote) applied to the same stock as the self-run warehouse. Pure functions, numbers in and
 * out, no allocation; shared by `quote` and the simulator.
 *
 * Stock: `tplStockM3` is the one place that says how much stock sits in the 3PL; today it is the
 * self-run warehouse's stock model (warehouse.daysOfCover days of the daily shipped weight at
 * warehouse.stockDensityKgPerM3, sim/models/warehouse.ts). A reorder-policy inventory model replaces
 * both modes' stock through this call and `warehouseStockM3`.
 *
 * Ageing: with the stock held at `daysOfCover` days of demand and sold first-in first-out, every unit
 * stays `daysOfCover` days (Little's law); the long-term surcharge is paid for the days beyond
 * `longTermAfterDays`, i.e. on the share max(0, daysOfCover − N) / daysOfCover of the stock.
 */
import type { TplParams, WarehouseParams } from '../data/data-set.ts';
import { warehouseStockM3 } from './warehouse.ts';

/** The 3PL fees a scenario's `thirdPartyWarehouse.multiplier` scales (money; not volumes or days). */
export const TPL_FEES = ['inboundCnyPerUnit', 'storageCnyPerM3Day', 'longTermSurchargeCnyPerM3Day', 'pickPackCnyPerOrder', 'pickPackCnyPerExtraItem', 'labelCnyPerOrder', 'returnHandlingCnyPerReturn'] as const;

/**
 * Stock held in the 3PL, m³, for a daily shipped weight (kg/day): the self-run warehouse's stock model.
 * @example tplStockM3(w, 30) // 30 kg/day × daysOfCover / stockDensityKgPerM3
 */
export function tplStockM3(w: WarehouseParams, dailyKg: number): number {
  return warehouseStockM3(w, dailyKg, 1);
}

/** Share of the stock (by stock-days) older than `longTermAfterDays`. */
export function tplLongTermShare(w: WarehouseParams, t: TplParams): number {
  return w.daysOfCover > t.longTermAfterDays ? (w.daysOfCover - t.longTermAfterDays) / w.daysOfCover : 0;
}

/** Storage of `stockM3` for `days` days, CNY (standard rate). */
export function tplStorageCny(t: TplParams, stockM3: number, days: number): number {
  return stockM3 * t.storageCnyPerM3Day * days;
}

/** Long-term storage surcharge of `stockM3` for `days` days, CNY: the aged share × the surcharge. */
export function tplLongTermCny(w: WarehouseParams, t: TplParams, stockM3: number, days: number): number {
  return stockM3 * tplLongTermShare(w, t) * t.longTermSurchargeCnyPerM3Day * days;
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

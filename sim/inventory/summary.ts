/**
 * Inventory part of a simulation summary (the self-run warehouse's stock): stock-outs, fill rate,
 * average and peak stock, capital tied up and its cost, unsold stock at the horizon's end and its
 * write-down, freight, and which freight option the sites used — each over the trials.
 */
import { describe, type Stats } from '../stats/describe.ts';
import type { SimPlan } from '../engine/plan.ts';
import { column } from '../engine/records.ts';
import { FREIGHT_MODES, type FreightMode } from './freight.ts';
import { STOCK_FIELDS } from './trial.ts';

export interface InventorySummary {
  /** What happens to an order that finds the shelf empty. */
  stockoutPolicy: 'direct' | 'lost';
  /** The scenario's freight choice. */
  freight: 'auto' | FreightMode;
  /** Orders (units) that found the shelf empty, over the horizon. */
  stockoutUnits: Stats;
  /** Share of demand served from stock (served ÷ demanded, per trial). */
  fillRate: Stats;
  /** Share of trials with at least one stock-out. */
  pAnyStockout: number;
  /** Value of stock on hand (CNY, at unit cost): mean over the horizon, and its peak. */
  onHandValueMean: Stats;
  onHandValuePeak: Stats;
  /** Value of stock in transit, mean over the horizon (CNY). */
  inTransitValueMean: Stats;
  /** Most capital tied up at once: on hand + in transit (CNY). */
  tiedUpValuePeak: Stats;
  /** Cost of capital on stock on hand and in transit, over the horizon (CNY). */
  capitalCost: Stats;
  /** Stock on hand or in transit at the horizon's end (CNY at cost) and its write-down (CNY). */
  endStockValue: Stats;
  endWriteDown: Stats;
  /** Head-haul freight paid (CNY) and the number of shipments. */
  freightCost: Stats;
  shipments: Stats;
  /** Share of (trial, site) pairs that used each freight option. */
  optionShare: Record<FreightMode, number>;
  /** Mean per month: stock on hand (CNY) and units short. */
  monthlyOnHandValue: number[];
  monthlyStockouts: number[];
}

const mean = (a: Float64Array) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

export function inventorySummary(plan: SimPlan, recs: Float64Array): InventorySummary {
  const L = plan.layout;
  const S = L.stock;
  const col = (f: (typeof STOCK_FIELDS)[number]) => column(recs, L, S.fields + STOCK_FIELDS.indexOf(f));
  const demand = col('demandUnits');
  const served = col('servedUnits');
  const short = col('shortUnits');
  const fill = Float64Array.from(demand, (d, i) => (d > 0 ? served[i]! / d : 1));
  const counts = FREIGHT_MODES.map((_m, k) => column(recs, L, S.options + k).reduce((a, b) => a + b, 0));
  const all = counts.reduce((a, b) => a + b, 0);
  const w = plan.scenario.spec.warehouse;
  return {
    stockoutPolicy: w?.stockout ?? 'direct',
    freight: w?.freight ?? 'auto',
    stockoutUnits: describe(short),
    fillRate: describe(fill),
    pAnyStockout: short.length ? short.filter((x) => x > 1e-9).length / short.length : 0,
    onHandValueMean: describe(col('onHandValueMean')),
    onHandValuePeak: describe(col('onHandValuePeak')),
    inTransitValueMean: describe(col('inTransitValueMean')),
    tiedUpValuePeak: describe(col('tiedUpValuePeak')),
    capitalCost: describe(col('capitalCost')),
    endStockValue: describe(col('endStockValue')),
    endWriteDown: describe(col('endWriteDown')),
    freightCost: describe(col('freightCost')),
    shipments: describe(col('shipments')),
    optionShare: Object.fromEntries(FREIGHT_MODES.map((m, k) => [m, all > 0 ? counts[k]! / all : 0])) as Record<FreightMode, number>,
    monthlyOnHandValue: Array.from({ length: L.months }, (_, k) => mean(column(recs, L, S.monthlyOnHandValue + k))),
    monthlyStockouts: Array.from({ length: L.months }, (_, k) => mean(column(recs, L, S.monthlyShort + k))),
  };
}

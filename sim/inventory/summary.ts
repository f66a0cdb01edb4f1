/**
 * Inventory part of a simulation summary (the self-run warehouse's stock): stock-outs, fill rate,
 * average and peak stock, capital tied up and its cost, unsold stock at the horizon's end and its
 * write-down, freight, and which freight option the sites used — each over the trials.
 */
import { describe, type Stats } from '../stats/describe.ts';
import type { SimPlan } from '../engine/plan.ts';
import type { TrialStore } from '../engine/store.ts';
import { FREIGHT_MODES, type FreightMode } from './freight.ts';
import { STOCK_FIELDS } from './trial.ts';

export interface InventorySummary {
  /** Currency of every money figure of this block (the scenario's currency.reporting; converted at each trial's level rate). */
  currency: string;
  /** What happens to an order that finds the shelf empty. */
  stockoutPolicy: 'direct' | 'lost';
  /** The scenario's freight choice. */
  freight: 'auto' | FreightMode;
  /** Orders (units) the warehouse's sites received, and served from stock, over the horizon. */
  demandUnits: Stats;
  servedUnits: Stats;
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
  /**
   * Per month (CNY at unit cost): stock on hand (mean over the month) and in transit, each as P10, median
   * and P90 over the trials (the first SAMPLE_TRIALS); the mean value of the reorder points at the
   * month's review; the share of trials with a stock-out that month, and the mean orders short.
   */
  monthly: InventoryMonth[];
  /** SKUs with their own stock and SKUs in the tail bands (sim/inventory/plan.ts). */
  trackedSkus: number;
  tailSkus: number;
}

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

export interface InventoryMonth {
  onHand: Band;
  inTransit: Band;
  reorderPoint: number;
  pStockout: number;
  stockouts: number;
}

/** P10, median and P90 of a sample (NaN when empty). */
export function band(x: Float64Array): Band {
  const s = Float64Array.from(x).sort();
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))]! : NaN);
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9) };
}


export function inventorySummary(plan: SimPlan, store: TrialStore): InventorySummary {
  const L = plan.layout;
  const S = L.stock;
  const col = (f: (typeof STOCK_FIELDS)[number]) => store.stock(f);
  const demand = col('demandUnits');
  const served = col('servedUnits');
  const short = col('shortUnits');
  const fill = Float64Array.from(demand, (d, i) => (d > 0 ? served[i]! / d : 1));
  const counts = FREIGHT_MODES.map((_m, k) => store.sum(S.options + k));
  const all = counts.reduce((a, b) => a + b, 0);
  const w = plan.scenario.spec.warehouse;
  return {
    currency: plan.landed.currencies[plan.landed.reporting]!,
    stockoutPolicy: w?.stockout ?? 'direct',
    freight: w?.freight ?? 'auto',
    demandUnits: describe(demand),
    servedUnits: describe(served),
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
    monthlyOnHandValue: Array.from({ length: L.months }, (_, k) => (store.n ? store.sum(S.monthlyOnHandValue + k) / store.n : 0)),
    monthlyStockouts: Array.from({ length: L.months }, (_, k) => (store.n ? store.sum(S.monthlyShort + k) / store.n : 0)),
    monthly: Array.from({ length: L.months }, (_, k) => ({
      onHand: band(store.sampleStockMonthly('onHand', k)),
      inTransit: band(store.sampleStockMonthly('transit', k)),
      reorderPoint: store.n ? store.sum(S.monthlyReorderValue + k) / store.n : 0,
      pStockout: store.n ? store.sum(S.monthlyShortFlag + k) / store.n : 0,
      stockouts: store.n ? store.sum(S.monthlyShort + k) / store.n : 0,
    })),
    trackedSkus: plan.stock.tracked.length,
    tailSkus: plan.stock.tail.length,
  };
}

const fmtMoney = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const OPTION_ZH: Record<FreightMode, string> = { air: '空运', 'sea-lcl': '海运拼箱', 'sea-fcl': '海运整柜', rail: '铁路' };

/** The inventory lines of the `simulate` summary (terminal), in one language. */
export function formatInventory(s: InventorySummary, lang: 'en' | 'zh', bold: (x: string) => string): string[] {
  const zh = lang === 'zh';
  const opts = FREIGHT_MODES.filter((m) => s.optionShare[m] > 0).map((m) => `${zh ? OPTION_ZH[m] : m} ${s.optionShare[m] < 0.005 ? '< 1' : (s.optionShare[m] * 100).toFixed(0)}${zh ? '%' : ' %'}`).join(', ');
  return [
    bold(zh ? `海外仓库存（再订货点/最高库存策略；金额按货值，${s.currency === 'CNY' ? '元' : s.currency}）` : `Warehouse stock (reorder point / order-up-to policy; ${s.currency} at unit cost)`),
    zh
      ? `  现货满足率 ${(s.fillRate.mean * 100).toFixed(1)}%（P5 ${(s.fillRate.p5 * 100).toFixed(1)}%）· 断货 ${s.stockoutUnits.mean.toFixed(0)} 单（${(s.pAnyStockout * 100).toFixed(0)}% 的试验出现断货；断货${s.stockoutPolicy === 'direct' ? '转直发' : '即丢单'}）`
      : `  fill rate ${(s.fillRate.mean * 100).toFixed(1)} % (P5 ${(s.fillRate.p5 * 100).toFixed(1)} %) · stock-outs ${s.stockoutUnits.mean.toFixed(0)} orders (in ${(s.pAnyStockout * 100).toFixed(0)} % of trials; a stock-out is ${s.stockoutPolicy === 'direct' ? 'shipped direct' : 'a lost sale'})`,
    zh
      ? `  在库均值 ${fmtMoney(s.onHandValueMean.mean)}，峰值 ${fmtMoney(s.onHandValuePeak.mean)} · 在途均值 ${fmtMoney(s.inTransitValueMean.mean)} · 资金占用峰值 ${fmtMoney(s.tiedUpValuePeak.mean)}，资金成本 ${fmtMoney(s.capitalCost.mean)}`
      : `  on hand: mean ${fmtMoney(s.onHandValueMean.mean)}, peak ${fmtMoney(s.onHandValuePeak.mean)} · in transit: mean ${fmtMoney(s.inTransitValueMean.mean)} · capital tied up: peak ${fmtMoney(s.tiedUpValuePeak.mean)}, its cost ${fmtMoney(s.capitalCost.mean)}`,
    zh
      ? `  期末未售 ${fmtMoney(s.endStockValue.mean)}，减值 ${fmtMoney(s.endWriteDown.mean)} · 头程运费 ${fmtMoney(s.freightCost.mean)}（${s.shipments.mean.toFixed(1)} 批；${opts || '—'}${s.freight === 'auto' ? '，按成本自动选择（含库存与电池附加费）' : '，情景指定'}）`
      : `  unsold at the end ${fmtMoney(s.endStockValue.mean)}, write-down ${fmtMoney(s.endWriteDown.mean)} · head-haul freight ${fmtMoney(s.freightCost.mean)} (${s.shipments.mean.toFixed(1)} shipments; ${opts || '—'}${s.freight === 'auto' ? ', chosen by cost incl. stock and battery surcharges' : ', fixed by the scenario'})`,
    '',
  ];
}

/**
 * The warehouse's stock per month (the self-run and the 3PL warehouse hold the same stock): value on
 * hand and in transit, each as its median over the simulations with a P10–P90 band (drawn on its own,
 * never stacked), the reorder points' value at each monthly review (dashed), and the months in which
 * some simulation ran out of stock (red marks, with the share of simulations).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang, Text } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { chart, cny } from './common.ts';
import { COMPONENT_COLOR, MODE_COLOR } from './palette.ts';

const T: Record<string, Text> = {
  title: { en: 'Warehouse stock per month', zh: '每月海外仓库存' },
  desc: {
    en: 'Stock value at unit cost (self-run and 3PL warehouse: the same stock). Lines: median over the simulations; bands: P10–P90 (drawn separately, not stacked). Dashed: the reorder points at the monthly review (compared with on hand + in transit: below it, a replenishment is shipped). Red marks: months with a stock-out in some simulations (share of simulations).',
    zh: '按货值计的库存（自营仓与第三方仓为同一批库存）。实线：各次模拟的中位数；色带：P10–P90（各自绘制，不堆积）。虚线：每月检查时的再订货点（与在库 + 在途之和比较：低于它即发运补货）。红色标记：部分模拟出现断货的月份（出现断货的模拟占比）。',
  },
  onHand: { en: 'On hand', zh: '在库' },
  transit: { en: 'In transit', zh: '在途' },
  reorder: { en: 'Reorder point', zh: '再订货点' },
  stockout: { en: 'Stock-out', zh: '断货' },
  month: { en: 'Month', zh: '月份' },
  value: { en: 'Stock value', zh: '库存货值' },
  series: { en: 'Series', zh: '系列' },
  share: { en: 'Simulations with a stock-out', zh: '出现断货的模拟占比' },
  short: { en: 'Orders short (mean)', zh: '断货订单（均值）' },
};

/** Whether the chart has something to show: a stock that some trial held. */
export function inventoryChartEmpty(m: ReportModel): Text | null {
  const inv = m.inventory;
  if (!inv || !inv.monthly?.length || !(inv.demandUnits.mean > 0)) return { en: 'No warehouse stock in this run (the warehouse and the 3PL are switched off, or no order reached them).', zh: '本次运行没有海外仓库存（自营仓与第三方仓均已关闭，或没有订单到达）。' };
  return null;
}

export function inventoryChart(m: ReportModel, lang: Lang): TopLevelSpec {
  // (no stock: an empty chart; the report shows inventoryChartEmpty's sentence instead)
  const inv = m.inventory ?? { monthly: [] };
  const labels = m.monthLabels ?? inv.monthly.map((_, k) => String(k + 1));
  const onHand = T.onHand![lang];
  const transit = T.transit![lang];
  const reorder = T.reorder![lang];
  const bands = inv.monthly.flatMap((x, k) => [
    { month: labels[k], series: onHand, p10: x.onHand.p10, p50: x.onHand.p50, p90: x.onHand.p90 },
    { month: labels[k], series: transit, p10: x.inTransit.p10, p50: x.inTransit.p50, p90: x.inTransit.p90 },
  ]);
  const reorderRows = inv.monthly.map((x, k) => ({ month: labels[k], series: reorder, value: x.reorderPoint }));
  const outs = inv.monthly.flatMap((x, k) => (x.pStockout > 0 ? [{ month: labels[k], share: x.pStockout, short: x.stockouts, label: x.pStockout < 0.005 ? '<1%' : `${Math.round(x.pStockout * 100)}%` }] : []));
  const series = [onHand, transit, reorder];
  const colour = { field: 'series', type: 'nominal', title: T.series![lang], sort: series, scale: { domain: series, range: [MODE_COLOR.warehouse, COMPONENT_COLOR.headhaul, '#475569'] } };
  const x = { field: 'month', type: 'ordinal', title: T.month![lang], sort: labels, axis: { labelAngle: -45 } };
  const money = `${T.value![lang]} (${cny(lang)})`;
  const layers: Record<string, unknown>[] = [
    {
      // each band from its own P10 to its own P90: y2 and stack null, never stacked on the other series
      mark: { type: 'area', opacity: 0.22 },
      encoding: { x, y: { field: 'p10', type: 'quantitative', stack: null, title: money, axis: { format: ',.0f' } }, y2: { field: 'p90' }, color: colour, tooltip: [{ field: 'series', title: T.series![lang] }, { field: 'month', title: T.month![lang] }, { field: 'p10', title: 'P10', format: ',.0f' }, { field: 'p50', title: 'P50', format: ',.0f' }, { field: 'p90', title: 'P90', format: ',.0f' }] },
    },
    {
      mark: { type: 'line', point: true },
      encoding: { x, y: { field: 'p50', type: 'quantitative', stack: null }, color: colour },
    },
    {
      data: { values: reorderRows },
      mark: { type: 'line', strokeDash: [5, 4] },
      encoding: { x, y: { field: 'value', type: 'quantitative', stack: null }, color: colour, tooltip: [{ field: 'series', title: T.series![lang] }, { field: 'month', title: T.month![lang] }, { field: 'value', title: cny(lang), format: ',.0f' }] },
    },
  ];
  if (outs.length)
    layers.push(
      {
        data: { values: outs },
        mark: { type: 'point', shape: 'triangle-down', filled: true, color: COMPONENT_COLOR.stockout, size: 90 },
        encoding: { x, y: { datum: 0 }, tooltip: [{ field: 'month', title: T.month![lang] }, { field: 'share', title: T.share![lang], format: '.0%' }, { field: 'short', title: T.short![lang], format: ',.1f' }] },
      },
      {
        data: { values: outs },
        mark: { type: 'text', dy: -12, color: COMPONENT_COLOR.stockout, fontSize: 10 },
        encoding: { x, y: { datum: 0 }, text: { field: 'label' } },
      },
    );
  return chart(lang, T.title!, T.desc!, bands, { width: 560, height: 240, layer: layers });
}

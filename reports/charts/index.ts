/** Every chart of a report, in page order, with its file name. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang, Text } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { costBreakdownChart } from './cost-breakdown.ts';
import { costDistributionChart } from './cost-distribution.ts';
import { costVsVolumeChart } from './cost-vs-volume.ts';
import { deliveryDaysChart } from './delivery-days.ts';
import { inventoryChart, inventoryChartEmpty } from './inventory.ts';
import { monthlyCashChart } from './monthly-cash.ts';
import { profitChart } from './profit.ts';
import { routingFailuresChart } from './routing-failures.ts';
import { tornadoChart } from './tornado.ts';

export { COMPONENT_LABEL, componentLabel } from './cost-breakdown.ts';
export { MODE_COLOR, COMPONENT_COLOR, componentColor } from './palette.ts';

/** A chart of the report; `empty` says in one sentence why it is not drawn when it would show nothing. */
export interface ChartDef {
  name: string;
  build: (m: ReportModel, lang: Lang) => TopLevelSpec;
  empty?: (m: ReportModel) => Text | null;
}

export const CHARTS: readonly ChartDef[] = [
  { name: 'cost-distribution', build: costDistributionChart },
  { name: 'cost-breakdown', build: costBreakdownChart },
  { name: 'profit', build: profitChart, empty: (m) => (m.landed ? null : { en: 'No profit view in this run (no revenue data).', zh: '本次运行没有利润视角（无收入数据）。' }) },
  { name: 'cost-vs-volume', build: costVsVolumeChart },
  { name: 'tornado', build: tornadoChart, empty: (m) => (m.tornado.some((r) => Math.max(Math.abs(r.low - r.base), Math.abs(r.high - r.base)) >= 0.01) ? null : { en: 'No sensitivity analysis in this run: the scenario has no uncertain input that moves the difference (or the analysis was switched off).', zh: '本次运行没有敏感性分析：场景中没有会改变成本差额的不确定输入（或已关闭该分析）。' }) },
  { name: 'delivery-days', build: deliveryDaysChart },
  { name: 'monthly-cash', build: monthlyCashChart },
  { name: 'inventory', build: inventoryChart, empty: inventoryChartEmpty },
  {
    name: 'routing-failures',
    build: routingFailuresChart,
    empty: (m) => (m.routingFailures.length ? null : { en: 'No JIT order failed routing in the simulations: none was shipped direct instead.', zh: '模拟中没有JIT订单分仓失败：没有订单因此转为直发。' }),
  },
];

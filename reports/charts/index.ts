/** Every chart of a report, in page order, with its file name. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { costBreakdownChart } from './cost-breakdown.ts';
import { costDistributionChart } from './cost-distribution.ts';
import { costVsVolumeChart } from './cost-vs-volume.ts';
import { deliveryDaysChart } from './delivery-days.ts';
import { monthlyCashChart } from './monthly-cash.ts';
import { routingFailuresChart } from './routing-failures.ts';
import { tornadoChart } from './tornado.ts';

export { COMPONENT_LABEL, componentLabel } from './cost-breakdown.ts';

export const CHARTS: readonly { name: string; build: (m: ReportModel, lang: Lang) => TopLevelSpec }[] = [
  { name: 'cost-distribution', build: costDistributionChart },
  { name: 'cost-breakdown', build: costBreakdownChart },
  { name: 'cost-vs-volume', build: costVsVolumeChart },
  { name: 'tornado', build: tornadoChart },
  { name: 'delivery-days', build: deliveryDaysChart },
  { name: 'monthly-cash', build: monthlyCashChart },
  { name: 'routing-failures', build: routingFailuresChart },
];

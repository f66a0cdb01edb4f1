/** Delivery-time distribution per mode. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, modeColor } from './common.ts';

export function deliveryDaysChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const modes = shownModes(m);
  const values = modes.flatMap((k) => m.modes[k].deliveryDays.map((d) => ({ modeLabel: MODE_LABEL[k][lang], days: d.days, share: d.share })));
  return chart(
    lang,
    { en: 'Delivery time', zh: '配送时效' },
    { en: 'Share of orders delivered in each number of days; JIT orders that fail routing travel direct; the 3PL warehouse ships from the same sites with the same last-mile card as the self-run warehouse (dashed, over it).', zh: '各天数送达的订单占比；分仓失败的JIT订单按直发时效；第三方海外仓与自营仓同址、同一尾程运价表（虚线，与其重叠）。' },
    values,
    {
      width: 560,
      height: 200,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: lang === 'zh' ? '天' : 'Days' },
        y: { field: 'share', type: 'quantitative', title: lang === 'zh' ? '订单占比' : 'Share of orders', axis: { format: '.0%' } },
        color: modeColor(lang, undefined, modes),
        // the 3PL's histogram is the self-run warehouse's: dashed so that both stay visible
        strokeDash: { field: 'modeLabel', type: 'nominal', title: lang === 'zh' ? '模式' : 'Mode', sort: modes.map((k) => MODE_LABEL[k][lang]), scale: { domain: modes.map((k) => MODE_LABEL[k][lang]), range: modes.map((k) => (k === 'tpl' ? [6, 4] : [1, 0])) } },
        strokeWidth: { value: 2 },
        tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, { field: 'days', title: lang === 'zh' ? '天' : 'Days' }, { field: 'share', format: '.1%', title: lang === 'zh' ? '占比' : 'Share' }],
      },
    },
  );
}

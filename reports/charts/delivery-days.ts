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
    { en: 'Share of orders delivered in each number of days; JIT orders that fail routing travel direct.', zh: '各天数送达的订单占比；分仓失败的JIT订单按直发时效。' },
    values,
    {
      width: 560,
      height: 200,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: lang === 'zh' ? '天' : 'Days' },
        y: { field: 'share', type: 'quantitative', title: lang === 'zh' ? '订单占比' : 'Share of orders', axis: { format: '.0%' } },
        color: modeColor(lang, undefined, modes),
        tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, { field: 'days', title: lang === 'zh' ? '天' : 'Days' }, { field: 'share', format: '.1%', title: lang === 'zh' ? '占比' : 'Share' }],
      },
    },
  );
}

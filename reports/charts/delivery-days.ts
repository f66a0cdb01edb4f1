/** Delivery-time distribution per mode. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { DELIVERY_BINS } from '../../sim/engine/layout.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, modeColor } from './common.ts';

/**
 * Delivery time as a density: every bin is one whole day wide (dispatch + transit, rounded down), so
 * the height of a step is the share of orders per day and equal areas are equal shares. The last bin
 * of the simulator's histogram is open-ended (≥ DELIVERY_BINS − 1 days): it is not drawn as a one-day
 * step (its width is unknown); its share is named in the description instead.
 */
export function deliveryDaysChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const modes = shownModes(m);
  const open = DELIVERY_BINS - 1;
  const values = modes.flatMap((k) => m.modes[k].deliveryDays.filter((d) => d.days < open).map((d) => ({ modeLabel: MODE_LABEL[k][lang], days: d.days, share: d.share })));
  const tail = modes.map((k) => ({ k, share: m.modes[k].deliveryDays.find((d) => d.days === open)?.share ?? 0 })).filter((x) => x.share > 0);
  const tailEn = tail.length ? ` ${tail.map((x) => `${MODE_LABEL[x.k].en} ${(x.share * 100).toFixed(1)} %`).join(', ')} of orders take ${open} days or more (not drawn).` : '';
  const tailZh = tail.length ? `${tail.map((x) => `${MODE_LABEL[x.k].zh} ${(x.share * 100).toFixed(1)}%`).join('，')}的订单需 ${open} 天或更久（未画出）。` : '';
  return chart(
    lang,
    { en: 'Delivery time', zh: '配送时效' },
    {
      en: `Share of orders per day of delivery time (bins of one day: the mode's dispatch time, order to carrier hand-over, plus the rate card's transit days); JIT orders that fail routing travel direct; the 3PL warehouse ships from the same sites with the same last-mile card as the self-run warehouse, after its own handling time (dashed).${tailEn}`,
      zh: `每天送达的订单占比（每档一天：各模式发货时效，即下单至交运，加运价表运输天数）；分仓失败的JIT订单按直发时效；第三方海外仓与自营仓同址、同一尾程运价表，按其自身处理时效（虚线）。${tailZh}`,
    },
    values,
    {
      width: 560,
      height: 200,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: lang === 'zh' ? '下单至送达天数（每档一天）' : 'Days from order to delivery (one-day bins)' },
        y: { field: 'share', type: 'quantitative', title: lang === 'zh' ? '每天订单占比' : 'Share of orders per day', axis: { format: '.0%' } },
        color: modeColor(lang, undefined, modes),
        // the 3PL's histogram is close to the self-run warehouse's: dashed so that both stay visible
        strokeDash: { field: 'modeLabel', type: 'nominal', title: lang === 'zh' ? '模式' : 'Mode', sort: modes.map((k) => MODE_LABEL[k][lang]), scale: { domain: modes.map((k) => MODE_LABEL[k][lang]), range: modes.map((k) => (k === 'tpl' ? [6, 4] : [1, 0])) } },
        strokeWidth: { value: 2 },
        tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, { field: 'days', title: lang === 'zh' ? '天' : 'Days' }, { field: 'share', format: '.1%', title: lang === 'zh' ? '占比' : 'Share' }],
      },
    },
  );
}

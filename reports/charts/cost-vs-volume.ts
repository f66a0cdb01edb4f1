/** Cost per order against orders/day, per mode, with the break-even volumes marked. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, cny, modeColor } from './common.ts';

export function costVsVolumeChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const values = m.volumeCurve.map((p) => ({ modeLabel: MODE_LABEL[p.mode][lang], ordersPerDay: p.ordersPerDay, perOrder: p.perOrderCny }));
  const breaks = m.pairs.filter((p) => p.breakEven).map((p) => ({ pair: `${MODE_LABEL[p.a][lang]} = ${MODE_LABEL[p.b][lang]}`, ordersPerDay: p.breakEven!.ordersPerDay, p5: p.breakEven!.p5, p95: p.breakEven!.p95 }));
  const tooltipVolume = { field: 'ordersPerDay', title: lang === 'zh' ? '日订单量' : 'Orders/day', format: ',.0f' };
  return chart(
    lang,
    // the title promises break-even points only when there are some to mark
    breaks.length ? { en: 'Cost per order against volume, and break-even points', zh: '单均成本随日订单量变化及盈亏平衡点' } : { en: 'Cost per order against volume', zh: '单均成本随日订单量变化' },
    breaks.length
      ? { en: 'Same simulated flows scaled in volume (common random numbers); dashed lines: break-even volumes.', zh: '同一订单流按量缩放（共同随机数）；虚线为盈亏平衡日订单量。' }
      : { en: 'Same simulated flows scaled in volume (common random numbers); no break-even in this range: the ranking of the modes does not change with volume.', zh: '同一订单流按量缩放（共同随机数）；该范围内没有盈亏平衡点：各模式的成本排序不随订单量改变。' },
    values,
    {
      width: 560,
      height: 240,
      layer: [
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'ordersPerDay', type: 'quantitative', title: lang === 'zh' ? '日订单量' : 'Orders per day', scale: { type: 'log', nice: false } },
            y: { field: 'perOrder', type: 'quantitative', title: `${lang === 'zh' ? '每单成本' : 'Cost per order'} (${cny(lang, m.currency)})` },
            color: modeColor(lang, undefined, shownModes(m)),
            tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, tooltipVolume, { field: 'perOrder', title: cny(lang, m.currency), format: ',.2f' }],
          },
        },
        ...(breaks.length
          ? [
              {
                data: { values: breaks },
                mark: { type: 'rule', strokeDash: [6, 4], color: '#475569' },
                encoding: {
                  x: { field: 'ordersPerDay', type: 'quantitative' },
                  tooltip: [{ field: 'pair', title: lang === 'zh' ? '盈亏平衡' : 'Break-even' }, tooltipVolume, { field: 'p5', title: 'P5', format: ',.0f' }, { field: 'p95', title: 'P95', format: ',.0f' }],
                },
              },
            ]
          : []),
      ],
    },
  );
}

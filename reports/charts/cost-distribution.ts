/** Total cost over the horizon, per mode: the distributions overlaid (never stacked), with P5 / P50 / P95 marked. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, cny, modeColor } from './common.ts';

export function costDistributionChart(m: ReportModel, lang: Lang): TopLevelSpec {
  // only the modes the client can use (an unavailable JIT would be a copy of direct)
  const modes = shownModes(m);
  const values = m.trialTotals.filter((t) => modes.includes(t.mode)).map((t) => ({ modeLabel: MODE_LABEL[t.mode][lang], total: t.totalCny }));
  const marks = modes.flatMap((k) => (['p5', 'p50', 'p95'] as const).map((p) => ({ modeLabel: MODE_LABEL[k][lang], total: m.modes[k].total[p], label: p.toUpperCase() })));
  return chart(
    lang,
    { en: `Total cost over ${m.scenario.horizonMonths} months, by mode`, zh: `${m.scenario.horizonMonths}个月总成本分布（按模式）` },
    { en: 'Each curve is the distribution of the total over the simulations, drawn on its own (overlaid, not stacked); dashed lines mark P5, P50 and P95.', zh: '每条曲线为各次模拟的总成本分布，各自独立绘制（叠放而非堆积）；虚线标出P5、P50、P95。' },
    values,
    {
      width: 560,
      height: 220,
      layer: [
        {
          transform: [{ density: 'total', groupby: ['modeLabel'], steps: 160 }],
          mark: { type: 'area', opacity: 0.3, line: true },
          encoding: {
            x: { field: 'value', type: 'quantitative', title: `${lang === 'zh' ? '总成本' : 'Total cost'} (${cny(lang, m.currency)})`, axis: { format: ',.0f' } },
            // each mode's density from zero: a colour channel would otherwise stack the areas
            y: { field: 'density', type: 'quantitative', stack: null, title: lang === 'zh' ? '概率密度' : 'Density', axis: { labels: false, ticks: false } },
            color: modeColor(lang, undefined, modes),
            tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }],
          },
        },
        {
          data: { values: marks },
          mark: { type: 'rule', strokeDash: [4, 3] },
          encoding: {
            x: { field: 'total', type: 'quantitative' },
            color: modeColor(lang, undefined, modes),
            tooltip: [
              { field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' },
              { field: 'label', title: lang === 'zh' ? '分位' : 'Percentile' },
              { field: 'total', title: cny(lang, m.currency), format: ',.0f' },
            ],
          },
        },
      ],
    },
  );
}

/** Contribution and profit per mode (the profit view, reporting currency), with P5–P95 of the profit; a mode missing the service level is marked. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODES, MODE_LABEL, type ReportModel } from '../model.ts';
import { chart, modeColor } from './common.ts';

export function profitChart(m: ReportModel, lang: Lang): TopLevelSpec {
  // a model without the profit view (the report shows a sentence instead: CHARTS `empty`) draws no bars
  const l = m.landed ?? { reportingCurrency: 'CNY', salesEffect: null, modes: null };
  const zh = lang === 'zh';
  const cur = zh && l.reportingCurrency === 'CNY' ? '元' : l.reportingCurrency;
  const measure = { contribution: zh ? '贡献' : 'Contribution', profit: zh ? '利润（P5–P95）' : 'Profit (P5–P95)' };
  const lm = l.modes;
  const label = (k: (typeof MODES)[number]) => `${MODE_LABEL[k][lang]}${lm?.[k].serviceLevel && !lm[k].serviceLevel!.met ? (zh ? '（未达服务水平）' : ' (misses service level)') : ''}`;
  const values = !lm ? [] : MODES.flatMap((k) => [
    { modeLabel: MODE_LABEL[k][lang], row: label(k), measure: measure.contribution, value: lm[k].means.contribution, lo: null, hi: null },
    { modeLabel: MODE_LABEL[k][lang], row: label(k), measure: measure.profit, value: lm[k].means.profit, lo: lm[k].profit.p5, hi: lm[k].profit.p95 },
  ]);
  const se = l.salesEffect;
  return chart(
    lang,
    { en: `Contribution and profit over ${m.scenario.horizonMonths} months, by mode (${cur})`, zh: `${m.scenario.horizonMonths}个月贡献与利润（按模式，${cur}）` },
    {
      en: `Means over the simulations; the line is the profit's P5–P95. ${se ? `Faster modes sell more (delivery-speed sales effect, demand observed under ${MODE_LABEL[se.baselineMode].en}).` : 'No delivery-speed sales effect.'}`,
      zh: `各次模拟的均值；横线为利润的P5–P95。${se ? `时效更快的模式销量更高（时效销量效应，需求基准：${MODE_LABEL[se.baselineMode].zh}）。` : '未计时效销量效应。'}`,
    },
    values,
    {
      width: 520,
      height: { step: 16 },
      encoding: {
        y: { field: 'row', type: 'nominal', title: null, sort: MODES.map(label) },
        yOffset: { field: 'measure', sort: [measure.contribution, measure.profit] },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            x: { field: 'value', type: 'quantitative', title: cur, axis: { format: ',.0f' } },
            color: modeColor(lang),
            opacity: { field: 'measure', type: 'nominal', title: zh ? '指标' : 'Measure', sort: [measure.contribution, measure.profit], scale: { domain: [measure.contribution, measure.profit], range: [0.45, 1] } },
            tooltip: [{ field: 'row', title: zh ? '模式' : 'Mode' }, { field: 'measure', title: zh ? '指标' : 'Measure' }, { field: 'value', title: cur, format: ',.0f' }, { field: 'lo', title: 'P5', format: ',.0f' }, { field: 'hi', title: 'P95', format: ',.0f' }],
          },
        },
        {
          transform: [{ filter: 'datum.lo !== null' }],
          mark: { type: 'rule', color: '#111827' },
          encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
        },
      ],
    },
  );
}

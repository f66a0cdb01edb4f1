/** Monthly cash outlay per mode: the warehouse's start-up and stock against JIT's zero stock. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, cny, modeColor } from './common.ts';

export function monthlyCashChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const modes = shownModes(m);
  const values = m.monthly.filter((r) => modes.includes(r.mode)).map((r) => ({ modeLabel: MODE_LABEL[r.mode][lang], month: r.month, cash: r.cashOutCny }));
  return chart(
    lang,
    { en: 'Monthly cash outlay', zh: '每月现金支出' },
    { en: 'Mean over the simulations: fees, freight, stock purchases and start-up as paid.', zh: '各次模拟的均值：按实际支付计的费用、运费、备货与启动投入。' },
    values,
    {
      width: 560,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'month', type: 'ordinal', title: lang === 'zh' ? '月份' : 'Month' },
        y: { field: 'cash', type: 'quantitative', title: `${lang === 'zh' ? '现金支出' : 'Cash out'} (${cny(lang, m.currency)})`, axis: { format: ',.0f' } },
        color: modeColor(lang, undefined, modes),
        tooltip: [{ field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, { field: 'month', title: lang === 'zh' ? '月份' : 'Month' }, { field: 'cash', title: cny(lang, m.currency), format: ',.0f' }],
      },
    },
  );
}

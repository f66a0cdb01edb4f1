/** JIT orders that failed routing, by code, and were shipped direct. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { chart } from './common.ts';

export function routingFailuresChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const values = m.routingFailures.map((r) => ({ code: r.code, orders: r.orders }));
  return chart(
    lang,
    { en: 'JIT routing failures (shipped direct)', zh: 'JIT分仓失败（转直发）' },
    { en: 'Mean orders per simulated horizon by failure code.', zh: '每次模拟期内按失败代码的平均订单数。' },
    values,
    {
      width: 560,
      height: { step: 26 },
      mark: { type: 'bar', color: '#ef4444' },
      encoding: {
        y: { field: 'code', type: 'nominal', title: lang === 'zh' ? '代码' : 'Code' },
        x: { field: 'orders', type: 'quantitative', title: lang === 'zh' ? '订单数' : 'Orders', axis: { format: ',.0f' } },
        tooltip: [{ field: 'code', title: lang === 'zh' ? '代码' : 'Code' }, { field: 'orders', title: lang === 'zh' ? '订单数' : 'Orders', format: ',.0f' }],
      },
    },
  );
}

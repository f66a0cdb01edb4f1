/** JIT orders that failed routing, by code, and were shipped direct. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { chart } from './common.ts';

export function routingFailuresChart(m: ReportModel, lang: Lang): TopLevelSpec {
  // the code with the rule's name in words (rules/routing.json), e.g. "E117 · Qualification missing or SKU not JIT-tagged"
  const values = m.routingFailures.map((r) => ({ code: r.code, label: `${r.code} · ${r.name[lang]}`, orders: r.orders }));
  return chart(
    lang,
    { en: 'JIT routing failures (shipped direct)', zh: 'JIT分仓失败（转直发）' },
    { en: 'Mean orders per simulated horizon by routing rule (its code and name in rules/routing.json).', zh: '每次模拟期内按分仓规则（rules/routing.json 中的代码与名称）的平均订单数。' },
    values,
    {
      width: 560,
      height: { step: 26 },
      mark: { type: 'bar', color: '#ef4444' },
      encoding: {
        y: { field: 'label', type: 'nominal', title: lang === 'zh' ? '失败原因' : 'Reason', sort: '-x' },
        x: { field: 'orders', type: 'quantitative', title: lang === 'zh' ? '订单数' : 'Orders', axis: { format: ',.0f' } },
        tooltip: [{ field: 'label', title: lang === 'zh' ? '失败原因' : 'Reason' }, { field: 'orders', title: lang === 'zh' ? '订单数' : 'Orders', format: ',.0f' }],
      },
    },
  );
}

/** Tornado: how the JIT-minus-alternative difference moves with each uncertain input at P10 and P90. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import type { ReportModel } from '../model.ts';
import { chart, cny } from './common.ts';

export function tornadoChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const rows = [...m.tornado].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low)).slice(0, 12);
  const values = rows.flatMap((r) => [
    { input: r.label[lang], at: 'P10', value: r.low, base: r.base },
    { input: r.label[lang], at: 'P90', value: r.high, base: r.base },
  ]);
  const base = rows[0]?.base ?? 0;
  return chart(
    lang,
    { en: 'What moves the answer: JIT minus the best alternative', zh: '影响结论的因素：JIT减最优替代方案' },
    { en: 'Each input at its P10 and P90, the others at base. Left of the line: JIT saves more.', zh: '每个输入取P10与P90，其余取基准值。线左侧：JIT更省。' },
    values,
    {
      width: 520,
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            y: { field: 'input', type: 'nominal', title: null, sort: rows.map((r) => r.label[lang]), axis: { labelLimit: 260 } },
            x: { field: 'value', type: 'quantitative', scale: { zero: false }, title: `${lang === 'zh' ? '差额' : 'Difference'} (${cny(lang)})`, axis: { format: ',.0f' } },
            x2: { datum: base },
            color: { field: 'at', type: 'nominal', title: lang === 'zh' ? '输入取值' : 'Input at', scale: { domain: ['P10', 'P90'], range: ['#60a5fa', '#f97316'] } },
            tooltip: [{ field: 'input', title: lang === 'zh' ? '输入' : 'Input' }, { field: 'at' }, { field: 'value', title: cny(lang), format: ',.0f' }],
          },
        },
        { data: { values: [{ base }] }, mark: { type: 'rule', color: '#111827' }, encoding: { x: { field: 'base', type: 'quantitative' } } },
      ],
    },
  );
}

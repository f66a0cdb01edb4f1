/**
 * Tornado: how the per-order cost difference between the best and the second-best available mode
 * moves with each of the inputs ranked first (by rank correlation over the run's trials) at P10 and P90.
 * A group (one field of every SKU) moves all its members together, each at its own P10 and P90.
 * Each row is named in words with the input's P10 and P90 values; each bar end says its money effect
 * against the base (every input at P50).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../../sim/i18n/index.ts';
import { num, withUnit } from '../labels.ts';
import { MODE_LABEL, type ReportModel } from '../model.ts';
import { chart, cny } from './common.ts';

/** A tornado row's label: "Orders per day (P10 45 → P90 82 orders/day)". */
export function tornadoLabel(r: ReportModel['tornado'][number], lang: Lang): string {
  if (r.lowInput === null || r.highInput === null) return `${r.label[lang]}${lang === 'zh' ? '（各取各自的P10 → P90）' : ' (each at its own P10 → P90)'}`;
  return `${r.label[lang]}${lang === 'zh' ? '（' : ' ('}P10 ${withUnit(r.lowInput, r.unit, lang)} → P90 ${withUnit(r.highInput, r.unit, lang)}${lang === 'zh' ? '）' : ')'}`;
}

const signed = (x: number, lang: Lang) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${num(Math.abs(x), lang, 2)}`;

export function tornadoChart(m: ReportModel, lang: Lang): TopLevelSpec {
  // inputs that move nothing (under 0.01 CNY per order either way) are left out: a bar of zero length says nothing
  const rows = [...m.tornado].filter((r) => Math.max(Math.abs(r.low - r.base), Math.abs(r.high - r.base)) >= 0.01).sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low)).slice(0, 12);
  const base = rows[0]?.base ?? 0;
  const [a, b] = m.tornadoPair ?? ['jit', 'direct'];
  const A = MODE_LABEL[a];
  const B = MODE_LABEL[b];
  // a row is keyed by its label: two inputs that read the same would merge into one bar, so such labels get their pointer
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(tornadoLabel(r, lang), (seen.get(tornadoLabel(r, lang)) ?? 0) + 1);
  const labelOf = (r: (typeof rows)[number]) => (seen.get(tornadoLabel(r, lang))! > 1 ? `${tornadoLabel(r, lang)} ${r.input}` : tornadoLabel(r, lang));
  const sideOf = (d: number) => (Math.abs(d) < 0.005 ? 'none' : d > 0 ? 'right' : 'left');
  const values = rows.flatMap((r) => {
    const dl = r.low - r.base;
    const dh = r.high - r.base;
    // P10 and P90 moving the same way: the bars overlap, so one label at the far end names both
    // (two labels would print over each other)
    const same = sideOf(dl) !== 'none' && sideOf(dl) === sideOf(dh);
    const far = Math.abs(dh) >= Math.abs(dl) ? 'P90' : 'P10';
    return (['P10', 'P90'] as const).map((at) => {
      const value = at === 'P10' ? r.low : r.high;
      const effect = same ? `P10 ${signed(dl, lang)} · P90 ${signed(dh, lang)} ${cny(lang, m.currency)}` : `${signed(value - r.base, lang)} ${cny(lang, m.currency)}`;
      return { input: labelOf(r), at, value, base: r.base, rho: r.rankCorrelation ?? 0, src: r.regressionCoefficient ?? null, effect, side: same && at !== far ? 'none' : sideOf(value - r.base) };
    });
  });
  const order = rows.map(labelOf);
  const y = { field: 'input', type: 'nominal', title: null, sort: order };
  return chart(
    lang,
    { en: `What moves the answer: cost per order, ${A.en} minus ${B.en}`, zh: `影响结论的因素：每单成本，${A.zh}减${B.zh}` },
    (() => {
      const t = m.tornadoMethod;
      const reg = t?.by === 'rank-regression-main-run';
      const rankedEn = t ? `The ${num(rows.length, 'en')} inputs (of ${num(t.ranked, 'en')}) that move it most, found from all ${num(t.rankTrials, 'en')} simulations (${reg ? 'rank regression: each input\'s own effect' : 'rank correlation'}); each` : 'Each input';
      const rankedZh = t ? `根据全部${num(t.rankTrials, 'zh')}次模拟（${reg ? '秩回归：各输入自身的影响' : '秩相关'}）找出影响最大的${num(rows.length, 'zh')}个输入（共${num(t.ranked, 'zh')}个）：每个` : '每个输入';
      return {
        en: `${rankedEn} at its P10 and P90, the others at P50 (base: ${signed(base, 'en')} ${cny('en', m.currency)} per order). Numbers at the bar ends: the change against the base. Left of the line: ${A.en} saves more; past 0, ${B.en} becomes the cheaper.`,
        zh: `${rankedZh}取P10与P90，其余取P50（基准：每单${signed(base, 'zh')}${m.currency && m.currency !== 'CNY' ? ' ' : ''}${cny('zh', m.currency)}）。条形末端数字为相对基准的变化。线左侧：${A.zh}更省；超过0则${B.zh}更便宜。`,
      };
    })(),
    values,
    {
      width: 360,
      height: { step: 26 },
      layer: [
        {
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            y,
            x: { field: 'value', type: 'quantitative', scale: { zero: false, padding: 40 }, title: `${lang === 'zh' ? `${A.zh} − ${B.zh}，每单` : `${A.en} − ${B.en}, per order`} (${cny(lang, m.currency)})`, axis: { format: ',.2f', tickCount: 5 } },
            x2: { field: 'base' },
            color: { field: 'at', type: 'nominal', title: lang === 'zh' ? '输入取值' : 'Input at', scale: { domain: ['P10', 'P90'], range: ['#60a5fa', '#f97316'] } },
            tooltip: [{ field: 'input', title: lang === 'zh' ? '输入' : 'Input' }, { field: 'at', title: lang === 'zh' ? '取值' : 'At' }, { field: 'value', title: cny(lang, m.currency), format: ',.2f' }, { field: 'effect', title: lang === 'zh' ? '相对基准' : 'vs base' }, { field: 'src', title: lang === 'zh' ? '标准化秩回归系数' : 'Rank regression coefficient', format: '.2f' }, { field: 'rho', title: lang === 'zh' ? '秩相关' : 'Rank correlation', format: '.2f' }],
          },
        },
        {
          transform: [{ filter: "datum.side === 'right'" }],
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#374151' },
          encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'effect' } },
        },
        {
          transform: [{ filter: "datum.side === 'left'" }],
          mark: { type: 'text', align: 'right', dx: -3, fontSize: 10, color: '#374151' },
          encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'effect' } },
        },
        { data: { values: [{ base }] }, mark: { type: 'rule', color: '#111827' }, encoding: { x: { field: 'base', type: 'quantitative' } } },
      ],
    },
  );
}

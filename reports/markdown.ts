/** `summary.md`: the headline table and the recommendation, for e-mail and pull requests. */
import { refText } from './basis.ts';
import { visible } from '../sim/io/safe-text.ts';
import type { Lang } from '../sim/i18n/index.ts';
import { MODES, MODE_LABEL, type ReportModel } from './model.ts';
import { availableModes, exclusionNote, executiveSummary, modeStatus, recommendationText, recommendedMode } from './narrative.ts';
import { landedMarkdown } from './landed.ts';
import { inventoryMarkdown } from './inventory.ts';
import { batteryMarkdown } from './battery.ts';
import { inCurrency } from './charts/common.ts';

/** Escapes text for a Markdown table cell or line (no HTML, no table breaks). */
export function mdText(s: string): string {
  return visible(s, { allow: '\n' }).replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const money = (x: number) => Math.round(x).toLocaleString('en-US');

export function renderMarkdown(m: ReportModel, lang: Lang): string {
  const zh = lang === 'zh';
  const best = recommendedMode(m);
  const avail = availableModes(m);
  const lines = [
    `# ${mdText(m.scenario.name)}`,
    '',
    `${zh ? '履约成本对比' : 'Fulfilment cost comparison'} · ${m.scenario.horizonMonths} ${zh ? '个月' : 'months'} · ${m.run.trials} ${zh ? '次模拟' : `simulations of ${m.scenario.horizonMonths} months`} · seed ${m.run.seed}`,
    '',
    `**${zh ? '建议' : 'Recommendation'}: ${best ? MODE_LABEL[best][lang] : zh ? '无' : 'none'}**${m.landed?.recommendation ? ` — ${mdText(recommendationText(m)[lang])}` : ''}`,
    '',
    ...executiveSummary(m).map((s) => `- ${mdText(s[lang])}`),
    '',
    inCurrency(zh ? '| 模式 | 总成本中位数（元） | 90%区间 | 均值（95%置信区间） | 每单（元） | 最低概率 | 时效（天） | 占用资金（元） |' : '| Mode | Total, median (CNY) | 90 % interval | Mean (95 % CI) | Per order (CNY) | P(cheapest) | Days | Cash tied up (CNY) |', m.currency),
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...MODES.map((k) => {
      const r = m.modes[k];
      const note = exclusionNote(m, k);
      const st = avail.includes(k) ? null : modeStatus(m, k);
      const name = `${MODE_LABEL[k][lang]}${st ? (zh ? `（${st.zh}）` : ` (${st.en})`) : ''}${note ? (zh ? `（${mdText(note.zh)}）` : ` (${mdText(note.en)})`) : ''}${k === best ? ' ✓' : ''}`;
      // an unavailable or switched-off mode has no figures of its own
      if (st) return `| ${name} | ${st[lang]} | — | — | — | — | — | — |`;
      return `| ${name} | ${money(r.total.p50)} | ${money(r.total.p5)}–${money(r.total.p95)} | ${money(r.total.mean)} (${money(r.total.ciLow)}–${money(r.total.ciHigh)}) | ${r.perOrder.p50.toFixed(2)} | ${r.pCheapest === null ? '—' : `${Math.round(r.pCheapest * 100)}%`} | ${r.meanDeliveryDays.toFixed(1)} | ${money(r.cashTiedUpCny)} |`;
    }),
    '',
    ...(m.landed ? landedMarkdown(m.landed, lang, mdText, avail) : []),
    ...(m.inventory ? inventoryMarkdown(m.inventory, lang, mdText, m.monthLabels ?? m.inventory.monthlyOnHandValue.map((_, k) => String(k + 1))) : []),
    ...(m.battery ? batteryMarkdown(m.battery, lang, mdText, avail) : []),
    `## ${zh ? '输入清单' : 'Input sheet'}`,
    '',
    ...m.inputs.flatMap((sec) => [
      `### ${mdText(sec.title[lang])}`,
      '',
      zh ? '| 输入 | 取值 | 来源 |' : '| Input | Value | Source |',
      '|---|---|---|',
      ...sec.rows.map((r) => `| ${mdText(r.name[lang])} | ${mdText(r.value[lang])} | ${mdText(r.source.label[lang])}${r.source.shipped ? ` (${zh ? '内置值' : 'shipped'}: ${mdText(r.source.shipped[lang])})` : ''}${r.source.ref ? ` — ${mdText(refText(r.source, lang))}` : ''} |`),
      '',
    ]),
    `${zh ? '规则指纹' : 'Rules fingerprint'}: \`${m.run.rulesFingerprint.slice(0, 16)}\` · ${zh ? '假设' : 'assumptions'}: ${m.assumptions.length} (${zh ? '见 index.html' : 'see index.html'})`,
    '',
  ];
  return lines.join('\n');
}

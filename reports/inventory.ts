/**
 * The report's "Warehouse stock" section (HTML and Markdown): how the self-run warehouse's stock
 * behaved over the trials — stock-outs and fill rate, stock on hand and in transit, the capital tied
 * up and its cost, stock unsold at the horizon's end and its write-down, freight and the freight
 * options used — and the mean stock on hand per month (built ahead of a seasonal peak).
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { InventorySummary } from '../sim/inventory/summary.ts';
import type { Stats } from '../sim/stats/describe.ts';
import { escapeHtml as e } from './render/safe.ts';
import { inCurrency } from './charts/common.ts';

const L: Record<string, Text> = {
  title: { en: 'Warehouse stock', zh: '海外仓库存' },
  lead: {
    en: 'The self-run warehouse buys stock ahead: each site reviews its stock monthly against a reorder point and an order-up-to level computed from forecast demand (seasonality included, so stock is built ahead of a peak), the freight option\'s lead time and the target service level (data/warehouse.json serviceLevel). Replenishments arrive after a random lead time; an order that finds the shelf empty is a stock-out. Money in CNY at unit cost; P5–P95 over the trials.',
    zh: '自营海外仓需提前备货：每个仓每月按再订货点和最高库存水平检查库存，两者由预测需求（含季节性，因而会在旺季前备货）、运输方式的时效和目标服务水平（data/warehouse.json 的 serviceLevel）决定。补货在随机时效后到达；订单到达时货架已空即为断货。金额按货值计（元）；区间为各次模拟的 P5–P95。',
  },
  measure: { en: 'Measure', zh: '指标' },
  mean: { en: 'Mean', zh: '均值' },
  range: { en: 'P5–P95', zh: 'P5–P95' },
  fill: { en: 'Fill rate (orders served from stock)', zh: '现货满足率（由库存满足的订单）' },
  short: { en: 'Stock-outs (orders)', zh: '断货订单数' },
  anyShort: { en: 'Trials with a stock-out', zh: '出现断货的模拟占比' },
  onHand: { en: 'Stock on hand, average (CNY)', zh: '在库库存均值（元）' },
  onHandPeak: { en: 'Stock on hand, peak (CNY)', zh: '在库库存峰值（元）' },
  transit: { en: 'Stock in transit, average (CNY)', zh: '在途库存均值（元）' },
  tiedUp: { en: 'Capital tied up, peak: on hand + in transit (CNY)', zh: '资金占用峰值：在库 + 在途（元）' },
  capital: { en: 'Cost of that capital over the horizon (CNY)', zh: '期内资金成本（元）' },
  endStock: { en: 'Unsold at the horizon\'s end (CNY)', zh: '期末未售库存（元）' },
  writeDown: { en: 'Its write-down (CNY)', zh: '期末库存减值（元）' },
  freight: { en: 'Head-haul freight (CNY)', zh: '头程运费（元）' },
  shipments: { en: 'Shipments', zh: '发运批次' },
  policy: { en: 'A stock-out is', zh: '断货订单' },
  direct: { en: 'shipped direct from China at direct\'s cost and delivery time (component "stock-outs")', zh: '按直发的成本与时效从中国直发（成本项"断货"）' },
  lost: { en: 'a lost sale; its margin (price − unit cost) is counted as the cost of the stock-out (component "stock-outs")', zh: '丢失的销售；其毛利（售价 − 货值）计为断货成本（成本项"断货"）' },
  options: { en: 'Freight options used (share of sites × trials)', zh: '使用的头程方式（仓 × 模拟次数占比）' },
  auto: { en: 'chosen per site and trial: the cheapest per unit sold, stock included', zh: '按仓、按模拟选择：计入库存成本后每件最便宜者' },
  fixed: { en: 'fixed by the scenario', zh: '由情景指定' },
  monthly: { en: 'Stock on hand per month, average (CNY) and stock-outs (orders)', zh: '每月在库库存均值（元）与断货订单数' },
  month: { en: 'Month', zh: '月份' },
  stockCol: { en: 'On hand (CNY)', zh: '在库（元）' },
  shortCol: { en: 'Stock-outs', zh: '断货' },
};

const MODE_NAME: Record<string, Text> = {
  air: { en: 'air', zh: '空运' },
  'sea-lcl': { en: 'sea LCL', zh: '海运拼箱' },
  'sea-fcl': { en: 'sea FCL', zh: '海运整柜' },
  rail: { en: 'rail', zh: '铁路' },
};

const money = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');

/** The section's rows: label, mean, P5–P95 (formatted). */
function rows(s: InventorySummary, lang: Lang): [string, string, string][] {
  const m = (k: string, x: Stats, f = money): [string, string, string] => [inCurrency(L[k]![lang], s.currency), f(x.mean), `${f(x.p5)}–${f(x.p95)}`];
  return [
    m('fill', s.fillRate, pct),
    m('short', s.stockoutUnits),
    [L.anyShort![lang], pct(s.pAnyStockout), ''],
    m('onHand', s.onHandValueMean),
    m('onHandPeak', s.onHandValuePeak),
    m('transit', s.inTransitValueMean),
    m('tiedUp', s.tiedUpValuePeak),
    m('capital', s.capitalCost),
    m('endStock', s.endStockValue),
    m('writeDown', s.endWriteDown),
    m('freight', s.freightCost),
    m('shipments', s.shipments, (x) => (Number.isFinite(x) ? x.toFixed(1) : '—')),
  ];
}

function optionsText(s: InventorySummary, lang: Lang): string {
  const used = Object.entries(s.optionShare).filter(([, v]) => v > 0).map(([k, v]) => `${MODE_NAME[k]![lang]} ${v < 0.005 ? '< 1' : Math.round(v * 100)} %`).join(', ');
  return `${L.options![lang]}: ${used || '—'} (${s.freight === 'auto' ? L.auto![lang] : `${MODE_NAME[s.freight]![lang]}, ${L.fixed![lang]}`})`;
}

export function inventoryHtml(s: InventorySummary, lang: Lang, months: readonly string[]): string {
  const t = (k: string) => e(inCurrency(L[k]![lang], s.currency));
  const body = rows(s, lang).map(([a, b, c]) => `<tr><th>${e(a)}</th><td>${e(b)}</td><td>${e(c)}</td></tr>`).join('\n');
  const monthly = months.map((label, k) => `<tr><td>${e(label)}</td><td>${money(s.monthlyOnHandValue[k] ?? 0)}</td><td>${(s.monthlyStockouts[k] ?? 0).toFixed(1)}</td></tr>`).join('');
  return `<h2 id="inventory">${t('title')}</h2>
<p class="sub">${t('lead')}</p>
<table class="inventory"><thead><tr><th>${t('measure')}</th><th>${t('mean')}</th><th>${t('range')}</th></tr></thead><tbody>
${body}
</tbody></table>
<p class="src">${t('policy')} ${t(s.stockoutPolicy)}. ${e(optionsText(s, lang))}.</p>
<h3>${t('monthly')}</h3>
<table class="inventory-monthly"><thead><tr><th>${t('month')}</th><th>${t('stockCol')}</th><th>${t('shortCol')}</th></tr></thead><tbody>${monthly}</tbody></table>`;
}

/** `mdText` of reports/markdown.ts, passed in (markdown.ts imports this module). */
export function inventoryMarkdown(s: InventorySummary, lang: Lang, mdText: (x: string) => string): string[] {
  const t = (k: string) => inCurrency(L[k]![lang], s.currency);
  return [
    `## ${t('title')}`,
    '',
    `| ${t('measure')} | ${t('mean')} | ${t('range')} |`,
    '|---|---:|---:|',
    ...rows(s, lang).map(([a, b, c]) => `| ${mdText(a)} | ${b} | ${c} |`),
    '',
    `${t('policy')} ${t(s.stockoutPolicy)}. ${mdText(optionsText(s, lang))}.`,
    '',
  ];
}

/**
 * The report's "Warehouse stock" section (HTML and Markdown): how the self-run warehouse's stock
 * behaved over the trials — stock-outs and fill rate, stock on hand and in transit, the capital tied
 * up and its cost, stock unsold at the horizon's end and its write-down, freight and the freight
 * options used — and the mean stock on hand per month (built ahead of a seasonal peak).
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { Band, InventorySummary } from '../sim/inventory/summary.ts';
import type { Stats } from '../sim/stats/describe.ts';
import { escapeHtml as e } from './render/safe.ts';
import { inCurrency } from './charts/common.ts';

const L: Record<string, Text> = {
  title: { en: 'Warehouse stock', zh: '海外仓库存' },
  lead: {
    en: 'The self-run warehouse (and the 3PL: the same stock) buys stock ahead: each site reviews its stock monthly against a reorder point and an order-up-to level computed from the scenario\'s plan — expected orders, growth and seasonality (so stock is built ahead of a peak) — the freight option\'s lead time and the target service level (data/warehouse.json serviceLevel). Each simulation\'s demand differs from that plan (its own level, growth, mix and daily swings), so stock runs short or piles up. Stock is kept per SKU: the SKUs with most of the planned demand each have their own stock and safety stock; the others form one group holding the sum of their own safety stocks (its shared shelf understates their stock-outs somewhat). Replenishments arrive after a random lead time; an order that finds the shelf empty is a stock-out. Money in CNY at unit cost; P5–P95 over the trials.',
    zh: '自营海外仓（以及第三方仓：同一批库存）需提前备货：每个仓每月按再订货点和最高库存水平检查库存，两者由情景的计划——预期订单、增长与季节性（因而会在旺季前备货）——、运输方式的时效和目标服务水平（data/warehouse.json 的 serviceLevel）决定。每次模拟的实际需求都偏离该计划（各自的水平、增长、结构与日波动），因此会断货或积压。库存按 SKU 管理：计划需求最大的 SKU 各有自己的库存与安全库存；其余 SKU 合为一组，持有各自安全库存之和（共用货架会略微低估其断货）。补货在随机时效后到达；订单到达时货架已空即为断货。金额按货值计（元）；区间为各次模拟的 P5–P95。',
  },
  skus: { en: 'SKUs with their own stock / in the tail bands', zh: '单独备货的 SKU / 长尾分档的 SKU' },
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
  auto: { en: 'chosen per site and trial: the cheapest per unit sold, stock and battery surcharges included', zh: '按仓、按模拟选择：计入库存成本与电池附加费后每件最便宜者' },
  fixed: { en: 'fixed by the scenario', zh: '由情景指定' },
  monthly: { en: 'Stock per month (CNY at unit cost): on hand and in transit, median with P10–P90; the reorder points; stock-outs', zh: '每月库存（元，按货值）：在库与在途的中位数及 P10–P90；再订货点；断货' },
  month: { en: 'Month', zh: '月份' },
  stockCol: { en: 'On hand, median (P10–P90)', zh: '在库中位数（P10–P90）' },
  transitCol: { en: 'In transit, median (P10–P90)', zh: '在途中位数（P10–P90）' },
  reorderCol: { en: 'Reorder points', zh: '再订货点' },
  pShortCol: { en: 'Trials with a stock-out', zh: '出现断货的模拟' },
  shortCol: { en: 'Stock-outs (orders, mean)', zh: '断货订单（均值）' },
  sheet: { en: 'Inventory', zh: '库存' },
  p5: { en: 'P5', zh: 'P5' },
  p95: { en: 'P95', zh: 'P95' },
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
    [L.skus![lang], `${s.trackedSkus ?? '—'} / ${s.tailSkus ?? '—'}`, ''],
  ];
}

function optionsText(s: InventorySummary, lang: Lang): string {
  const used = Object.entries(s.optionShare).filter(([, v]) => v > 0).map(([k, v]) => `${MODE_NAME[k]![lang]} ${v < 0.005 ? '< 1' : Math.round(v * 100)} %`).join(', ');
  return `${L.options![lang]}: ${used || '—'} (${s.freight === 'auto' ? L.auto![lang] : `${MODE_NAME[s.freight]![lang]}, ${L.fixed![lang]}`})`;
}

export function inventoryHtml(s: InventorySummary, lang: Lang, months: readonly string[]): string {
  const t = (k: string) => e(inCurrency(L[k]![lang], s.currency));
  const body = rows(s, lang).map(([a, b, c]) => `<tr><th>${e(a)}</th><td>${e(b)}</td><td>${e(c)}</td></tr>`).join('\n');
  const monthly = monthlyRows(s, months).map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<td>${e(c)}</td>` : `<td class="num">${e(c)}</td>`)).join('')}</tr>`).join('');
  return `<h2 id="inventory">${t('title')}</h2>
<p class="sub">${t('lead')}</p>
<table class="inventory"><thead><tr><th>${t('measure')}</th><th>${t('mean')}</th><th>${t('range')}</th></tr></thead><tbody>
${body}
</tbody></table>
<p class="src">${t('policy')} ${t(s.stockoutPolicy)}. ${e(optionsText(s, lang))}.</p>
<h3>${t('monthly')}</h3>
<table class="inventory-monthly"><thead><tr>${MONTH_COLS.map((k) => `<th>${t(k)}</th>`).join('')}</tr></thead><tbody>${monthly}</tbody></table>`;
}

/** `mdText` of reports/markdown.ts, passed in (markdown.ts imports this module). */
export function inventoryMarkdown(s: InventorySummary, lang: Lang, mdText: (x: string) => string, months: readonly string[] = s.monthlyOnHandValue.map((_, k) => String(k + 1))): string[] {
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
    `### ${t('monthly')}`,
    '',
    `| ${MONTH_COLS.map((k) => t(k)).join(' | ')} |`,
    `|---|${MONTH_COLS.slice(1).map(() => '---:').join('|')}|`,
    ...monthlyRows(s, months).map((r) => `| ${r.map(mdText).join(' | ')} |`),
    '',
  ];
}

const MONTH_COLS = ['month', 'stockCol', 'transitCol', 'reorderCol', 'pShortCol', 'shortCol'] as const;
const bandText = (b: Band) => `${money(b.p50)} (${money(b.p10)}–${money(b.p90)})`;

/** The monthly table's rows (formatted): month, on hand and in transit (median, P10–P90), reorder points, share of trials short, orders short. */
function monthlyRows(s: InventorySummary, months: readonly string[]): string[][] {
  return months.map((label, k) => {
    const x = s.monthly?.[k];
    if (!x) return [label, money(s.monthlyOnHandValue[k] ?? 0), '—', '—', '—', (s.monthlyStockouts[k] ?? 0).toFixed(1)];
    return [label, bandText(x.onHand), bandText(x.inTransit), money(x.reorderPoint), x.pStockout > 0 && x.pStockout < 0.0005 ? '< 0.1 %' : pct(x.pStockout), x.stockouts.toFixed(1)];
  });
}

/** The minimal worksheet interface the Excel writer passes in (reports/render/xlsx.ts's `sheet`). */
type SheetFn = (name: string, columns: { header: string; key: string; width: number; numFmt?: string }[]) => { addRow(r: Record<string, unknown>): { font?: unknown } };

/**
 * The workbook's "Inventory" sheet: every measure of the section with its mean, P5 and P95 as typed
 * numbers (money #,##0, shares 0.0 %), then the monthly table (on hand and in transit P10 / median /
 * P90, reorder points, share of trials with a stock-out, orders short).
 */
export function inventorySheet(sheet: SheetFn, s: InventorySummary, lang: Lang, months: readonly string[]): void {
  const t = (k: string) => L[k]![lang];
  const cny = lang === 'zh' ? '元' : 'CNY';
  const ws = sheet(t('sheet'), [
    { header: t('measure'), key: 'a', width: 44 },
    { header: t('mean'), key: 'b', width: 16, numFmt: '#,##0' },
    { header: t('p5'), key: 'c', width: 16, numFmt: '#,##0' },
    { header: t('p95'), key: 'd', width: 16, numFmt: '#,##0' },
    { header: '', key: 'e', width: 16, numFmt: '#,##0' },
    { header: '', key: 'f', width: 16, numFmt: '#,##0' },
    { header: '', key: 'g', width: 16, numFmt: '#,##0' },
    { header: '', key: 'h', width: 16, numFmt: '#,##0' },
    { header: '', key: 'i', width: 16, numFmt: '0.0%' },
    { header: '', key: 'j', width: 16, numFmt: '#,##0.0' },
  ]);
  const num = (k: string, x: Stats, fmt?: string) => {
    const r = ws.addRow({ a: L[k]![lang], b: x.mean, c: x.p5, d: x.p95 }) as unknown as { getCell(c: string): { numFmt: string } };
    if (fmt) for (const c of ['b', 'c', 'd']) r.getCell(c).numFmt = fmt;
  };
  num('fill', s.fillRate, '0.0%');
  num('short', s.stockoutUnits, '#,##0.0');
  (ws.addRow({ a: L.anyShort![lang], b: s.pAnyStockout }) as unknown as { getCell(c: string): { numFmt: string } }).getCell('b').numFmt = '0.0%';
  for (const k of ['onHand', 'onHandPeak', 'transit', 'tiedUp', 'capital', 'endStock', 'writeDown', 'freight'] as const) num(k, s[({ onHand: 'onHandValueMean', onHandPeak: 'onHandValuePeak', transit: 'inTransitValueMean', tiedUp: 'tiedUpValuePeak', capital: 'capitalCost', endStock: 'endStockValue', writeDown: 'endWriteDown', freight: 'freightCost' } as const)[k]]);
  num('shipments', s.shipments, '0.0');
  ws.addRow({ a: L.skus![lang], b: s.trackedSkus, c: s.tailSkus });
  ws.addRow({ a: `${t('policy')} ${t(s.stockoutPolicy)}` });
  ws.addRow({ a: optionsText(s, lang) });
  ws.addRow({});
  ws.addRow({ a: t('monthly') }).font = { bold: true };
  const head = ws.addRow({ a: t('month'), b: `${t('onHand')} P10`, c: 'P50', d: 'P90', e: `${lang === 'zh' ? '在途' : 'In transit'} P10`, f: 'P50', g: 'P90', h: `${t('reorderCol')} (${cny})`, i: t('pShortCol'), j: t('shortCol') });
  head.font = { bold: true };
  months.forEach((label, k) => {
    const x = s.monthly?.[k];
    if (!x) return;
    ws.addRow({ a: label, b: x.onHand.p10, c: x.onHand.p50, d: x.onHand.p90, e: x.inTransit.p10, f: x.inTransit.p50, g: x.inTransit.p90, h: x.reorderPoint, i: x.pStockout, j: x.stockouts });
  });
}

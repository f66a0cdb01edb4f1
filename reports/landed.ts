/**
 * The report's "Landed cost, duties & taxes and contribution" section (HTML and Markdown): per mode
 * revenue, unit cost, duties, taxes, import VAT paid and contribution in the reporting currency, the
 * monthly duties + taxes (a rule change shows as a step), the exchange rates and the customs-regime
 * timeline with importer of record and VAT collector.
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { LandedSummary } from '../sim/landed/summary.ts';
import { MODES, MODE_LABEL, type ModeKey } from './model.ts';
import { escapeHtml as e } from './render/safe.ts';

const L: Record<string, Text> = {
  title: { en: 'Landed cost, duties & taxes, contribution and profit', zh: '到岸成本、关税税费、贡献与利润' },
  lead: {
    en: 'Contribution = revenue − unit cost − duties − taxes − variable fulfilment cost (per-order costs and returns); profit = contribution − the mode\'s fixed costs (JIT base fee; warehouse rent, system and start-up). Parcels (JIT, direct) pay the destination\'s parcel regime per order; the warehouse imports in bulk and pays duty and import VAT at entry (recovered after the regime\'s delay when the seller is VAT-registered: only its financing is a cost). Means over the trials.',
    zh: '贡献 = 收入 − 货值 − 关税 − 税费 − 变动履约成本（逐单费用与退货）；利润 = 贡献 − 该模式的固定成本（JIT基础服务费；海外仓仓租、系统与启动费用）。包裹（JIT、直发）逐单适用目的地包裹制度；海外仓大宗进口，入境时缴纳关税和进口增值税（卖家已注册增值税时按制度规定的天数退回，仅其资金占用计为成本）。数值为各次模拟的均值。',
  },
  orders: { en: 'Orders (sales effect)', zh: '订单（销量效应）' },
  fulfilment: { en: 'Variable fulfilment', zh: '变动履约成本' },
  fixed: { en: 'Fixed costs', zh: '固定成本' },
  profit: { en: 'Profit (P5–P95)', zh: '利润（P5–P95）' },
  days: { en: 'Delivery days', zh: '时效（天）' },
  mode: { en: 'Mode', zh: '模式' },
  revenue: { en: 'Revenue', zh: '收入' },
  unitCost: { en: 'Unit cost', zh: '货值' },
  duties: { en: 'Duties', zh: '关税' },
  taxes: { en: 'Taxes', zh: '税费' },
  vat: { en: 'Import VAT paid', zh: '进口增值税垫付' },
  contribution: { en: 'Contribution (P5–P95)', zh: '贡献（P5–P95）' },
  perOrder: { en: 'Per order', zh: '每单' },
  monthly: { en: 'Duties + taxes per month', zh: '每月关税+税费' },
  monthlyProfit: { en: 'Profit per month', zh: '每月利润' },
  month: { en: 'Month', zh: '月份' },
  fx: { en: 'Exchange rates (CNY per unit)', zh: '汇率（每单位外币折合人民币）' },
  regimes: { en: 'Customs regimes in force', zh: '期内生效的海关制度' },
  country: { en: 'Country', zh: '国家' },
  channel: { en: 'Channel', zh: '渠道' },
  regime: { en: 'Regime', zh: '制度' },
  period: { en: 'Period', zh: '期间' },
  ior: { en: 'Importer of record', zh: '进口方' },
  collector: { en: 'VAT collector', zh: '增值税代收方' },
  confidence: { en: 'Confidence', zh: '可信度' },
  source: { en: 'source', zh: '来源' },
  scenario: { en: 'scenario', zh: '情景' },
};

const money = (x: number) => Math.round(x).toLocaleString('en-US');

const pct = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)} %`;

/** The sales-effect sentence: the uplift drawn per trial, its source, the baseline mode, each mode's factor. */
export function salesEffectText(l: LandedSummary, lang: Lang, modes: readonly ModeKey[] = MODES): string {
  const se = l.salesEffect;
  if (!se) return lang === 'zh' ? '未计时效对销量的影响（profit.salesEffect: false）：各模式订单量相同。' : 'No delivery-speed sales effect (profit.salesEffect: false): every mode sells the same orders.';
  const u = se.upliftPerBusinessDay;
  const f = modes.map((m) => `${MODE_LABEL[m][lang]} ${l.modes[m].meanDeliveryDays.toFixed(1)}${lang === 'zh' ? '天' : ' d'} ${pct(l.modes[m].salesFactor)}`).join(' · ');
  return lang === 'zh'
    ? `时效的销量效应：时效每快一个工作日，销量增加 ${(u.mean * 100).toFixed(2)}%（每次模拟抽样，P5–P95 ${(u.p5 * 100).toFixed(2)}–${(u.p95 * 100).toFixed(2)}%；Fisher、Gallino 与 Xu，Journal of Marketing Research 2019：每快一个工作日线上销售约+1.5%），相对于需求观测时的模式（${MODE_LABEL[se.baselineMode].zh}）；最多计7个工作日。${f}。成本对比不含此效应（同一订单流）。`
    : `Delivery-speed sales effect: ${(u.mean * 100).toFixed(2)} % more sales per business day faster (drawn per simulation, P5–P95 ${(u.p5 * 100).toFixed(2)}–${(u.p95 * 100).toFixed(2)} %; Fisher, Gallino & Xu, Journal of Marketing Research 2019: ≈ +1.5 % online sales per business day), relative to the mode the demand was observed under (${MODE_LABEL[se.baselineMode].en}); at most 7 business days count. ${f}. The cost comparison has no sales effect (the same order flow).`;
}

export function landedHtml(l: LandedSummary, lang: Lang, months: readonly string[], modes: readonly ModeKey[] = MODES): string {
  const t = (k: string) => e(L[k]![lang]);
  const c = e(l.reportingCurrency);
  const rows = modes.map((m) => {
    const x = l.modes[m];
    const v = x.means;
    const sl = x.serviceLevel;
    return `<tr data-mode="${m}"><th>${e(MODE_LABEL[m][lang])}</th><td>${money(v.orders)} (${pct(x.salesFactor)})</td><td>${money(v.revenue)}</td><td>${money(v.unitCost)}</td><td>${money(v.duties)}</td><td>${money(v.taxes)}</td><td>${money(v.vatPaidAtImport)}</td><td>${money(v.fulfilment)}</td><td>${money(v.contribution)} (${money(x.contribution.p5)}–${money(x.contribution.p95)})</td><td>${x.contributionPerOrder.toFixed(2)}</td><td>${money(v.fixed)}</td><td>${money(v.profit)} (${money(x.profit.p5)}–${money(x.profit.p95)})</td><td>${x.meanDeliveryDays.toFixed(1)}${sl ? ` · ${sl.met ? '✓' : '✗'} ${sl.days}` : ''}</td></tr>`;
  }).join('\n');
  const rec = l.recommendation.serviceLevel;
  const monthly = `<table class="landed-monthly"><thead><tr><th>${t('month')}</th>${modes.map((m) => `<th>${e(MODE_LABEL[m][lang])}</th>`).join('')}</tr></thead><tbody>${months.map((label, k) => `<tr><td>${e(label)}</td>${modes.map((m) => `<td>${money(l.modes[m].monthlyDutiesTaxes[k] ?? 0)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const monthlyProfit = `<table class="landed-profit"><thead><tr><th>${t('month')}</th>${modes.map((m) => `<th>${e(MODE_LABEL[m][lang])}</th>`).join('')}</tr></thead><tbody>${months.map((label, k) => `<tr><td>${e(label)}</td>${modes.map((m) => `<td>${money(l.modes[m].monthlyProfit[k] ?? 0)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const slLine = rec ? `<p class="src">${lang === 'zh' ? `要求的服务水平：P${Math.round(rec.percentile * 100)}时效 ≤ ${rec.maxDays}天（✓ 达到，✗ 未达，后为该分位的天数）` : `Required service level: P${Math.round(rec.percentile * 100)} delivery ≤ ${rec.maxDays} days (✓ met, ✗ missed, then the days at that percentile)`}</p>` : '';
  const fx = l.fx.length ? `<p class="src">${t('fx')}: ${l.fx.map((f) => `${e(f.currency)} ${f.meanCnyPerUnit.toPrecision(5)} [${f.p5.toPrecision(4)}–${f.p95.toPrecision(4)}] (${f.from === 'scenario' ? t('scenario') : `data/fx.json ${e(f.date ?? '')}`}${f.monthlyPath ? `; ${lang === 'zh' ? '月度路径' : 'monthly path'} ${f.monthlyPath.map((x) => x.toPrecision(4)).join(' · ')}` : ''})`).join(' · ')}</p>` : '';
  const regimes = `<table class="regimes"><thead><tr><th>${t('country')}</th><th>${t('channel')}</th><th>${t('regime')}</th><th>${t('period')}</th><th>${t('ior')}</th><th>${t('collector')}</th><th>${t('confidence')}</th></tr></thead><tbody>${l.regimes.map((r) => `<tr><td>${e(r.country)}</td><td>${e(r.channel)}</td><td><code>${e(r.id)}</code></td><td>${e(r.from)} … ${e(r.to)}</td><td>${e(r.importerOfRecord)}</td><td>${e(r.vatCollector)}</td><td>${e(r.confidence)}</td></tr>`).join('')}</tbody></table>`;
  return `<h2 id="landed">${t('title')} (${c})</h2>
<p class="sub">${t('lead')}</p>
<p class="src">${e(salesEffectText(l, lang, modes))}</p>
<table class="landed"><thead><tr><th>${t('mode')}</th><th>${t('orders')}</th><th>${t('revenue')}</th><th>${t('unitCost')}</th><th>${t('duties')}</th><th>${t('taxes')}</th><th>${t('vat')}</th><th>${t('fulfilment')}</th><th>${t('contribution')}</th><th>${t('perOrder')}</th><th>${t('fixed')}</th><th>${t('profit')}</th><th>${t('days')}</th></tr></thead><tbody>
${rows}
</tbody></table>
${slLine}
${fx}
<h3>${t('monthly')} (${c})</h3>
${monthly}
<h3>${t('monthlyProfit')} (${c})</h3>
${monthlyProfit}
<h3>${t('regimes')}</h3>
${regimes}`;
}

/** `mdText` of reports/markdown.ts, passed in (markdown.ts imports this module). */
export function landedMarkdown(l: LandedSummary, lang: Lang, mdText: (s: string) => string, modes: readonly ModeKey[] = MODES): string[] {
  const t = (k: string) => L[k]![lang];
  return [
    `## ${t('title')} (${mdText(l.reportingCurrency)})`,
    '',
    mdText(salesEffectText(l, lang, modes)),
    '',
    `| ${t('mode')} | ${t('orders')} | ${t('revenue')} | ${t('unitCost')} | ${t('duties')} | ${t('taxes')} | ${t('fulfilment')} | ${t('contribution')} | ${t('perOrder')} | ${t('fixed')} | ${t('profit')} | ${t('days')} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...modes.map((m) => {
      const x = l.modes[m];
      const sl = x.serviceLevel;
      return `| ${MODE_LABEL[m][lang]} | ${money(x.means.orders)} (${pct(x.salesFactor)}) | ${money(x.means.revenue)} | ${money(x.means.unitCost)} | ${money(x.means.duties)} | ${money(x.means.taxes)} | ${money(x.means.fulfilment)} | ${money(x.means.contribution)} (${money(x.contribution.p5)}–${money(x.contribution.p95)}) | ${x.contributionPerOrder.toFixed(2)} | ${money(x.means.fixed)} | ${money(x.means.profit)} (${money(x.profit.p5)}–${money(x.profit.p95)}) | ${x.meanDeliveryDays.toFixed(1)}${sl ? ` ${sl.met ? '✓' : '✗'} P${Math.round(l.recommendation.serviceLevel!.percentile * 100)} ${sl.days}` : ''} |`;
    }),
    '',
    `${t('regimes')}: ${l.regimes.map((r) => `${mdText(r.country)} ${mdText(r.id)} ${r.from}…${r.to}`).join(' · ')}`,
    '',
  ];
}

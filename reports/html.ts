/**
 * The self-contained report page: no request leaves the file. Charts are inlined twice: as the SVG
 * rendered server-side (shown at once, printed, works without JavaScript) and as a Vega spec that
 * vega (inlined from node_modules) turns into a live view with tooltips. Every user string is escaped.
 */
import { refText } from './basis.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Lang, Text } from '../sim/i18n/index.ts';
import { componentLabel } from './charts/index.ts';
import { cny, inCurrency } from './charts/common.ts';
import { MODES, MODE_LABEL, type ReportModel } from './model.ts';
import { availableModes, exclusionNote, executiveSummary, modeStatus, recommendationText, recommendedMode } from './narrative.ts';
import type { RenderedChart } from './render/vega.ts';
import { escapeHtml as e, jsonForScript } from './render/safe.ts';
import { date, enumText, num, withUnit } from './labels.ts';
import { landedHtml } from './landed.ts';
import { inventoryHtml } from './inventory.ts';
import { batteryHtml } from './battery.ts';

const require = createRequire(import.meta.url);
let vegaJs: string | undefined;
/** vega's browser build, read once from node_modules. */
function vegaBundle(): string {
  vegaJs ??= readFileSync(join(dirname(require.resolve('vega')), 'vega.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  return vegaJs;
}

const T = {
  title: { en: 'Fulfilment cost comparison', zh: '履约成本对比' },
  summary: { en: 'Executive summary', zh: '摘要' },
  recommendation: { en: 'Recommendation', zh: '建议' },
  eligibility: { en: 'Eligibility first', zh: '先看资质' },
  headline: { en: 'Headline figures', zh: '核心数据' },
  inputs: { en: 'Input sheet', zh: '输入清单' },
  inputsLead: { en: 'Every input of this run, with its value or distribution and where it came from.', zh: '本次运行的全部输入：取值或分布，以及来源。' },
  input: { en: 'Input', zh: '输入' },
  value: { en: 'Value', zh: '取值' },
  source: { en: 'Source', zh: '来源' },
  shipped: { en: 'shipped value', zh: '内置值' },
  components: { en: 'Mean cost by component over the horizon', zh: '模拟期内各成本项均值' },
  id: { en: 'Id', zh: '编号' },
  name: { en: 'Name', zh: '名称' },
  basis: { en: 'Basis', zh: '依据' },
  effective: { en: 'Effective', zh: '生效日期' },
  charts: { en: 'Charts', zh: '图表' },
  assumptions: { en: 'Assumptions this run used', zh: '本次运行使用的假设' },
  sources: { en: 'Rule sources', zh: '规则依据' },
  run: { en: 'About this run', zh: '运行信息' },
  mode: { en: 'Mode', zh: '模式' },
  total: { en: 'Total, median (CNY)', zh: '总成本中位数（元）' },
  interval: { en: '90 % interval (CNY)', zh: '90%区间（元）' },
  ci: { en: 'Mean, 95 % CI (CNY)', zh: '均值及95%置信区间（元）' },
  perOrder: { en: 'Per order, median (CNY)', zh: '每单中位数（元）' },
  cheapest: { en: 'P(cheapest)', zh: '最低概率' },
  cvar: { en: 'CVaR 95 % (CNY)', zh: 'CVaR 95%（元）' },
  days: { en: 'Days (mean)', zh: '时效（均值，天）' },
  cash: { en: 'Cash tied up (CNY)', zh: '占用资金（元）' },
  storeOk: { en: 'The store meets every JIT admission rule.', zh: '店铺满足全部JIT准入规则。' },
  storeNone: { en: 'No store profile in the scenario: admission not checked.', zh: '场景未提供店铺资料：未检查准入。' },
  skusOk: { en: 'Every SKU may use JIT.', zh: '所有SKU均可走JIT。' },
  notAvailable: { en: 'not available', zh: '不可用' },
  other: { en: 'Other language', zh: '其他语言' },
} as const;


/** A chart of the page: drawn, or replaced by one sentence when it has nothing to show. */
export type ChartSlot = { name: string; chart: RenderedChart; empty?: undefined } | { name: string; chart?: undefined; empty: Text };

/** The full HTML page of one report in one language. */
export function renderHtml(m: ReportModel, charts: readonly ChartSlot[], lang: Lang, otherLanguageHref?: string, chartSuffix = ''): string {
  const t = (k: keyof typeof T) => inCurrency(T[k][lang], m.currency);
  const money = (x: number) => num(x, lang);
  const best = recommendedMode(m);
  const avail = availableModes(m);
  const rows = MODES.map((k) => {
    const r = m.modes[k];
    const na = !avail.includes(k);
    // an unavailable mode has no figures of its own (its orders would all ship direct)
    const st = na ? modeStatus(m, k) : null;
    if (na && m.modesOff?.includes(k)) return `<tr class="na" data-mode="${k}" data-off="1"><th>${e(MODE_LABEL[k][lang])} <small>(${e(st![lang])})</small></th><td colspan="8">${e(lang === 'zh' ? '已关闭（场景 modesOff）：没有成本、最低概率、节省额与盈亏平衡点' : 'switched off (the scenario\'s modesOff): no cost, P(cheapest), saving or break-even')}</td></tr>`;
    if (na) return `<tr class="na" data-mode="${k}"><th>${e(MODE_LABEL[k][lang])} <small>(${t('notAvailable')})</small></th><td colspan="8">${e(lang === 'zh' ? '不可用：没有成本、最低概率、节省额与盈亏平衡点（原因与整改见“资格”一节）' : 'not available: no cost, P(cheapest), saving or break-even (why, and how to remedy it: see Eligibility)')}</td></tr>`;
    const note = exclusionNote(m, k);
    const miss = note ? ` <small class="miss">(${e(note[lang])})</small>` : '';
    return `<tr class="${k === best ? 'best' : ''}${na ? ' na' : ''}${miss ? ' miss' : ''}" data-mode="${k}"><th>${e(MODE_LABEL[k][lang])}${na ? ` <small>(${t('notAvailable')})</small>` : ''}${miss}</th><td>${money(r.total.p50)}</td><td>${money(r.total.p5)}–${money(r.total.p95)}</td><td>${money(r.total.mean)} (${money(r.total.ciLow)}–${money(r.total.ciHigh)})</td><td>${num(r.perOrder.p50, lang, 2)}</td><td>${r.pCheapest === null ? '—' : `${Math.round(r.pCheapest * 100)}%`}</td><td>${money(r.cvar95)}</td><td>${num(r.meanDeliveryDays, lang, 1)}</td><td>${money(r.cashTiedUpCny)}</td></tr>`;
  }).join('\n');
  const store =
    m.eligibility.storeOk === null
      ? `<p>${t('storeNone')}</p>`
      : m.eligibility.storeOk
        ? `<p class="ok">✓ ${t('storeOk')}</p>`
        : `<ul class="bad">${m.eligibility.storeFindings.map((f) => `<li><b>${e(f.rule)}</b> ${e(f.message[lang])} <span class="remedy">→ ${e(f.remedy[lang])}</span></li>`).join('')}</ul>`;
  const skus = m.eligibility.blockedSkus.length === 0 ? `<p class="ok">✓ ${t('skusOk')}</p>` : `<table><thead><tr><th>SKU</th><th>${lang === 'zh' ? '名称' : 'Name'}</th><th>${lang === 'zh' ? '原因' : 'Why not JIT'}</th></tr></thead><tbody>${m.eligibility.blockedSkus.map((s) => `<tr><td>${e(s.sku)}</td><td>${e(s.name)}</td><td>${e(s.reasons.join(', '))}</td></tr>`).join('')}</tbody></table>`;
  let live = 0;
  const chartHtml = charts
    .map(({ name, chart, empty }) => {
      if (!chart) return `<p class="no-chart" data-name="${e(name)}">${e(empty[lang])}</p>`;
      const i = live++;
      return `<figure class="chart-box"><div class="chart" id="chart-${i}" data-name="${e(name)}">${chart.svg}</div><script type="application/json" id="spec-${i}">${jsonForScript(chart.vega)}</script><figcaption>${e(String(chart.vegaLite.description ?? ''))} <a href="charts/${e(name)}${chartSuffix}.vl.json">Vega-Lite</a></figcaption></figure>`;
    })
    .join('\n');
  const assumptions = m.assumptions.map((a) => `<tr><td><code>${e(a.id)}</code>${a.name ? `<br>${e(a.name[lang])}` : ''}</td><td>${typeof a.value === 'number' ? e(withUnit(a.value, a.unit, lang)) : e(enumText(a.id.split('.').pop() ?? '', String(a.value))[lang])}</td><td>${e(a.reasoning ? a.reasoning[lang] : a.basis.replace(/^assumption:/, ''))}</td></tr>`).join('');
  const sources = m.ruleSources.map((s) => `<tr><td><code>${e(s.id)}</code></td><td>${e(s.name[lang])}</td><td>${e(s.source)}</td><td>${e(date(s.effective, lang))}</td></tr>`).join('');
  const components = avail.map((k) => `<tr><th>${e(MODE_LABEL[k][lang])}</th><td>${Object.entries(m.modes[k].components).filter(([, v]) => v !== 0).map(([c, v]) => `${e(componentLabel(c, lang))} ${money(v)}`).join(' · ')}</td></tr>`).join('');
  const inputs = m.inputs
    .map((sec) => {
      // a source shared by every row of a section is said once, under its title
      const refs = new Set(sec.rows.map((r) => `${r.source.label[lang]}|${refText(r.source, lang)}`));
      const common = refs.size === 1 && sec.rows[0] && !sec.rows[0].source.shipped ? sec.rows[0].source : undefined;
      const src = (r: (typeof sec.rows)[number]) => `<td data-kind="${e(r.source.kind)}">${e(r.source.label[lang])}${r.source.shipped ? `<br><span class="shipped">${t('shipped')}${lang === 'zh' ? '：' : ': '}${e(r.source.shipped[lang])}</span>` : ''}${r.source.ref ? `<br><small>${e(refText(r.source, lang))}</small>` : ''}</td>`;
      return `<h3>${e(sec.title[lang])}</h3>${common ? `<p class="src" data-kind="${e(common.kind)}">${t('source')}: ${e(common.label[lang])}${common.ref ? ` · <small>${e(refText(common, lang))}</small>` : ''}</p>` : ''}<table class="inputs" data-section="${e(sec.id)}"><thead><tr><th>${t('input')}</th><th>${t('value')}</th>${common ? '' : `<th>${t('source')}</th>`}</tr></thead><tbody>${sec.rows
        .map((r) => `<tr><td>${e(r.name[lang])}<br><code>${e(r.id)}</code></td><td>${e(r.value[lang])}</td>${common ? '' : src(r)}</tr>`)
        .join('')}</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${e(m.scenario.name)} — ${t('title')}</title>
<style>
/*@font-face*/
body{font-family:"Noto Sans Hans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#111827;max-width:980px;margin:24px auto;padding:0 20px;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:0}h2{font-size:1.2rem;border-bottom:2px solid #e5e7eb;padding-bottom:4px;margin-top:2rem}
.sub{color:#4b5563;margin-top:4px}.lead li{margin:.35rem 0}.reco{background:#eff6ff;border-left:4px solid #2563eb;padding:10px 14px;font-size:1.05rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left;vertical-align:top}
td{font-variant-numeric:tabular-nums}tr.best th{color:#1d4ed8}tr.na{color:#9ca3af}tr.miss th{color:#b45309}.ok{color:#047857}.bad li{color:#b91c1c}.remedy{color:#374151}
.chart-box{margin:1.2rem 0;break-inside:avoid;page-break-inside:avoid}.chart svg{max-width:100%;height:auto}figcaption{font-size:.8rem;color:#6b7280}
#vg-tooltip{position:fixed;pointer-events:none;background:#111827;color:#fff;font-size:12px;padding:6px 8px;border-radius:4px;display:none;z-index:10;white-space:pre}
code{font-size:.85em}.inputs td:first-child{width:32%}.inputs small,.inputs code{color:#6b7280;word-break:break-all}.shipped{color:#92400e}.src{font-size:.85rem;color:#4b5563;margin:.2rem 0}.src small{word-break:break-all}h3{font-size:1rem;margin:1.2rem 0 .3rem}.no-chart{font-style:italic;color:#4b5563;border-left:3px solid #e5e7eb;padding-left:10px}
.run td{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
@media print{@page{size:A4;margin:14mm}body{max-width:none;margin:0;font-size:10.5pt}a{color:inherit;text-decoration:none}#vg-tooltip{display:none!important}h2{break-after:avoid}h2.page{break-before:page}table{page-break-inside:auto}tr{break-inside:avoid}table{font-size:8.5pt}th,td{padding:3px 5px}th:first-child{min-width:5.5em}}
</style>
</head>
<body>
<header><h1>${e(m.scenario.name)}</h1><p class="sub">${t('title')} · ${m.scenario.horizonMonths} ${lang === 'zh' ? '个月' : 'months'} · ${e(date(m.scenario.startDate, lang))} · ${num(m.run.trials, lang)} ${lang === 'zh' ? '次模拟' : `simulations of ${m.scenario.horizonMonths} months`}${otherLanguageHref ? ` · <a href="${e(otherLanguageHref)}">${t('other')}</a>` : ''}</p><p>${e(m.scenario.description[lang])}</p></header>
<h2>${t('summary')}</h2>
<p class="reco"><b>${t('recommendation')}:</b> ${m.landed?.recommendation ? e(recommendationText(m)[lang]) : e(best ? MODE_LABEL[best][lang] : '—')}</p>
<ul class="lead">${executiveSummary(m).map((s) => `<li>${e(s[lang])}</li>`).join('')}</ul>
<h2>${t('eligibility')}</h2>
${store}
${skus}
<h2>${t('headline')}</h2>
<table><thead><tr><th>${t('mode')}</th><th>${t('total')}</th><th>${t('interval')}</th><th>${t('ci')}</th><th>${t('perOrder')}</th><th>${t('cheapest')}</th><th>${t('cvar')}</th><th>${t('days')}</th><th>${t('cash')}</th></tr></thead><tbody>
${rows}
</tbody></table>
<h3>${t('components')} (${e(cny(lang, m.currency))})</h3>
<table>${components}</table>
${m.landed ? landedHtml(m.landed, lang, m.monthLabels ?? m.landed.modes.jit.monthlyDutiesTaxes.map((_, k) => String(k + 1)), avail) : ''}
${m.inventory ? inventoryHtml(m.inventory, lang, m.monthLabels ?? m.inventory.monthlyOnHandValue.map((_, k) => String(k + 1))) : ''}
${m.battery ? batteryHtml(m.battery, lang, avail) : ''}
<h2 class="page">${t('inputs')}</h2>
<p class="sub">${t('inputsLead')}</p>
${inputs}
<h2 class="page">${t('charts')}</h2>
${chartHtml}
<h2 class="page">${t('assumptions')}</h2>
${lang === 'zh' && m.assumptions.some((a) => !a.reasoning || a.reasoning.zh === a.reasoning.en) ? '<p class="sub">没有中文译文的依据（如客户自己的运价表）按原文照录。</p>' : ''}
<table><thead><tr><th>${t('id')}</th><th>${t('value')}</th><th>${t('basis')}</th></tr></thead><tbody>${assumptions}</tbody></table>
<h2>${t('sources')}</h2>
<table><thead><tr><th>${t('id')}</th><th>${t('name')}</th><th>${t('source')}</th><th>${t('effective')}</th></tr></thead><tbody>${sources}</tbody></table>
<h2>${t('run')}</h2>
<table class="run"><tbody><tr><th>jitsim</th><td>${e(m.run.toolVersion)}</td></tr><tr><th>seed</th><td>${m.run.seed}</td></tr><tr><th>rules</th><td>${e(m.run.rulesFingerprint)}</td></tr><tr><th>data</th><td>${e(m.run.dataFingerprint)}</td></tr><tr><th>scenario</th><td>${e(m.scenario.file)} ${e(m.scenario.sha256)}</td></tr></tbody></table>
<div id="vg-tooltip"></div>
<script>${vegaBundle()}</script>
<script>
(function () {
  var tip = document.getElementById('vg-tooltip');
  function handler(_h, ev, _item, value) {
    if (value == null || value === '') { tip.style.display = 'none'; return; }
    tip.textContent = typeof value === 'object' ? Object.keys(value).map(function (k) { return k + ': ' + value[k]; }).join('\\n') : String(value);
    tip.style.left = ev.clientX + 12 + 'px'; tip.style.top = ev.clientY + 12 + 'px'; tip.style.display = 'block';
  }
  // the embedded font first: vega measures label widths with it
  (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () { document.querySelectorAll('.chart').forEach(function (el, i) {
    var spec = JSON.parse(document.getElementById('spec-' + i).textContent);
    var host = document.createElement('div');
    new vega.View(vega.parse(spec), { renderer: 'svg', container: host, hover: true })
      .tooltip(handler).runAsync().then(function () { el.replaceChildren(host); el.setAttribute('data-live', '1'); })
      .catch(function (err) { console.warn('chart ' + i + ' stays static: ' + err); });
  }); });
})();
</script>
</body>
</html>
`;
}

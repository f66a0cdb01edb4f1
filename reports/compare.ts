/** `jitsim report a.json b.json --compare`: several scenarios or variants side by side in one report. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../sim/i18n/index.ts';
import { MANIFEST, manifestJson } from '../sim/io/output-folder.ts';
import { chart, cny, modeColor } from './charts/common.ts';
import { mdText } from './markdown.ts';
import { MODES, MODE_LABEL, type ReportModel } from './model.ts';
import { availableModes, modeStatus, recommendedMode } from './narrative.ts';
import { writeFolderAtomic } from './render/atomic.ts';
import { escapeHtml as e } from './render/safe.ts';
import { renderChart } from './render/vega.ts';
import { embedFont } from './render/font-embed.ts';

/** The money unit of a comparison: the scenarios' common reporting currency, or (when they differ) "each scenario's currency" — the table then names it per row. */
function compareUnit(models: readonly ReportModel[], lang: Lang): string {
  const set = [...new Set(models.map((m) => m.currency ?? 'CNY'))];
  return set.length === 1 ? cny(lang, set[0]) : lang === 'zh' ? '各场景报告币种' : "each scenario's currency";
}

/** Cost per order of each mode in each scenario, grouped by scenario. */
export function compareChart(models: readonly ReportModel[], lang: Lang): TopLevelSpec {
  const unit = compareUnit(models, lang);
  const values = models.flatMap((m) => availableModes(m).map((k) => ({ scenario: m.scenario.name, modeLabel: MODE_LABEL[k][lang], perOrder: m.modes[k].perOrder.p50, lo: m.modes[k].perOrder.p5, hi: m.modes[k].perOrder.p95 })));
  // horizontal bars: scenario names of any length fit on the y axis, never cut or overlapping
  return chart(lang, { en: 'Cost per order by scenario and mode', zh: '各场景、各模式单均成本' }, { en: 'Median over the simulations; whiskers: P5–P95.', zh: '各次模拟的中位数；须线为P5–P95。' }, values, {
    width: 480,
    height: { step: 22 },
    encoding: {
      y: { field: 'scenario', type: 'nominal', title: null },
      yOffset: { field: 'modeLabel', sort: MODES.map((k) => MODE_LABEL[k][lang]) },
      color: modeColor(lang),
    },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'perOrder', type: 'quantitative', title: `${lang === 'zh' ? '每单' : 'Per order'} (${unit})` }, tooltip: [{ field: 'scenario' }, { field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' }, { field: 'perOrder', format: ',.2f', title: unit }] } },
      { mark: { type: 'rule', color: '#111827' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
    ],
  });
}

function page(models: readonly ReportModel[], svg: string, lang: Lang, other?: string): string {
  const zh = lang === 'zh';
  const rows = models
    .flatMap((m) =>
      MODES.map((k) => {
        const r = m.modes[k];
        const best = recommendedMode(m) === k;
        const na = !availableModes(m).includes(k);
        if (na) return `<tr class="na"><th>${e(m.scenario.name)}</th><td>${e(MODE_LABEL[k][lang])}${zh ? `（${modeStatus(m, k)?.zh ?? '不可用'}）` : ` (${modeStatus(m, k)?.en ?? 'not available'})`}</td><td colspan="4">—</td></tr>`;
        return `<tr${best ? ' class="best"' : ''}><th>${e(m.scenario.name)}</th><td>${e(MODE_LABEL[k][lang])}${best ? ' ✓' : ''}</td><td>${Math.round(r.total.p50).toLocaleString('en-US')} ${e(cny(lang, m.currency))}</td><td>${r.perOrder.p50.toFixed(2)}</td><td>${r.pCheapest === null ? '—' : `${Math.round(r.pCheapest * 100)}%`}</td><td>${r.meanDeliveryDays.toFixed(1)}</td></tr>`;
      }),
    )
    .join('\n');
  return `<!doctype html><html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:"><title>${zh ? '场景对比' : 'Scenario comparison'}</title>
<style>/*@font-face*/
body{font-family:"Noto Sans Hans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 20px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left}tr.best td{color:#1d4ed8;font-weight:600}svg{max-width:100%;height:auto}@media print{@page{size:A4;margin:14mm}}</style></head>
<body><h1>${zh ? '场景对比' : 'Scenario comparison'}</h1>${other ? `<p><a href="${e(other)}">${zh ? '其他语言' : 'Other language'}</a></p>` : ''}
<table><thead><tr><th>${zh ? '场景' : 'Scenario'}</th><th>${zh ? '模式' : 'Mode'}</th><th>${zh ? `总成本中位数（${e(compareUnit(models, lang))}）` : `Total, median (${e(compareUnit(models, lang))})`}</th><th>${zh ? `每单（${e(compareUnit(models, lang))}）` : `Per order (${e(compareUnit(models, lang))})`}</th><th>${zh ? '最低概率' : 'P(cheapest)'}</th><th>${zh ? '时效（天）' : 'Days'}</th></tr></thead><tbody>${rows}</tbody></table>
<div class="chart">${svg}</div></body></html>
`;
}

/** Writes the comparison folder atomically. */
export async function writeCompare(dir: string, models: readonly ReportModel[], langs: readonly Lang[]): Promise<void> {
  const files = new Map<string, string | Uint8Array>();
  for (const lang of langs) {
    const sfx = lang === langs[0] ? '' : `.${lang}`;
    const other = langs.find((l) => l !== lang);
    const c = await renderChart(compareChart(models, lang));
    files.set(`charts/compare${sfx}.vl.json`, JSON.stringify(c.vegaLite, null, 2) + '\n');
    files.set(`charts/compare${sfx}.svg`, c.svg);
    files.set(`charts/compare${sfx}.png`, c.png);
    files.set(`index${sfx}.html`, await embedFont(page(models, c.svg, lang, other ? `index${other === langs[0] ? '' : `.${other}`}.html` : undefined)));
    files.set(
      `summary${sfx}.md`,
      [`# ${lang === 'zh' ? '场景对比' : 'Scenario comparison'}`, '', `| ${lang === 'zh' ? '场景' : 'Scenario'} | ${MODES.map((k) => MODE_LABEL[k][lang]).join(' | ')} | ${lang === 'zh' ? '建议' : 'Recommendation'} |`, `|---|${MODES.map(() => '---:').join('|')}|---|`, ...models.map((m) => `| ${mdText(m.scenario.name)} | ${MODES.map((k) => (availableModes(m).includes(k) ? m.modes[k].perOrder.p50.toFixed(2) : lang === 'zh' ? '不可用' : 'n/a')).join(' | ')} | ${((k) => (k ? MODE_LABEL[k][lang] : lang === 'zh' ? '无（无模式达到服务水平）' : 'none (no mode meets the service level)'))(recommendedMode(m))} |`), ''].join('\n'),
    );
  }
  files.set(MANIFEST, manifestJson('compare', files, { scenarios: models.map((m) => ({ file: m.scenario.file, sha256: m.scenario.sha256, seed: m.run.seed, trials: m.run.trials, rulesFingerprint: m.run.rulesFingerprint })) }));
  await writeFolderAtomic(dir, files, 'compare');
}

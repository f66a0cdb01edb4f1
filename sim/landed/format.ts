/** Text lines of the landed-cost summary for `jitsim simulate` (bilingual). */
import type { Lang } from '../i18n/index.ts';
import { MODES, type Mode } from '../engine/layout.ts';
import type { LandedSummary } from './summary.ts';

const NAME: Record<Mode, { en: string; zh: string }> = { jit: { en: 'JIT', zh: 'JIT' }, warehouse: { en: 'Self-run warehouse', zh: '自营海外仓' }, direct: { en: 'Direct from China', zh: '国内直发' }, tpl: { en: '3PL warehouse', zh: '第三方海外仓' } };
const money = (x: number) => Math.round(x).toLocaleString('en-US');

export function formatLanded(l: LandedSummary, lang: Lang, bold: (s: string) => string = (s) => s): string[] {
  const zh = lang === 'zh';
  const c = l.reportingCurrency;
  const out: string[] = [];
  out.push(bold(zh ? `到岸成本与贡献（${c}，每次试验均值；贡献 = 收入 − 货值 − 关税 − 税费 − 履约成本）` : `Landed cost and contribution (${c}, mean per trial; contribution = revenue − unit cost − duties − taxes − fulfilment cost)`));
  out.push(zh ? `${'模式'.padEnd(17)}${'收入'.padStart(13)}${'货值'.padStart(13)}${'关税'.padStart(12)}${'税费'.padStart(12)}${'进口增值税垫付'.padStart(14)}${'贡献'.padStart(13)}${'每单贡献'.padStart(10)}  贡献 P5 – P95` : `${'mode'.padEnd(19)}${'revenue'.padStart(13)}${'unit cost'.padStart(13)}${'duties'.padStart(12)}${'taxes'.padStart(12)}${'import VAT paid'.padStart(16)}${'contribution'.padStart(14)}${'per order'.padStart(10)}  contribution P5 – P95`);
  for (const m of MODES) {
    const x = l.modes[m];
    const v = x.means;
    out.push(`${NAME[m][lang].padEnd(zh ? 17 : 19)}${money(v.revenue).padStart(13)}${money(v.unitCost).padStart(13)}${money(v.duties).padStart(12)}${money(v.taxes).padStart(12)}${money(v.vatPaidAtImport).padStart(zh ? 14 : 16)}${money(v.contribution).padStart(zh ? 13 : 14)}${x.contributionPerOrder.toFixed(2).padStart(10)}  ${money(x.contribution.p5)} – ${money(x.contribution.p95)}`);
  }
  if (l.fx.length) out.push((zh ? '  汇率（每单位外币折合人民币，均值 [P5, P95]）：' : '  Exchange rates (CNY per unit, mean [P5, P95]): ') + l.fx.map((f) => `${f.currency} ${f.meanCnyPerUnit.toPrecision(5)} [${f.p5.toPrecision(4)}, ${f.p95.toPrecision(4)}] (${f.from === 'scenario' ? (zh ? '情景' : 'scenario') : `data/fx.json ${f.date}`})`).join(' · '));
  const steps = l.modes.jit.monthlyDutiesTaxes;
  out.push((zh ? '  JIT 每月关税+税费：' : '  JIT duties + taxes per month: ') + steps.map((x) => money(x)).join(' · '));
  out.push(zh ? '  海关制度（期限内生效；进口方 / 增值税代收方 / 可信度）：' : '  Customs regimes in force (importer of record / VAT collector / confidence):');
  for (const r of l.regimes) out.push(`    ${r.country} ${r.channel === 'parcel' ? (zh ? '包裹' : 'parcel') : zh ? '大宗' : 'bulk  '} ${r.from} … ${r.to}  ${r.id}  (${r.importerOfRecord} / ${r.vatCollector} / ${r.confidence})`);
  return out;
}

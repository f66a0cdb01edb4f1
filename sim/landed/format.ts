/** Text lines of the landed-cost summary for `jitsim simulate` (bilingual). */
import type { Lang } from '../i18n/index.ts';
import { MODES, type Mode } from '../engine/layout.ts';
import { hasNoFigures, type LandedSummary } from './summary.ts';

const NAME: Record<Mode, { en: string; zh: string }> = { jit: { en: 'JIT', zh: 'JIT' }, warehouse: { en: 'Self-run warehouse', zh: '自营海外仓' }, direct: { en: 'Direct from China', zh: '国内直发' }, tpl: { en: '3PL warehouse', zh: '第三方海外仓' } };
const money = (x: number) => Math.round(x).toLocaleString('en-US');

export function formatLanded(l: LandedSummary, lang: Lang, bold: (s: string) => string = (s) => s): string[] {
  const zh = lang === 'zh';
  const c = l.reportingCurrency;
  const out: string[] = [];
  // a mode that is not available (JIT ineligible) or switched off has no figures of its own
  const shown = MODES.filter((m) => !l.recommendation.excluded.some((x) => x.mode === m && hasNoFigures(x)));
  out.push(bold(zh ? `到岸成本、贡献与利润（${c}，每次试验均值；贡献 = 收入 − 货值 − 关税 − 税费 − 变动履约成本；利润 = 贡献 − 固定成本）` : `Landed cost, contribution and profit (${c}, mean per trial; contribution = revenue − unit cost − duties − taxes − variable fulfilment; profit = contribution − fixed costs)`));
  out.push(zh ? `${'模式'.padEnd(17)}${'收入'.padStart(13)}${'货值'.padStart(13)}${'关税'.padStart(12)}${'税费'.padStart(12)}${'进口增值税垫付'.padStart(14)}${'贡献'.padStart(13)}${'每单贡献'.padStart(10)}  贡献 P5 – P95` : `${'mode'.padEnd(19)}${'revenue'.padStart(13)}${'unit cost'.padStart(13)}${'duties'.padStart(12)}${'taxes'.padStart(12)}${'import VAT paid'.padStart(16)}${'contribution'.padStart(14)}${'per order'.padStart(10)}  contribution P5 – P95`);
  for (const m of shown) {
    const x = l.modes[m];
    const v = x.means;
    out.push(`${NAME[m][lang].padEnd(zh ? 17 : 19)}${money(v.revenue).padStart(13)}${money(v.unitCost).padStart(13)}${money(v.duties).padStart(12)}${money(v.taxes).padStart(12)}${money(v.vatPaidAtImport).padStart(zh ? 14 : 16)}${money(v.contribution).padStart(zh ? 13 : 14)}${x.contributionPerOrder.toFixed(2).padStart(10)}  ${money(x.contribution.p5)} – ${money(x.contribution.p95)}`);
  }
  out.push(zh ? `${'模式'.padEnd(17)}${'订单'.padStart(10)}${'销量效应'.padStart(9)}${'变动履约'.padStart(12)}${'固定成本'.padStart(12)}${'利润'.padStart(13)}${'每单利润'.padStart(10)}  利润 P5 – P95           时效` : `${'mode'.padEnd(19)}${'orders'.padStart(10)}${'sales'.padStart(9)}${'variable'.padStart(12)}${'fixed'.padStart(12)}${'profit'.padStart(13)}${'per order'.padStart(10)}  profit P5 – P95         days`);
  for (const m of shown) {
    const x = l.modes[m];
    const v = x.means;
    const sl = x.serviceLevel;
    out.push(`${NAME[m][lang].padEnd(zh ? 17 : 19)}${money(v.orders).padStart(10)}${`${x.salesFactor >= 1 ? '+' : ''}${((x.salesFactor - 1) * 100).toFixed(1)}%`.padStart(9)}${money(v.fulfilment).padStart(12)}${money(v.fixed).padStart(12)}${money(v.profit).padStart(13)}${x.profitPerOrder.toFixed(2).padStart(10)}  ${`${money(x.profit.p5)} – ${money(x.profit.p95)}`.padEnd(24)}${x.meanDeliveryDays.toFixed(1)}${sl ? ` ${sl.met ? '✓' : '✗'} P${Math.round(l.recommendation.serviceLevel!.percentile * 100)} ${sl.days}` : ''}`);
  }
  const se = l.salesEffect;
  out.push(se ? (zh ? `  时效销量效应：每快一个工作日 +${(se.upliftPerBusinessDay.mean * 100).toFixed(2)}%（P5–P95 ${(se.upliftPerBusinessDay.p5 * 100).toFixed(2)}–${(se.upliftPerBusinessDay.p95 * 100).toFixed(2)}%；Fisher、Gallino 与 Xu，JMR 2019），需求基准：${NAME[se.baselineMode].zh}` : `  Delivery-speed sales effect: +${(se.upliftPerBusinessDay.mean * 100).toFixed(2)} % per business day faster (P5–P95 ${(se.upliftPerBusinessDay.p5 * 100).toFixed(2)}–${(se.upliftPerBusinessDay.p95 * 100).toFixed(2)} %; Fisher, Gallino & Xu, JMR 2019), demand observed under ${NAME[se.baselineMode].en}`) : zh ? '  未计时效销量效应' : '  No delivery-speed sales effect');
  const r = l.recommendation;
  const nm = (k: Mode | null) => (k ? NAME[k][lang] : zh ? '无' : 'none');
  const missed = r.excluded.filter((x) => x.reason === 'serviceLevel').map((x) => nm(x.mode));
  // every mode left out, with its own reason (the same sentences as --json's recommendation.excluded[].text and the reports)
  const why = r.excluded.filter((x) => x.reason !== 'ineligible').map((x) => x.text[lang]);
  out.push(bold(zh ? `建议（目标：${r.objective === 'cost' ? '成本最低' : '贡献最高'}）：${nm(r.mode)}；按成本：${nm(r.byCost)}；按贡献：${nm(r.byContribution)}${r.serviceLevel ? `；服务水平 P${Math.round(r.serviceLevel.percentile * 100)} ≤ ${r.serviceLevel.maxDays}天${missed.length ? `，未达：${missed.join('、')}（不予推荐）` : '，均达到'}` : ''}` : `Recommendation (objective: ${r.objective === 'cost' ? 'lowest cost' : 'highest contribution'}): ${nm(r.mode)}; by cost: ${nm(r.byCost)}; by contribution: ${nm(r.byContribution)}${r.serviceLevel ? `; service level P${Math.round(r.serviceLevel.percentile * 100)} ≤ ${r.serviceLevel.maxDays} days${missed.length ? `, missed by: ${missed.join(', ')} (not recommended)` : ', met by all'}` : ''}`));
  for (const w of why) out.push(`  ${zh ? '不予推荐：' : 'Not recommended: '}${w}`);
  if (l.fx.length) out.push((zh ? '  汇率（每单位外币折合人民币，均值 [P5, P95]）：' : '  Exchange rates (CNY per unit, mean [P5, P95]): ') + l.fx.map((f) => `${f.currency} ${f.meanCnyPerUnit.toPrecision(5)} [${f.p5.toPrecision(4)}, ${f.p95.toPrecision(4)}] (${f.from === 'scenario' ? (zh ? '情景' : 'scenario') : `data/fx.json ${f.date}`}${f.monthlyPath ? `${zh ? '，月度路径 ' : ', monthly path '}${f.monthlyPath.map((x) => x.toPrecision(4)).join(' · ')}` : ''})`).join(' · '));
  const steps = l.modes.jit.monthlyDutiesTaxes;
  out.push((zh ? '  JIT 每月关税+税费：' : '  JIT duties + taxes per month: ') + steps.map((x) => money(x)).join(' · '));
  out.push(zh ? '  海关制度（期限内生效；进口方 / 增值税代收方 / 可信度）：' : '  Customs regimes in force (importer of record / VAT collector / confidence):');
  for (const r of l.regimes) out.push(`    ${r.country} ${r.channel === 'parcel' ? (zh ? '包裹' : 'parcel') : zh ? '大宗' : 'bulk  '} ${r.from} … ${r.to}  ${r.id}  (${r.importerOfRecord} / ${r.vatCollector} / ${r.confidence})`);
  return out;
}

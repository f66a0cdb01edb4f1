/**
 * The executive summary in plain words, generated from the numbers (both languages), and the
 * recommendation. Nothing here is hand-written per client.
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import { MODES, MODE_LABEL, shownModes, type ModeKey, type ReportModel } from './model.ts';
import { termWidth } from './labels.ts';
import { monthRanges } from '../sim/engine/month-ranges.ts';

/** The report's money unit in running text: CNY / 元, or the reporting currency's code (a space before it in Chinese). */
export const CU = (m: Pick<ReportModel, 'currency'>): { en: string; zh: string } => (!m.currency || m.currency === 'CNY' ? { en: 'CNY', zh: '元' } : { en: m.currency, zh: ` ${m.currency}` });

const n0 = (x: number, lang: Lang) => Math.round(x).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
const n2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const pctZh = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The modes a client may actually choose: not switched off (`modesOff`), and JIT only when the store and its catalogue are eligible. */
export function availableModes(m: ReportModel): ModeKey[] {
  return shownModes(m);
}

/** The scenario switches this mode off (`modesOff`). */
export function isSwitchedOff(m: ReportModel, k: ModeKey): boolean {
  return (m.modesOff ?? []).includes(k);
}

/** What a mode's row says when the client cannot choose it: "switched off" (by the scenario) or "not available" (JIT not admitted); null when it is available. */
export function modeStatus(m: ReportModel, k: ModeKey): Text | null {
  if (isSwitchedOff(m, k)) return { en: 'switched off', zh: '已关闭' };
  return availableModes(m).includes(k) ? null : { en: 'not available', zh: '不可用' };
}

/** The cheapest mean total among the available modes that meet the scenario's service level (all available ones when none does). */
export function cheapestMode(m: ReportModel): ModeKey {
  const avail = availableModes(m);
  const ok = avail.filter((k) => m.landed?.modes[k].serviceLevel?.met ?? true);
  return (ok.length ? ok : avail).sort((a, b) => m.modes[a].total.mean - m.modes[b].total.mean)[0]!;
}

/**
 * The recommended mode by the scenario's objective (`profit.objective`: lowest cost, the default, or
 * highest contribution) among the available modes that meet its service level; null when no
 * available mode meets the service level.
 */
export function recommendedMode(m: ReportModel): ModeKey | null {
  const r = m.landed?.recommendation;
  return r ? r.mode : cheapestMode(m);
}

const pctl = (q: number) => `P${Math.round(q * 100)}`;

/** Why an available mode is not recommended (service level missed, too many stock-outs), in words; null when it is not left out. */
export function exclusionNote(m: ReportModel, k: ModeKey): Text | null {
  const x = m.landed?.recommendation?.excluded.find((e) => e.mode === k && (e.reason === 'serviceLevel' || e.reason === 'stockouts'));
  return x ? x.text : null;
}

/** The recommendation in words: objective, both views, and the modes left out (service level, availability). */
export function recommendationText(m: ReportModel): Text {
  const r = m.landed?.recommendation;
  const rec = recommendedMode(m);
  if (!r) return { en: rec ? MODE_LABEL[rec].en : '—', zh: rec ? MODE_LABEL[rec].zh : '—' };
  const L = (k: ModeKey | null) => (k ? MODE_LABEL[k] : { en: 'none', zh: '无' });
  const c = m.landed!.reportingCurrency;
  const sl = r.serviceLevel;
  // every mode left out for a reason of its own (service level, stock-outs, switched off; JIT's ineligibility has its own section)
  const missed = r.excluded.filter((x) => x.reason !== 'ineligible');
  const slEn = sl ? `${pctl(sl.percentile)} delivery ≤ ${sl.maxDays} days` : '';
  const slZh = sl ? `${pctl(sl.percentile)}时效 ≤ ${sl.maxDays}天` : '';
  const missEn = missed.length ? ` Not recommended: ${missed.map((x) => x.text.en).join('; ')}.` : '';
  const missZh = missed.length ? `不予推荐：${missed.map((x) => x.text.zh).join('；')}。` : '';
  if (!rec)
    return {
      en: `none — no available mode meets the requirements (${[slEn, r.minFillRate != null ? `fill rate ≥ ${(r.minFillRate * 100).toFixed(1)} %` : ''].filter(Boolean).join('; ')}).${missEn}`,
      zh: `无——没有可用模式满足要求（${[slZh, r.minFillRate != null ? `现货满足率 ≥ ${(r.minFillRate * 100).toFixed(1)}%` : ''].filter(Boolean).join('；')}）。${missZh}`,
    };
  const contrib = (k: ModeKey) => Math.round(m.landed!.modes[k].means.contribution).toLocaleString('en-US');
  const cost = (k: ModeKey) => Math.round(m.modes[k].total.mean).toLocaleString('en-US');
  return {
    en: `${L(rec).en} (objective: ${r.objective === 'cost' ? 'lowest fulfilment cost' : 'highest contribution'}${sl ? `; required: ${slEn}` : ''}). By cost: ${L(r.byCost).en}${r.byCost ? ` (${cost(r.byCost)} ${CU(m).en})` : ''}; by contribution: ${L(r.byContribution).en}${r.byContribution ? ` (${contrib(r.byContribution)} ${c})` : ''}.${missEn}`,
    zh: `${L(rec).zh}（目标：${r.objective === 'cost' ? '履约成本最低' : '贡献最高'}${sl ? `；要求：${slZh}` : ''}）。按成本：${L(r.byCost).zh}${r.byCost ? `（${cost(r.byCost)}${CU(m).zh}）` : ''}；按贡献：${L(r.byContribution).zh}${r.byContribution ? `（${contrib(r.byContribution)} ${c}）` : ''}。${missZh}`,
  };
}

/** Headline sentences, most important first. */
export function executiveSummary(m: ReportModel): Text[] {
  const out: Text[] = [];
  // the cost sentences are about the cheapest eligible mode (the recommendation itself, with its objective, is recommendationText)
  const best = cheapestMode(m);
  const months = m.scenario.horizonMonths;
  const L = (k: ModeKey) => MODE_LABEL[k];
  if (!m.eligibility.jitAvailable) {
    out.push({
      en: `JIT is not available to this client${m.eligibility.storeFindings.length ? ` (${m.eligibility.storeFindings.map((f) => `${f.rule} fails — ${f.remedy.en.replace(/[.。]\s*$/, '')}`).join('; ')})` : m.eligibility.blockedSkus.length ? ` (no SKU may use JIT: ${[...new Set(m.eligibility.blockedSkus.flatMap((s) => s.reasons))].join(', ')})` : ''}: it has no probability of being cheapest, no saving and no break-even; the comparison below is between the available modes.`,
      zh: `该客户不能使用JIT${m.eligibility.storeFindings.length ? `（${m.eligibility.storeFindings.map((f) => `${f.rule}未通过——${f.remedy.zh.replace(/[.。]\s*$/, '')}`).join('；')}）` : m.eligibility.blockedSkus.length ? `（没有可走JIT的SKU：${[...new Set(m.eligibility.blockedSkus.flatMap((s) => s.reasons))].join('、')}）` : ''}：JIT没有最低成本概率、节省额与盈亏平衡点；以下仅对比可用模式。`,
    });
  } else if (m.eligibility.jitMonths && m.eligibility.jitMonths.some((x) => !x)) {
    const yes = monthRanges(m.eligibility.jitMonths, true);
    const no = monthRanges(m.eligibility.jitMonths, false);
    out.push({
      en: `JIT can be used in month(s) ${yes} only (admission and catalogue rules are evaluated month by month: e.g. the end of an ADM-6 freeze, a rule's effective date); in month(s) ${no}, orders under the JIT mode ship direct.`,
      zh: `JIT仅在第${yes.replace(/, /g, '、')}个月可用（准入与商品规则逐月评估，如ADM-6冻结期结束、规则生效日期）；第${no.replace(/, /g, '、')}个月JIT方案下的订单按直发计。`,
    });
  }
  const off = MODES.filter((k) => isSwitchedOff(m, k));
  if (off.length)
    out.push({
      en: `Switched off for this client: ${off.map((k) => L(k).en).join(', ')} — no cost, probability of being cheapest, saving or break-even of ${off.length === 1 ? 'its' : 'their'} own, and never recommended; the comparison is among the other modes.`,
      zh: `该客户已关闭：${off.map((k) => L(k).zh).join('、')}——没有成本、最低成本概率、节省额与盈亏平衡点，也不予推荐；对比仅在其余模式间进行。`,
    });
  out.push({
    en: `${L(best).en} is the cheapest available mode in ${pct(m.modes[best].pCheapest)} of the simulated ${months}-month periods, at ${n0(m.modes[best].total.p50, 'en')} ${CU(m).en} over ${months} months (median; 90 % interval ${n0(m.modes[best].total.p5, 'en')}–${n0(m.modes[best].total.p95, 'en')}), ${n2(m.modes[best].perOrder.p50)} ${CU(m).en} per order.`,
    zh: `${L(best).zh}在${pctZh(m.modes[best].pCheapest)}的模拟中（每次${months}个月）是可选模式里成本最低的：${months}个月合计${n0(m.modes[best].total.p50, 'zh')}${CU(m).zh}（中位数；90%区间 ${n0(m.modes[best].total.p5, 'zh')}–${n0(m.modes[best].total.p95, 'zh')}），每单${n2(m.modes[best].perOrder.p50)}${CU(m).zh}。`,
  });
  const avail = availableModes(m);
  // no saving and no break-even against a mode the client cannot use
  const pairs = m.pairs.filter((p) => avail.includes(p.a) && avail.includes(p.b));
  for (const p of pairs) {
    if (p.a !== best && p.b !== best) continue;
    const other = p.a === best ? p.b : p.a;
    const sign = p.a === best ? -1 : 1; // saving of `best` over `other`
    const saving = { p50: (sign * p.diff.p50) / months, lo: (sign * (sign < 0 ? p.diff.p95 : p.diff.p5)) / months, hi: (sign * (sign < 0 ? p.diff.p5 : p.diff.p95)) / months };
    const perOrder = m.meanOrders > 0 ? (sign * p.diff.p50) / m.meanOrders : 0;
    const significant = p.diff.ciLow > 0 || p.diff.ciHigh < 0;
    out.push({
      en: `Against ${L(other).en}: median saving ${n0(saving.p50, 'en')} ${CU(m).en}/month (90 % interval ${n0(saving.lo, 'en')} to ${n0(saving.hi, 'en')}), ${n2(perOrder)} ${CU(m).en} per order${significant ? '' : ' — not distinguishable from zero at 95 %'}.`,
      zh: `与${L(other).zh}相比：每月节省中位数${n0(saving.p50, 'zh')}${CU(m).zh}（90%区间 ${n0(saving.lo, 'zh')} 至 ${n0(saving.hi, 'zh')}），每单${n2(perOrder)}${CU(m).zh}${significant ? '' : '——在95%置信水平下与零无显著差异'}。`,
    });
  }
  for (const p of pairs) {
    if (!p.breakEven) continue;
    out.push({
      en: `${L(p.a).en} and ${L(p.b).en} cost the same at about ${n0(p.breakEven.ordersPerDay, 'en')} orders/day (median over the trials re-run on a volume grid; P5–P95 ${n0(p.breakEven.p5, 'en')}–${n0(p.breakEven.p95, 'en')}; ${pct(p.breakEven.noCrossingShare)} of trials do not cross between 1/16× and 16×; now ${n0(m.scenario.ordersPerDay, 'en')}).`,
      zh: `${L(p.a).zh}与${L(p.b).zh}在约每天${n0(p.breakEven.ordersPerDay, 'zh')}单时成本相同（在订单量网格上重新模拟，各次模拟的中位数；P5–P95 ${n0(p.breakEven.p5, 'zh')}–${n0(p.breakEven.p95, 'zh')}；${pctZh(p.breakEven.noCrossingShare)}的模拟在1/16至16倍范围内无交点；当前${n0(m.scenario.ordersPerDay, 'zh')}单）。`,
    });
  }
  // rate levels that would flip the answer, for the recommended mode's pairs (exact from every simulation)
  for (const p of pairs) {
    if (p.a !== best && p.b !== best) continue;
    for (const r of p.rateBreakEven ?? []) {
      out.push({
        en: `${L(p.a).en} and ${L(p.b).en} would cost the same with the ${r.name.en.replace(/: .*$/, '')} priced at ×${r.p50.toFixed(2)} (median; P5–P95 ×${r.p5.toFixed(2)}–×${r.p95.toFixed(2)}; this run drew ×${r.now.toFixed(2)} on average); below that ${L(r.cheaperBelow).en} is the cheaper. Read exactly from every simulation, without re-running it.`,
        zh: `若${r.name.zh.replace(/：.*$/, '')}按×${r.p50.toFixed(2)}计（中位数；P5–P95 ×${r.p5.toFixed(2)}–×${r.p95.toFixed(2)}；本次模拟平均取×${r.now.toFixed(2)}），${L(p.a).zh}与${L(p.b).zh}成本相同；低于该水平时${L(r.cheaperBelow).zh}更便宜。该值由每次模拟精确求得，无需重新模拟。`,
      });
    }
  }
  const none = pairs.filter((p) => !p.breakEven);
  if (none.length > 0) {
    out.push({
      en: `No break-even between 1/16× and 16× today's volume for ${none.map((p) => `${L(p.a).en} / ${L(p.b).en}`).join(', ')}: the ranking of ${none.length === 1 ? 'that pair' : 'those pairs'} does not flip with volume in that range.`,
      zh: `在当前订单量的1/16至16倍范围内，${none.map((p) => `${L(p.a).zh}与${L(p.b).zh}`).join('、')}之间不存在盈亏平衡点：该范围内成本排序不随订单量改变。`,
    });
  }
  for (const r of m.feeReadings ?? []) {
    out.push({
      en: `New-seller relief (${r.fee}) is read as "${r.id}": ${r.reading.en}.`,
      zh: `新卖家减免（${r.fee}）按“${r.id}”理解：${r.reading.zh}。`,
    });
  }
  const days = (k: ModeKey) => m.modes[k].meanDeliveryDays.toFixed(1);
  out.push({
    en: `Delivery: ${shownModes(m).map((k) => `${L(k).en} ${days(k)} days`).join(', ')} on average.`,
    zh: `平均时效：${shownModes(m).map((k) => `${L(k).zh}${days(k)}天`).join('，')}。`,
  });
  out.push({
    en: `Cash tied up: ${shownModes(m).map((k) => `${L(k).en} ${n0(m.modes[k].cashTiedUpCny, 'en')} ${CU(m).en}`).join(', ')}.`,
    zh: `占用资金：${shownModes(m).map((k) => `${L(k).zh}${n0(m.modes[k].cashTiedUpCny, 'zh')}${CU(m).zh}`).join('，')}。`,
  });
  if (m.eligibility.blockedSkus.length > 0) {
    out.push({
      en: `${m.eligibility.blockedSkus.length} SKU(s) cannot use JIT (${m.eligibility.blockedSkus.map((s) => s.sku).join(', ')}); under JIT they ship direct.`,
      zh: `${m.eligibility.blockedSkus.length}个SKU不能走JIT（${m.eligibility.blockedSkus.map((s) => s.sku).join('、')}）；JIT方案下按直发计。`,
    });
  }
  return out;
}

/**
 * The headline for a terminal: the recommended mode and the deciding reason, then the mean cost of
 * each mode with its 95 % CI. Numbers per locale.
 */
export function headline(m: ReportModel, lang: Lang): string[] {
  const zh = lang === 'zh';
  const rec = recommendedMode(m);
  const best = cheapestMode(m);
  const avail = availableModes(m);
  const runnerUp = avail.filter((k) => k !== best).sort((a, b) => m.modes[a].total.mean - m.modes[b].total.mean)[0];
  const cur = CU(m)[lang].trim();
  const reasons: string[] = [];
  if (!m.eligibility.jitAvailable) reasons.push(executiveSummary(m)[0]![lang].replace(/[.。]$/, ''));
  if (m.landed?.recommendation && (rec !== best || m.landed.recommendation.objective !== 'cost' || m.landed.recommendation.excluded.some((x) => x.reason === 'serviceLevel' || x.reason === 'stockouts'))) reasons.push(recommendationText(m)[lang]);
  // the cost reason names its mode when the recommendation is another one (objective contribution, service level)
  const who = rec === best ? '' : MODE_LABEL[best][lang];
  reasons.push(zh ? `${who}在${pctZh(m.modes[best].pCheapest)}的模拟中成本最低` : `${who ? `${who} is ` : ''}cheapest in ${pct(m.modes[best].pCheapest)} of the simulations`);
  if (runnerUp) {
    const p = m.pairs.find((x) => (x.a === best && x.b === runnerUp) || (x.a === runnerUp && x.b === best));
    if (p) {
      const sign = p.a === best ? -1 : 1;
      const months = m.scenario.horizonMonths;
      const lo = (sign * (sign < 0 ? p.diff.p95 : p.diff.p5)) / months;
      const hi = (sign * (sign < 0 ? p.diff.p5 : p.diff.p95)) / months;
      reasons.push(zh ? `比${MODE_LABEL[runnerUp].zh}每月省${n0((sign * p.diff.p50) / months, lang)}${CU(m).zh}（中位数；90%区间 ${n0(lo, lang)} 至 ${n0(hi, lang)}）` : `saves ${n0((sign * p.diff.p50) / months, lang)} ${CU(m).en}/month against ${MODE_LABEL[runnerUp].en} (median; 90 % interval ${n0(lo, lang)} to ${n0(hi, lang)})`);
    }
  }
  const width = Math.max(...MODES.map((k) => termWidth(MODE_LABEL[k][lang])));
  return [
    `${zh ? '建议：' : 'Recommended: '}${rec ? MODE_LABEL[rec][lang] : zh ? '无' : 'none'} — ${reasons.join(zh ? '；' : '; ')}`,
    ...MODES.map((k) => {
      const t = m.modes[k].total;
      const label = MODE_LABEL[k][lang];
      if (!avail.includes(k)) return `  ${label}${' '.repeat(width - termWidth(label))}  ${isSwitchedOff(m, k) ? (zh ? '已关闭（没有成本、最低概率与节省额；见上）' : 'switched off (no cost, P(cheapest) or saving of its own; see above)') : zh ? '不可用（没有成本、最低概率与节省额；见上）' : 'not available (no cost, P(cheapest) or saving of its own; see above)'}`;
      const sl = m.landed?.modes[k].serviceLevel;
      const lc = m.landed;
      const profit = lc ? `  ${zh ? '贡献' : 'contribution'} ${n0(lc.modes[k].means.contribution, lang)} ${CU(m)[lang].trim()}` : '';
      return `  ${label}${' '.repeat(width - termWidth(label))}  ${zh ? '均值' : 'mean'} ${n0(t.mean, lang)} ${cur}${zh ? `（95%置信区间 ${n0(t.ciLow, lang)}–${n0(t.ciHigh, lang)}）` : ` (95 % CI ${n0(t.ciLow, lang)}–${n0(t.ciHigh, lang)})`}${profit}${avail.includes(k) ? '' : zh ? '（不可用）' : ' (not available)'}${sl && !sl.met ? (zh ? `（未达服务水平：${sl.days}天）` : ` (misses the service level: ${sl.days} days)`) : ''}`;
    }),
  ];
}

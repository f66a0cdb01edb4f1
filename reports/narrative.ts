/**
 * The executive summary in plain words, generated from the numbers (both languages), and the
 * recommendation. Nothing here is hand-written per client.
 */
import type { Lang, Text } from '../sim/i18n/index.ts';
import { MODES, MODE_LABEL, type ModeKey, type ReportModel } from './model.ts';
import { termWidth } from './labels.ts';

const n0 = (x: number, lang: Lang) => Math.round(x).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
const n2 = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
const pctZh = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The modes a client may actually choose: JIT only when the store and its catalogue are eligible. */
export function availableModes(m: ReportModel): ModeKey[] {
  return MODES.filter((k) => !(m.modesOff ?? []).includes(k) && (k !== 'jit' || m.eligibility.jitAvailable));
}

/** The scenario switches this mode off (`modesOff`). */
export function isSwitchedOff(m: ReportModel, k: ModeKey): boolean {
  return (m.modesOff ?? []).includes(k);
}

/** What a mode's row says when the client cannot choose it: "switched off" (by the scenario) or "not available" (JIT not admitted). */
export function modeStatus(m: ReportModel, k: ModeKey): Text | null {
  if (isSwitchedOff(m, k)) return { en: 'switched off', zh: '已关闭' };
  return availableModes(m).includes(k) ? null : { en: 'not available', zh: '不可用' };
}

/** The recommended mode: the cheapest mean total among the available modes. */
export function recommendedMode(m: ReportModel): ModeKey {
  return availableModes(m).sort((a, b) => m.modes[a].total.mean - m.modes[b].total.mean)[0]!;
}

/** Headline sentences, most important first. */
export function executiveSummary(m: ReportModel): Text[] {
  const out: Text[] = [];
  const best = recommendedMode(m);
  const months = m.scenario.horizonMonths;
  const L = (k: ModeKey) => MODE_LABEL[k];
  if (!m.eligibility.jitAvailable) {
    out.push({
      en: `JIT is not available to this client${m.eligibility.storeFindings.length ? ` (${m.eligibility.storeFindings.map((f) => `${f.rule}: ${f.remedy.en}`).join('; ')})` : m.eligibility.blockedSkus.length ? ' (no SKU may use JIT)' : ''}: it has no probability of being cheapest, no saving and no break-even; the comparison below is between the available modes.`,
      zh: `该客户不能使用JIT${m.eligibility.storeFindings.length ? `（${m.eligibility.storeFindings.map((f) => `${f.rule}：${f.remedy.zh}`).join('；')}）` : m.eligibility.blockedSkus.length ? '（没有可走JIT的SKU）' : ''}：JIT没有最低成本概率、节省额与盈亏平衡点；以下仅对比可用模式。`,
    });
  } else if (m.eligibility.jitMonths && m.eligibility.jitMonths.some((x) => !x)) {
    const from = m.eligibility.jitMonths.indexOf(true) + 1;
    out.push({
      en: `JIT becomes available in month ${from} (admission rules are evaluated month by month, e.g. the end of an ADM-6 freeze); before that, orders under the JIT mode ship direct.`,
      zh: `JIT自第${from}个月起可用（准入规则逐月评估，如ADM-6冻结期结束）；此前JIT方案下的订单按直发计。`,
    });
  }
  const off = MODES.filter((k) => isSwitchedOff(m, k));
  if (off.length)
    out.push({
      en: `Switched off for this client: ${off.map((k) => L(k).en).join(', ')} — no probability of being cheapest, no saving and no break-even; ${off.length === 1 ? 'its row is' : 'their rows are'} for reference only and the comparison is among the other modes.`,
      zh: `该客户已关闭：${off.map((k) => L(k).zh).join('、')}——没有最低成本概率、节省额与盈亏平衡点；其数据仅供参考，对比仅在其余模式间进行。`,
    });
  out.push({
    en: `${L(best).en} is the cheapest available mode in ${pct(m.modes[best].pCheapest)} of the simulated ${months}-month periods, at ${n0(m.modes[best].total.p50, 'en')} CNY over ${months} months (median; 90 % interval ${n0(m.modes[best].total.p5, 'en')}–${n0(m.modes[best].total.p95, 'en')}), ${n2(m.modes[best].perOrder.p50)} CNY per order.`,
    zh: `${L(best).zh}在${pctZh(m.modes[best].pCheapest)}的模拟中（每次${months}个月）是可选模式里成本最低的：${months}个月合计${n0(m.modes[best].total.p50, 'zh')}元（中位数；90%区间 ${n0(m.modes[best].total.p5, 'zh')}–${n0(m.modes[best].total.p95, 'zh')}），每单${n2(m.modes[best].perOrder.p50)}元。`,
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
      en: `Against ${L(other).en}: median saving ${n0(saving.p50, 'en')} CNY/month (90 % interval ${n0(saving.lo, 'en')} to ${n0(saving.hi, 'en')}), ${n2(perOrder)} CNY per order${significant ? '' : ' — not distinguishable from zero at 95 %'}.`,
      zh: `与${L(other).zh}相比：每月节省中位数${n0(saving.p50, 'zh')}元（90%区间 ${n0(saving.lo, 'zh')} 至 ${n0(saving.hi, 'zh')}），每单${n2(perOrder)}元${significant ? '' : '——在95%置信水平下与零无显著差异'}。`,
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
    en: `Delivery: ${MODES.map((k) => `${L(k).en} ${days(k)} days`).join(', ')} on average.`,
    zh: `平均时效：${MODES.map((k) => `${L(k).zh}${days(k)}天`).join('，')}。`,
  });
  out.push({
    en: `Cash tied up: ${MODES.map((k) => `${L(k).en} ${n0(m.modes[k].cashTiedUpCny, 'en')} CNY`).join(', ')}.`,
    zh: `占用资金：${MODES.map((k) => `${L(k).zh}${n0(m.modes[k].cashTiedUpCny, 'zh')}元`).join('，')}。`,
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
  const best = recommendedMode(m);
  const avail = availableModes(m);
  const runnerUp = avail.filter((k) => k !== best).sort((a, b) => m.modes[a].total.mean - m.modes[b].total.mean)[0];
  const cur = zh ? '元' : 'CNY';
  const reasons: string[] = [];
  if (!m.eligibility.jitAvailable) reasons.push(executiveSummary(m)[0]![lang]);
  reasons.push(zh ? `在${pctZh(m.modes[best].pCheapest)}的模拟中成本最低` : `cheapest in ${pct(m.modes[best].pCheapest)} of the simulations`);
  if (runnerUp) {
    const p = m.pairs.find((x) => (x.a === best && x.b === runnerUp) || (x.a === runnerUp && x.b === best));
    if (p) {
      const sign = p.a === best ? -1 : 1;
      const months = m.scenario.horizonMonths;
      const lo = (sign * (sign < 0 ? p.diff.p95 : p.diff.p5)) / months;
      const hi = (sign * (sign < 0 ? p.diff.p5 : p.diff.p95)) / months;
      reasons.push(zh ? `比${MODE_LABEL[runnerUp].zh}每月省${n0((sign * p.diff.p50) / months, lang)}元（中位数；90%区间 ${n0(lo, lang)} 至 ${n0(hi, lang)}）` : `saves ${n0((sign * p.diff.p50) / months, lang)} CNY/month against ${MODE_LABEL[runnerUp].en} (median; 90 % interval ${n0(lo, lang)} to ${n0(hi, lang)})`);
    }
  }
  const width = Math.max(...MODES.map((k) => termWidth(MODE_LABEL[k][lang])));
  return [
    `${zh ? '建议：' : 'Recommended: '}${MODE_LABEL[best][lang]} — ${reasons.join(zh ? '；' : '; ')}`,
    ...MODES.map((k) => {
      const t = m.modes[k].total;
      const label = MODE_LABEL[k][lang];
      return `  ${label}${' '.repeat(width - termWidth(label))}  ${zh ? '均值' : 'mean'} ${n0(t.mean, lang)} ${cur}${zh ? `（95%置信区间 ${n0(t.ciLow, lang)}–${n0(t.ciHigh, lang)}）` : ` (95 % CI ${n0(t.ciLow, lang)}–${n0(t.ciHigh, lang)})`}${modeStatus(m, k) ? (zh ? `（${modeStatus(m, k)!.zh}）` : ` (${modeStatus(m, k)!.en})`) : ''}`;
    }),
  ];
}

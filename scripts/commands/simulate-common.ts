/** What `jitsim simulate` and its sharded/queued variants share: options, the summary text, the output folder checks and writing. */
import { formatLanded } from '../../sim/landed/format.ts';
import { formatInventory } from '../../sim/inventory/summary.ts';
import { UserInputError } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODES, type Mode } from '../../sim/engine/layout.ts';
import { disposeResult, type SimulationResult } from '../../sim/simulate.ts';
import { SIMULATE_FILES, summaryJson, writeResults } from '../../sim/engine/write-results.ts';
import { MANIFEST, assertOutputRoot, assertSimulateOut, sweepStale, sweptLine } from '../../sim/io/output-folder.ts';
import { visibleDeep } from '../../sim/io/safe-text.ts';
import { monthRanges, type Summary } from '../../sim/engine/summarise.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { displayPath } from './shared.ts';
import { M } from './messages.ts';

export interface SimulateCliOptions extends CommonOptions {
  rules?: string;
  trials?: string;
  precision?: string;
  maxTrials?: string;
  seed: string;
  workers?: string;
  out?: string;
  breakEven?: boolean;
  sensitivity?: boolean;
  tornadoTop?: string;
  shard?: string;
  queue?: string;
  shards?: string;
}


/** Peak resident memory of this process so far (all its threads), MB. */
export const peakMemoryMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** "0.5%" or "0.005" → 0.005. */
export function parsePrecision(v: string): number {
  const pct = v.trim().endsWith('%');
  const x = Number(pct ? v.trim().slice(0, -1) : v);
  const p = pct ? x / 100 : x;
  if (!Number.isFinite(p) || !(p > 0) || p >= 1) throw new UserInputError(M.badPrecision(v), M.badPrecisionFix);
  return p;
}

const LABEL: Record<Mode, Record<Lang, string>> = { jit: M.modeJit, warehouse: M.modeWarehouse, direct: M.modeDirect, tpl: M.modeTpl };

const money = (x: number) => Math.round(x).toLocaleString('en-US');

/** Terminal width of a string: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** The readable summary, in English or Chinese. */
export function formatSummary(io: Io, s: Summary, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(paint(io, 'bold', zh ? `模拟：${s.scenario.name} — ${s.trials} 次试验，种子 ${s.seed}，自 ${s.scenario.startDate} 起 ${s.scenario.horizonMonths} 个月（收费方案 ${s.scenario.feeSchedule}）` : `Simulation: ${s.scenario.name} — ${s.trials} trials, seed ${s.seed}, ${s.scenario.horizonMonths} months from ${s.scenario.startDate} (fee schedule ${s.scenario.feeSchedule})`));
  out.push(s.scenario.description[lang]);
  for (const r of s.scenario.newSellerFeeReading ?? []) out.push(zh ? `新卖家减免（${r.fee}）按“${r.id}”理解：${r.reading.zh}` : `New-seller relief (${r.fee}) read as "${r.id}": ${r.reading.en}`);
  if (s.precision) out.push(zh ? `精度目标 ${(s.precision.target * 100).toFixed(2)}%：${s.precision.reached ? '已达到' : `未达到（上限 ${s.precision.maxTrials} 次）`}，用了 ${s.trials} 次试验` : `Precision target ${(s.precision.target * 100).toFixed(2)} %: ${s.precision.reached ? 'reached' : `not reached (cap ${s.precision.maxTrials} trials)`} after ${s.trials} trials`);
  if (!s.eligibility.jitAvailable) {
    out.push(paint(io, 'red', zh ? `JIT不可用：没有最低成本概率、节省额与盈亏平衡点；以下仅对比可用模式（JIT模式下全部订单按直发（E117）计算，其成本即直发成本，仅在 --json 与 trials.csv 中保留以供参考）` : `JIT is not available: it has no P(cheapest), no saving and no break-even; the available modes are compared (under the JIT mode every order would ship direct, E117: its cost is direct's, kept in --json and trials.csv for reference only)`));
    for (const f of s.eligibility.unavailableBecause) out.push(paint(io, 'red', `  ${f.rule}: ${f.message[lang]} — ${f.remedy[lang]}`));
  } else {
    if (s.eligibility.storeMonths.some((x) => !x)) {
      const months = monthRanges(s.eligibility.storeMonths, false);
      out.push(paint(io, 'yellow', zh ? `店铺在第 ${months.replace(/, /g, '、')} 个月未通过JIT准入（${s.eligibility.storeFailures.join('、')}，准入规则逐月评估）：这些月份JIT模式下订单按直发（E117）计算` : `The store fails JIT admission in month(s) ${months} (${s.eligibility.storeFailures.join(', ')}; admission is evaluated month by month): in those months orders under the JIT mode ship direct (E117)`));
    }
    // catalogue rules with an `effective` / `until` date inside the horizon
    for (const k of s.eligibility.skus.filter((x) => x.jitMonths)) {
      const yes = monthRanges(k.jitMonths!, true);
      const no = monthRanges(k.jitMonths!, false);
      out.push(paint(io, 'yellow', zh ? `SKU ${k.id} 可走JIT的月份：第 ${yes.replace(/, /g, '、')} 个月；第 ${no.replace(/, /g, '、')} 个月被 ${k.blockedBy.join('、')} 阻止（商品规则按生效/失效日期逐月评估），这些月份按直发（E117）计算` : `SKU ${k.id} may use JIT in month(s) ${yes}; in month(s) ${no} ${k.blockedBy.join(', ')} block${k.blockedBy.length === 1 ? 's' : ''} it (catalogue rules are evaluated month by month by their effective/until dates) and it ships direct (E117)`));
    }
    // months the store is admitted but no SKU may use JIT
    const noSku = s.eligibility.jitMonths.map((x, i) => x || !s.eligibility.storeMonths[i]);
    if (noSku.some((x) => !x)) {
      out.push(paint(io, 'yellow', zh ? `第 ${monthRanges(noSku, false).replace(/, /g, '、')} 个月没有可走JIT的SKU：JIT模式下全部直发（E117），不收JIT月费` : `No SKU may use JIT in month(s) ${monthRanges(noSku, false)}: every order under the JIT mode ships direct (E117) and no JIT monthly fee is charged`));
    }
  }
  if (s.modesOff.length) out.push(paint(io, 'yellow', zh ? `已关闭（情景 modesOff）：${s.modesOff.map((m) => LABEL[m].zh).join('、')}——没有成本、最低成本概率、节省额与盈亏平衡点，不予推荐；仅在其余模式间对比（其成本仅在 --json 与 trials.csv 中保留以供参考）` : `Switched off (scenario modesOff): ${s.modesOff.map((m) => LABEL[m].en).join(', ')} — no cost, P(cheapest), saving or break-even, never recommended; the other modes are compared (its cost is kept in --json and trials.csv for reference only)`));
  const blocked = s.eligibility.skus.filter((k) => !k.jitEligible);
  // a client catalogue can block hundreds of SKUs: the first few here, every one in skus.csv / --json
  const SHOWN = 10;
  const rest = blocked.length - SHOWN;
  const shown = blocked.slice(0, SHOWN);
  if (blocked.length)
    out.push(
      paint(
        io,
        'yellow',
        zh
          ? `不可走JIT的SKU（JIT模式下直发，计为E117）：${blocked.length} 个 — ${shown.map((k) => `${k.id}（${k.blockedBy.join('、')}）`).join('、')}${rest > 0 ? ` 等，另有 ${rest} 个（完整列表见 --out 的 skus.csv 或 --json）` : ''}`
          : `SKUs that cannot use JIT (shipped direct under the JIT mode, counted as E117): ${blocked.length} — ${shown.map((k) => `${k.id} (${k.blockedBy.join(', ')})`).join(', ')}${rest > 0 ? ` and ${rest} more (all of them: skus.csv with --out, or --json)` : ''}`,
      ),
    );
  out.push(zh ? `订单量：均值 ${money(s.orders.mean)}（P5 ${money(s.orders.p5)} – P95 ${money(s.orders.p95)}）` : `Orders over the horizon: mean ${money(s.orders.mean)} (P5 ${money(s.orders.p5)} – P95 ${money(s.orders.p95)})`);
  out.push('');
  out.push(zh ? `${padEnd('模式', 19)} ${padEnd('总成本均值（元）', 17)}${padEnd('均值95%置信区间', 29)}${padEnd('P5 – P95', 25)}${padEnd('每单（元）', 11)}${padEnd('最低概率', 13)}${padEnd('CVaR95', 12)}${padEnd('占用资金', 14)}时效（均值/P95天）` : 'mode                mean total CNY   95 % CI of the mean         P5 – P95                 per order  P(cheapest)  CVaR 95 %   cash tied up  delivery days (mean/P95)');
  for (const m of MODES) {
    const x = s.modes[m];
    const t = x.totalCny;
    // an unavailable mode has no figures of its own (its orders would all ship direct, E117)
    if (!s.availableModes.includes(m)) {
      if (s.modesOff.includes(m)) out.push(`${padEnd(LABEL[m][lang], 19)} ${zh ? '已关闭（见上）：没有成本、最低概率、节省额与盈亏平衡点' : 'switched off (see above): no cost, P(cheapest), saving or break-even'}`);
      else out.push(`${padEnd(LABEL[m][lang], 19)} ${zh ? '不可用（见上）：没有成本、最低概率、节省额与盈亏平衡点' : 'not available (see above): no cost, P(cheapest), saving or break-even'}`);
      continue;
    }
    out.push(padEnd(`${padEnd(LABEL[m][lang], 19)} ${money(t.mean).padStart(14)}   [${money(t.ciLow)}, ${money(t.ciHigh)}]`, 66) + `${money(t.p5)} – ${money(t.p95)}`.padEnd(25) + `${x.perOrderCny.mean.toFixed(2).padStart(8)}  ${x.pCheapest === null ? '—'.padStart(9) + '  ' : `${(x.pCheapest * 100).toFixed(1).padStart(9)} %`}  ${money(t.cvar95).padStart(10)}  ${money(x.cashTiedUpCny.mean).padStart(12)}  ${x.deliveryDays.mean.toFixed(1)} / ${x.deliveryDays.p95}`);
  }
  if (s.tiedShare > 0) out.push(zh ? `并列最低（成本相同至分）：${(s.tiedShare * 100).toFixed(1)}% 的试验，最低概率在并列模式间平分` : `Tied for cheapest (equal to the cent) in ${(s.tiedShare * 100).toFixed(1)} % of trials; P(cheapest) splits those trials between the tied modes`);
  out.push('');
  out.push(paint(io, 'bold', zh ? '配对差值（同一订单流，元）' : 'Paired differences (same order flow, CNY)'));
  for (const d of s.differences) out.push(`  ${LABEL[d.pair[0]][lang]} − ${LABEL[d.pair[1]][lang]}: ${money(d.totalCny.mean)}  ${zh ? '95%置信区间' : '95 % CI'} [${money(d.totalCny.ciLow)}, ${money(d.totalCny.ciHigh)}]  P5 ${money(d.totalCny.p5)} – P95 ${money(d.totalCny.p95)}`);
  out.push('');
  out.push(paint(io, 'bold', zh ? 'JIT模式分仓结果（每次试验平均订单数）' : 'Routing under the JIT mode (mean orders per trial)'));
  out.push('  ' + s.routing.filter((r) => r.code === 'JIT' || r.meanOrders > 0).map((r) => `${r.code === 'JIT' ? (zh ? '走JIT' : 'routed to JIT') : r.code} ${money(r.meanOrders)} (${(r.share * 100).toFixed(1)} %)`).join(' · ') + (zh ? ` · 非首选仓 ${(s.nonPreferredShare * 100).toFixed(1)}%` : ` · non-preferred warehouse ${(s.nonPreferredShare * 100).toFixed(1)} %`));
  out.push('');
  out.push(...formatLanded(s.landed, lang, (x) => paint(io, 'bold', x)));
  if (s.inventory) out.push(...formatInventory(s.inventory, lang, (x) => paint(io, 'bold', x)));
  if (s.breakEven) {
    out.push('');
    out.push(paint(io, 'bold', zh ? '盈亏平衡（起始日均订单量；方法：同一批试验在 1/16–16 倍订单量网格上重新模拟，同一随机数）' : 'Break-even (starting orders/day; method: the same trials re-run on a grid of 1/16× to 16× the volume, common random numbers)'));
    for (const b of s.breakEven) {
      const [a, c] = b.pair;
      const none = b.foundShare < 0.5;
      if (b.ordersPerDay && none) out.push(`  ${LABEL[a][lang]} / ${LABEL[c][lang]}: ${zh ? `多数试验在 1/16–16 倍订单量内无交点（${LABEL[b.cheaperThroughout ?? a][lang]} 始终更便宜）；${(b.foundShare * 100).toFixed(0)}% 的试验交点约为 ${b.ordersPerDay.p50.toFixed(0)} 单/天` : `no break-even in most trials between 1/16× and 16× the volume (${LABEL[b.cheaperThroughout ?? a][lang]} cheaper throughout); ${(b.foundShare * 100).toFixed(0)} % of trials cross at about ${b.ordersPerDay.p50.toFixed(0)} orders/day (median)`}`);
      else if (b.ordersPerDay) out.push(`  ${LABEL[a][lang]} = ${LABEL[c][lang]}: P50 ${b.ordersPerDay.p50.toFixed(0)} ${zh ? '单/天' : 'orders/day'}  P5–P95 [${b.ordersPerDay.p5.toFixed(0)}, ${b.ordersPerDay.p95.toFixed(0)}]  (${zh ? `${(b.noCrossingShare * 100).toFixed(0)}% 的试验在 1/16–16 倍内无交点；低于该量时 ${LABEL[b.cheaperBelow ?? a][lang]} 更便宜` : `${(b.noCrossingShare * 100).toFixed(0)} % of trials do not cross between 1/16× and 16×; below it ${LABEL[b.cheaperBelow ?? a][lang]} is cheaper`})`);
      else out.push(`  ${LABEL[a][lang]} / ${LABEL[c][lang]}: ${zh ? `在 1/16–16 倍订单量内无交点，${LABEL[b.cheaperThroughout ?? a][lang]} 始终更便宜` : `no break-even between 1/16× and 16× the volume; ${LABEL[b.cheaperThroughout ?? a][lang]} is cheaper throughout`}`);
    }
  }
  if (s.rateBreakEven?.some((b) => b.multiplier)) {
    out.push('');
    out.push(paint(io, 'bold', zh ? '盈亏平衡运价水平（运价系数；方法：由主模拟各次试验的成本构成精确求得，无需额外模拟）' : 'Break-even rate levels (rate multiplier; method: exact from each trial of the main run, no extra simulation)'));
    const legName: Record<string, [string, string]> = { jitLogistics: ['JIT logistics card', 'JIT物流运价表'], direct: ['direct-shipping card', '直发运价表'], warehouseLastMile: ['warehouse last-mile card', '海外仓尾程运价表'], warehouseHeadhaul: ['warehouse head-haul rates', '海外仓头程运价'] };
    for (const b of s.rateBreakEven) {
      if (!b.multiplier) continue;
      const [a, c] = b.pair;
      const leg = legName[b.leg]![zh ? 1 : 0];
      out.push(`  ${LABEL[a][lang]} = ${LABEL[c][lang]}: ${zh ? `${leg}系数` : `${leg} at`} ×${b.multiplier.p50.toFixed(2)} (P5–P95 ×${b.multiplier.p5.toFixed(2)}–×${b.multiplier.p95.toFixed(2)}; ${zh ? `当前均值 ×${b.multiplierNow.toFixed(2)}；低于该系数时 ${LABEL[b.cheaperBelow ?? a][lang]} 更便宜；${(b.foundShare * 100).toFixed(0)}% 的试验有交点` : `now ×${b.multiplierNow.toFixed(2)} on average; below it ${LABEL[b.cheaperBelow ?? a][lang]} is cheaper; ${(b.foundShare * 100).toFixed(0)} % of trials cross`})`);
    }
  }
  if (s.sensitivity) {
    out.push('');
    const sv = s.sensitivity;
    const [pa, pb] = sv.pair;
    const name = (e: { input: string; kind: string; members?: number; memberOf?: string }) =>
      e.kind === 'group' ? (zh ? `${e.input}（全部 ${e.members} 个SKU一同变动）` : `${e.input} (all ${e.members} SKUs together)`) : e.memberOf ? `${e.input}${zh ? '（单个SKU中最大）' : ' (largest single SKU)'}` : e.input;
    out.push(paint(io, 'bold', zh ? `敏感性：每单成本差 ${LABEL[pa][lang]} − ${LABEL[pb][lang]}（全部试验中平均每单成本最低与次低的模式；均值 ${sv.meanPerOrderDiff.toFixed(2)} 元/单）` : `Sensitivity of the per-order cost difference ${LABEL[pa][lang]} − ${LABEL[pb][lang]} (best and second-best mode by mean cost per order over all trials; mean ${sv.meanPerOrderDiff.toFixed(2)} CNY/order)`));
    const byRegression = sv.method.ranking === 'rank-regression-main-run';
    out.push(zh ? `  排序：${byRegression ? '该差额对全部输入的秩回归（标准化秩回归系数，SRRC：各输入在其他输入不变时的影响）' : '各输入与该差额的秩相关（Spearman）'}，基于${sv.rankTrials < s.trials ? `全部 ${s.trials} 次试验中的前 ${sv.rankTrials} 次（运行只保留前 ${sv.rankTrials} 次试验的各项输入）` : `全部 ${sv.rankTrials} 次试验`}，无需额外模拟；摆幅：排名前 ${sv.tornado.length} 的输入各取P10与P90、其余取P50（各 ${sv.swingTrials} 次试验，同一随机数）` : `  Ranked by ${byRegression ? 'the rank regression of that difference on every input at once (standardised rank regression coefficient, SRRC: each input\'s effect with the others held fixed)' : 'the rank correlation (Spearman) of each input with that difference'} over ${sv.rankTrials < s.trials ? `the first ${sv.rankTrials} of the ${s.trials} trials (the run keeps every input of its first ${sv.rankTrials} trials only)` : `all ${sv.rankTrials} trials`} (no extra simulation); swings for the top ${sv.tornado.length}: the input at P10 and P90, the others at P50 (${sv.swingTrials} trials each, common random numbers)`);
    const coef = (e: { rankCorrelation: number; regressionCoefficient: number | null }) => `SRRC ${e.regressionCoefficient === null ? '—' : e.regressionCoefficient.toFixed(2)}; ${zh ? '秩相关' : 'rank corr.'} ${e.rankCorrelation.toFixed(2)}`;
    for (const b of sv.tornado) out.push(`  ${name(b).padEnd(34)} ${b.low === null ? (zh ? '各自P10 → P90' : 'each P10 → P90') : `${b.low.toPrecision(4)} → ${b.high!.toPrecision(4)}`}: ${b.perOrderDiffAtLow.toFixed(2)} → ${b.perOrderDiffAtHigh.toFixed(2)} ${zh ? '元/单' : 'CNY/order'}  (${coef(b)}; ${zh ? '摆幅' : 'swing'} ${b.swingCny.toFixed(2)}; ${zh ? '基准' : 'base'} ${sv.basePerOrderDiff.toFixed(2)})`);
    const rest = sv.ranking.slice(sv.tornado.length, sv.tornado.length + 5);
    if (rest.length) {
      out.push(zh ? `  其后（无摆幅）：` : '  Next (no swing):');
      for (const r of rest) out.push(`    ${name(r).padEnd(34)} ${coef(r)}`);
    }
  }
  return out;
}

export async function checkSimulateOut(io: Io, dir: string, shown: string, lang: Lang): Promise<void> {
  await assertOutputRoot(dir, shown);
  // leftovers of a stopped run first (they would make the folder look foreign)
  const swept = await sweepStale(dir);
  if (swept.length) io.err(sweptLine(shown, swept)[lang]);
  await assertSimulateOut(dir, [...SIMULATE_FILES, MANIFEST], shown);
}

/** Writes summary.json, trials.csv, monthly.csv and skus.csv and prints the summary (or its JSON); also used by `jitsim merge` and the queue runner. */
export async function writeAndPrint(io: Io, result: SimulationResult, o: Pick<SimulateCliOptions, 'json' | 'lang'>, outDir: string): Promise<number> {
  let files;
  try {
    files = await writeResults(outDir, result, displayPath(io, outDir));
  } finally {
    // trials.csv's working file (written while the trials ran) is copied into place or no longer needed
    disposeResult(result);
  }
  if (o.json) {
    io.out(summaryJson({ ...result.summary, files: files.map((f) => displayPath(io, f)), peakMemoryMb: peakMemoryMb() }).trimEnd());
    return EXIT.ok;
  }
  for (const line of formatSummary(io, visibleDeep(result.summary), o.lang)) io.out(line);
  io.out('');
  io.out(M.wrote(files.map((f) => displayPath(io, f)).join(', '))[o.lang]);
  io.out(M.peakMemory(peakMemoryMb())[o.lang]);
  return EXIT.ok;
}

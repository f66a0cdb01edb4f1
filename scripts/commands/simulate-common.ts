/** What `jitsim simulate` and its sharded/queued variants share: options, the summary text, the output folder checks and writing. */
import { batteryLines } from '../../sim/battery/format.ts';
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
  const out: string[] = [];
  out.push(paint(io, 'bold', M.simTitle(s.scenario.name, s.trials, s.seed, s.scenario.startDate, s.scenario.horizonMonths, s.scenario.feeSchedule)[lang]));
  out.push(s.scenario.description[lang]);
  for (const r of s.scenario.newSellerFeeReading ?? []) out.push(M.simNewSellerReading(r.fee, r.id, r.reading)[lang]);
  if (s.precision) out.push(M.simPrecision((s.precision.target * 100).toFixed(2), s.precision.reached, s.precision.maxTrials, s.trials)[lang]);
  if (!s.eligibility.jitAvailable) {
    out.push(paint(io, 'red', M.simJitUnavailable[lang]));
    for (const f of s.eligibility.unavailableBecause) out.push(paint(io, 'red', `  ${f.rule}: ${f.message[lang]} — ${f.remedy[lang]}`));
  } else {
    if (s.eligibility.storeMonths.some((x) => !x)) {
      const months = monthRanges(s.eligibility.storeMonths, false);
      out.push(paint(io, 'yellow', M.simStoreFails(months, s.eligibility.storeFailures)[lang]));
    }
    // catalogue rules with an `effective` / `until` date inside the horizon
    for (const k of s.eligibility.skus.filter((x) => x.jitMonths)) {
      const yes = monthRanges(k.jitMonths!, true);
      const no = monthRanges(k.jitMonths!, false);
      out.push(paint(io, 'yellow', M.simSkuMonths(k.id, yes, no, k.blockedBy)[lang]));
    }
    // months the store is admitted but no SKU may use JIT
    const noSku = s.eligibility.jitMonths.map((x, i) => x || !s.eligibility.storeMonths[i]);
    if (noSku.some((x) => !x)) {
      out.push(paint(io, 'yellow', M.simNoSkuMonths(monthRanges(noSku, false))[lang]));
    }
  }
  if (s.modesOff.length) out.push(paint(io, 'yellow', M.simModesOff(s.modesOff.map((m) => LABEL[m]))[lang]));
  // lithium-battery SKUs: demand a mode's lanes refuse, and the surcharges paid
  for (const l of batteryLines(s.battery, s.availableModes, s.modesOff, LABEL, lang)) out.push(l.warn ? paint(io, 'yellow', l.text) : l.text);
  const blocked = s.eligibility.skus.filter((k) => !k.jitEligible);
  // a client catalogue can block hundreds of SKUs: the first few here, every one in skus.csv / --json
  const SHOWN = 10;
  const rest = blocked.length - SHOWN;
  const shown = blocked.slice(0, SHOWN);
  if (blocked.length) out.push(paint(io, 'yellow', M.simBlockedSkus(blocked.length, shown, rest)[lang]));
  out.push(M.simOrders(money(s.orders.mean), money(s.orders.p5), money(s.orders.p95))[lang]);
  out.push('');
  const cur = s.landed.reportingCurrency;
  const rfx = s.landed.fx.find((f) => f.currency === cur);
  if (cur !== 'CNY') out.push(M.simCurrencyNote(cur, rfx ? ` (${cur} ${rfx.meanCnyPerUnit.toPrecision(5)} CNY, P5–P95 ${rfx.p5.toPrecision(4)}–${rfx.p95.toPrecision(4)})` : '')[lang]);
  out.push(M.simTableHeader(cur)[lang]);
  for (const m of MODES) {
    const x = s.modes[m];
    const t = x.totalCny;
    // an unavailable mode has no figures of its own (its orders would all ship direct, E117)
    if (!s.availableModes.includes(m)) {
      if (s.modesOff.includes(m)) out.push(`${padEnd(LABEL[m][lang], 19)} ${M.simModeOffRow[lang]}`);
      else out.push(`${padEnd(LABEL[m][lang], 19)} ${M.simModeUnavailableRow[lang]}`);
      continue;
    }
    out.push(padEnd(`${padEnd(LABEL[m][lang], 19)} ${money(t.mean).padStart(14)}   [${money(t.ciLow)}, ${money(t.ciHigh)}]`, 66) + `${money(t.p5)} – ${money(t.p95)}`.padEnd(25) + `${x.perOrderCny.mean.toFixed(2).padStart(8)}  ${x.pCheapest === null ? '—'.padStart(9) + '  ' : `${(x.pCheapest * 100).toFixed(1).padStart(9)} %`}  ${money(t.cvar95).padStart(10)}  ${money(x.cashTiedUpCny.mean).padStart(12)}  ${x.deliveryDays.mean.toFixed(1)} / ${x.deliveryDays.p95}`);
  }
  if (s.tiedShare > 0) out.push(M.simTied((s.tiedShare * 100).toFixed(1))[lang]);
  out.push('');
  out.push(paint(io, 'bold', M.simPairedTitle(cur)[lang]));
  for (const d of s.differences) out.push(`  ${LABEL[d.pair[0]][lang]} − ${LABEL[d.pair[1]][lang]}: ${money(d.totalCny.mean)}  ${M.ci95[lang]} [${money(d.totalCny.ciLow)}, ${money(d.totalCny.ciHigh)}]  P5 ${money(d.totalCny.p5)} – P95 ${money(d.totalCny.p95)}`);
  out.push('');
  out.push(paint(io, 'bold', M.simRoutingTitle[lang]));
  out.push('  ' + s.routing.filter((r) => r.code === 'JIT' || r.meanOrders > 0).map((r) => `${r.code === 'JIT' ? M.simRoutedToJit[lang] : r.code} ${money(r.meanOrders)} (${(r.share * 100).toFixed(1)} %)`).join(' · ') + M.simNonPreferred((s.nonPreferredShare * 100).toFixed(1))[lang]);
  out.push('');
  out.push(...formatLanded(s.landed, lang, (x) => paint(io, 'bold', x)));
  if (s.inventory) out.push(...formatInventory(s.inventory, lang, (x) => paint(io, 'bold', x)));
  if (s.breakEven) {
    out.push('');
    out.push(paint(io, 'bold', M.simBreakEvenTitle[lang]));
    for (const b of s.breakEven) {
      const [a, c] = b.pair;
      const none = b.foundShare < 0.5;
      if (b.ordersPerDay && none) out.push(`  ${LABEL[a][lang]} / ${LABEL[c][lang]}: ${M.simNoBreakEvenMostTrials(LABEL[b.cheaperThroughout ?? a][lang], (b.foundShare * 100).toFixed(0), b.ordersPerDay.p50.toFixed(0))[lang]}`);
      else if (b.ordersPerDay) out.push(`  ${LABEL[a][lang]} = ${LABEL[c][lang]}: P50 ${b.ordersPerDay.p50.toFixed(0)} ${M.ordersPerDayUnit[lang]}  P5–P95 [${b.ordersPerDay.p5.toFixed(0)}, ${b.ordersPerDay.p95.toFixed(0)}]  (${M.simNoCrossingShare((b.noCrossingShare * 100).toFixed(0), LABEL[b.cheaperBelow ?? a][lang])[lang]})`);
      else out.push(`  ${LABEL[a][lang]} / ${LABEL[c][lang]}: ${M.simNoBreakEven(LABEL[b.cheaperThroughout ?? a][lang])[lang]}`);
    }
  }
  if (s.rateBreakEven?.some((b) => b.multiplier)) {
    out.push('');
    out.push(paint(io, 'bold', M.simRateBreakEvenTitle[lang]));
    const legName: Record<string, Record<Lang, string>> = { jitLogistics: M.legJitLogistics, direct: M.legDirect, warehouseLastMile: M.legWarehouseLastMile, warehouseHeadhaul: M.legWarehouseHeadhaul };
    for (const b of s.rateBreakEven) {
      if (!b.multiplier) continue;
      const [a, c] = b.pair;
      const leg = legName[b.leg]![lang];
      out.push(`  ${LABEL[a][lang]} = ${LABEL[c][lang]}: ${M.simRateBreakEven(leg, b.multiplier.p50.toFixed(2), b.multiplier.p5.toFixed(2), b.multiplier.p95.toFixed(2), b.multiplierNow.toFixed(2), LABEL[b.cheaperBelow ?? a][lang], (b.foundShare * 100).toFixed(0))[lang]}`);
    }
  }
  if (s.sensitivity) {
    out.push('');
    const sv = s.sensitivity;
    const [pa, pb] = sv.pair;
    const name = (e: { input: string; kind: string; members?: number; memberOf?: string }) =>
      e.kind === 'group' ? M.simGroupInput(e.input, e.members!)[lang] : e.memberOf ? `${e.input}${M.simLargestSku[lang]}` : e.input;
    out.push(paint(io, 'bold', M.simSensitivityTitle(LABEL[pa][lang], LABEL[pb][lang], sv.meanPerOrderDiff.toFixed(2), cur)[lang]));
    const byRegression = sv.method.ranking === 'rank-regression-main-run';
    out.push(M.simRanking(byRegression, sv.rankTrials, s.trials, sv.tornado.length, sv.swingTrials)[lang]);
    const coef = (e: { rankCorrelation: number; regressionCoefficient: number | null }) => `SRRC ${e.regressionCoefficient === null ? '—' : e.regressionCoefficient.toFixed(2)}; ${M.rankCorrelation[lang]} ${e.rankCorrelation.toFixed(2)}`;
    for (const b of sv.tornado) out.push(`  ${name(b).padEnd(34)} ${b.low === null ? M.simEachP10P90[lang] : `${b.low.toPrecision(4)} → ${b.high!.toPrecision(4)}`}: ${b.perOrderDiffAtLow.toFixed(2)} → ${b.perOrderDiffAtHigh.toFixed(2)} ${M.cnyPerOrder(cur)[lang]}  (${coef(b)}; ${M.swing[lang]} ${b.swingCny.toFixed(2)}; ${M.swingBase[lang]} ${sv.basePerOrderDiff.toFixed(2)})`);
    const rest = sv.ranking.slice(sv.tornado.length, sv.tornado.length + 5);
    if (rest.length) {
      out.push(M.simNextNoSwing[lang]);
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

/**
 * The streaming store (sim/engine/store.ts) and trials.csv writer (trials-csv.ts): fed in any batch
 * sizes they give the same bytes; they keep a few numbers per trial, whatever the record's size; and
 * trials.csv is the text the in-memory arquero table gave.
 */
import * as aq from 'arquero';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { histogramMean } from './records.ts';
import { LANDED_FIELDS } from '../landed/trial.ts';
import { DELIVERY_BINS, MODES, type Layout } from './layout.ts';
import { preparePlan } from './prepare.ts';
import { createRunner } from './runner.ts';
import { SAMPLE_TRIALS, TrialStore, keptWidth, sampleWidth, storeOf } from './store.ts';
import { monthlyTable, summarise } from './summarise.ts';
import { trialsCsvHeader, trialsCsvRows } from './trials-csv.ts';
import { rateBreakEvens } from '../sensitivity/rate-break-even.ts';
import { rankInputs, samplesFromRecords, samplesFromStore, sensitivityPair } from '../sensitivity/index.ts';

const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** trials.csv as it was built before streaming: an arquero table of every trial, then toCSV. */
function referenceTrialsCsv(L: Layout, recs: Float64Array, currency: string): string {
  const n = recs.length / L.stride;
  const compNames = [...new Set(MODES.flatMap((m) => L.modes[m].components))];
  const cols: Record<string, unknown[]> = { trial: [], mode: [], totalCny: [], perOrderCny: [], orders: [], returnedOrders: [], cashTiedUpCny: [], deliveryDaysMean: [] };
  for (const c of compNames) cols[`${c}Cny`] = [];
  for (const code of L.routingCodes) cols[`routed_${code}`] = [];
  cols.currency = [];
  for (const f of LANDED_FIELDS) cols[f === 'orders' ? 'salesOrders' : f] = [];
  L.inputNames.forEach((name) => (cols[`input${name}`] = []));
  for (let i = 0; i < n; i++) {
    const o = i * L.stride;
    for (const m of MODES) {
      const ml = L.modes[m];
      const orders = recs[o + ml.orders]!;
      cols.trial!.push(i);
      cols.mode!.push(m);
      cols.totalCny!.push(r2(recs[o + ml.total]!));
      cols.perOrderCny!.push(orders > 0 ? r4(recs[o + ml.total]! / orders) : 0);
      cols.orders!.push(orders);
      cols.returnedOrders!.push(r2(recs[o + ml.returns]!));
      cols.cashTiedUpCny!.push(r2(recs[o + ml.cash]!));
      cols.deliveryDaysMean!.push(r2(histogramMean(recs, o + ml.delivery, DELIVERY_BINS)));
      for (const c of compNames) {
        const k = ml.components.indexOf(c);
        cols[`${c}Cny`]!.push(k < 0 ? 0 : r2(recs[o + ml.component + k]!));
      }
      L.routingCodes.forEach((code, k) => cols[`routed_${code}`]!.push(m === 'jit' ? recs[o + L.routing + k]! : 0));
      cols.currency!.push(currency);
      LANDED_FIELDS.forEach((f, k) => cols[f === 'orders' ? 'salesOrders' : f]!.push(f === 'upliftPerDay' ? Math.round(recs[o + L.landed[m].fields + k]! * 1e6) / 1e6 : r2(recs[o + L.landed[m].fields + k]!)));
      L.inputNames.forEach((name, k) => cols[`input${name}`]!.push(r4(recs[o + L.inputs + k]!)));
    }
  }
  return aq.toCSV(aq.table(cols));
}

describe('streaming store', () => {
  it('gives the same bytes for any batch sizes, keeps a few numbers per trial, and writes the trials.csv the in-memory table gave', async () => {
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: join(PROJECT_DIR, 'data/scenarios/apparel-europe.json') });
    const L = plan.layout;
    const n = 60;
    const recs = await createRunner(plan, null).run(3, 0, n);
    const one = storeOf(plan, recs);
    // fed in uneven batches, as workers and shards deliver them
    const split = new TrialStore(plan, 7);
    for (const [a, b] of [[0, 1], [1, 8], [8, 31], [31, 59], [59, 60]] as const) split.add(recs.subarray(a * L.stride, b * L.stride), a);
    const figures = (s: TrialStore) => JSON.stringify({ summary: summarise(plan, s, 3), rate: rateBreakEvens(plan, s), monthly: aq.toCSV(monthlyTable(plan, s)) });
    expect(figures(split)).toBe(figures(one));
    expect(Buffer.from(split.sums.buffer).equals(Buffer.from(one.sums.buffer))).toBe(true);
    // out of order is a bug, never a silent wrong sum
    expect(() => split.add(recs.subarray(0, L.stride), 0)).toThrow(/out of order/);

    // per trial: a few numbers (not the record's hundreds), whatever the months and components
    expect(keptWidth(plan)).toBeLessThan(60);
    expect(L.stride).toBeGreaterThan(5 * keptWidth(plan));
    expect(sampleWidth(L)).toBe(L.inputCount + 2 * MODES.length * L.months + 2 * L.months);

    // the sensitivity reads the same samples from the store as from the records (under SAMPLE_TRIALS)
    expect(n).toBeLessThan(SAMPLE_TRIALS);
    const fromStore = samplesFromStore(one);
    const fromRecs = samplesFromRecords(L, recs);
    const pair = sensitivityPair(plan, fromRecs);
    expect(sensitivityPair(plan, fromStore)).toEqual(pair);
    expect(rankInputs(plan, fromStore, pair)).toEqual(rankInputs(plan, fromRecs, pair));

    // trials.csv written batch by batch is the text arquero wrote for the whole table
    const cur = plan.landed.currencies[plan.landed.reporting]!;
    const streamed = trialsCsvHeader(L) + trialsCsvRows(L, recs.subarray(0, 20 * L.stride), 0, cur) + trialsCsvRows(L, recs.subarray(20 * L.stride), 20, cur);
    expect(streamed).toBe(referenceTrialsCsv(L, recs, cur));
  });

  it('keeps inputs and months for the first SAMPLE_TRIALS trials only', async () => {
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: join(PROJECT_DIR, 'data/scenarios/apparel-europe.json') });
    const L = plan.layout;
    const recs = await createRunner(plan, null).run(3, 0, 2);
    const s = new TrialStore(plan, 4);
    // stand-in records for trials 0 … SAMPLE_TRIALS + 1: the real two repeated (the store reads numbers, not trial indices)
    const block = new Float64Array(1000 * L.stride);
    for (let t = 0; t < 1000; t++) block.set(recs.subarray((t % 2) * L.stride, (t % 2 + 1) * L.stride), t * L.stride);
    for (let a = 0; a < SAMPLE_TRIALS + 2000; a += 1000) s.add(block, a);
    expect(s.n).toBe(SAMPLE_TRIALS + 2000);
    expect(s.sampleTrials).toBe(SAMPLE_TRIALS);
    expect(s.sampleMonthly('jit', 0)).toHaveLength(SAMPLE_TRIALS);
    expect(s.totals('jit')).toHaveLength(SAMPLE_TRIALS + 2000);
    expect(s.mean(L.modes.jit.total)).toBeCloseTo((recs[L.modes.jit.total]! + recs[L.stride + L.modes.jit.total]!) / 2, 6);
  });
});

/** Numbers never contradict each other: JIT unavailable, month-by-month admission, ties. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { simulate } from '../simulate.ts';
import { preparePlan } from './prepare.ts';
import { column } from './records.ts';
import { cheapestShares } from './summarise.ts';

const sample = (name: string) => join(PROJECT_DIR, 'data/samples/scenarios', name);

describe('JIT availability', () => {
  it('JIT unavailable (ADM-3 fails): no P(cheapest), no saving, no break-even; the failing rule and its remedy are given', async () => {
    const file = sample('jit-unavailable.json');
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: file });
    const { summary: s } = await simulate(plan, { rulesDir: RULES_DIR, scenarioFile: file }, { seed: 1, trials: 60, workers: 1, sideTrials: 20 });
    expect(s.eligibility.jitAvailable).toBe(false);
    expect(s.availableModes).toEqual(['warehouse', 'direct', 'tpl']);
    expect(s.modes.jit.pCheapest).toBeNull();
    expect(s.modes.warehouse.pCheapest! + s.modes.direct.pCheapest! + s.modes.tpl.pCheapest!).toBeCloseTo(1, 12);
    expect(s.differences.map((d) => d.pair)).toEqual([['warehouse', 'direct'], ['warehouse', 'tpl'], ['direct', 'tpl']]);
    expect(s.breakEven!.every((b) => !b.pair.includes('jit'))).toBe(true);
    expect(s.sensitivity!.pair).not.toContain('jit');
    expect(s.eligibility.unavailableBecause).toEqual([expect.objectContaining({ rule: 'ADM-3', remedy: expect.objectContaining({ en: expect.stringMatching(/Raise the 90-day positive-review rate to at least 95%/) }) })]);
  });

  it('evaluates admission month by month: a freeze ending in January makes JIT available from February', async () => {
    const file = sample('jit-after-freeze.json');
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: file });
    expect(Array.from(plan.scenario.storeOkByMonth)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const { summary: s, records } = await simulate(plan, { rulesDir: RULES_DIR, scenarioFile: file }, { seed: 1, trials: 20, workers: 1, sensitivity: false, breakEven: false });
    expect(s.eligibility.jitAvailable).toBe(true);
    expect(s.eligibility.jitMonths).toEqual([false, ...new Array(11).fill(true)]);
    expect(s.modes.jit.pCheapest).not.toBeNull();
    // month 1: every order under the JIT mode ships direct (E117), so JIT costs exactly what direct costs
    const L = plan.layout;
    const jan = (m: 'jit' | 'direct') => column(records, L, L.modes[m].monthly);
    const feb = (m: 'jit' | 'direct') => column(records, L, L.modes[m].monthly + 1);
    for (let i = 0; i < 20; i++) {
      expect(jan('jit')[i]).toBeCloseTo(jan('direct')[i]!, 6);
      expect(feb('jit')[i]).not.toBeCloseTo(feb('direct')[i]!, 0);
    }
  });

  it('splits ties instead of counting them as JIT wins', () => {
    const tot = { jit: Float64Array.from([10, 5, 7]), warehouse: Float64Array.from([20, 5, 9]), direct: Float64Array.from([10, 6, 7]), tpl: Float64Array.from([30, 30, 30]) };
    const { share, ties } = cheapestShares(tot, ['jit', 'warehouse', 'direct'], 3);
    expect(share.jit).toBeCloseTo((0.5 + 0.5 + 0.5) / 3, 12);
    expect(share.warehouse).toBeCloseTo(0.5 / 3, 12);
    expect(share.direct).toBeCloseTo(1 / 3, 12);
    expect(ties).toBeCloseTo(1, 12);
    expect(cheapestShares(tot, ['warehouse', 'direct'], 3).share).toEqual({ jit: 0, warehouse: 1 / 3, direct: 2 / 3, tpl: 0 });
  });
});

describe('FEE-A1: two readings of 减免 (waived or reduced)', () => {
  it('charges the first month\'s base fee by the chosen reading and says which one the run used', async () => {
    const { scenarioSpec, writeScenario } = await import('../scenario/testing.ts');
    const { createRunner } = await import('./runner.ts');
    const { summarise } = await import('./summarise.ts');
    const base = (reading?: string) => scenarioSpec({ newSeller: true, demand: { ordersPerDay: 10, arrivals: 'expected' }, ...(reading ? { newSellerFeeReading: reading } : {}) });
    const fee = async (reading?: string) => {
      const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(base(reading)) });
      const recs = await createRunner(plan, null).run(1, 0, 1);
      const L = plan.layout;
      return { baseFee: column(recs, L, L.modes.jit.component + L.modes.jit.components.indexOf('baseFee'))[0]!, summary: summarise(plan, recs, 1) };
    };
    const waived = await fee();
    const reduced = await fee('reduced');
    expect(waived.baseFee).toBe(0);
    expect(reduced.baseFee).toBe(300);
    expect(waived.summary.scenario.newSellerFeeReading).toEqual([expect.objectContaining({ fee: 'FEE-A1', id: 'waived' })]);
    expect(reduced.summary.scenario.newSellerFeeReading![0]!.reading.en).toMatch(/420/);
    await expect(preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(base('halved')) })).rejects.toThrow(/unknown reading "halved" of fee schedule A/);
  });
});

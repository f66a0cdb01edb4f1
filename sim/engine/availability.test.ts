/** Numbers never contradict each other: JIT unavailable, month-by-month admission, ties. */
import { storeOf } from './store.ts';
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
    const { summary: s, store } = await simulate(plan, { rulesDir: RULES_DIR, scenarioFile: file }, { seed: 1, trials: 20, workers: 1, sensitivity: false, breakEven: false });
    expect(s.eligibility.jitAvailable).toBe(true);
    expect(s.eligibility.jitMonths).toEqual([false, ...new Array(11).fill(true)]);
    expect(s.modes.jit.pCheapest).not.toBeNull();
    // month 1: every order under the JIT mode ships direct (E117), so JIT costs exactly what direct costs
    const jan = (m: 'jit' | 'direct') => store.sampleMonthly(m, 0);
    const feb = (m: 'jit' | 'direct') => store.sampleMonthly(m, 1);
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
      return { baseFee: column(recs, L, L.modes.jit.component + L.modes.jit.components.indexOf('baseFee'))[0]!, summary: summarise(plan, storeOf(plan, recs), 1) };
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

describe('catalogue rules month by month (effective / until)', () => {
  it('a banned category effective inside the horizon and a weight threshold that changes switch SKUs on and off JIT from that month', async () => {
    const { copyRules } = await import('../testing/fixtures.ts');
    const { scenarioSpec, writeScenario } = await import('../scenario/testing.ts');
    const { createRunner } = await import('./runner.ts');
    const { summarise } = await import('./summarise.ts');
    const meta = (id: string, effective: string) => ({ id, name: { en: id, zh: id }, source: { document: 'test', article: 'ENABLE' }, effective });
    const { rulesDir } = await copyRules((f) => {
      // home products banned from JIT from 15 April 2025 (in force on a day of April → blocked from month 4)
      f.catalogue.bannedCategories.push({ ...meta('BAN-T', '2025-04-15'), category: 'home', message: { en: 'Home banned.', zh: '家居禁售。' }, remedy: { en: 'Ship direct.', zh: '请直发。' } });
      // a weight limit of 0.5 kg until 1 July 2025, then 1 kg: the 0.8 kg SKU is blocked in months 1–6 only
      const limit = (id: string, maxKg: number, effective: string, until?: string) => ({ ...meta(id, effective), ...(until ? { until } : {}), severity: 'error', reason: 'certificate', params: { maxKg }, conditions: { all: [{ fact: 'weightKg', operator: 'lessThan', value: { param: 'maxKg' } }] }, message: { en: 'Too heavy.', zh: '过重。' }, remedy: { en: 'Lighter.', zh: '减重。' } });
      f.catalogue.rules.push(limit('MAX-A', 0.5, '2024-01-01', '2025-07-01'), limit('MAX-B', 1, '2025-07-01'));
    });
    const file = await writeScenario(
      scenarioSpec({
        horizonMonths: 12,
        demand: { ordersPerDay: 10, arrivals: 'expected' },
        skus: [
          { id: 'lamp', category: 'home', share: 0.5, weightKg: 0.3, unitCostCny: 40, priceCny: 100, jitTagged: true },
          { id: 'coat', category: 'apparel', share: 0.5, weightKg: 0.8, unitCostCny: 40, priceCny: 100, jitTagged: true },
        ],
      }),
    );
    const plan = await preparePlan({ rulesDir, scenarioFile: file });
    const sc = plan.scenario;
    const months = (s: number) => Array.from({ length: 12 }, (_, m) => sc.skuEligibleByMonth[m * 2 + s]);
    expect(months(0)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // lamp: BAN-T from April
    expect(months(1)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]); // coat: MAX-A until July, MAX-B (1 kg) after
    expect(Array.from(sc.jitOkByMonth)).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]); // no SKU may use JIT in April–June
    expect(sc.skuBlockedBy).toEqual([['BAN-T'], ['MAX-A']]);
    const recs = await createRunner(plan, null).run(1, 0, 1);
    const s = summarise(plan, storeOf(plan, recs), 1);
    expect(s.eligibility.skus.map((k) => k.jitMonths?.map(Number))).toEqual([months(0), months(1)]);
    expect(s.eligibility.jitMonths.map(Number)).toEqual(Array.from(sc.jitOkByMonth));
    expect(s.eligibility.storeMonths.every(Boolean)).toBe(true);
    // months 4–6: every JIT-mode order ships direct (E117) and there is no JIT monthly fee, so JIT costs exactly what direct costs
    const L = plan.layout;
    const jit = (m: number) => column(recs, L, L.modes.jit.monthly + m)[0]!;
    const direct = (m: number) => column(recs, L, L.modes.direct.monthly + m)[0]!;
    for (const m of [3, 4, 5]) expect(jit(m)).toBeCloseTo(direct(m), 6);
    for (const m of [0, 1, 2, 6, 7]) expect(jit(m)).not.toBeCloseTo(direct(m), 0);
  });

  it('admission ignores a rule before its effective date; a catalogue rule with "until" not after "effective" is located', async () => {
    const { copyRules } = await import('../testing/fixtures.ts');
    const { checkStore } = await import('../checks/store.ts');
    const { loadRuleSet } = await import('../rules/rule-set.ts');
    const { rulesDir } = await copyRules((f) => {
      f.admission.rules.find((r: { id: string }) => r.id === 'ADM-3').effective = '2025-03-01';
    });
    const rules = await loadRuleSet(rulesDir);
    const store = { storeType: 'enterprise', realNameVerified: true, positiveRate90d: 0.91, disputeRate: 0.005, providers: [{ name: '4PX', certified: true, integration: 'api' }], failedReviews: 0 } as never;
    expect((await checkStore(rules, store, '2025-02-28')).ok).toBe(true);
    expect((await checkStore(rules, store, '2025-03-01')).findings.map((f) => f.rule)).toEqual(['ADM-3']);
    const bad = await copyRules((f) => {
      f.catalogue.rules[0].until = f.catalogue.rules[0].effective;
    });
    await expect(loadRuleSet(bad.rulesDir)).rejects.toThrow(/catalogue\.json:\d+:\d+ \(\/rules\/0\/until\): "until" \(2024-05-01\) is not after "effective"/);
  });
});

/**
 * Reporting currency and monthly FX paths, by hand: a step in EUR/CNY between two months is a step in
 * every cost converted into euros; revenue priced in euros stays in euros; totals are the sums of their
 * months and components; P(cheapest) does not move with the reporting currency.
 */
import { describe, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import type { SimPlan } from '../engine/plan.ts';
import { MODES } from '../engine/layout.ts';
import { storeOf } from '../engine/store.ts';
import { cheapestShares } from '../engine/summarise.ts';
import { availableModes } from '../engine/available-modes.ts';
import { LANDED_FIELDS } from './trial.ts';
import { DiagnosticsError, formatDiagnostic } from '../errors.ts';
import { loadCostContext } from '../models/context.ts';
import { loadScenario } from '../scenario/load.ts';

async function runSpec(spec: ScenarioFile, trials = 1, seed = 7): Promise<{ plan: SimPlan; recs: Float64Array }> {
  const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
  return { plan, recs: await createRunner(plan, null).run(seed, 0, trials, {}) };
}

// ES, January and February 2026, 10 orders a day (expected flow), a €20 tee; EUR/CNY 8 in January, 10 in February
const base = scenarioSpec({
  startDate: '2026-01-01',
  horizonMonths: 2,
  demand: { ordersPerDay: 10, arrivals: 'expected' },
  skus: [{ id: 'tee', category: 'apparel', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 20, priceCurrency: 'EUR', jitTagged: true }],
  profit: { salesEffect: false },
  warehouse: { freight: 'sea-lcl' },
});
const path = { EUR: { cnyPerUnit: { '2026-01': 8, '2026-02': 10 } } };

describe('monthly FX path and the reporting currency (hand-computed)', () => {
  it('a step in EUR/CNY is a step in the euro costs; euro revenue stays in euros; totals add up', async () => {
    const eur = await runSpec({ ...base, currency: { reporting: 'EUR', paths: path } });
    const cny = await runSpec({ ...base, currency: { reporting: 'CNY', paths: path } });
    const L = eur.plan.layout;
    for (const m of MODES) {
      const ml = L.modes[m];
      // the same CNY flow: each month's cost in euros is its CNY cost at that month's rate
      expect(eur.recs[ml.monthly]!, m).toBeCloseTo(cny.recs[ml.monthly]! / 8, 6);
      expect(eur.recs[ml.monthly + 1]!, m).toBeCloseTo(cny.recs[ml.monthly + 1]! / 10, 6);
      // the total is the sum of its months and of its components, in euros
      expect(eur.recs[ml.total]!, m).toBeCloseTo(eur.recs[ml.monthly]! + eur.recs[ml.monthly + 1]!, 6);
      const comps = ml.components.reduce((a, _, k) => a + eur.recs[ml.component + k]!, 0);
      expect(comps, m).toBeCloseTo(eur.recs[ml.total]!, 6);
    }
    const d = L.modes.direct;
    // revenue: €20 per kept order in both months (converted to CNY at the month's rate and back)
    const lr = L.landed.direct;
    expect(eur.recs[lr.monthlyRevenue]!).toBeCloseTo(20 * 310, 6);
    expect(eur.recs[lr.monthlyRevenue + 1]!).toBeCloseTo(20 * 280, 6);
    // in CNY the same revenue steps: 160 then 200 CNY per order
    expect(cny.recs[lr.monthlyRevenue]!).toBeCloseTo(160 * 310, 6);
    expect(cny.recs[lr.monthlyRevenue + 1]!).toBeCloseTo(200 * 280, 6);
    // profit = revenue − unit cost − duties − taxes − fulfilment, all in euros
    const f = (k: (typeof LANDED_FIELDS)[number]) => eur.recs[lr.fields + LANDED_FIELDS.indexOf(k)]!;
    expect(f('profit')).toBeCloseTo(f('revenue') - f('unitCost') - f('duties') - f('taxes') - eur.recs[d.total]!, 6);
    // unit cost 40 CNY: €5 in January, €4 in February
    expect(f('unitCost')).toBeCloseTo(5 * 310 + 4 * 280, 6);
  });

  it('P(cheapest) and the ranking of every trial do not change with the reporting currency (one FX draw per trial)', async () => {
    const unc = { EUR: { dist: 'lognormal' as const, mean: 8, sd: 0.6 } };
    const spec = { ...base, demand: { ordersPerDay: { dist: 'pert' as const, min: 5, mode: 10, max: 40 } }, horizonMonths: 3 };
    const eur = await runSpec({ ...spec, currency: { reporting: 'EUR', rates: unc } }, 60, 3);
    const cny = await runSpec({ ...spec, currency: { reporting: 'CNY', rates: unc } }, 60, 3);
    const se = storeOf(eur.plan, eur.recs);
    const sc = storeOf(cny.plan, cny.recs);
    const av = availableModes(eur.plan);
    const tot = (s: typeof se) => Object.fromEntries(MODES.map((m) => [m, s.totals(m)])) as Record<(typeof MODES)[number], Float64Array>;
    expect(cheapestShares(tot(se), av, 60).share).toEqual(cheapestShares(tot(sc), av, 60).share);
    // and each trial's euro total is its CNY total at that trial's own draw (FX uncertainty shows in the distribution)
    const fxCol = se.fx(1)!;
    for (let t = 0; t < 60; t++) expect(se.totals('jit')[t]!).toBeCloseTo(sc.totals('jit')[t]! / fxCol[t]!, 6);
    expect(Math.max(...fxCol) - Math.min(...fxCol)).toBeGreaterThan(0.5);
  });
});

describe('bad FX paths are located', () => {
  it('missing months, months outside the horizon, unused or CNY currencies, a rate and a path for one currency', async () => {
    const ctx = await loadCostContext(RULES_DIR);
    const messages = async (s: ScenarioFile) => {
      const file = await writeScenario(s);
      try {
        await loadScenario(file, ctx);
      } catch (e) {
        if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => formatDiagnostic(d).replace(file, 'scenario.json')).join('\n');
        throw e;
      }
      return '';
    };
    expect(await messages({ ...base, currency: { reporting: 'EUR', paths: path } })).toBe('');
    expect(await messages({ ...base, currency: { paths: { EUR: { cnyPerUnit: { '2026-01': 8 } } } } })).toMatch(/scenario\.json:\d+:\d+ \(\/currency\/paths\/EUR\/cnyPerUnit\): the EUR path has no rate for 2026-02 \(the horizon is 2026-01 … 2026-02\) — add "2026-02"/);
    expect(await messages({ ...base, currency: { paths: { EUR: { cnyPerUnit: { '2026-01': 8, '2026-02': 8, '2026-03': 9 } } } } })).toMatch(/\(\/currency\/paths\/EUR\/cnyPerUnit\/2026-03\): month 2026-03 is outside the horizon/);
    expect(await messages({ ...base, currency: { paths: { ...path, USD: { cnyPerUnit: { '2026-01': 7, '2026-02': 7 } } } } })).toMatch(/\(\/currency\/paths\/USD\): the scenario converts nothing through USD/);
    expect(await messages({ ...base, currency: { rates: { EUR: 8 }, paths: path } })).toMatch(/\(\/currency\/rates\/EUR\): EUR has both a rate/);
    expect(await messages({ ...base, currency: { paths: { ...path, CNY: { cnyPerUnit: { '2026-01': 1, '2026-02': 1 } } } } })).toMatch(/\(\/currency\/paths\/CNY\): CNY needs no exchange-rate path/);
    // a code that is not three capital letters is refused by the schema, located
    expect(await messages({ ...base, currency: { paths: { eur: { cnyPerUnit: { '2026-01': 8, '2026-02': 8 } } } } as never })).toMatch(/\/currency\/paths/);
  });
});

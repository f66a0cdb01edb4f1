import { describe, expect, it } from 'vitest';
import { storeOf } from '../engine/store.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import type { SimPlan } from '../engine/plan.ts';
import { LANDED_FIELDS, salesFactor } from './trial.ts';
import { drawUplift } from './sales.ts';
import { landedSummary, recommend } from './summary.ts';
import { MODES } from '../engine/layout.ts';
import { totals } from '../engine/records.ts';

async function runSpec(spec: ScenarioFile, trials = 2): Promise<{ plan: SimPlan; recs: Float64Array }> {
  const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
  return { plan, recs: await createRunner(plan, null).run(7, 0, trials, {}) };
}
const field = (plan: SimPlan, recs: Float64Array, mode: 'jit' | 'warehouse' | 'direct' | 'tpl', f: (typeof LANDED_FIELDS)[number], trial = 0) => recs[trial * plan.layout.stride + plan.layout.landed[mode].fields + LANDED_FIELDS.indexOf(f)]!;

// ES, June and July 2026 (610 orders, expected flow), €20 tax-inclusive, EUR at 8 CNY; the uplift fixed at 1.5 %/business day
const spec = scenarioSpec({
  startDate: '2026-06-01',
  horizonMonths: 2,
  demand: { ordersPerDay: 10, arrivals: 'expected' },
  skus: [{ id: 'tee', category: 'apparel', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 20, priceCurrency: 'EUR', jitTagged: true }],
  currency: { reporting: 'EUR', rates: { EUR: 8 } },
  overrides: { 'modes.salesUpliftPerBusinessDay': 0.015, 'modes.salesUpliftPerBusinessDayMin': 0.015, 'modes.salesUpliftPerBusinessDayMax': 0.015 },
});

describe('delivery-speed sales effect (hand-computed)', () => {
  it('a mode 1 calendar day faster sells 1.5 % × 5/7 more; a slower one less; the cap holds', () => {
    expect(salesFactor(0.015, 5 / 7, 7, 8, 7)).toBeCloseTo(1 + 0.015 * (5 / 7), 12);
    expect(salesFactor(0.015, 5 / 7, 7, 7, 8)).toBeCloseTo(1 - 0.015 * (5 / 7), 12);
    // 21 calendar days faster = 15 business days, capped at 7
    expect(salesFactor(0.015, 5 / 7, 7, 28, 7)).toBeCloseTo(1 + 0.015 * 7, 12);
    expect(salesFactor(0.015, 5 / 7, 7, NaN, 7)).toBe(1);
  });

  it('JIT and the warehouse sell more than direct (the demand baseline); direct is unchanged; costs scale with the orders', async () => {
    const { overrides: _o, ...noOverrides } = spec;
    void _o;
    const off = await runSpec({ ...noOverrides, profit: { salesEffect: false } });
    const { plan, recs } = await runSpec({ ...spec, profit: { demandBaselineMode: 'direct' } });
    // a mode's days = its dispatch time (data/modes.json: JIT 3.2, warehouse 1.0, direct 5.0) + its lane's mean transit days
    const [jitDays, whDays, directDays] = [plan.sales.days[0]! + 3.2, plan.sales.days[1]! + 1, plan.sales.days[2]! + 5];
    expect(directDays).toBeGreaterThan(jitDays);
    const f = (days: number) => 1 + 0.015 * Math.min(7, (directDays - days) * 0.714);
    expect(field(plan, recs, 'jit', 'upliftPerDay')).toBeCloseTo(0.015, 12);
    expect(field(plan, recs, 'direct', 'orders')).toBeCloseTo(610, 6);
    expect(field(plan, recs, 'direct', 'revenue')).toBeCloseTo(field(off.plan, off.recs, 'direct', 'revenue'), 6);
    expect(field(plan, recs, 'jit', 'orders')).toBeCloseTo(610 * f(jitDays), 6);
    expect(field(plan, recs, 'jit', 'revenue')).toBeCloseTo(20 * 610 * 0.99 * f(jitDays), 6);
    expect(field(plan, recs, 'warehouse', 'orders')).toBeCloseTo(610 * f(whDays), 6);
    expect(field(plan, recs, 'tpl', 'orders')).toBeCloseTo(610 * f(plan.sales.days[1]! + 1.5), 6);
    // variable fulfilment scales with the orders, the fixed part does not
    expect(field(plan, recs, 'jit', 'fulfilment')).toBeCloseTo(field(off.plan, off.recs, 'jit', 'fulfilment') * f(jitDays), 6);
    expect(field(plan, recs, 'jit', 'fixed')).toBeCloseTo(field(off.plan, off.recs, 'jit', 'fixed'), 6);
    // the cost view is the same flow with or without the effect
    expect(recs[plan.layout.modes.jit.total]).toBe(off.recs[off.plan.layout.modes.jit.total]);
    // with JIT as the baseline, direct (slower) sells less
    const slow = await runSpec({ ...spec, profit: { demandBaselineMode: 'jit' } });
    expect(field(slow.plan, slow.recs, 'direct', 'orders')).toBeCloseTo(610 * (1 - 0.015 * Math.min(7, (directDays - jitDays) * 0.714)), 6);
    // the 3PL ships on the warehouse's last mile after its own handling time (data/modes.json: 1.5 days against the
    // warehouse's 1.0), so below the cap it sells a little less than the warehouse
    const g = (days: number) => 1 + 0.015 * Math.min(7, (jitDays - days) * 0.714);
    expect(field(slow.plan, slow.recs, 'warehouse', 'orders')).toBeCloseTo(610 * g(whDays), 6);
    expect(field(slow.plan, slow.recs, 'tpl', 'orders')).toBeCloseTo(610 * g(plan.sales.days[1]! + 1.5), 6);
    expect(field(slow.plan, slow.recs, 'tpl', 'orders')).toBeLessThan(field(slow.plan, slow.recs, 'warehouse', 'orders'));
  });

  it('the uplift is drawn per trial from its own stream: the same for a trial whatever else changes, between min and max', () => {
    const a = Array.from({ length: 50 }, (_, t) => drawUplift(7, t, 0.005, 0.015, 0.025));
    expect(a.every((x) => x >= 0.005 && x <= 0.025)).toBe(true);
    expect(new Set(a).size).toBe(50);
    expect(drawUplift(7, 3, 0.005, 0.015, 0.025)).toBe(a[3]);
    const mean = a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean).toBeGreaterThan(0.012);
    expect(mean).toBeLessThan(0.018);
  });
});

describe('service level and objective (hand-computed)', () => {
  // ES standard lanes, transit uniform over [min, max] after the mode's dispatch time (data/modes.json dispatchDays…):
  // JIT 3.2 + 7–12: 1/6 of the orders at each of 10.2 … 15.2 days, split 0.8 / 0.2 between the whole days around it
  // → cumulative 13.3 % at 10, 30 % at 11 … 80 % at 14, 96.7 % at 15: P90 = 15, mean 9.5 + 3.2 = 12.7;
  // direct 5.0 + 10–17 = 15–22 (P90 = 22, mean 18.5); warehouse 1.0 + 2–4 = 3–5 (P90 = 5, mean 4);
  // the 3PL ships the warehouse's last mile after its own 1.5 days: 3.5–5.5 → 1/6 at 3, 1/3 at 4 and 5, 1/6 at 6 (P90 = 6, mean 4.5)
  it('a mode that misses "P90 delivery ≤ N days" is marked and not recommended; none meeting it → no recommendation', async () => {
    const run = async (maxDays: number, objective: 'cost' | 'contribution' = 'cost') => {
      const { plan, recs } = await runSpec({ ...spec, profit: { objective, serviceLevel: { percentile: 0.9, maxDays } } });
      return { plan, recs, s: landedSummary(plan, storeOf(plan, recs)) };
    };
    const a = await run(15);
    expect(MODES.map((m) => a.s.modes[m].serviceLevel)).toEqual([{ days: 15, met: true }, { days: 5, met: true }, { days: 22, met: false }, { days: 6, met: true }]);
    expect(MODES.map((m) => a.s.modes[m].meanDeliveryDays)).toEqual([12.7, 4, 18.5, 4.5].map((x) => expect.closeTo(x, 9)));
    expect(a.s.recommendation.excluded.map((x) => [x.mode, x.reason, x.value])).toEqual([['direct', 'serviceLevel', 22]]);
    // by cost: the cheapest of JIT, the warehouse and the 3PL (direct is left out whatever it costs)
    const cost = (m: 'jit' | 'warehouse' | 'tpl') => totals(a.recs, a.plan.layout, m).reduce((x, y) => x + y, 0);
    const cheaper = (ms: ('jit' | 'warehouse' | 'tpl')[]) => ms.reduce((x, y) => (cost(y) < cost(x) ? y : x));
    expect(a.s.recommendation.mode).toBe(cheaper(['jit', 'warehouse', 'tpl']));
    expect(a.s.recommendation.objective).toBe('cost');
    // P90 ≤ 14 days: only the warehouse and the 3PL meet it, so the cheaper of them is recommended even when dearer than JIT
    const b = await run(14);
    expect(b.s.recommendation.mode).toBe(cheaper(['warehouse', 'tpl']));
    expect(b.s.recommendation.excluded.map((x) => x.mode)).toEqual(['jit', 'direct']);
    // P90 ≤ 4 days: nobody meets it (the warehouse's dispatch day puts its P90 at 5)
    const c = await run(4);
    expect(c.s.recommendation.mode).toBeNull();
    // objective contribution: the highest mean contribution among the modes meeting the level
    const d = await run(15, 'contribution');
    const best = (['jit', 'warehouse', 'tpl'] as const).reduce((x, y) => (d.s.modes[y].means.contribution > d.s.modes[x].means.contribution ? y : x));
    expect(d.s.recommendation.mode).toBe(best);
    expect(d.s.recommendation.byCost).toBe(a.s.recommendation.byCost);
  });

  it('recommend(): cost picks the lowest mean cost, contribution the highest contribution, both among the eligible', () => {
    const r = recommend('contribution', ['jit', 'warehouse', 'direct'], { jit: 10, warehouse: 30, direct: 5, tpl: 1 }, { jit: 100, warehouse: 120, direct: 200, tpl: 999 }, { jit: true, warehouse: true, direct: false, tpl: true }, { percentile: 0.9, maxDays: 10 }, { off: ['tpl'], days: { direct: 14 } });
    // the 3PL is cheapest and earns most but is switched off: never recommended
    expect({ ...r, excluded: r.excluded.map(({ text: _t, ...x }) => x) }).toEqual({ objective: 'contribution', mode: 'warehouse', byCost: 'jit', byContribution: 'warehouse', excluded: [{ mode: 'direct', reason: 'serviceLevel', value: 14 }, { mode: 'tpl', reason: 'switchedOff' }], serviceLevel: { percentile: 0.9, maxDays: 10 }, minFillRate: null });
    expect(r.excluded.map((x) => x.text)).toEqual([
      { en: 'Direct from China misses the service level: P90 delivery 14 days > 10', zh: '国内直发未达服务水平：P90时效 14天 > 10天' },
      { en: '3PL warehouse is switched off by the scenario (modesOff)', zh: '第三方海外仓已由情景关闭（modesOff）' },
    ]);
    expect(recommend('cost', ['warehouse', 'direct'], { jit: 1, warehouse: 30, direct: 5, tpl: 50 }, { jit: 0, warehouse: 0, direct: 0, tpl: 0 }, { jit: true, warehouse: true, direct: true, tpl: true }, null).mode).toBe('direct');
  });

  it('recommend(): each mode left out has its own reason — switched off, ineligible, service level, stock-outs', () => {
    const all = { jit: true, warehouse: true, direct: true, tpl: true };
    const cost = { jit: 1, warehouse: 2, direct: 9, tpl: 3 };
    // JIT ineligible (not available, not switched off); the 3PL's and the warehouse's shared stock fills 93.1 % < 97 %
    const r = recommend('cost', ['warehouse', 'direct', 'tpl'], cost, cost, all, null, { off: [], fillRate: { warehouse: 0.931, tpl: 0.931 }, minFillRate: 0.97 });
    expect(r.excluded.map((x) => [x.mode, x.reason])).toEqual([['jit', 'ineligible'], ['warehouse', 'stockouts'], ['tpl', 'stockouts']]);
    expect(r.mode).toBe('direct');
    expect(r.excluded[2]!.text).toEqual({ en: '3PL warehouse runs out of stock too often: fill rate 93.1 % < the required 97.0 % (profit.minFillRate)', zh: '第三方海外仓断货过多：现货满足率 93.1 % 低于要求的 97.0 %（profit.minFillRate）' });
    // at the required fill rate exactly: kept; the service level comes before the stock-outs
    expect(recommend('cost', ['warehouse', 'direct', 'tpl'], cost, cost, all, null, { fillRate: { warehouse: 0.97, tpl: 0.97 }, minFillRate: 0.97 }).mode).toBe('warehouse');
    const sl = recommend('cost', ['warehouse', 'direct', 'tpl'], cost, cost, { ...all, tpl: false }, { percentile: 0.9, maxDays: 5 }, { days: { tpl: 8 }, fillRate: { warehouse: 0.5, tpl: 0.5 }, minFillRate: 0.97 });
    expect(sl.excluded.find((x) => x.mode === 'tpl')!.reason).toBe('serviceLevel');
  });
});

describe('bad sales-effect input is located', () => {
  it('an override of a sales-effect figure while the effect is off would change nothing', async () => {
    const { loadCostContext } = await import('../models/context.ts');
    const { loadScenario } = await import('../scenario/load.ts');
    const { DiagnosticsError, formatDiagnostic } = await import('../errors.ts');
    const ctx = await loadCostContext(RULES_DIR);
    const file = await writeScenario({ ...spec, profit: { salesEffect: false } });
    const msg = await loadScenario(file, ctx).then(
      () => '',
      (e) => (e instanceof DiagnosticsError ? e.diagnostics.map((d) => formatDiagnostic(d)).join('\n') : String(e)),
    );
    expect(msg).toMatch(/:\d+:\d+ \(\/overrides\/modes\.salesUpliftPerBusinessDay\): modes\.salesUpliftPerBusinessDay drives the delivery-speed sales effect, which this scenario switches off/);
  });
});

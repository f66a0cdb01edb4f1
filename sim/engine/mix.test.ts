import { describe as group, expect, it } from 'vitest';
import { sampleStandardDeviation, mean } from 'simple-statistics';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from './prepare.ts';
import { column, totals } from './records.ts';
import { createRunner } from './runner.ts';
import { drawMix, makeMixScratch } from './mix.ts';
import type { SimPlan } from './plan.ts';

async function planOf(spec: ScenarioFile): Promise<SimPlan> {
  return preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
}

// two destinations with different direct prices, every count at its mean: only the mix can vary
const twoLanes = (over: Partial<ScenarioFile> = {}) =>
  scenarioSpec({
    demand: { ordersPerDay: 10, arrivals: 'expected' },
    destinations: [
      { country: 'ES', share: 0.5, service: 'standard' },
      { country: 'BR', share: 0.5, service: 'standard' },
    ],
    ...over,
  });

group('order-mix uncertainty (calibrated shares and seasonal factors flow into the trials)', () => {
  it('without shareUncertainty every trial has the same mix (no variance at expected arrivals)', async () => {
    const plan = await planOf(twoLanes());
    const recs = await createRunner(plan, null).run(3, 0, 20);
    expect(sampleStandardDeviation(Array.from(totals(recs, plan.layout, 'direct')))).toBeLessThan(1e-6);
  });

  it('a Dirichlet concentration c gives each trial its own shares: sd of a share = √(p(1−p)/(c+1))', async () => {
    const plan = await planOf(twoLanes({ shareUncertainty: { destinations: 99 } }));
    const recs = await createRunner(plan, null).run(3, 0, 400);
    const direct = Array.from(totals(recs, plan.layout, 'direct'));
    // the same plan with ES only and BR only gives the cost of each lane (expected arrivals)
    const only = async (cc: string) => {
      const p = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, destinations: [{ country: cc, share: 1, service: 'standard' }], ...(cc === 'BR' ? { currency: { rates: { USD: 7, BRL: 1.3 } } } : {}) }));
      return totals(await createRunner(p, null).run(3, 0, 1), p.layout, 'direct')[0]!;
    };
    const gap = Math.abs((await only('ES')) - (await only('BR')));
    const expectedSd = gap * Math.sqrt((0.5 * 0.5) / 100);
    expect(sampleStandardDeviation(direct)).toBeGreaterThan(expectedSd * 0.85);
    expect(sampleStandardDeviation(direct)).toBeLessThan(expectedSd * 1.15);
    // centred on the given shares
    expect(Math.abs(mean(direct) - ((await only('ES')) + (await only('BR'))) / 2)).toBeLessThan((3 * expectedSd) / Math.sqrt(400));
  });

  it('the mix draw is reproducible and leaves the order-flow stream alone (same orders with and without it)', async () => {
    const a = await planOf(scenarioSpec({ demand: { ordersPerDay: 30 }, horizonMonths: 2 }));
    const b = await planOf(scenarioSpec({ demand: { ordersPerDay: 30 }, horizonMonths: 2, shareUncertainty: { skus: 50 } }));
    const ra = await createRunner(a, null).run(5, 0, 10);
    const rb = await createRunner(b, null).run(5, 0, 10);
    const rb2 = await createRunner(b, null).run(5, 0, 10);
    // one SKU: its share is 1 whatever the draw, so the flow is the same order for order
    expect(Array.from(column(rb, b.layout, b.layout.modes.jit.orders))).toEqual(Array.from(column(ra, a.layout, a.layout.modes.jit.orders)));
    expect(Array.from(rb2)).toEqual(Array.from(rb));
  });

  it('weeklySd / yearlySd make the seasonal factors uncertain: a one-month run varies with its month factor', async () => {
    const yearly = [1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.8];
    const fixed = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected', yearly } }));
    const unsure = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected', yearly, yearlySd: new Array(12).fill(0.1), weeklySd: new Array(7).fill(0.05) } }));
    const orders = (p: SimPlan, r: Float64Array) => Array.from(column(r, p.layout, p.layout.modes.jit.orders));
    const f = orders(fixed, await createRunner(fixed, null).run(3, 0, 50));
    const u = orders(unsure, await createRunner(unsure, null).run(3, 0, 300));
    expect(sampleStandardDeviation(f)).toBeLessThan(1e-6);
    // January's factor 1.2 ± 0.1 before renormalising the year to mean 1: ≈ 8 % of the month's orders
    const cv = sampleStandardDeviation(u) / mean(u);
    expect(cv).toBeGreaterThan(0.05);
    expect(cv).toBeLessThan(0.12);
    expect(Math.abs(mean(u) / f[0]! - 1)).toBeLessThan(0.02);
  });

  it('drawMix normalises the drawn factors and shares', async () => {
    const plan = await planOf(twoLanes({ shareUncertainty: { destinations: 5 }, demand: { ordersPerDay: 10, weekly: [1, 1, 1, 1, 1, 2, 2], weeklySd: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3] } }));
    const sc = makeMixScratch(plan.mix, plan.days);
    for (let t = 0; t < 20; t++) {
      drawMix(plan.mix, plan.season, 9, t, sc);
      expect(sc.destShare[0]! + sc.destShare[1]!).toBeCloseTo(1, 12);
      expect(sc.week.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 12);
    }
  });
});

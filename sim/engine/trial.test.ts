import { sampleRankCorrelation } from 'simple-statistics';
import { describe as group, expect, it } from 'vitest';
import { describe } from '../stats/describe.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR, copyRules } from '../testing/fixtures.ts';
import { preparePlan } from './prepare.ts';
import { column, totals } from './records.ts';
import { breakEvens } from './break-even.ts';
import { createRunner } from './runner.ts';
import type { SimPlan } from './plan.ts';

async function planOf(spec: ScenarioFile, rulesDir = RULES_DIR): Promise<SimPlan> {
  return preparePlan({ rulesDir, scenarioFile: await writeScenario(spec) });
}

async function run(plan: SimPlan, trials: number, options = {}, seed = 7): Promise<Float64Array> {
  return createRunner(plan, null).run(seed, 0, trials, options);
}

const component = (plan: SimPlan, recs: Float64Array, mode: 'jit' | 'warehouse' | 'direct', name: string) => {
  const ml = plan.layout.modes[mode];
  return column(recs, plan.layout, ml.component + ml.components.indexOf(name));
};

group('a zero-variance scenario', () => {
  it('reproduces the cost worked out by hand (January 2025: 31 days × 10 orders to ES, 0.5 kg)', async () => {
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, warehouse: { freight: 'sea-lcl' } }));
    const recs = await run(plan, 3);
    const orders = 310;
    // JIT, schedule A: FEE-A1 300/month; FEE-A3 overseas (ES) band 1–5 L (0.5 kg × 6 L/kg = 3 L) 2.7,
    // × 0.9 by DSC-3 (return rate 1 % < 1.8 %); FEE-A4 ES ≤ 0.5 kg standard 14.20; returns 1 % × 15
    const jit = 300 + orders * (2.7 * 0.9 + 14.2) + orders * 0.01 * 15;
    // direct: ES ≤ 0.5 kg standard 18.44; returns at 1 % / (1 − 0.41), losing 85 % of the 100 CNY price
    const direct = orders * 18.44 + ((orders * 0.01) / (1 - 0.41)) * 0.85 * 100;
    // warehouse in ES, stock by sea LCL (ES: 2,790 CNY/m³ W/M, 35–50 days: mean 42.5, sd 15/√12):
    // launch stock S0 = order-up-to at the first review (day 0, review period January's 31 days) = forecast over
    // 42.5 + 31 days (735) + z(95 %)·√(735 + 10²·sd²)
    // + 60 days of cover (600); its freight = S0 × 0.5 kg / 150 kg/m³ × 2,790; no order in January
    // (on hand S0 is above the reorder point); the month's 310 orders come off the shelf: mean on hand S0 − 155
    const sd = 15 / Math.sqrt(12);
    const S0 = 735 + 1.6448536269514722 * Math.sqrt(735 + 100 * sd * sd) + 600;
    const freight = ((S0 * 0.5) / 150) * 2790;
    const meanOnHand = S0 - 155;
    const endStock = S0 - 310;
    // last mile 26.25; staff 3.8; rent max(5,500, mean m³ × 45); WMS 1,500; start-up 75,000 / 36;
    // capital and write-off on the mean stock at 10 % and 8 %/year for 31 days; unsold at the end × 30 %;
    // returns 1 % × (10 handling + 30 % × 40 not resold)
    const warehouse = freight + orders * (26.25 + 3.8) + Math.max(5500, ((meanOnHand * 0.5) / 150) * 45) + 1500 + 75000 / 36 + meanOnHand * 40 * (0.1 + 0.08) * (31 / 365) + endStock * 40 * 0.3 + orders * 0.01 * (10 + 0.3 * 40);
    expect(S0).toBeCloseTo(1419.03, 2);
    for (let i = 0; i < 3; i++) {
      expect(totals(recs, plan.layout, 'jit')[i]).toBeCloseTo(jit, 6);
      expect(totals(recs, plan.layout, 'direct')[i]).toBeCloseTo(direct, 6);
      // (the stock's sums over the month's segments round differently: 1e-10 relative)
      expect(totals(recs, plan.layout, 'warehouse')[i]).toBeCloseTo(warehouse, 4);
      expect(column(recs, plan.layout, plan.layout.modes.jit.orders)[i]).toBeCloseTo(orders, 9);
    }
    expect(jit).toBeCloseTo(5501.8, 6);
  });
});

group('a Poisson scenario', () => {
  it('has a simulated mean number of orders inside its 95 % CI around the analytical mean', async () => {
    // 40 orders/day, weekly pattern, 2 % monthly growth, 3 months from 2025-03-01
    const weekly = [1.2, 1, 1, 1, 1, 0.8, 1];
    const plan = await planOf(scenarioSpec({ startDate: '2025-03-01', horizonMonths: 3, demand: { ordersPerDay: 40, monthlyGrowth: 0.02, weekly } }));
    const recs = await run(plan, 400);
    let expected = 0;
    for (let d = 0; d < plan.days; d++) expected += 40 * (1.02 ** (12 / 365)) ** d * plan.season[d]!;
    const s = describe(column(recs, plan.layout, plan.layout.modes.jit.orders));
    expect(expected).toBeGreaterThan(s.ciLow);
    expect(expected).toBeLessThan(s.ciHigh);
    // Poisson: the variance equals the mean (sd within 15 % of √mean with 400 trials)
    expect(s.sd / Math.sqrt(expected)).toBeGreaterThan(0.85);
    expect(s.sd / Math.sqrt(expected)).toBeLessThan(1.15);
  });

  it('matches a per-order simulation statistically (Poisson splitting)', async () => {
    const spec = scenarioSpec({
      horizonMonths: 2,
      demand: { ordersPerDay: 30, dispersion: 0.3 },
      destinations: [
        { country: 'ES', share: 0.6, service: 'standard' },
        { country: 'SA', share: 0.4, service: 'standard' },
      ],
      skus: [
        { id: 'a', category: 'apparel', share: 0.7, weightKg: 0.3, unitCostCny: 20, priceCny: 80, jitTagged: true },
        { id: 'b', category: 'home', share: 0.3, weightKg: 1.2, unitCostCny: 30, priceCny: 120, jitTagged: false },
      ],
      returns: { jitRate: 0.05 },
      jit: { designatedBox: true, nonPreferredShare: 0.2 },
      sync: { mode: 'manual', uploadIntervalHours: { dist: 'uniform', min: 2, max: 6 } },
      saturation: [{ country: 'SA', from: '2025-01-10', to: '2025-01-30', share: 0.7 }],
    });
    const plan = await planOf(spec);
    const n = 600;
    const split = await run(plan, n, {}, 1);
    const perOrder = await run(plan, n, { perOrder: true }, 2);
    const L = plan.layout;
    const fields: [string, number][] = [
      ['orders', L.modes.jit.orders],
      ['JIT total', L.modes.jit.total],
      ['warehouse total', L.modes.warehouse.total],
      ['direct total', L.modes.direct.total],
      ['JIT returns', L.modes.jit.returns],
      ['direct returns', L.modes.direct.returns],
      ['non-preferred', L.nonPreferred],
      ...L.routingCodes.slice(0, 4).map((c, k): [string, number] => [`routed ${c}`, L.routing + k]),
    ];
    for (const [name, f] of fields) {
      const a = describe(column(split, L, f));
      const b = describe(column(perOrder, L, f));
      // two-sample z on the means (|z| < 4), and standard deviations within 20 %
      const z = (a.mean - b.mean) / Math.sqrt(a.sd ** 2 / n + b.sd ** 2 / n || 1);
      expect(Math.abs(z), name).toBeLessThan(4);
      if (b.sd > 0) expect(a.sd / b.sd, name).toBeGreaterThan(0.8);
      if (b.sd > 0) expect(a.sd / b.sd, name).toBeLessThan(1.25);
    }
  });
});

group('fees and routing', () => {
  it('halving a fee (SUR-2) halves its component, same seed', async () => {
    const spec = scenarioSpec({ horizonMonths: 2, jit: { designatedBox: false, nonPreferredShare: 0.3 } });
    const { rulesDir } = await copyRules((f) => {
      const sur2 = f.fees.adjustments.find((a: { id: string }) => a.id === 'SUR-2');
      sur2.effect.amountCny /= 2;
    });
    const full = await planOf(spec);
    const half = await planOf(spec, rulesDir);
    const a = component(full, await run(full, 20), 'jit', 'crossWarehouse');
    const b = component(half, await run(half, 20), 'jit', 'crossWarehouse');
    expect(a[0]).toBeGreaterThan(0);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]! / 2, 8);
  });

  it('a scenario without routing failures ships no JIT order direct', async () => {
    const plan = await planOf(scenarioSpec({ horizonMonths: 2, demand: { ordersPerDay: 50, dispersion: 0.4 } }));
    const recs = await run(plan, 50);
    const L = plan.layout;
    expect(component(plan, recs, 'jit', 'directLogistics').every((x) => x === 0)).toBe(true);
    for (let k = 1; k < L.routingCodes.length; k++) expect(column(recs, L, L.routing + k).every((x) => x === 0)).toBe(true);
    expect(column(recs, L, L.routing).every((x, i) => x === column(recs, L, L.modes.jit.orders)[i])).toBe(true);
  });

  it('banned and untagged SKUs ship direct under the JIT mode as E117; a saturated window as E203', async () => {
    const plan = await planOf(scenarioSpec({
      demand: { ordersPerDay: 20, arrivals: 'expected' },
      skus: [
        { id: 'pb', category: '3c', share: 0.5, weightKg: 0.3, unitCostCny: 40, priceCny: 120, jitTagged: true, containsLithiumBattery: true, ceFccCert: 'CE-1' },
        { id: 'case', category: '3c', share: 0.5, weightKg: 0.1, unitCostCny: 5, priceCny: 40, jitTagged: true, ceFccCert: 'CE-2' },
      ],
      saturation: [{ country: 'ES', from: '2025-01-01', to: '2025-01-10' }],
    }));
    const recs = await run(plan, 1);
    const L = plan.layout;
    const at = (code: string) => recs[L.routing + L.routingCodes.indexOf(code)]!;
    expect(at('E117')).toBeCloseTo(31 * 20 * 0.5, 9);
    expect(at('E203')).toBeCloseTo(10 * 20 * 0.5, 9);
    expect(at('JIT')).toBeCloseTo(21 * 20 * 0.5, 9);
  });

  it('a store that fails admission gets no JIT at all: every order E117, no base fee', async () => {
    const plan = await planOf(scenarioSpec({
      demand: { ordersPerDay: 10, arrivals: 'expected' },
      store: { storeType: 'individual', realNameVerified: true, positiveRate90d: 0.97, disputeRate: 0.001, providers: [{ name: 'Cainiao', certified: true, integration: 'api' }], failedReviews: 0 },
    }));
    expect(plan.scenario.storeEligible).toBe(false);
    expect(plan.scenario.storeFailures).toContain('ADM-1');
    const recs = await run(plan, 1);
    const L = plan.layout;
    expect(recs[L.routing + L.routingCodes.indexOf('E117')]).toBeCloseTo(310, 9);
    expect(component(plan, recs, 'jit', 'baseFee')[0]).toBe(0);
    expect(totals(recs, L, 'jit')[0]).toBeCloseTo(totals(recs, L, 'direct')[0]!, 6);
  });
});

group('correlated inputs and break-even', () => {
  it('draws inputs with the requested Spearman rank correlation (Gaussian copula)', async () => {
    const plan = await planOf(scenarioSpec({
      demand: { ordersPerDay: { dist: 'pert', min: 5, mode: 10, max: 30 }, arrivals: 'expected' },
      returns: { jitRate: { dist: 'uniform', min: 0.01, max: 0.03 } },
      correlations: [{ between: ['/demand/ordersPerDay', '/returns/jitRate'], rankCorrelation: 0.6 }],
    }));
    const recs = await run(plan, 3000);
    const L = plan.layout;
    const a = Array.from(column(recs, L, L.inputs + plan.at.ordersPerDay));
    const b = Array.from(column(recs, L, L.inputs + plan.at.jitRate));
    expect(sampleRankCorrelation(a, b)).toBeGreaterThan(0.55);
    expect(sampleRankCorrelation(a, b)).toBeLessThan(0.65);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...b)).toBeLessThanOrEqual(0.03);
  });

  it('finds the JIT/direct break-even worked out by hand', async () => {
    // one month, 0.5 kg to ES, no returns: JIT 2.7 × 0.9 + 14.20 = 16.63/order + 300/month; direct 18.44/order
    // → equal at 300 / (18.44 − 16.63) orders a month = 5.347 orders/day
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0 } }));
    const runner = createRunner(plan, null);
    const be = await breakEvens(plan, runner, 1, 3);
    const jd = be.find((b) => b.pair[0] === 'jit' && b.pair[1] === 'direct')!;
    expect(jd.foundShare).toBe(1);
    expect(jd.cheaperBelow).toBe('direct');
    const exact = 300 / (18.44 - 16.63) / 31;
    // linear interpolation in log volume between grid points (half octaves): within 2 %
    expect(Math.abs(jd.ordersPerDay!.mean / exact - 1)).toBeLessThan(0.02);
  });
});

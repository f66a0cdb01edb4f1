/** Sensitivity from the main run's samples: ranking, groups of per-SKU inputs, swings for the top few only. */
import { storeOf } from '../engine/store.ts';
import { describe, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner, type Runner } from '../engine/runner.ts';
import type { SimPlan } from '../engine/plan.ts';
import { skuGroupLabel } from '../../reports/labels.ts';
import { tornadoChart } from '../../reports/charts/tornado.ts';
import { fixtureModel } from '../../reports/testing/fixture.ts';
import { ranks, pearson, standardisedRegression } from './rank.ts';
import { rateBreakEvens } from './rate-break-even.ts';
import { rankInputs, samplesFromRecords, sensitivity, sensitivityPair } from './index.ts';

async function planOf(spec: ScenarioFile): Promise<SimPlan> {
  return preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
}

/** A runner that counts the trials it was asked for. */
function counting(plan: SimPlan): { runner: Runner; runs: () => number } {
  const inner = createRunner(plan, null);
  let runs = 0;
  return { runner: { ...inner, run: (...a) => (runs++, inner.run(...a)) }, runs: () => runs };
}

const sku = (i: number, weightKg: ScenarioFile['skus'][number]['weightKg']): ScenarioFile['skus'][number] => ({ id: `SKU-${i}`, category: 'apparel', share: 1, weightKg, unitCostCny: 40, priceCny: 100, jitTagged: true });

describe('ranks and rank correlation', () => {
  it('gives ties their average rank and is ±1 for monotone relations', () => {
    expect(Array.from(ranks(Float64Array.from([3, 1, 3, 2])))).toEqual([3.5, 1, 3.5, 2]);
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    expect(pearson(ranks(x), ranks(Float64Array.from([1, 4, 9, 16, 25])))).toBeCloseTo(1, 12);
    expect(pearson(ranks(x), ranks(Float64Array.from([5, 4, 3, 2, 1])))).toBeCloseTo(-1, 12);
    expect(pearson(ranks(x), ranks(Float64Array.from([7, 7, 7, 7, 7])))).toBe(0);
  });

  it('separates an input’s own effect from that of an input correlated with it (regression, not correlation)', () => {
    // y depends on a only; b is a noisy copy of a: b is strongly correlated with y but has no effect of its own
    const n = 500;
    const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const b = Float64Array.from(a, (v, i) => v + 0.3 * ((Math.sin(i * 78.233) * 12345.678) % 1));
    const y = Float64Array.from(a, (v) => 2 * v);
    expect(pearson(b, y)).toBeGreaterThan(0.8);
    const src = standardisedRegression([a, b], y)!;
    expect(src[0]).toBeCloseTo(1, 9);
    expect(src[1]).toBeCloseTo(0, 9);
    expect(standardisedRegression([a, a], y)).toBeNull(); // collinear
    expect(standardisedRegression([a], Float64Array.from([1, 2]))).toBeNull(); // fewer trials than needed
  });
});

describe('sample-based sensitivity', () => {
  it('ranks the dominant input (demand) first, from the main run alone, and swings only the top few', async () => {
    // JIT's 300 CNY monthly fee spread over 3 to 60 orders a day: the per-order JIT − direct difference is driven by volume
    const plan = await planOf(scenarioSpec({
      demand: { ordersPerDay: { dist: 'uniform', min: 3, max: 60 } },
      skus: [1, 2, 3, 4].map((i) => sku(i, { dist: 'uniform', min: 0.45, max: 0.5 })),
      returns: { jitRate: { dist: 'uniform', min: 0.01, max: 0.012 } },
    }));
    const { runner, runs } = counting(plan);
    const recs = await runner.run(3, 0, 200);
    const before = runs();
    const s = await sensitivity(plan, samplesFromRecords(plan.layout, recs), runner, 3, { swingTrials: 20, top: 2 });
    expect(s.pair).toEqual(sensitivityPair(plan, samplesFromRecords(plan.layout, recs)));
    expect(s.ranking[0]!.input).toBe('/demand/ordersPerDay');
    expect(Math.abs(s.ranking[0]!.rankCorrelation)).toBeGreaterThan(0.5);
    expect(Math.abs(s.ranking[0]!.rankCorrelation)).toBeGreaterThan(2 * Math.abs(s.ranking[1]!.rankCorrelation));
    // one base run and two per swung entry, whatever the number of inputs (4 weights, demand, returns)
    expect(runs() - before).toBe(1 + 2 * 2);
    expect(s.tornado.map((b) => b.input)).toEqual(s.ranking.slice(0, 2).map((e) => e.input));
    expect(s.tornado[0]!.swingCny).toBeGreaterThan(1);
    expect(s).toMatchObject({ rankTrials: 200, swingTrials: 20, top: 2, method: { ranking: 'rank-regression-main-run', swings: 'one-at-a-time' } });
  });

  it('groups per-SKU inputs (all the SKUs\u2019 weights together) and ranks the group above its largest member', async () => {
    // 12 SKUs whose weights are each uncertain across price brackets; demand fixed
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 40 }, skus: Array.from({ length: 12 }, (_, i) => sku(i, { dist: 'uniform', min: 0.2, max: 2.5 })) }));
    const recs = await createRunner(plan, null).run(5, 0, 400);
    const samples = samplesFromRecords(plan.layout, recs);
    const { ranking } = rankInputs(plan, samples, sensitivityPair(plan, samples));
    const group = ranking.find((e) => e.kind === 'group')!;
    expect(group).toMatchObject({ input: '/skus/*/weightKg', members: 12 });
    const largest = ranking.find((e) => e.input === group.largestMember)!;
    expect(largest.memberOf).toBe('/skus/*/weightKg');
    // per-SKU inputs appear only as the group and its largest member
    expect(ranking.filter((e) => e.input.startsWith('/skus/'))).toHaveLength(2);
    expect(Math.abs(group.rankCorrelation)).toBeGreaterThan(Math.abs(largest.rankCorrelation));
    expect(Math.abs(group.regressionCoefficient!)).toBeGreaterThan(Math.abs(largest.regressionCoefficient!));
    expect(ranking[0]!.input).toBe('/skus/*/weightKg');
    // the group's words, as a client reads them
    expect(skuGroupLabel(group.input, 2000).name).toEqual({ en: 'Weight of all 2,000 SKUs together', zh: '全部2,000个SKU的重量一同变动' });
  });

  it('ranks first the group of a large catalogue (inputs recorded by group) that dominates, and names it with its member count in en and zh', async () => {
    // 30 SKUs (above the 12 whose inputs are recorded one by one), weights across brackets, demand fixed
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 40 }, skus: Array.from({ length: 30 }, (_, i) => sku(i, { dist: 'uniform', min: 0.2, max: 2.5 })) }));
    expect(plan.layout.inputGroups.map((g) => g.pointer)).toContain('/skus/*/weightKg');
    const recs = await createRunner(plan, null).run(5, 0, 300);
    const samples = samplesFromRecords(plan.layout, recs);
    const { ranking } = rankInputs(plan, samples, sensitivityPair(plan, samples));
    expect(ranking[0]).toMatchObject({ input: '/skus/*/weightKg', kind: 'group', members: 30 });
    expect(Math.abs(ranking[0]!.rankCorrelation)).toBeGreaterThan(0.5);
    const label = skuGroupLabel(ranking[0]!.input, ranking[0]!.members!).name;
    expect(label).toEqual({ en: 'Weight of all 30 SKUs together', zh: '全部30个SKU的重量一同变动' });
  });

  it('agrees in sign with the one-at-a-time swing for the top inputs', async () => {
    const plan = await planOf(scenarioSpec({
      horizonMonths: 2,
      demand: { ordersPerDay: { dist: 'uniform', min: 5, max: 40 } },
      skus: [1, 2, 3].map((i) => sku(i, { dist: 'uniform', min: 0.3, max: 1.8 })),
      returns: { jitRate: { dist: 'uniform', min: 0.005, max: 0.03 } },
      rateCards: { jitLogistics: { multiplier: { dist: 'uniform', min: 0.8, max: 1.3 } }, direct: { multiplier: { dist: 'uniform', min: 0.8, max: 1.3 } }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { multiplier: 1 } },
    }));
    const runner = createRunner(plan, null);
    const recs = await runner.run(11, 0, 400);
    const s = await sensitivity(plan, samplesFromRecords(plan.layout, recs), runner, 11, { swingTrials: 40, top: 4 });
    expect(s.tornado).toHaveLength(4);
    for (const b of s.tornado.filter((x) => Math.abs(x.regressionCoefficient!) > 0.15)) expect(Math.sign(b.perOrderDiffAtHigh - b.perOrderDiffAtLow), b.input).toBe(Math.sign(b.regressionCoefficient!));
    // a group is swung as a whole: no single P10/P90 value
    for (const b of s.tornado) expect(b.low === null).toBe(b.kind === 'group');
  });
});

describe('break-even rate levels from the main run', () => {
  it('finds exactly the rate multiplier at which two modes cost the same, without simulating again', async () => {
    // the hand-worked month (sim/engine/trial.test.ts): 310 orders to ES, 0.5 kg, no returns;
    // JIT 300 + 310 × (2.7 × 0.9 + 14.20 × m_jit); direct 310 × 18.44 × m_direct
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0 } }));
    const recs = await createRunner(plan, null).run(1, 0, 3);
    const be = rateBreakEvens(plan, storeOf(plan, recs));
    const direct = be.find((b) => b.leg === 'direct' && b.pair.join() === 'jit,direct')!;
    expect(direct.method).toBe('main-run-exact');
    expect(direct.foundShare).toBe(1);
    expect(direct.multiplier!.p50).toBeCloseTo((300 + 310 * (2.7 * 0.9 + 14.2)) / (310 * 18.44), 9);
    expect(direct.cheaperBelow).toBe('direct');
    const jit = be.find((b) => b.leg === 'jitLogistics' && b.pair.join() === 'jit,direct')!;
    expect(jit.multiplier!.p50).toBeCloseTo((310 * 18.44 - 300 - 310 * 2.7 * 0.9) / (310 * 14.2), 9);
    expect(jit.cheaperBelow).toBe('jit');
    // a leg that prices neither mode of a pair has no break-even for it
    expect(be.find((b) => b.leg === 'warehouseHeadhaul' && b.pair.join() === 'jit,direct')).toBeUndefined();
  });
});

describe('the report tornado with a group of per-SKU inputs', () => {
  it('names the group in words, in English and Chinese, and says how the inputs were ranked', () => {
    const m = fixtureModel();
    const g = skuGroupLabel('/skus/*/weightKg', 2000);
    m.tornado.unshift({ input: '/skus/*/weightKg', label: g.name, ...(g.unit ? { unit: g.unit } : {}), kind: 'group', lowInput: null, highInput: null, low: -47_000, high: -33_000, base: -40_000, rankCorrelation: -0.6, regressionCoefficient: -0.7 });
    m.tornadoMethod = { rankTrials: 10_000, swingTrials: 100, ranked: 9, by: 'rank-regression-main-run' };
    const en = JSON.stringify(tornadoChart(m, 'en'));
    expect(en).toContain('Weight of all 2,000 SKUs together (each at its own P10 → P90)');
    expect(en).toContain('found from all 10,000 simulations (rank regression');
    expect(en).not.toContain('/skus/*');
    const zh = JSON.stringify(tornadoChart(m, 'zh'));
    expect(zh).toContain('全部2,000个SKU的重量一同变动（各取各自的P10 → P90）');
    expect(zh).toContain('根据全部10,000次模拟（秩回归');
  });
});

/**
 * The class engine against the per-SKU engine (`perSku`: one class per SKU), on 12-SKU catalogues
 * built from data/scenarios/home-latam.json, and the per-SKU cost table against a direct per-SKU
 * calculation and a hand-worked case.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { describe } from '../stats/describe.ts';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { MODES } from './layout.ts';
import { preparePlan } from './prepare.ts';
import { column, totals } from './records.ts';
import { createRunner } from './runner.ts';
import { skuCosts } from './sku-costs.ts';
import type { SimPlan } from './plan.ts';
import { simulate } from '../simulate.ts';
import { formatSummary } from '../../scripts/commands/simulate-common.ts';
import { memoryIo } from '../../scripts/io.ts';

async function homeLatam(): Promise<ScenarioFile> {
  return JSON.parse(await readFile(join(PROJECT_DIR, 'data/scenarios/home-latam.json'), 'utf8')) as ScenarioFile;
}

async function planOf(spec: ScenarioFile): Promise<SimPlan> {
  return preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
}

type Sku = ScenarioFile['skus'][number];

/** home-latam with 12 SKUs made by `make(i)` (i = 0…11), three months. */
async function twelve(make: (i: number, base: Sku) => Sku): Promise<ScenarioFile> {
  const s = await homeLatam();
  const base = s.skus;
  return { ...s, horizonMonths: 3, skus: Array.from({ length: 12 }, (_, i) => make(i, base[i % base.length]!)) };
}

group('the class engine', () => {
  it('gives the per-SKU engine’s records bit for bit when no two SKUs share a class (12 SKUs, 12 classes)', async () => {
    // six weights in six different brackets, each tagged and untagged for JIT: twelve distinct classes
    const weights = [0.05, 0.2, 0.4, 0.8, 1.5, 3];
    const plan = await planOf(await twelve((i, b) => ({ ...b, id: `sku-${i}`, share: 1 + i, weightKg: weights[i % 6]!, volumeLitres: undefined, jitTagged: i < 6 }) as Sku));
    expect(skuCosts(plan, 3, 4).meanClasses).toBe(12);
    const runner = createRunner(plan, null);
    const classes = await runner.run(3, 0, 60);
    const perSku = await runner.run(3, 0, 60, { perSku: true });
    expect(Buffer.from(classes.buffer).equals(Buffer.from(perSku.buffer))).toBe(true);
  });

  it('agrees with the per-SKU engine within the confidence intervals when SKUs share classes (home-latam’s SKUs ×4, varied weights)', async () => {
    const plan = await planOf(await twelve((i, b) => {
      const w = b.weightKg;
      // ±4 % around each original weight: mostly the same brackets, different head-haul
      const f = 0.96 + 0.08 * (Math.floor(i / 3) / 3);
      const t = w as { min: number; mode: number; max: number };
      const weightKg = typeof w === 'number' ? w * f : { ...w, min: t.min * f, mode: t.mode * f, max: t.max * f };
      return { ...b, id: `${b.id}-${i}`, share: b.share / 4, weightKg } as Sku;
    }));
    const classes = skuCosts(plan, 5, 300).meanClasses;
    expect(classes).toBeLessThan(12); // the test does exercise grouping
    const runner = createRunner(plan, null);
    const a = await runner.run(5, 0, 300);
    const b = await runner.run(5, 0, 300, { perSku: true });
    const L = plan.layout;
    const check = (x: Float64Array, y: Float64Array, what: string) => {
      const sx = describe(x);
      const sy = describe(y);
      // two independent estimates of the same mean: their difference within 3 combined standard errors
      const se = Math.hypot((sx.ciHigh - sx.ciLow) / 3.92, (sy.ciHigh - sy.ciLow) / 3.92);
      expect(Math.abs(sx.mean - sy.mean), what).toBeLessThanOrEqual(3 * se + 1e-9);
    };
    for (const m of MODES) {
      check(totals(a, L, m), totals(b, L, m), `${m} total`);
      check(column(a, L, L.modes[m].component), column(b, L, L.modes[m].component), `${m} first component`);
    }
    check(column(a, L, L.modes.jit.orders), column(b, L, L.modes.jit.orders), 'orders');
    // the trial's drawn inputs are the same draws: the class engine changes only how orders are counted
    expect(column(a, L, L.inputs + plan.at.ordersPerDay)).toEqual(column(b, L, L.inputs + plan.at.ordersPerDay));
  });
});

group('the per-SKU cost table', () => {
  it('matches a direct per-SKU calculation (every SKU priced on its own) on 12 SKUs sharing classes', async () => {
    const plan = await planOf(await twelve((i, b) => ({ ...b, id: `${b.id}-${i}`, share: b.share / 4, unitCostCny: 5 + i, priceCny: 40 + 7 * i }) as Sku));
    const byClass = skuCosts(plan, 9, 64);
    const direct = skuCosts(plan, 9, 64, true);
    expect(byClass.meanClasses).toBeLessThan(direct.meanClasses);
    expect(direct.meanClasses).toBe(12);
    for (const m of MODES) expect(byClass.fixedCnyPerOrder[m]).toBeCloseTo(direct.fixedCnyPerOrder[m], 9);
    byClass.rows.forEach((r, s) => {
      const d = direct.rows[s]!;
      expect(r.id).toBe(d.id);
      for (const m of MODES) expect(Math.abs(r.cnyPerOrder[m]! - d.cnyPerOrder[m]!), `${r.id} ${m}`).toBeLessThan(1e-9 * d.cnyPerOrder[m]!);
      expect(r.jitRoutedShare).toBeCloseTo(d.jitRoutedShare, 12);
      expect(r.cheapest).toBe(d.cheapest);
    });
    // home-latam's kitchen towels are not tagged for JIT: blocked (SKU tagging), not banned, all shipped direct under JIT
    const towels = byClass.rows.find((r) => r.id.startsWith('kitchen-towels'))!;
    expect(towels).toMatchObject({ jitEligible: false, banned: false, jitRoutedShare: 0 });
    expect(towels.cnyPerOrder.jit).toBeCloseTo(towels.cnyPerOrder.direct!, 9);
    expect(towels.cheapest).not.toBe('jit');
  });

  it('reproduces the cost per order worked out by hand (one 0.5 kg SKU to ES, fixed values)', async () => {
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, warehouse: { freight: 'sea-lcl' } }));
    const t = skuCosts(plan, 1, 10);
    const r = t.rows[0]!;
    // as trial.test.ts: JIT band 2.7 × 0.9 (DSC-3) + logistics 14.20 + 1 % returns × 15; fixed: 300 CNY/month over 310 orders
    expect(r.cnyPerOrder.jit).toBeCloseTo(2.7 * 0.9 + 14.2 + 0.01 * 15, 9);
    expect(t.fixedCnyPerOrder.jit).toBeCloseTo(300 / 310, 9);
    // direct: 18.44 + returns at 1 %/(1 − 0.41) losing 85 % of the 100 CNY price
    expect(r.cnyPerOrder.direct).toBeCloseTo(18.44 + (0.01 / (1 - 0.41)) * 0.85 * 100, 9);
    // warehouse at the stock's steady state, sea LCL to ES: an order of 60 days (600 units, 300 kg, 2 m³)
    // pays the 2 m³ minimum 5,580 CNY → 9.30 per unit; 42.5 days in transit; on the shelf the safety stock
    // z(95 %)·√(725 + 10²·(15/√12)²) + half an order (300), ÷ 10 a day; capital and write-off on 40 CNY
    const shelf = (1.6448536269514722 * Math.sqrt(725 + 100 * (225 / 12)) + 300) / 10;
    expect(r.cnyPerOrder.warehouse).toBeCloseTo(9.3 + 26.25 + 3.8 + 40 * (0.1 * ((42.5 + shelf) / 365) + 0.08 * (shelf / 365)) + 0.01 * (10 + 0.3 * 40), 9);
    expect(r.cheapest).toBe('jit');
    expect(r.savingCnyPerOrder).toBeCloseTo(r.cnyPerOrder.direct! - r.cnyPerOrder.jit!, 9);
  });

  it('a catalogue above 12 SKUs (inputs recorded by group): exchange rates, rate break-evens and the ranking read the right columns; the printed summary stays short', async () => {
    const s = await homeLatam();
    const spec = { ...s, horizonMonths: 3, skus: Array.from({ length: 40 }, (_, i) => ({ ...s.skus[i % s.skus.length]!, id: `sku-${i}`, share: 1, ...(i % 2 ? { priceCurrency: 'USD' } : {}) }) as Sku) };
    const file = await writeScenario(spec);
    const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: file });
    expect(plan.layout.inputGroups.length).toBeGreaterThan(0);
    const { summary } = await simulate(plan, { rulesDir: RULES_DIR, scenarioFile: file }, { seed: 2, trials: 60, workers: 1, sideTrials: 10 });
    const usd = summary.landed.fx.find((f) => f.currency === 'USD')!;
    expect(usd.meanCnyPerUnit).toBeGreaterThan(6);
    expect(usd.meanCnyPerUnit).toBeLessThan(8);
    for (const r of summary.rateBreakEven ?? []) {
      expect(r.multiplierNow).toBeGreaterThan(0.8);
      expect(r.multiplierNow).toBeLessThan(1.4);
    }
    // ranked as recorded: one entry per per-SKU field, holding every SKU with an uncertain value of it
    const weights = summary.sensitivity!.ranking.find((e) => e.input === '/skus/*/weightKg')!;
    expect(weights.kind).toBe('group');
    expect(weights.members).toBeGreaterThan(12);
    expect(Number.isFinite(weights.rankCorrelation)).toBe(true);
    // 13 SKUs cannot use JIT: the terminal names the first 10 and counts the rest
    const line = formatSummary(memoryIo(PROJECT_DIR), summary, 'en').find((l) => l.includes('SKUs that cannot use JIT'))!;
    expect(line).toMatch(/: 13 — sku-2 \(SKU-1\), .* and 3 more \(all of them: skus\.csv with --out, or --json\)/);
    expect(line.match(/\(SKU-1\)/g)).toHaveLength(10);
  }, 60_000);
});

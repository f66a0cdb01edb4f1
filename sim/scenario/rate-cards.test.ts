import { storeOf } from '../engine/store.ts';
import { writeFile } from 'node:fs/promises';
import modes from '../../data/modes.json' with { type: 'json' };
import { dirname, join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { DiagnosticsError } from '../errors.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import { column, totals } from '../engine/records.ts';
import { summarise } from '../engine/summarise.ts';
import type { SimPlan } from '../engine/plan.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import type { ScenarioFile } from './schema.ts';
import { scenarioSpec, writeScenario } from './testing.ts';

const HEAD = 'destination,max_weight_kg,service,price_cny,days_min,days_max,basis\n';
const HH = 'destination,mode,min_m3,cny_per_kg,cny_per_m3,cny_per_container,container_m3,min_charge_cny,days_min,days_max,basis\n';

/** Writes the scenario and the given CSV files beside it; returns the scenario path. */
async function withCards(spec: ScenarioFile, files: Record<string, string>): Promise<string> {
  const path = await writeScenario(spec);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dirname(path), name), content);
  return path;
}

const plan = (scenarioFile: string) => preparePlan({ rulesDir: RULES_DIR, scenarioFile });
const comp = (p: SimPlan, recs: Float64Array, mode: 'jit' | 'warehouse' | 'direct', name: string) => column(recs, p.layout, p.layout.modes[mode].component + p.layout.modes[mode].components.indexOf(name))[0]!;
const messages = async (f: string) => {
  try {
    await plan(f);
    return [];
  } catch (e) {
    if (!(e instanceof DiagnosticsError)) throw e;
    return e.diagnostics.map((d) => `(${d.location.pointer}): ${d.message.en} — ${d.remedy.en}`);
  }
};
const expected = { ordersPerDay: 10, arrivals: 'expected' as const };
const ORDERS = 310; // January 2025 × 10/day

group('client rate cards', () => {
  it('replace the shipped card: the JIT and direct logistics and the last mile are priced from the client files', async () => {
    const f = await withCards(
      scenarioSpec({ demand: expected, rateCards: { jitLogistics: { file: 'jit.csv', multiplier: 1 }, direct: { file: 'direct.csv', multiplier: 1 }, warehouseLastMile: { file: 'lm.csv', multiplier: 1 }, warehouseHeadhaul: { file: 'hh.csv', multiplier: 1 } } }),
      { 'jit.csv': `${HEAD}ES,1,standard,20,6,9,source:client quote 2025-01\n`, 'direct.csv': `${HEAD}ES,1,standard,21,9,14,source:client quote 2025-01\n`, 'lm.csv': `${HEAD}ES,1,standard,30,1,2,source:client quote\n`, 'hh.csv': `${HH}ES,sea-lcl,0,20,0,0,0,0,30,30,source:forwarder quote\n` },
    );
    const p = await plan(f);
    const recs = await createRunner(p, null).run(1, 0, 1);
    expect(comp(p, recs, 'jit', 'logistics')).toBeCloseTo(ORDERS * 20, 6);
    expect(comp(p, recs, 'direct', 'logistics')).toBeCloseTo(ORDERS * 21, 6);
    expect(comp(p, recs, 'warehouse', 'lastMile')).toBeCloseTo(ORDERS * 30, 6);
    const s = summarise(p, storeOf(p, recs), 1);
    // head-haul: 20 CNY per kg of every unit shipped (the launch stock: what was sold + what is left, nothing in transit after one month)
    const shipped = s.inventory.servedUnits.mean + s.inventory.endStockValue.mean / (p.scenario.spec.skus[0]!.unitCostCny as number);
    expect(s.inventory.fillRate.mean).toBe(1);
    expect(comp(p, recs, 'warehouse', 'headhaul')).toBeCloseTo(shipped * 0.5 * 20, 6);
    expect(s.inventory.optionShare['sea-lcl']).toBe(1);
    expect(s.rateCards.legs.jitLogistics).toMatchObject({ file: 'jit.csv', client: true });
    expect(s.rateCards.lanes).toContainEqual({ leg: 'jitLogistics', destination: 'ES', service: 'standard', maxWeightKg: 1, file: 'jit.csv', origin: 'client', laneMultiplier: 1, uncertainty: '/rateCards/jitLogistics/multiplier' });
    expect(s.rateCards.lanes).toContainEqual({ leg: 'warehouseHeadhaul', destination: 'ES', service: 'sea-lcl', maxWeightKg: null, file: 'hh.csv', origin: 'client', laneMultiplier: 1, uncertainty: '/rateCards/warehouseHeadhaul/multiplier' });
    // the client's delivery days (9–14 in transit) feed the delivery-time output, after direct's dispatch time (data/modes.json)
    const dispatch = modes.params.dispatchDaysDirect.value;
    expect(s.modes.direct.deliveryDays.p50).toBeGreaterThanOrEqual(Math.floor(9 + dispatch));
    expect(s.modes.direct.deliveryDays.p95).toBeLessThanOrEqual(Math.ceil(14 + dispatch));
  });

  it('a lane the client card does not cover is an error listing the missing lanes, unless fallback is "shipped"', async () => {
    const spec = scenarioSpec({ demand: expected, skus: [{ id: 'a', category: 'apparel', share: 1, weightKg: { dist: 'uniform', min: 0.3, max: 1.5 }, unitCostCny: 40, priceCny: 100, jitTagged: true }], rateCards: { jitLogistics: { file: 'jit.csv', multiplier: 1 } } });
    const card = `${HEAD}ES,0.5,standard,14,6,9,source:client quote\nES,1,standard,19,6,9,source:client quote\n`;
    const m = await messages(await withCards(spec, { 'jit.csv': card }));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^\(\/rateCards\/jitLogistics\/file\): jit\.csv does not cover 1 lane\(s\) this scenario uses: ES standard > 1 kg \(up to 1\.5 kg\) — add these rows to the client card, or set "fallback": "shipped"/);
    const p = await plan(await withCards({ ...spec, rateCards: { jitLogistics: { file: 'jit.csv', fallback: 'shipped', multiplier: 1 } } }, { 'jit.csv': card }));
    const lanes = p.scenario.cards.lanes.filter((l) => l.leg === 'jitLogistics');
    expect(lanes.find((l) => l.maxWeightKg === 0.5)).toMatchObject({ origin: 'client', file: 'jit.csv' });
    expect(lanes.find((l) => l.maxWeightKg === 2)).toMatchObject({ origin: 'shipped', file: 'data/rates/jit-logistics.csv' });
    // an unreadable file is located at its field
    const gone = await messages(await writeScenario(scenarioSpec({ rateCards: { direct: { file: 'nope.csv' } } })));
    expect(gone[0]).toMatch(/^\(\/rateCards\/direct\/file\): cannot read the rate card/);
  });

  it('lanes falling back to the shipped card carry the shipped card\'s default uncertainty (data/rate-uncertainty.json), recorded per lane', async () => {
    const card = `${HEAD}ES,0.5,standard,14,6,9,source:client quote\n`;
    const sku = (w: number) => [{ id: 'a', category: 'apparel', share: 1, weightKg: w, unitCostCny: 40, priceCny: 100, jitTagged: true }];
    const rateCards = { jitLogistics: { file: 'jit.csv', fallback: 'shipped' as const, multiplier: 1 }, direct: { multiplier: 1 }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { file: 'hh.csv', fallback: 'shipped' as const, multiplier: 1 } };
    const hh = `${HH}PL,sea-lcl,0,9,0,0,0,0,30,40,source:forwarder quote\n`;
    const heavy = await plan(await withCards(scenarioSpec({ demand: expected, skus: sku(1.5), rateCards }), { 'jit.csv': card, 'hh.csv': hh }));
    const light = await plan(await withCards(scenarioSpec({ demand: expected, skus: sku(0.4), rateCards }), { 'jit.csv': card, 'hh.csv': hh }));
    const fb = heavy.scenario.inputs.find((x) => x.pointer === '/rateCards/jitLogistics/fallbackMultiplier')!;
    expect(fb.json).toEqual({ dist: 'pert', min: 0.8, mode: 1, max: 1.35 });
    expect(heavy.scenario.inputs.find((x) => x.pointer === '/rateCards/warehouseHeadhaul/fallbackMultiplier')!.json).toEqual({ dist: 'pert', min: 0.8, mode: 1, max: 1.5 });
    expect(heavy.scenario.cards.lanes.find((l) => l.leg === 'jitLogistics' && l.maxWeightKg === 2)).toMatchObject({ origin: 'shipped', uncertainty: '/rateCards/jitLogistics/fallbackMultiplier' });
    expect(heavy.scenario.cards.lanes.find((l) => l.leg === 'warehouseHeadhaul')).toMatchObject({ origin: 'shipped', file: 'data/rates/warehouse-headhaul.csv', uncertainty: '/rateCards/warehouseHeadhaul/fallbackMultiplier' });
    const rh = await createRunner(heavy, null).run(4, 0, 40);
    const L = heavy.layout;
    const logistics = column(rh, L, L.modes.jit.component + L.modes.jit.components.indexOf('logistics'));
    const mult = column(rh, L, L.inputs + heavy.scenario.inputs.indexOf(fb));
    // the shipped ES ≤ 2 kg standard rate × this trial's draw of the default multiplier
    const base = logistics[0]! / mult[0]!;
    for (let i = 0; i < 40; i++) expect(logistics[i]!).toBeCloseTo(base * mult[i]!, 6);
    expect(Math.max(...mult) - Math.min(...mult)).toBeGreaterThan(0.1);
    const hhCost = column(rh, L, L.modes.warehouse.component + L.modes.warehouse.components.indexOf('headhaul'));
    const hm = column(rh, L, L.inputs + heavy.scenario.inputs.findIndex((x) => x.pointer === '/rateCards/warehouseHeadhaul/fallbackMultiplier'));
    for (let i = 0; i < 40; i++) expect(hhCost[i]! / hm[i]!).toBeCloseTo(hhCost[0]! / hm[0]!, 6);
    // the client's own lane keeps the client's multiplier (1): no variance
    const rl = await createRunner(light, null).run(4, 0, 10);
    const ll = column(rl, light.layout, light.layout.modes.jit.component + light.layout.modes.jit.components.indexOf('logistics'));
    for (let i = 0; i < 10; i++) expect(ll[i]!).toBeCloseTo(ORDERS * 14, 6);
  });

  it('applies lane multipliers ("CC/<kg>" wins over "CC") and rejects lanes the card does not have', async () => {
    const f = await writeScenario(scenarioSpec({ demand: expected, rateCards: { jitLogistics: { multiplier: 1, laneMultipliers: { ES: 0.5, 'ES/0.5': 1.1 } }, direct: { multiplier: 1, laneMultipliers: { ES: 0.9 } }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { multiplier: 1 } } }));
    const p = await plan(f);
    const recs = await createRunner(p, null).run(1, 0, 1);
    expect(comp(p, recs, 'jit', 'logistics')).toBeCloseTo(ORDERS * 14.2 * 1.1, 6);
    expect(comp(p, recs, 'direct', 'logistics')).toBeCloseTo(ORDERS * 18.44 * 0.9, 6);
    const bad = await messages(await writeScenario(scenarioSpec({ rateCards: { direct: { laneMultipliers: { ZW: 1.1, 'ES/0.7': 1 } }, warehouseHeadhaul: { laneMultipliers: { 'ES/1': 1.2 } } } })));
    expect(bad).toEqual([
      expect.stringMatching(/^\(\/rateCards\/direct\/laneMultipliers\/ZW\): ZW is not a destination of the direct card/),
      expect.stringMatching(/^\(\/rateCards\/direct\/laneMultipliers\/ES~10\.7\): 0\.7 kg is not a weight bracket of the direct card — use one of the brackets: 0\.1, 0\.25, 0\.5/),
      expect.stringMatching(/^\(\/rateCards\/warehouseHeadhaul\/laneMultipliers\/ES~11\): head-haul is priced per kg/),
    ]);
  });

  it('gives shipped cards their default uncertainty (data/rate-uncertainty.json), sampled once per trial, and a scenario multiplier replaces it', async () => {
    const { rateCards: _r, ...noCards } = scenarioSpec({ demand: expected });
    void _r;
    const p = await plan(await writeScenario(noCards as ScenarioFile));
    expect(p.scenario.defaultUncertainty).toEqual(['jitLogistics', 'direct', 'warehouseLastMile', 'warehouseHeadhaul']);
    const jm = p.scenario.inputs.find((x) => x.pointer === '/rateCards/jitLogistics/multiplier')!;
    expect(jm.dist.support).toEqual([0.8, 1.35]);
    const recs = await createRunner(p, null).run(3, 0, 200);
    const logistics = column(recs, p.layout, p.layout.modes.jit.component + p.layout.modes.jit.components.indexOf('logistics'));
    const mult = column(recs, p.layout, p.layout.inputs + p.scenario.inputs.indexOf(jm));
    for (let i = 0; i < 200; i++) expect(logistics[i]).toBeCloseTo(ORDERS * 14.2 * mult[i]!, 6);
    // the JIT and direct multipliers are rank-correlated (both cards come from the same anchor)
    const dm = column(recs, p.layout, p.layout.inputs + p.scenario.inputs.findIndex((x) => x.pointer === '/rateCards/direct/multiplier'));
    const { sampleRankCorrelation } = await import('simple-statistics');
    expect(sampleRankCorrelation(Array.from(mult), Array.from(dm))).toBeGreaterThan(0.5);
    const own = await plan(await writeScenario(scenarioSpec({ rateCards: { direct: { multiplier: { dist: 'uniform', min: 0.95, max: 1.15 } } } })));
    expect(own.scenario.defaultUncertainty).toEqual(['jitLogistics', 'warehouseLastMile', 'warehouseHeadhaul']);
    expect(own.scenario.inputs.find((x) => x.pointer === '/rateCards/direct/multiplier')!.dist.support).toEqual([0.95, 1.15]);
  });

  it('makes P(cheapest) fall below 100 % where the client cards overlap', async () => {
    // JIT 15–17.5, direct 16 per parcel: which is cheaper depends on the trial's multipliers
    const f = await withCards(
      scenarioSpec({ demand: { ordersPerDay: 30 }, rateCards: { jitLogistics: { file: 'jit.csv', multiplier: { dist: 'uniform', min: 0.85, max: 1.15 } }, direct: { file: 'direct.csv', multiplier: { dist: 'uniform', min: 0.9, max: 1.1 } } } }),
      { 'jit.csv': `${HEAD}ES,1,standard,13.5,6,9,source:client quote\n`, 'direct.csv': `${HEAD}ES,1,standard,16.5,9,14,source:client quote\n` },
    );
    const p = await plan(f);
    const recs = await createRunner(p, null).run(5, 0, 400);
    const s = summarise(p, storeOf(p, recs), 5);
    expect(s.modes.jit.pCheapest).toBeGreaterThan(0.05);
    expect(s.modes.direct.pCheapest).toBeGreaterThan(0.05);
    expect(s.modes.jit.pCheapest! + s.modes.direct.pCheapest! + s.modes.warehouse.pCheapest!).toBeCloseTo(1, 9);
    expect(totals(recs, p.layout, 'jit').length).toBe(400);
  });
});

group('a warehouse serving several countries', () => {
  it('prices the site country by its domestic card and the other destinations by the cross-border card, with their delivery days', async () => {
    const spec = scenarioSpec({
      demand: expected,
      destinations: [
        { country: 'PL', share: 1, service: 'standard' },
        { country: 'ES', share: 1, service: 'standard' },
      ],
      warehouse: { sites: { PL: ['PL', 'ES'] } },
    });
    const p = await plan(await writeScenario(spec));
    const lanes = p.scenario.cards.lanes.filter((l) => l.leg === 'warehouseLastMile');
    expect(lanes.find((l) => l.destination === 'PL')).toMatchObject({ file: 'data/rates/warehouse-last-mile.csv', maxWeightKg: 0.5 });
    expect(lanes.find((l) => l.destination === 'ES')).toMatchObject({ file: 'data/rates/warehouse-cross-border.csv', maxWeightKg: 0.5 });
    const recs = await createRunner(p, null).run(1, 0, 1);
    // PL ≤ 0.5 kg domestic 17.25; ES ≤ 0.5 kg cross-border 26.25 × 1.3 + 8 + 0.75 = 42.88 (data/rates/warehouse-cross-border.csv)
    expect(comp(p, recs, 'warehouse', 'lastMile')).toBeCloseTo((ORDERS / 2) * 17.25 + (ORDERS / 2) * 42.88, 6);
    const s = summarise(p, storeOf(p, recs), 1);
    expect(s.modes.warehouse.deliveryDays.p95).toBeGreaterThanOrEqual(6); // ES from PL: 4–7 days
  });
});

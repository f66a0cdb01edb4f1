/**
 * The 3PL overseas warehouse (mode 4), worked out by hand: each fee of one order, the storage of a
 * known stock, a client tariff replacing the shipped one, and a mode switched off by the scenario.
 */
import { storeOf } from './store.ts';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TplParams, WarehouseParams } from '../data/data-set.ts';
import { tplCnyPerReturn, tplInboundCnyPerOrder, tplLongTermCny, tplLongTermShare, tplPickPackCnyPerOrder, tplStorageCny } from '../models/tpl.ts';
import { STOCK_FIELDS } from '../inventory/trial.ts';
import { warehouseStockM3 } from '../models/warehouse.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { preparePlan } from './prepare.ts';
import { column } from './records.ts';
import { createRunner } from './runner.ts';
import { summarise } from './summarise.ts';
import { breakEvens } from './break-even.ts';
import type { SimPlan } from './plan.ts';

const W = { daysOfCover: 90, stockDensityKgPerM3: 100, returnResaleRate: 0.7 } as WarehouseParams;
const T: TplParams = { inboundUnit: 'carton', inboundCnyPerUnit: 5, inboundUnitM3: 0.05, storageCnyPerM3Day: 2, longTermAfterDays: 60, longTermSurchargeCnyPerM3Day: 3, pickPackCnyPerOrder: 4, pickPackCnyPerExtraItem: 1.5, labelCnyPerOrder: 1, returnHandlingCnyPerReturn: 10 };

describe('3PL fees of one order (sim/models/tpl.ts)', () => {
  it('prices each fee as the tariff publishes it', () => {
    // 1 kg at 100 kg/m³ = 0.01 m³ = 0.2 cartons of 0.05 m³ × 5 CNY
    expect(tplInboundCnyPerOrder(W, T, 1)).toBeCloseTo(1, 12);
    // 3 items: 4 for the order (first item) + 2 extra × 1.5
    expect(tplPickPackCnyPerOrder(T, 3)).toBe(7);
    expect(tplPickPackCnyPerOrder(T, 1)).toBe(4);
    // a return: 10 handling + 30 % of a 20 CNY unit not resold
    expect(tplCnyPerReturn(W, T, 20)).toBeCloseTo(16, 12);
  });

  it('stores a known stock: 10 kg/day × 90 days ÷ 100 kg/m³ = 9 m³; a third of its stock-days past 60 days pay the surcharge', () => {
    const m3 = warehouseStockM3(W, 10, 1, W.daysOfCover);
    expect(m3).toBeCloseTo(9, 12);
    expect(tplStorageCny(T, m3, 30)).toBeCloseTo(9 * 2 * 30, 9);
    expect(tplLongTermShare(W.daysOfCover, T)).toBeCloseTo(1 / 3, 12);
    expect(tplLongTermCny(W.daysOfCover, T, m3, 30)).toBeCloseTo(9 * (1 / 3) * 3 * 30, 9);
    // stock that sells within the free period pays no surcharge
    expect(tplLongTermCny(45, T, m3, 30)).toBe(0);
  });
});

async function planOf(spec: ScenarioFile, file?: string): Promise<SimPlan> {
  return preparePlan({ rulesDir: RULES_DIR, scenarioFile: file ?? (await writeScenario(spec)) });
}
const comp = (plan: SimPlan, recs: Float64Array, name: string) => {
  const ml = plan.layout.modes.tpl;
  return column(recs, plan.layout, ml.component + ml.components.indexOf(name))[0]!;
};

describe('the 3PL mode in a trial (January 2025: 31 days × 10 orders to ES, 0.5 kg, unit cost 40)', () => {
  it('reproduces every component by hand (shipped defaults: no ES entry in data/tpl.json)', async () => {
    const plan = await planOf(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, thirdPartyWarehouse: { itemsPerOrder: 3 }, overrides: { 'warehouse.daysOfCover': 90 } }));
    const recs = await createRunner(plan, null).run(7, 0, 1);
    const orders = 310;
    // the stock is the self-run warehouse's (sim/inventory/): storage on its mean volume on hand —
    // mean stock value ÷ unit cost 40 = units, × 0.5 kg ÷ 150 kg/m³ — at 4 CNY/m³·day for 31 days
    const onHandValue = column(recs, plan.layout, plan.layout.stock.fields + STOCK_FIELDS.indexOf('onHandValueMean'))[0]!;
    expect(onHandValue).toBeGreaterThan(0);
    const m3 = ((onHandValue / 40) * 0.5) / 150;
    expect(comp(plan, recs, 'storage')).toBeCloseTo(m3 * 4 * 31, 6);
    // units older than 60 days pay 4 CNY/m³·day more: a share of the stock-days in [0, 1)
    const longTerm = comp(plan, recs, 'longTermStorage');
    expect(longTerm).toBeGreaterThanOrEqual(0);
    expect(longTerm).toBeLessThan(m3 * 4 * 31);
    expect(comp(plan, recs, 'inbound')).toBeCloseTo(orders * (0.5 / 150 / 0.06) * 5, 6);
    expect(comp(plan, recs, 'pickPack')).toBeCloseTo(orders * (7 + 2 * 1.5), 6);
    expect(comp(plan, recs, 'label')).toBeCloseTo(orders * 1.5, 6);
    // the same stock, so the same head-haul freight (shipments of the site's freight option) as the self-run warehouse; last mile 26.25
    const W0 = plan.layout.modes.warehouse;
    expect(comp(plan, recs, 'headhaul')).toBeCloseTo(column(recs, plan.layout, W0.component + W0.components.indexOf('headhaul'))[0]!, 9);
    expect(comp(plan, recs, 'headhaul')).toBeGreaterThan(0);
    expect(comp(plan, recs, 'lastMile')).toBeCloseTo(orders * 26.25, 6);
    // returns: 1 % × (12 handling + 30 % × 40 not resold)
    expect(comp(plan, recs, 'returns')).toBeCloseTo(orders * 0.01 * (12 + 0.3 * 40), 6);
    // same capital cost of stock as the self-run warehouse; no start-up, so less cash tied up
    const W_ = plan.layout.modes.warehouse;
    expect(comp(plan, recs, 'capital')).toBeCloseTo(column(recs, plan.layout, W_.component + W_.components.indexOf('capital'))[0]!, 9);
    const cashTpl = column(recs, plan.layout, plan.layout.modes.tpl.cash)[0]!;
    const cashWh = column(recs, plan.layout, W_.cash)[0]!;
    expect(cashWh - cashTpl).toBeCloseTo(75000, 6);
    // the total is the sum of its components
    const ml = plan.layout.modes.tpl;
    const sum = ml.components.reduce((a, _c, k) => a + column(recs, plan.layout, ml.component + k)[0]!, 0);
    expect(column(recs, plan.layout, ml.total)[0]!).toBeCloseTo(sum, 6);
  });

  it("prices with the client's tariff where it gives a figure, scaled by thirdPartyWarehouse.multiplier", async () => {
    const file = await writeScenario(scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, thirdPartyWarehouse: { tariff: 'client-3pl.json', multiplier: 2 } }));
    await writeFile(join(dirname(file), 'client-3pl.json'), JSON.stringify({ description: { en: 'quote', zh: '报价' }, defaults: {}, markets: { ES: { pickPackCnyPerOrder: { value: 9, unit: 'CNY/order', basis: 'source:client quote 2026-11' } } } }));
    const plan = await planOf(scenarioSpec(), file);
    const recs = await createRunner(plan, null).run(7, 0, 1);
    expect(comp(plan, recs, 'pickPack')).toBeCloseTo(310 * 9 * 2, 6);
    expect(comp(plan, recs, 'label')).toBeCloseTo(310 * 1.5 * 2, 6);
    const s = summarise(plan, storeOf(plan, recs), 7);
    expect(s.thirdPartyWarehouse).toMatchObject({ client: true, multiplier: 2, itemsPerOrder: 1 });
    expect(s.thirdPartyWarehouse.sites.ES!.pickPackCnyPerOrder).toBe(9);
  });

  it('reports a bad client tariff at its file, line and pointer', async () => {
    const file = await writeScenario(scenarioSpec({ thirdPartyWarehouse: { tariff: 'bad.json' } }));
    await writeFile(join(dirname(file), 'bad.json'), '{\n  "description": { "en": "q", "zh": "报" },\n  "defaults": { "pickPackCnyPerOrder": { "value": -1, "basis": "source:x" } },\n  "markets": { "ES": { "storage": { "value": 1, "basis": "source:x" } } }\n}\n');
    await expect(planOf(scenarioSpec(), file)).rejects.toThrow(/bad\.json:3:\d+ \(\/defaults\/pickPackCnyPerOrder\/value\): "pickPackCnyPerOrder" must be a number ≥ 0/);
    await expect(planOf(scenarioSpec(), file)).rejects.toThrow(/\(\/markets\/ES\/storage\): unknown 3PL tariff param "storage"/);
  });
});

describe('a mode switched off by the scenario (modesOff)', () => {
  it('has no P(cheapest), no difference and no break-even, and the comparison is among the rest', async () => {
    const plan = await planOf(scenarioSpec({ modesOff: ['warehouse'] }));
    const runner = createRunner(plan, null);
    const recs = await runner.run(3, 0, 20);
    const s = summarise(plan, storeOf(plan, recs), 3);
    expect(s.modesOff).toEqual(['warehouse']);
    expect(s.availableModes).toEqual(['jit', 'direct', 'tpl']);
    expect(s.modes.warehouse.pCheapest).toBeNull();
    expect(s.modes.jit.pCheapest! + s.modes.direct.pCheapest! + s.modes.tpl.pCheapest!).toBeCloseTo(1, 9);
    expect(s.differences.map((d) => d.pair.join('-'))).toEqual(['jit-direct', 'jit-tpl', 'direct-tpl']);
    const be = await breakEvens(plan, runner, 3, 4);
    expect(be.some((b) => b.pair.includes('warehouse'))).toBe(false);
    await runner.close();
  });

  it('is refused when no mode is left (JIT unavailable and the others off), and an unknown mode is a schema error', async () => {
    const blocked = scenarioSpec({ modesOff: ['warehouse', 'direct', 'tpl'], skus: [{ id: 'x', category: 'apparel', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 100, jitTagged: false }] });
    await expect(planOf(blocked)).rejects.toThrow(/\(\/modesOff\): every mode is switched off or unavailable/);
    await expect(planOf({ ...scenarioSpec(), modesOff: ['boat'] } as unknown as ScenarioFile)).rejects.toThrow(/\/modesOff\/0/);
  });

  it('shows as "switched off" in the simulate summary and in --json', async () => {
    const file = await writeScenario(scenarioSpec({ modesOff: ['direct'] }));
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', file, '--trials', '20', '--seed', '1', '--workers', '1', '--no-break-even'], io), io.stderr).toBe(0);
    expect(io.stdout).toMatch(/Switched off \(scenario modesOff\): Direct shipping/);
    // like an unavailable mode: its row has no figures of its own
    expect(io.stdout).toMatch(/^Direct shipping +switched off \(see above\): no cost, P\(cheapest\), saving or break-even$/m);
    expect(io.stdout).toMatch(/3PL warehouse/);
    // nor rows in the landed-cost and profit tables (the other modes' rows are there)
    expect(io.stdout).not.toMatch(/^Direct from China +[\d,]/m);
    expect(io.stdout).toMatch(/^3PL warehouse +[\d,]/m);
    const j = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', file, '--trials', '20', '--seed', '1', '--workers', '1', '--no-break-even', '--json'], j), j.stderr).toBe(0);
    const s = JSON.parse(j.stdout);
    expect(s.modesOff).toEqual(['direct']);
    expect(s.modes.direct.pCheapest).toBeNull();
    expect(s.modes.tpl.componentsCny).toHaveProperty('pickPack');
    expect(s.differences.some((d: { pair: string[] }) => d.pair.includes('direct'))).toBe(false);
  });
});

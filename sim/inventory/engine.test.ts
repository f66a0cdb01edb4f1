/**
 * The stock inside the simulator: stock-outs priced by the scenario's policy, the freight option
 * used, stock built ahead of a seasonal peak, and records that do not depend on how trials are split.
 */
import { storeOf } from '../engine/store.ts';
import { describe, expect, it } from 'vitest';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import { column } from '../engine/records.ts';
import { summarise } from '../engine/summarise.ts';
import type { SimPlan } from '../engine/plan.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { STOCK_FIELDS } from './trial.ts';

const plan = async (over: Partial<ScenarioFile>) => preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(scenarioSpec(over)) });
const comp = (p: SimPlan, recs: Float64Array, mode: 'warehouse' | 'direct', name: string) => column(recs, p.layout, p.layout.modes[mode].component + p.layout.modes[mode].components.indexOf(name));
const field = (p: SimPlan, recs: Float64Array, f: (typeof STOCK_FIELDS)[number]) => column(recs, p.layout, p.layout.stock.fields + STOCK_FIELDS.indexOf(f));

// no safety stock (50 % service level) and a volatile demand: stock-outs happen; no returns, so a stock-out shipped direct costs exactly direct's rate
const volatile = (stockout: 'direct' | 'lost'): Partial<ScenarioFile> => ({ horizonMonths: 4, demand: { ordersPerDay: 10, dispersion: 0.8 }, returns: { jitRate: 0 }, warehouse: { freight: 'sea-lcl', stockout }, overrides: { 'warehouse.serviceLevel': 0.5, 'warehouse.daysOfCover': 5 } });

describe('warehouse stock in the simulator', () => {
  it('prices a stock-out as a lost margin or as a direct shipment, on the same order flow', async () => {
    const lost = await plan(volatile('lost'));
    const direct = await plan(volatile('direct'));
    const rl = await createRunner(lost, null).run(7, 0, 40);
    const rd = await createRunner(direct, null).run(7, 0, 40);
    const shortL = field(lost, rl, 'shortUnits');
    const shortD = field(direct, rd, 'shortUnits');
    expect(shortL.some((x) => x > 1)).toBe(true);
    const perOrderDirect = comp(direct, rd, 'direct', 'logistics')[0]! / column(rd, direct.layout, direct.layout.modes.direct.orders)[0]!;
    for (let i = 0; i < 40; i++) {
      // the same flow and the same stock (the policy only changes what a stock-out costs)
      expect(shortD[i]).toBeCloseTo(shortL[i]!, 9);
      expect(comp(lost, rl, 'warehouse', 'stockout')[i]).toBeCloseTo(shortL[i]! * (100 - 40), 6);
      expect(comp(direct, rd, 'warehouse', 'stockout')[i]).toBeCloseTo(shortD[i]! * perOrderDirect, 6);
      const demand = field(lost, rl, 'demandUnits')[i]!;
      expect(field(lost, rl, 'servedUnits')[i]! + shortL[i]!).toBeCloseTo(demand, 6);
    }
    const s = summarise(lost, storeOf(lost, rl), 7).inventory;
    expect(s.stockoutPolicy).toBe('lost');
    expect(s.fillRate.mean).toBeLessThan(1);
    expect(s.pAnyStockout).toBeGreaterThan(0);
    expect(s.optionShare['sea-lcl']).toBe(1);
  });

  it('uses the fixed freight option, and auto picks one of the site\'s options', async () => {
    const air = await plan({ horizonMonths: 3, warehouse: { freight: 'air' } });
    const sAir = summarise(air, storeOf(air, await createRunner(air, null).run(1, 0, 8)), 1).inventory;
    expect(sAir.optionShare.air).toBe(1);
    const fcl = await plan({ horizonMonths: 3, warehouse: { freight: 'sea-fcl' } });
    const sFcl = summarise(fcl, storeOf(fcl, await createRunner(fcl, null).run(1, 0, 8)), 1).inventory;
    // a slower option holds more stock in transit
    expect(sFcl.inTransitValueMean.mean).toBeGreaterThan(sAir.inTransitValueMean.mean);
    const auto = await plan({ horizonMonths: 3 });
    const sAuto = summarise(auto, storeOf(auto, await createRunner(auto, null).run(1, 0, 8)), 1).inventory;
    expect(Object.values(sAuto.optionShare).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('builds stock ahead of a seasonal peak', async () => {
    const run = async (yearly: number[]) => {
      const p = await plan({ horizonMonths: 6, demand: { ordersPerDay: 20, arrivals: 'expected', yearly }, warehouse: { freight: 'sea-lcl' } });
      return summarise(p, storeOf(p, await createRunner(p, null).run(1, 0, 2)), 1).inventory;
    };
    const flat = await run([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const peak = await run([1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1]);
    // April sells three times as much: the stock on hand in March, before the peak, is far above the flat case's
    expect(peak.monthlyOnHandValue[2]!).toBeGreaterThan(1.3 * flat.monthlyOnHandValue[2]!);
    expect(peak.stockoutUnits.mean).toBe(0);
  });

  it('gives each trial the same record however the trials are split', async () => {
    const p = await plan(volatile('direct'));
    const all = await createRunner(p, null).run(3, 0, 6);
    const a = await createRunner(p, null).run(3, 0, 2);
    const b = await createRunner(p, null).run(3, 2, 6);
    const bytes = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    expect(bytes(all).equals(Buffer.concat([bytes(a), bytes(b)]))).toBe(true);
  });
});

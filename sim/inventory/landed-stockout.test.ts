/**
 * Stock-outs in the profit view (sim/landed/trial.ts): a lost sale brings no revenue, no unit cost,
 * no duty and no tax, and its margin (charged by the cost view) is not charged again; a stock-out
 * shipped direct is a direct parcel — direct's freight, duties and taxes. Hand-checked on one order
 * flow: the plan forecasts 5 orders a day, the trial sells 10 (expected arrivals, a fixed lead time).
 */
import { describe, expect, it } from 'vitest';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import { column, totals } from '../engine/records.ts';
import type { SimPlan } from '../engine/plan.ts';
import { LANDED_FIELDS } from '../landed/trial.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { compileStockPlan } from './plan.ts';
import { landedSummary } from '../landed/summary.ts';
import { formatLanded } from '../landed/format.ts';
import { storeOf } from '../engine/store.ts';
import { STOCK_FIELDS } from './trial.ts';

async function flow(stockout: 'direct' | 'lost', minFillRate?: number) {
  const spec = scenarioSpec({ horizonMonths: 3, demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0 }, profit: { salesEffect: false, ...(minFillRate === undefined ? {} : { minFillRate }) }, warehouse: { freight: 'sea-lcl', stockout }, overrides: { 'warehouse.serviceLevel': 0.5, 'warehouse.daysOfCover': 30 } });
  const p = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
  // the seller planned for 5 a day; lead time fixed at the option's mean
  const options = p.stock.options.map((row) => row.map((o) => (o ? { ...o, daysMin: (o.daysMin + o.daysMax) / 2, daysMax: (o.daysMin + o.daysMax) / 2 } : null)));
  const plan: SimPlan = { ...p, stock: compileStockPlan({ options, fixed: p.stock.fixed, days: p.days, monthOf: p.monthOf, season: p.season, ordersPerDay: 5, monthlyGrowth: 0, dispersion: 0, siteOf: p.scenario.siteOf, destShare: p.destShare, skuShare: p.skuShare, sites: p.scenario.sites.length }) };
  const recs = await createRunner(plan, null).run(3, 0, 1);
  const L = plan.layout;
  const landed = (m: 'warehouse' | 'direct' | 'tpl', f: (typeof LANDED_FIELDS)[number]) => recs[L.landed[m].fields + LANDED_FIELDS.indexOf(f)]!;
  const comp = (m: 'warehouse' | 'direct' | 'tpl', c: string) => recs[L.modes[m].component + L.modes[m].components.indexOf(c)]!;
  const stock = (f: (typeof STOCK_FIELDS)[number]) => column(recs, L, L.stock.fields + STOCK_FIELDS.indexOf(f))[0]!;
  return { plan, recs, summary: () => landedSummary(plan, storeOf(plan, recs)), landed, comp, stock, total: (m: 'warehouse' | 'direct' | 'tpl') => totals(recs, L, m)[0]! };
}

describe('stock-outs in the landed and profit view', () => {
  it('a lost sale leaves revenue, unit cost, duties and taxes; its margin is not charged twice', async () => {
    const r = await flow('lost');
    const short = r.stock('shortUnits');
    const served = r.stock('servedUnits');
    expect(short).toBeGreaterThan(10);
    expect(served + short).toBeCloseTo(r.stock('demandUnits'), 9);
    // price 100, unit cost 40 CNY (reporting CNY), no returns: only the served orders are sold
    for (const m of ['warehouse', 'tpl'] as const) {
      expect(r.landed(m, 'revenue'), m).toBeCloseTo(100 * served, 6);
      expect(r.landed(m, 'unitCost'), m).toBeCloseTo(40 * served, 6);
      // the cost view charges the lost margin (100 − 40 per order); the profit view leaves it out
      expect(r.comp(m, 'stockout'), m).toBeCloseTo(60 * short, 6);
      const profit = r.landed(m, 'revenue') - r.landed(m, 'unitCost') - r.landed(m, 'duties') - r.landed(m, 'taxes') - (r.total(m) - r.comp(m, 'stockout'));
      expect(r.landed(m, 'profit'), m).toBeCloseTo(profit, 6);
      // orders: the demand (lost ones included)
      expect(r.landed(m, 'orders'), m).toBeCloseTo(r.stock('demandUnits'), 6);
    }
    // the self-run warehouse's fixed costs are rent, system and start-up; the stock's costs are variable
    expect(r.landed('warehouse', 'fixed')).toBeCloseTo(r.comp('warehouse', 'rent') + r.comp('warehouse', 'system') + r.comp('warehouse', 'startup'), 6);
  });

  it('a stock-out shipped direct is priced at direct\'s freight, duties and taxes', async () => {
    const lost = await flow('lost');
    const r = await flow('direct');
    const short = r.stock('shortUnits');
    const served = r.stock('servedUnits');
    // the same flow and the same stock: the policy only changes what a stock-out costs and earns
    expect(short).toBeCloseTo(lost.stock('shortUnits'), 9);
    const orders = r.landed('direct', 'orders');
    const perOrder = (f: 'duties' | 'taxes') => r.landed('direct', f) / orders;
    const bulkPerServed = (f: 'duties' | 'taxes') => lost.landed('warehouse', f) / served;
    for (const m of ['warehouse', 'tpl'] as const) {
      expect(r.landed(m, 'revenue'), m).toBeCloseTo(100 * (served + short), 6);
      expect(r.landed(m, 'unitCost'), m).toBeCloseTo(40 * (served + short), 6);
      // the served orders as bulk imports, the stock-outs as direct parcels
      expect(r.landed(m, 'duties'), m).toBeCloseTo(bulkPerServed('duties') * served + perOrder('duties') * short, 6);
      expect(r.landed(m, 'taxes'), m).toBeCloseTo(bulkPerServed('taxes') * served + perOrder('taxes') * short, 6);
      // freight at direct's rate (no returns)
      expect(r.comp(m, 'stockout'), m).toBeCloseTo((short * r.comp('direct', 'logistics')) / orders, 6);
      // the whole fulfilment cost is in the profit view
      expect(r.landed(m, 'fulfilment') + r.landed(m, 'fixed'), m).toBeCloseTo(r.total(m), 6);
    }
  });

  it('a warehouse mode below the required fill rate is left out for its stock-outs, in words', async () => {
    const r = await flow('direct', 0.99);
    const fill = r.stock('servedUnits') / r.stock('demandUnits');
    expect(fill).toBeLessThan(0.99);
    const s = r.summary();
    expect(s.recommendation.excluded.filter((x) => x.reason === 'stockouts').map((x) => [x.mode, x.value])).toEqual([['warehouse', expect.closeTo(fill, 12)], ['tpl', expect.closeTo(fill, 12)]]);
    expect(s.recommendation.mode === 'warehouse' || s.recommendation.mode === 'tpl').toBe(false);
    const pct = `${(fill * 100).toFixed(1)} %`;
    expect(formatLanded(s, 'en').join('\n')).toContain(`Not recommended: 3PL warehouse runs out of stock too often: fill rate ${pct} < the required 99.0 % (profit.minFillRate)`);
    expect(formatLanded(s, 'zh').join('\n')).toContain(`不予推荐：第三方海外仓断货过多：现货满足率 ${pct} 低于要求的 99.0 %（profit.minFillRate）`);
    // without the requirement the same stock is not a reason
    expect((await flow('direct')).summary().recommendation.excluded.some((x) => x.reason === 'stockouts')).toBe(false);
  });
});

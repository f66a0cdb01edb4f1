import { storeOf } from '../engine/store.ts';
import { describe, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import type { SimPlan } from '../engine/plan.ts';
import { totals } from '../engine/records.ts';
import { LANDED_FIELDS } from './trial.ts';
import { landedSummary } from './summary.ts';
import { DiagnosticsError, formatDiagnostic } from '../errors.ts';
import { loadCostContext } from '../models/context.ts';
import { loadScenario } from '../scenario/load.ts';

async function runSpec(spec: ScenarioFile, trials = 2): Promise<{ plan: SimPlan; recs: Float64Array }> {
  const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario(spec) });
  return { plan, recs: await createRunner(plan, null).run(7, 0, trials, {}) };
}

const field = (plan: SimPlan, recs: Float64Array, mode: 'jit' | 'warehouse' | 'direct', f: (typeof LANDED_FIELDS)[number], trial = 0) => recs[trial * plan.layout.stride + plan.layout.landed[mode].fields + LANDED_FIELDS.indexOf(f)]!;
const monthly = (plan: SimPlan, recs: Float64Array, mode: 'jit' | 'warehouse' | 'direct', m: number) => recs[plan.layout.landed[mode].monthlyDutiesTaxes + m]!;

// ES, June and July 2026, 10 orders a day (expected flow), one 0.5 kg SKU sold at €20 tax-inclusive, unit cost 40 CNY, EUR at 8 CNY, results in EUR
const spec = scenarioSpec({
  startDate: '2026-06-01',
  horizonMonths: 2,
  demand: { ordersPerDay: 10, arrivals: 'expected' },
  skus: [{ id: 'tee', category: 'apparel', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 20, priceCurrency: 'EUR', jitTagged: true }],
  currency: { reporting: 'EUR', rates: { EUR: 8 } },
  // the hand computations below are at the scenario's demand (the sales effect has its own tests)
  profit: { salesEffect: false },
  warehouse: { freight: 'sea-lcl' },
});

describe('landed cost in the trial (hand-computed)', () => {
  it('the EU €3 duty from 1 July 2026 is a step in the monthly series; VAT, revenue and contribution add up', async () => {
    const { plan, recs } = await runSpec(spec);
    const vat = 20 - 20 / 1.21;
    const june = 300;
    const july = 310;
    // JIT: 1 % of routed orders come back (refunded, restocked): VAT only on kept orders, duty on every parcel
    expect(monthly(plan, recs, 'jit', 0)).toBeCloseTo(vat * june * 0.99, 6);
    expect(monthly(plan, recs, 'jit', 1)).toBeCloseTo(3 * july + vat * july * 0.99, 6);
    expect(field(plan, recs, 'jit', 'duties')).toBeCloseTo(3 * july, 6);
    // direct: every parcel keeps its revenue and pays duty and VAT
    expect(monthly(plan, recs, 'direct', 1)).toBeCloseTo(3 * july + vat * july, 6);
    // warehouse in ES: CIF = 40 + the sea-LCL head-haul per unit (an order of 60 days = 600 units, 2 m³, pays the
    // 2 m³ minimum 5,580 CNY: 9.30 per unit); 12 % duty; import VAT 21 % on CIF + duty financed for 45 days at 10 %/year
    const cif = 40 + 9.3;
    const duty = 0.12 * cif;
    const financing = 0.21 * (cif + duty) * 0.1 * (45 / 365);
    const kept = (june + july) * 0.99;
    expect(field(plan, recs, 'warehouse', 'duties')).toBeCloseTo((duty * kept) / 8, 6);
    expect(field(plan, recs, 'warehouse', 'taxes')).toBeCloseTo((financing * kept) / 8 + vat * kept, 6);
    expect(field(plan, recs, 'warehouse', 'vatPaidAtImport')).toBeCloseTo((0.21 * (cif + duty) * kept) / 8, 6);
    for (const m of ['jit', 'warehouse', 'direct'] as const) {
      // profit = revenue − unit cost − duties − taxes − the whole fulfilment cost (the record's costs are in the reporting currency too); contribution leaves out the fixed part
      const p = field(plan, recs, m, 'revenue') - field(plan, recs, m, 'unitCost') - field(plan, recs, m, 'duties') - field(plan, recs, m, 'taxes') - totals(recs, plan.layout, m)[0]!;
      expect(field(plan, recs, m, 'profit'), m).toBeCloseTo(p, 6);
      expect(field(plan, recs, m, 'contribution') - field(plan, recs, m, 'fixed'), m).toBeCloseTo(p, 6);
      expect(field(plan, recs, m, 'fulfilment') + field(plan, recs, m, 'fixed'), m).toBeCloseTo(totals(recs, plan.layout, m)[0]!, 6);
      expect(field(plan, recs, m, 'orders'), m).toBeCloseTo(610, 6);
    }
    // fixed costs: JIT's monthly base fee; the warehouse's rent, system and start-up. Its stock's costs (freight per
    // shipment, capital, write-off: priced per month by sim/inventory) are variable — the policy sizes the stock from demand
    const comp = (m: 'jit' | 'warehouse', c: string) => recs[plan.layout.modes[m].component + plan.layout.modes[m].components.indexOf(c)]!;
    expect(field(plan, recs, 'jit', 'fixed')).toBeCloseTo(comp('jit', 'baseFee'), 6);
    expect(field(plan, recs, 'warehouse', 'fixed')).toBeCloseTo(['rent', 'system', 'startup'].reduce((a, c) => a + comp('warehouse', c), 0), 6);
    expect(field(plan, recs, 'direct', 'fixed')).toBeCloseTo(0, 6);
    expect(field(plan, recs, 'jit', 'revenue')).toBeCloseTo(20 * (june + july) * 0.99, 6);
    expect(field(plan, recs, 'jit', 'unitCost')).toBeCloseTo(5 * (june + july) * 0.99, 6);
    const s = landedSummary(plan, storeOf(plan, recs));
    expect(s.reportingCurrency).toBe('EUR');
    expect(s.regimes.filter((r) => r.country === 'ES' && r.channel === 'parcel').map((r) => `${r.id} ${r.from} ${r.to}`)).toEqual(['EU-LVC-IOSS-2021 2026-06-01 2026-06-30', 'EU-LVC-3EUR-2026 2026-07-01 2026-07-31', 'EU-OVER-150 2026-06-01 2026-07-31']);
    expect(s.fx).toEqual([{ currency: 'EUR', meanCnyPerUnit: 8, p5: 8, p95: 8, from: 'scenario', date: null }]);
  });

  it('a mid-month rule change splits the month by its expected orders', async () => {
    // Israel raised its VAT exemption from US$75 to US$150 on 2025-12-24: a US$100 parcel pays 18 % VAT for 23 days of December, nothing for 8
    const il = { ...spec, startDate: '2025-12-01', horizonMonths: 1, destinations: [{ country: 'IL', share: 1, service: 'standard' as const }], skus: [{ ...spec.skus[0]!, priceCny: 100, priceCurrency: 'USD' }], currency: { reporting: 'USD', rates: { USD: 7 } } };
    const { plan, recs } = await runSpec(il);
    expect(monthly(plan, recs, 'direct', 0)).toBeCloseTo(18 * 230, 6);
  });

  it('the exchange rate, the reporting currency and VAT registration change the results', async () => {
    const base = await runSpec(spec);
    const dearer = await runSpec({ ...spec, currency: { reporting: 'EUR', rates: { EUR: 9 } } });
    // a dearer euro: more CNY per sale, the CNY costs weigh less in EUR
    expect(field(dearer.plan, dearer.recs, 'jit', 'contribution')).toBeGreaterThan(field(base.plan, base.recs, 'jit', 'contribution'));
    const cny = await runSpec({ ...spec, currency: { rates: { EUR: 8 } } });
    expect(field(cny.plan, cny.recs, 'jit', 'revenue')).toBeCloseTo(field(base.plan, base.recs, 'jit', 'revenue') * 8, 6);
    const unregistered = await runSpec({ ...spec, warehouse: { freight: 'sea-lcl', vatRegistered: false } });
    const cif = 40 + 9.3;
    const extra = (0.21 * cif * 1.12 * (1 - 0.1 * (45 / 365)) * 610 * 0.99) / 8;
    expect(field(unregistered.plan, unregistered.recs, 'warehouse', 'taxes') - field(base.plan, base.recs, 'warehouse', 'taxes')).toBeCloseTo(extra, 6);
  });

  it('prices in a foreign currency convert at the trial\'s drawn rate (the cost model sees CNY)', async () => {
    const { plan, recs } = await runSpec({ ...spec, currency: { reporting: 'CNY', rates: { EUR: { dist: 'uniform', min: 7, max: 9 } } } }, 20);
    const at = plan.scenario.inputs.findIndex((x) => x.pointer === '/currency/rates/EUR');
    for (let t = 0; t < 20; t++) {
      const eur = recs[t * plan.layout.stride + plan.layout.inputs + at]!;
      expect(field(plan, recs, 'direct', 'revenue', t)).toBeCloseTo(20 * eur * 610, 6);
    }
  });
});

describe('bad landed-cost input is located', () => {
  it('a currency without a rate, a destination without a customs regime, a horizon before the data', async () => {
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
    expect(await messages({ ...spec, skus: [{ ...spec.skus[0]!, priceCurrency: 'XYZ' }] })).toMatch(/scenario\.json:\d+:\d+ \(\/skus\/0\/priceCurrency\): no exchange rate for XYZ — use one of CNY, EUR, USD.*or give its CNY rate in currency\.rates\.XYZ/);
    expect(await messages({ ...spec, currency: { reporting: 'CLP' } })).toMatch(/\(\/currency\/reporting\): no exchange rate for CLP/);
    // Mexico's courier regime data starts on 2025-01-01
    const mx = await messages({ ...spec, startDate: '2024-12-01', destinations: [{ country: 'MX', share: 1, service: 'standard' }] });
    expect(mx).toMatch(/\(\/destinations\/0\/country\): MX on 2024-12-01: no parcel customs regime — add it to data\/customs-regimes\.json/);
    expect(await messages({ ...spec, currency: { rates: { EUR: 8, GBP: 9 } } })).toMatch(/\(\/currency\/rates\/GBP\): no price, cost, customs regime or reporting currency of this scenario is in GBP, so its rate would change nothing — remove it/);
    // a client's own rate for a currency the data lacks is accepted
    expect(await messages({ ...spec, skus: [{ ...spec.skus[0]!, priceCurrency: 'CLP' }], currency: { rates: { EUR: 8, CLP: 0.0075 } } })).toBe('');
  });
});

describe('battery refusals in the profit view (hand-computed)', () => {
  type Sku = ScenarioFile['skus'][number];
  const sku = (over: Partial<Sku>): Sku => ({ id: 'sku', category: '3c', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 100, jitTagged: true, ceFccCert: 'CE-1', ...over });
  // ES, January 2025, 310 orders (expected flow), results in CNY, no sales effect
  const bat = (skus: Sku[], over: Partial<ScenarioFile> = {}) => scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, warehouse: { freight: 'sea-lcl' }, profit: { salesEffect: false }, skus, ...over });
  const f = (r: { plan: SimPlan; recs: Float64Array }, mode: 'jit' | 'warehouse' | 'direct' | 'tpl', name: (typeof LANDED_FIELDS)[number]) => r.recs[r.plan.layout.landed[mode].fields + LANDED_FIELDS.indexOf(name)]!;

  it('a UN3480 SKU refused by direct (and so by JIT) carries no revenue, unit cost, duty, tax or order there: profit 0, not minus the parcels\' taxes', async () => {
    const r = await runSpec(bat([sku({ battery: 'UN3480' })]));
    for (const m of ['jit', 'direct'] as const) {
      for (const name of ['revenue', 'unitCost', 'duties', 'taxes', 'orders', 'fulfilment', 'contribution'] as const) expect(f(r, m, name), `${m} ${name}`).toBeCloseTo(0, 9);
    }
    expect(f(r, 'direct', 'profit')).toBeCloseTo(0, 9);
    // the cost view keeps the lost margin, 310 × (100 − 40)
    const refusedMargin = r.recs[r.plan.layout.modes.direct.component + r.plan.layout.modes.direct.components.indexOf('batteryRefused')]!;
    expect(refusedMargin).toBeCloseTo(310 * 60, 9);
    // the warehouse ships it (ES last mile and sea LCL accept UN3480): revenue on the 310 orders kept
    expect(f(r, 'warehouse', 'orders')).toBeCloseTo(310, 9);
  });

  it('a catalogue of two classes: direct sells the UN3481 half only — half the revenue and half the duties and taxes of an all-UN3481 catalogue', async () => {
    const mixed = await runSpec(bat([sku({ id: 'earbuds', battery: 'UN3481' }), sku({ id: 'power-bank', battery: 'UN3480' })]));
    const all = await runSpec(bat([sku({ id: 'earbuds', battery: 'UN3481' })]));
    expect(f(mixed, 'direct', 'revenue')).toBeCloseTo(155 * 100, 9);
    expect(f(mixed, 'direct', 'orders')).toBeCloseTo(155, 9);
    expect(f(all, 'direct', 'taxes')).toBeGreaterThan(0);
    expect(f(mixed, 'direct', 'duties') + f(mixed, 'direct', 'taxes')).toBeCloseTo((f(all, 'direct', 'duties') + f(all, 'direct', 'taxes')) / 2, 9);
    // profit = revenue − unit cost − duties − taxes − the cost view's total without the refused half's lost margin
    const cost = mixed.recs[mixed.plan.layout.modes.direct.total]!;
    const lost = 155 * 60;
    const p = f(mixed, 'direct', 'revenue') - f(mixed, 'direct', 'unitCost') - f(mixed, 'direct', 'duties') - f(mixed, 'direct', 'taxes') - (cost - lost);
    expect(f(mixed, 'direct', 'profit')).toBeCloseTo(p, 6);
    expect(f(mixed, 'direct', 'profit')).toBeCloseTo(f(all, 'direct', 'profit') / 2, 6);
  });

  it('a UN3480 SKU in GB: the warehouse\'s and the 3PL\'s last mile refuse it — no revenue, duty, tax or order; profit is minus their costs without the lost margin', async () => {
    const r = await runSpec(bat([sku({ battery: 'UN3480' })], { destinations: [{ country: 'GB', share: 1, service: 'standard' }], currency: { rates: { GBP: 9 } } }));
    for (const m of ['warehouse', 'tpl'] as const) {
      for (const name of ['revenue', 'unitCost', 'duties', 'taxes', 'vatPaidAtImport', 'orders'] as const) expect(f(r, m, name), `${m} ${name}`).toBeCloseTo(0, 9);
      // the lost margin 310 × 60 stays in the cost view and out of the profit view; what remains is the stock the
      // inventory model still buys for the SKU (sim/inventory does not know the lanes refuse it)
      const ml = r.plan.layout.modes[m];
      const lost = r.recs[ml.component + ml.components.indexOf('batteryRefused')]!;
      expect(lost, m).toBeCloseTo(310 * 60, 9);
      expect(f(r, m, 'profit'), m).toBeCloseTo(-(r.recs[ml.total]! - lost), 6);
    }
  });
});

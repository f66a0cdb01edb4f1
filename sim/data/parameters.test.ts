/**
 * Every figure in data/ earns its place: one generated test per parameter of modes.json,
 * warehouse.json, tpl.json and rate-uncertainty.json proves that changing it changes a named output.
 * A parameter added to data/ without an entry in OUTPUT below fails here (and one that no model
 * reads is refused by the data loader): remove it, or make a model read it and name the output.
 */
import { storeOf } from '../engine/store.ts';
import { describe, expect, it } from 'vitest';
import { loadCostContext, type CostContext } from '../models/context.ts';
import { quote } from '../models/quote.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import { compilePlan } from '../engine/plan.ts';
import { compileRouting } from '../engine/routing-table.ts';
import { createRunner } from '../engine/runner.ts';
import { summarise } from '../engine/summarise.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { RATE_CARD_LEGS } from '../scenario/schema.ts';
import { MODE_PARAMS, TPL_PARAMS, WAREHOUSE_PARAMS } from './schema.ts';

type Out = { kind: 'sim'; scenario: 'small' | 'large' | 'uncertain' | 'economy' | 'aged'; output: string } | { kind: 'quote'; output: string };

/** The output each parameter drives, as a path into the run's summary (or into `jitsim quote --json`). */
const OUTPUT: Record<string, Out> = {
  'modes.jitReturnReductionVsDirect': { kind: 'sim', scenario: 'small', output: 'modes.direct.returns.mean' },
  'modes.returnHandlingDaysJit': { kind: 'sim', scenario: 'small', output: 'modes.jit.returnHandlingDays' },
  'modes.returnHandlingDaysDirect': { kind: 'sim', scenario: 'small', output: 'modes.direct.returnHandlingDays' },
  'modes.directReturnCostShareOfPrice': { kind: 'sim', scenario: 'small', output: 'modes.direct.componentsCny.returns' },
  'modes.jitReturnCostCnyPerReturn': { kind: 'sim', scenario: 'small', output: 'modes.jit.componentsCny.returns' },
  'modes.volumetricLitresPerKg': { kind: 'sim', scenario: 'small', output: 'modes.jit.componentsCny.operation' },
  'modes.warehouseReturnFactorVsJit': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.returns.mean' },
  'modes.industryReturnRate': { kind: 'quote', output: 'modes.jit.components.returns' },
  'modes.quoteDailyOrders': { kind: 'quote', output: 'modes.jit.components.baseFee' },
  'modes.quoteUnitCostCny': { kind: 'quote', output: 'modes.warehouse.components.capital' },
  'modes.quotePriceCny': { kind: 'quote', output: 'modes.direct.components.returns' },
  'warehouse.startupCny': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.startup' },
  'warehouse.startupAmortisationMonths': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.startup' },
  'warehouse.systemCnyPerMonth': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.system' },
  'warehouse.rentCnyPerM3Month': { kind: 'sim', scenario: 'large', output: 'modes.warehouse.componentsCny.rent' },
  'warehouse.minRentCnyPerMonth': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.rent' },
  'warehouse.staffCnyPerOrder': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.staff' },
  'warehouse.stockDensityKgPerM3': { kind: 'sim', scenario: 'large', output: 'modes.warehouse.componentsCny.rent' },
  'warehouse.daysOfCover': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.writeOff' },
  'warehouse.capitalRateYear': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.capital' },
  'warehouse.writeOffShareYear': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.writeOff' },
  'warehouse.returnHandlingCnyPerReturn': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.returns' },
  'warehouse.returnResaleRate': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.componentsCny.returns' },
  'warehouse.serviceLevel': { kind: 'sim', scenario: 'small', output: 'inventory.capitalCost.mean' },
  'warehouse.unsoldWriteDownShare': { kind: 'sim', scenario: 'small', output: 'inventory.endWriteDown.mean' },
  'modes.salesUpliftPerBusinessDay': { kind: 'sim', scenario: 'small', output: 'landed.modes.warehouse.means.orders' },
  'modes.salesUpliftPerBusinessDayMin': { kind: 'sim', scenario: 'small', output: 'landed.modes.warehouse.means.orders' },
  'modes.salesUpliftPerBusinessDayMax': { kind: 'sim', scenario: 'small', output: 'landed.modes.warehouse.means.orders' },
  'modes.businessDaysPerCalendarDay': { kind: 'sim', scenario: 'small', output: 'landed.modes.jit.means.orders' },
  'modes.salesEffectMaxBusinessDays': { kind: 'sim', scenario: 'economy', output: 'landed.modes.warehouse.means.orders' },
  'modes.dispatchDaysJit': { kind: 'sim', scenario: 'small', output: 'modes.jit.deliveryDays.mean' },
  'modes.dispatchDaysDirect': { kind: 'sim', scenario: 'small', output: 'modes.direct.deliveryDays.mean' },
  'modes.dispatchDaysWarehouse': { kind: 'sim', scenario: 'small', output: 'modes.warehouse.deliveryDays.mean' },
  'modes.dispatchDaysTpl': { kind: 'sim', scenario: 'small', output: 'modes.tpl.deliveryDays.mean' },
  'rate-uncertainty.jitLogistics': { kind: 'sim', scenario: 'uncertain', output: 'modes.jit.componentsCny.logistics' },
  'rate-uncertainty.direct': { kind: 'sim', scenario: 'uncertain', output: 'modes.direct.componentsCny.logistics' },
  'rate-uncertainty.warehouseLastMile': { kind: 'sim', scenario: 'uncertain', output: 'modes.warehouse.componentsCny.lastMile' },
  // the 3PL tariff (ES has no market entry: the defaults price it)
  'tpl.inboundUnit': { kind: 'quote', output: 'modes.tpl.lines.1.explanation.en' },
  'tpl.inboundCnyPerUnit': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.inbound' },
  'tpl.inboundUnitM3': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.inbound' },
  'tpl.storageCnyPerM3Day': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.storage' },
  'tpl.longTermAfterDays': { kind: 'sim', scenario: 'aged', output: 'modes.tpl.componentsCny.longTermStorage' },
  'tpl.longTermSurchargeCnyPerM3Day': { kind: 'sim', scenario: 'aged', output: 'modes.tpl.componentsCny.longTermStorage' },
  'tpl.pickPackCnyPerOrder': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.pickPack' },
  'tpl.pickPackCnyPerExtraItem': { kind: 'sim', scenario: 'aged', output: 'modes.tpl.componentsCny.pickPack' },
  'tpl.labelCnyPerOrder': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.label' },
  'tpl.returnHandlingCnyPerReturn': { kind: 'sim', scenario: 'small', output: 'modes.tpl.componentsCny.returns' },
  'rate-uncertainty.warehouseHeadhaul': { kind: 'sim', scenario: 'uncertain', output: 'modes.warehouse.componentsCny.headhaul' },
};

const get = (o: unknown, path: string): number => path.split('.').reduce((x: any, k) => x?.[k], o) as number;
/** A text output (the 3PL's inbound unit names what its inbound fee is charged per, in the quote) compared through a hash of its characters. */
const num = (x: unknown): number => (typeof x === 'string' ? [...x].reduce((h, c, i) => h + c.charCodeAt(0) * (i + 1), 0) : (x as number));

/** A copy of the context with one parameter changed (everywhere it is given: defaults and every market). */
function changed(ctx: CostContext, key: string): CostContext {
  const data = structuredClone({ modes: ctx.data.modes, modeValues: ctx.data.modeValues, warehouse: ctx.data.warehouse, tpl: ctx.data.tpl, rateUncertainty: ctx.data.rateUncertainty });
  const [file, name] = key.split('.') as [string, string];
  const bump = (v: number) => (v === 0 ? 0.5 : v * 1.5 + (v < 1 ? 0 : 1));
  if (file === 'modes') {
    const v = data.modes.params[name]!.value as number;
    // the volume per kg moves the parcel into another operation-fee band; a fraction stays in [0, 1]
    const next = name === 'volumetricLitresPerKg' ? v * 3 : data.modes.params[name]!.unit === 'fraction' ? v / 2 : bump(v);
    data.modes.params[name]!.value = next;
    (data.modeValues as Record<string, number>)[name] = next;
  } else if (file === 'warehouse') {
    const all = [data.warehouse.defaults, ...Object.values(data.warehouse.markets)];
    for (const p of all) {
      if (!p[name]) continue;
      if (name === 'returnResaleRate' || name === 'capitalRateYear' || name === 'writeOffShareYear' || name === 'serviceLevel' || name === 'unsoldWriteDownShare') p[name]!.value = (p[name]!.value as number) / 2;
      else p[name]!.value = bump(p[name]!.value as number);
    }
  } else if (file === 'tpl') {
    for (const p of [data.tpl.defaults, ...Object.values(data.tpl.markets)]) {
      if (!p[name]) continue;
      if (name === 'inboundUnit') p[name]!.value = p[name]!.value === 'pallet' ? 'carton' : 'pallet';
      else p[name]!.value = bump(p[name]!.value as number);
    }
  } else data.rateUncertainty.legs[name as (typeof RATE_CARD_LEGS)[number]].multiplier = { dist: 'pert', min: 1.3, mode: 1.4, max: 1.6 };
  return { ...ctx, data: { ...ctx.data, ...data } };
}

const SCENARIOS: Record<'small' | 'large' | 'uncertain' | 'economy' | 'aged', (s: ScenarioFile) => ScenarioFile> = {
  // direct economy (15–27 days) against a local warehouse: the difference exceeds the sales effect's cap
  economy: (s) => ({ ...s, demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0.02 }, destinations: s.destinations.map((d) => ({ ...d, service: 'economy' as const })) }),
  // stock ordered 180 days at a time (its units stay past the 3PL's long-term threshold), 3 items per order
  aged: (s) => ({ ...s, demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0.02 }, thirdPartyWarehouse: { itemsPerOrder: 3 }, overrides: { 'warehouse.daysOfCover': 180 } }),
  // 10 orders/day to ES, 0.5 kg, one month, every count at its mean, rates fixed
  small: (s) => ({ ...s, demand: { ordersPerDay: 10, arrivals: 'expected' }, returns: { jitRate: 0.02 } }),
  // enough stock for the rent to exceed the minimum rent
  large: (s) => ({ ...s, demand: { ordersPerDay: 3000, arrivals: 'expected' }, returns: { jitRate: 0.02 } }),
  // the shipped cards' default uncertainty in force (no multiplier in the scenario)
  uncertain: (s) => {
    const { rateCards: _r, ...rest } = s;
    void _r;
    return { ...rest, demand: { ordersPerDay: 10, arrivals: 'expected' } } as ScenarioFile;
  },
};

async function output(base: CostContext, out: Out): Promise<number> {
  if (out.kind === 'quote') return num(get(quote(base, { dest: 'ES', weightKg: 0.5, service: 'standard', designatedBox: false, nonPreferredWarehouse: false, oversize: false, newSeller: false }), out.output));
  const ctx = base;
  const scenario = await loadScenario(await writeScenario(SCENARIOS[out.scenario](scenarioSpec())), ctx);
  const plan = compilePlan(scenario, ctx, await compileRouting(ctx.rules));
  const recs = await createRunner(plan, null).run(1, 0, 4);
  return get(summarise(plan, storeOf(plan, recs), 1), out.output);
}

describe('every parameter in data/ changes a named output', async () => {
  const ctx = await loadCostContext(RULES_DIR);
  const keys = [...Object.keys(ctx.data.modes.params).map((k) => `modes.${k}`), ...Object.keys(ctx.data.warehouse.defaults).map((k) => `warehouse.${k}`), ...Object.keys(ctx.data.tpl.defaults).map((k) => `tpl.${k}`), ...Object.keys(ctx.data.rateUncertainty.legs).map((k) => `rate-uncertainty.${k}`)];

  it('names an output for every parameter, and only for parameters that exist', () => {
    expect(keys.filter((k) => !OUTPUT[k])).toEqual([]);
    expect(Object.keys(OUTPUT).filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining([...MODE_PARAMS.map((k) => `modes.${k}`), ...WAREHOUSE_PARAMS.map((k) => `warehouse.${k}`), ...TPL_PARAMS.map((k) => `tpl.${k}`), ...RATE_CARD_LEGS.map((k) => `rate-uncertainty.${k}`)]));
  });

  it.each(keys.filter((k) => OUTPUT[k]))('%s', async (key) => {
    const out = OUTPUT[key]!;
    const before = await output(ctx, out);
    const after = await output(changed(ctx, key), out);
    expect(Number.isFinite(before), `${out.output} before`).toBe(true);
    expect(after, `${key} → ${out.output}`).not.toBeCloseTo(before, 6);
  });
});

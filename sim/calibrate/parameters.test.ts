/**
 * Every figure of data/calibrate.json and data/fx.json earns its place: one generated test per key
 * proves that changing it changes a named part of what `jitsim calibrate` writes (or, for
 * minLaneOrders, of what `backtest --fit-rates` writes). A key added to either file without an entry
 * in OUTPUT below fails here. The textual defaults `store`, `warehouseSites` and `syncMode` state
 * what calibrate does (no store block, one site per destination, API sync): changing them changes
 * the assumption recorded in provenance, which is what the test names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, RULES_DIR, tempDir } from '../testing/fixtures.ts';
import { loadCostContext, type CostContext } from '../models/context.ts';
import { SERVICES, bracketIndex, cellIndex } from '../data/rate-card.ts';
import { writeFile } from 'node:fs/promises';
import { calibrate } from './calibrate.ts';
import { loadCalibrateConfig, type CalibrateFile, type FxFile } from './config.ts';
import { SAMPLE_PARAMS, writeSynthOrders, type SynthParams } from './synth.ts';
import { backtest, fitLaneMultipliers } from './backtest.ts';
import type { ScenarioFile } from '../scenario/schema.ts';

let ctx: CostContext;
let base: CalibrateFile;
beforeAll(async () => {
  ctx = await loadCostContext(RULES_DIR);
  base = await loadCalibrateConfig(PROJECT_DIR);
  // fewer bootstrap replicates keep these tests fast (the shipped 200 are tested by calibrate.test.ts)
  base.fit.bootstrapReplicates.value = 30;
});

const price = (cc: string, kg: number) => {
  const card = ctx.data.direct;
  return card.price[cellIndex(card, card.destIndex.get(cc)!, SERVICES.indexOf('standard'), bracketIndex(card.brackets, kg))]!;
};
/** A small history (≈ 1,300 orders over 400 days: weekly, trend and yearly all fitted) in a currency. */
async function history(currency = 'USD', cnyPerUnit = SAMPLE_PARAMS.cnyPerUnit): Promise<string> {
  const p: SynthParams = { ...SAMPLE_PARAMS, seed: 42, days: 400, ordersPerDay: 3, currency, cnyPerUnit };
  const lines: string[] = [];
  writeSynthOrders(p, price, (l) => lines.push(l));
  const f = join(await tempDir('jitsim-calparams-'), `orders-${currency}.csv`);
  await writeFile(f, lines.join('\n') + '\n');
  return f;
}

type Pick = (s: ScenarioFile) => unknown;
const assumption = (pointer: string): Pick => (s) => s.provenance!.assumptions.find((a) => a.pointer === pointer)?.value;
/** Per key: the new value to try and the part of the scenario it must change. */
const OUTPUT: Record<string, { to: unknown; output: string; pick: Pick; with?: Record<string, unknown> }> = {
  'defaults.horizonMonths': { to: 24, output: 'horizonMonths', pick: (s) => s.horizonMonths },
  'defaults.service': { to: 'express', output: 'destinations[].service', pick: (s) => s.destinations.map((d) => d.service) },
  'defaults.category': { to: 'home', output: 'skus[].category', pick: (s) => s.skus.map((k) => k.category) },
  'defaults.jitTagged': { to: false, output: 'skus[].jitTagged', pick: (s) => s.skus.map((k) => k.jitTagged) },
  'defaults.unitCostShareOfPrice': { to: 0.5, output: 'skus[].unitCostCny', pick: (s) => s.skus.map((k) => k.unitCostCny) },
  'defaults.newSeller': { to: true, output: 'newSeller', pick: (s) => s.newSeller },
  'defaults.syncMode': { to: 'manual', output: 'provenance assumption /sync/mode', pick: assumption('/sync/mode') },
  'defaults.designatedBox': { to: true, output: 'jit.designatedBox', pick: (s) => s.jit.designatedBox },
  'defaults.nonPreferredShare': { to: 0.2, output: 'jit.nonPreferredShare', pick: (s) => s.jit.nonPreferredShare },
  'defaults.store': { to: 'profile given', output: 'provenance assumption /store', pick: assumption('/store') },
  'defaults.warehouseSites': { to: 'one hub', output: 'provenance assumption /warehouse/sites', pick: assumption('/warehouse/sites') },
  'defaults.fulfilmentMode': { to: 'warehouse', output: 'returns', pick: (s) => s.returns },
  'fit.bootstrapReplicates': { to: 60, output: 'demand.ordersPerDay (bootstrap sd)', pick: (s) => s.demand.ordersPerDay },
  'fit.seed': { to: 99, output: 'demand.ordersPerDay (bootstrap sd)', pick: (s) => s.demand.ordersPerDay },
  'fit.maxSkus': { to: 2, output: 'skus', pick: (s) => s.skus.map((k) => k.id) },
  'fit.bracketSplitMinShare': { to: 0.6, output: 'skus', pick: (s) => s.skus.map((k) => k.id) },
  'fit.minWeekDays': { to: 10000, output: 'demand.weekly', pick: (s) => s.demand.weekly },
  'fit.minTrendDays': { to: 10000, output: 'demand.monthlyGrowth', pick: (s) => s.demand.monthlyGrowth },
  'fit.minYearDays': { to: 10000, output: 'demand.yearly', pick: (s) => s.demand.yearly },
  'fit.huberK': { to: 0.5, output: 'demand.ordersPerDay', pick: (s) => s.demand.ordersPerDay },
  'fit.phiClipK': { to: 0.5, output: 'demand.dispersion', pick: (s) => s.demand.dispersion },
  'fit.minOrders': { to: 1e9, output: 'provenance.warnings (short history)', pick: (s) => s.provenance!.warnings.map((w) => w.en) },
  'fit.minDispersionDays': { to: 10000, output: 'demand.dispersion', pick: (s) => s.demand.dispersion },
  // used only below fit.minDispersionDays: the test lowers the history's bar first
  'defaults.dispersion': { to: 0.5, output: 'demand.dispersion', pick: (s) => s.demand.dispersion, with: { 'fit.minDispersionDays': 10000 } },
  'fit.minLaneOrders': { to: 1e9, output: 'backtest --fit-rates lane multipliers', pick: () => null },
};

const calibrateJson = JSON.parse(readFileSync(join(PROJECT_DIR, 'data/calibrate.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const KEYS = (['defaults', 'fit'] as const).flatMap((g) => Object.keys(calibrateJson[g]!).map((k) => `${g}.${k}`));
const FX = (JSON.parse(readFileSync(join(PROJECT_DIR, 'data/fx.json'), 'utf8')) as FxFile).rates;

function changed(key: string, to: unknown, c = structuredClone(base)): CalibrateFile {
  const [g, k] = key.split('.') as ['defaults' | 'fit', string];
  (c[g] as Record<string, { value: unknown }>)[k]!.value = to;
  return c;
}

/** The base settings with the entry's `with` changes applied (the same for before and after). */
function withSettings(key: string): CalibrateFile {
  let c = structuredClone(base);
  for (const [k, v] of Object.entries(OUTPUT[key]?.with ?? {})) c = changed(k, v, c);
  return c;
}

describe('every figure of data/calibrate.json changes a named output of calibrate', () => {
  it('names an output for every key, and only for keys that exist', () => {
    expect(KEYS.filter((k) => !OUTPUT[k])).toEqual([]);
    expect(Object.keys(OUTPUT).filter((k) => !KEYS.includes(k))).toEqual([]);
    expect(calibrateJson).not.toHaveProperty('currencies'); // exchange rates live in data/fx.json only
  });

  let file: string;
  let before: Awaited<ReturnType<typeof calibrate>>;
  beforeAll(async () => {
    file = await history();
    before = await calibrate(ctx, { file, shownFile: 'h.csv', config: base });
  });

  it.each(KEYS.filter((k) => k !== 'fit.minLaneOrders'))('%s', async (key) => {
    const { to, output, pick } = OUTPUT[key]!;
    const start = OUTPUT[key]!.with ? await calibrate(ctx, { file, shownFile: 'h.csv', config: withSettings(key) }) : before;
    const after = await calibrate(ctx, { file, shownFile: 'h.csv', config: changed(key, to, withSettings(key)) });
    expect(JSON.stringify(pick(after.scenario)), `${key} → ${output}`).not.toEqual(JSON.stringify(pick(start.scenario)));
  });

  it('fit.minLaneOrders decides which lanes backtest --fit-rates writes', async () => {
    const r = before;
    const bt = backtest(r.read.orders, r.scenario, { direct: ctx.data.direct, jitLogistics: ctx.data.direct, warehouseLastMile: ctx.data.lastMile }, 'direct', 'standard');
    const lanes = (min: number) => JSON.stringify(fitLaneMultipliers(bt, r.scenario, min));
    expect(lanes(base.fit.minLaneOrders.value)).not.toEqual(lanes(OUTPUT['fit.minLaneOrders']!.to as number));
  });
});

describe('every exchange rate of data/fx.json converts the amounts of an export in its currency', () => {
  it.each(Object.keys(FX))('%s', async (code) => {
    const file = await history(code, FX[code]!.cnyPerUnit);
    const before = await calibrate(ctx, { file, shownFile: 'h.csv', config: base });
    expect(before.read.rejected.unknownCurrency).toBeUndefined();
    const c = structuredClone(base);
    c.currencies[code]!.value *= 1.5;
    const after = await calibrate(ctx, { file, shownFile: 'h.csv', config: c });
    // the order value in CNY scales with the rate
    expect(after.fit.valueCny!.value / before.fit.valueCny!.value).toBeCloseTo(1.5, 6);
  });
});

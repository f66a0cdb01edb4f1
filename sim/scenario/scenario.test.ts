import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emitDataSchemas } from '../data/schema-emit.ts';
import { DiagnosticsError, formatDiagnostic } from '../errors.ts';
import { loadCostContext, type CostContext } from '../models/context.ts';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { loadScenario } from './load.ts';
import { scenarioSpec, writeScenario } from './testing.ts';

let ctx: CostContext;
beforeAll(async () => {
  ctx = await loadCostContext(RULES_DIR);
});

const SCENARIOS = join(PROJECT_DIR, 'data', 'scenarios');

async function messages(text: string): Promise<string[]> {
  const file = await writeScenario(text);
  try {
    await loadScenario(file, ctx);
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => formatDiagnostic(d).replace(file, 'scenario.json'));
    throw e;
  }
  return [];
}

describe('the sample scenarios', () => {
  it('are at least four, each loads, and each has a bilingual description', async () => {
    const files = (await readdir(SCENARIOS)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files).toContain('apparel-europe.json');
    for (const f of files) {
      const s = await loadScenario(join(SCENARIOS, f), ctx);
      expect(s.spec.description.en.length, f).toBeGreaterThan(20);
      expect(s.spec.description.zh.length, f).toBeGreaterThan(10);
      expect(s.spec.$schema).toBe('../schema/scenario.schema.json');
    }
  });

  it('the 3C seller’s lithium-battery SKUs are not JIT-eligible (BAN-1), the others are', async () => {
    const s = await loadScenario(join(SCENARIOS, 'electronics-3c-lithium.json'), ctx);
    expect(s.skuEligible).toEqual([false, false, true, true]);
    expect(s.skuBlockedBy[0]).toContain('BAN-1');
  });

  it('match the published JSON Schema (run `npm run schemas` after changing sim/scenario/schema.ts)', async () => {
    const text = emitDataSchemas().get('scenario.schema.json')!;
    expect(await readFile(join(PROJECT_DIR, 'data', 'schema', 'scenario.schema.json'), 'utf8')).toBe(text);
  });
});

describe('a bad scenario', () => {
  it('gets one located message per mistake: file:line:col (JSON pointer): what — how', async () => {
    const spec = scenarioSpec({
      horizonMonths: 0,
      demand: { ordersPerDay: { dist: 'triangular', min: 5, mode: 20, max: 10 } },
      returns: { jitRate: { dist: 'normal', mean: 0.02, sd: 0.01 } },
      overrides: { 'warehouse.ES.rentPerM3': 50, 'modes.jitReturnCostCnyPerReturn': 12 },
    } as never);
    const text = JSON.stringify(spec, null, 2);
    const one = await messages(text);
    // the schema problem comes alone (the semantic checks need a valid shape)
    expect(one).toHaveLength(1);
    expect(one[0]).toMatch(/^scenario\.json:8:3 \(\/horizonMonths\): value must be >= 1 — /);
    const two = await messages(text.replace('"horizonMonths": 0', '"horizonMonths": 1'));
    expect(two).toHaveLength(3);
    expect(two[0]).toMatch(/^scenario\.json:\d+:\d+ \(\/demand\/ordersPerDay\/mode\): mode must lie between min and max — /);
    expect(two[1]).toMatch(/\(\/returns\/jitRate\): values from −∞ to ∞ can fall outside the allowed range \[0, 1\] — add "min" and "max" to truncate/);
    expect(two[2]).toMatch(/\(\/overrides\/warehouse\.ES\.rentPerM3\): unknown warehouse parameter "rentPerM3" — did you mean warehouse\.ES\.rentCnyPerM3Month, /);
  });

  it('reports unknown destinations, categories, schedules and correlated inputs with their place', async () => {
    const spec = scenarioSpec({
      feeSchedule: 'Z',
      destinations: [{ country: 'ZZ', share: 1, service: 'standard' }],
      skus: [{ id: 'a', category: 'toys', share: 1, weightKg: 0.5, unitCostCny: 1, priceCny: 2, jitTagged: true }],
      correlations: [{ between: ['/demand/ordersPerDay', '/demand/nothing'], rankCorrelation: 0.5 }],
    });
    const m = await messages(JSON.stringify(spec, null, 2));
    expect(m.some((x) => /\(\/feeSchedule\): unknown fee schedule "Z" — use one of: A, B/.test(x))).toBe(true);
    expect(m.some((x) => /\(\/destinations\/0\/country\): no direct rates for ZZ/.test(x))).toBe(true);
    expect(m.some((x) => /\(\/skus\/0\/category\): unknown category "toys"/.test(x))).toBe(true);
    expect(m.some((x) => /\(\/correlations\/0\/between\/0\): "\/demand\/ordersPerDay" is a fixed value/.test(x))).toBe(true);
    expect(m.some((x) => /\(\/correlations\/0\/between\/1\): "\/demand\/nothing" is not an uncertain input/.test(x))).toBe(true);
  });

  it('reports malformed JSON with its line and column', async () => {
    const m = await messages('{\n  "name": "x",\n  oops\n}');
    expect(m[0]).toMatch(/^scenario\.json:3:\d+/);
  });

  it('accepts every documented override key and rejects a fraction above 1', async () => {
    const ok = await messages(JSON.stringify(scenarioSpec({ overrides: { 'warehouse.ES.rentCnyPerM3Month': 50, 'warehouse.staffCnyPerOrder': { dist: 'uniform', min: 3, max: 5 }, 'modes.jitReturnCostCnyPerReturn': 12 } })));
    expect(ok).toEqual([]);
    // a key the simulation does not read, or a misspelt one, names the closest valid keys
    const unread = await messages(JSON.stringify(scenarioSpec({ overrides: { 'modes.quoteDailyOrders': 30, 'modes.usdCny': 7.1, 'warehouse.serviceLvel': 0.9 } }), null, 2));
    expect(unread).toEqual([
      expect.stringMatching(/\(\/overrides\/modes\.quoteDailyOrders\): modes\.quoteDailyOrders is not read by the simulation \(only `jitsim quote` uses it\), so overriding it would change nothing — did you mean /),
      expect.stringMatching(/\(\/overrides\/modes\.usdCny\): unknown parameter "usdCny" in data\/modes\.json — did you mean /),
      expect.stringMatching(/\(\/overrides\/warehouse\.serviceLvel\): unknown warehouse parameter "serviceLvel" — did you mean warehouse\.serviceLevel, /),
    ]);
    const bad = await messages(JSON.stringify(scenarioSpec({ overrides: { 'warehouse.capitalRateYear': 8 } }), null, 2));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/\(\/overrides\/warehouse\.capitalRateYear\): warehouse\.capitalRateYear is a fraction but can be 8 — rates are fractions/);
  });
});

describe('the start date', () => {
  it('must be the first day of a month (calendar months: a mid-month start would lose the days after the last month)', async () => {
    const m = await messages(JSON.stringify({ ...scenarioSpec(), startDate: '2026-12-15' }, null, 2));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^scenario\.json:\d+:\d+ \(\/startDate\): startDate 2026-12-15 is not the first day of a month: .* — start on the first day of a month: 2026-12-01 or 2027-01-01$/);
    expect(await messages(JSON.stringify({ ...scenarioSpec(), startDate: '2026-12-01' }, null, 2))).toEqual([]);
  });
});

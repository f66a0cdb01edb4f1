/**
 * Lithium-battery SKUs by hand-computable cases: a UN3481 SKU's surcharge on a direct lane, a UN3480
 * SKU refused (excluded from the mode, its margin lost, the mode unavailable when it is all the
 * demand), a catalogue mixing both, a client card overriding acceptance, bad values located (exit 2).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from '../engine/prepare.ts';
import { createRunner } from '../engine/runner.ts';
import { column } from '../engine/records.ts';
import { availableModes } from '../engine/available-modes.ts';
import type { SimPlan } from '../engine/plan.ts';
import { unservedShares, skuVerdicts } from './summary.ts';
import { batteryProblems } from './data.ts';
import { parseJsonDocument } from '../io/json-document.ts';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import type { BatteryFile } from './schema.ts';
import { readFile } from 'node:fs/promises';

type Sku = ScenarioFile['skus'][number];
const sku = (over: Partial<Sku>): Sku => ({ id: 'sku', category: '3c', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 100, jitTagged: true, ceFccCert: 'CE-1', ...over });
// 31 days × 10 orders, every count its expectation (no Poisson draw): 310 orders
const spec = (skus: Sku[], over: Partial<ScenarioFile> = {}) => scenarioSpec({ demand: { ordersPerDay: 10, arrivals: 'expected' }, warehouse: { freight: 'sea-lcl' }, skus, ...over });

async function runOf(s: ScenarioFile, file?: string): Promise<{ plan: SimPlan; recs: Float64Array }> {
  const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: file ?? (await writeScenario(s)) });
  return { plan, recs: await createRunner(plan, null).run(7, 0, 2, {}) };
}
const comp = (p: SimPlan, r: Float64Array, mode: 'jit' | 'warehouse' | 'direct' | 'tpl', name: string) => column(r, p.layout, p.layout.modes[mode].component + p.layout.modes[mode].components.indexOf(name))[0]!;
const refused = (p: SimPlan, r: Float64Array, mode: 'jit' | 'warehouse' | 'direct' | 'tpl') => column(r, p.layout, p.layout.modes[mode].refused)[0]!;

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('battery SKUs in the simulation', () => {
  it('a UN3481 SKU pays the direct lane surcharge on every parcel (310 × 6 CNY), in the direct mode and shipped direct under JIT (BAN-1)', async () => {
    const { plan, recs } = await runOf(spec([sku({ battery: 'UN3481' })]));
    expect(comp(plan, recs, 'direct', 'battery')).toBeCloseTo(310 * 6, 9);
    // BAN-1: every order of the SKU ships direct under the JIT mode, with the same surcharge
    expect(comp(plan, recs, 'jit', 'battery')).toBeCloseTo(310 * 6, 9);
    expect(comp(plan, recs, 'direct', 'logistics')).toBeCloseTo(310 * 18.44, 9);
    // the warehouse: last mile 0, head-haul by sea LCL 0.5 CNY/kg × 0.5 kg on each order served from stock
    expect(comp(plan, recs, 'warehouse', 'battery')).toBeCloseTo(310 * 0.25, 6);
    for (const m of ['jit', 'warehouse', 'direct', 'tpl'] as const) expect(refused(plan, recs, m)).toBe(0);
    expect(availableModes(plan)).toEqual(['warehouse', 'direct', 'tpl']);
  });

  it('a UN3480 SKU is refused on the direct lane: excluded from direct (no logistics, 310 orders refused, margin 310 × 60 lost) and from JIT; both unavailable with the reason', async () => {
    const { plan, recs } = await runOf(spec([sku({ battery: 'UN3480' })]));
    expect(refused(plan, recs, 'direct')).toBeCloseTo(310, 9);
    expect(comp(plan, recs, 'direct', 'logistics')).toBe(0);
    expect(comp(plan, recs, 'direct', 'returns')).toBe(0);
    expect(comp(plan, recs, 'direct', 'batteryRefused')).toBeCloseTo(310 * (100 - 40), 9);
    expect(refused(plan, recs, 'jit')).toBeCloseTo(310, 9);
    expect(comp(plan, recs, 'jit', 'directLogistics')).toBe(0);
    // the warehouse ships power banks: ES last mile accepts, sea LCL 2 CNY/kg
    expect(refused(plan, recs, 'warehouse')).toBe(0);
    expect(comp(plan, recs, 'warehouse', 'battery')).toBeCloseTo(310 * 0.5 * 2, 6);
    expect(unservedShares(plan)).toMatchObject({ direct: 1, jit: 1, warehouse: 0, tpl: 0 });
    expect(availableModes(plan)).toEqual(['warehouse', 'tpl']);
    expect(skuVerdicts(plan, 0, 'direct')[0]!.reason!.en).toBe('refused: no direct lane for UN3480 to ES');
  });

  it('a catalogue mixing both classes: direct refuses exactly the UN3480 half (155 orders) and charges the UN3481 half 155 × 6', async () => {
    const { plan, recs } = await runOf(spec([sku({ id: 'earbuds', share: 1, battery: 'UN3481' }), sku({ id: 'power-bank', share: 1, battery: 'UN3480' })]));
    expect(refused(plan, recs, 'direct')).toBeCloseTo(155, 9);
    expect(comp(plan, recs, 'direct', 'battery')).toBeCloseTo(155 * 6, 9);
    expect(comp(plan, recs, 'direct', 'logistics')).toBeCloseTo(155 * 18.44, 9);
    expect(unservedShares(plan).direct).toBeCloseTo(0.5, 12);
    // a partly refusing mode stays available: the summary states the share it cannot serve
    expect(availableModes(plan)).toEqual(['warehouse', 'direct', 'tpl']);
    // the two classes are two cost classes (the battery class is part of the key)
    expect(plan.scenario.skuBattery).toEqual(Uint8Array.from([1, 2]));
  });

  it('GB: the shipped last mile (Royal Mail) refuses UN3480: the warehouse and the 3PL cannot ship it', async () => {
    const { plan, recs } = await runOf(spec([sku({ battery: 'UN3480' })], { destinations: [{ country: 'GB', share: 1, service: 'standard' }], currency: { rates: { GBP: 9 } } }));
    expect(refused(plan, recs, 'warehouse')).toBeCloseTo(310, 9);
    expect(refused(plan, recs, 'tpl')).toBeCloseTo(310, 9);
    expect(comp(plan, recs, 'warehouse', 'lastMile')).toBe(0);
    expect(availableModes(plan)).toEqual([]);
  });

  it('a client direct card marks its ES lanes battery-capable for UN3480 at 9 CNY: direct ships the power bank (310 × 9), other lanes fall back', async () => {
    const file = await writeScenario(spec([sku({ battery: 'UN3480' })], { rateCards: { jitLogistics: { multiplier: 1 }, direct: { file: 'client-direct.csv', fallback: 'shipped', multiplier: 1 }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { multiplier: 1 } } }));
    const shipped = (await readFile(join(PROJECT_DIR, 'data/rates/direct.csv'), 'utf8')).split('\n').filter((l) => l.startsWith('ES,'));
    await writeFile(join(dirname(file), 'client-direct.csv'), ['destination,max_weight_kg,service,price_cny,days_min,days_max,basis,battery_un3481,battery_un3480', ...shipped.map((l) => `${l.replace(/,basis.*$/, '')},9`.replace(/^(([^,]*,){6}).*$/, '$1source:client quote 2026-11,,9'))].join('\n') + '\n');
    const { plan, recs } = await runOf(spec([]), file);
    expect(refused(plan, recs, 'direct')).toBe(0);
    expect(comp(plan, recs, 'direct', 'battery')).toBeCloseTo(310 * 9, 9);
    expect(availableModes(plan)).toContain('direct');
    expect(skuVerdicts(plan, 0, 'direct')[0]).toMatchObject({ accepted: true, surchargeCny: 9, source: 'client-direct.csv' });
  });
});

describe('bad battery values are refused with their place (exit 2)', () => {
  it('a scenario battery class that is not UN3481/UN3480, and a class on a SKU said to hold no lithium battery', async () => {
    const bad = await writeScenario(JSON.stringify(spec([sku({ battery: 'UN3090' as never })]), null, 2));
    const r = await cli('simulate', bad, '--trials', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario\.json:\d+:\d+ \(\/skus\/0\/battery\)/);
    const contradiction = await writeScenario(JSON.stringify(spec([sku({ battery: 'UN3481', containsLithiumBattery: false })]), null, 2));
    const r2 = await cli('simulate', contradiction, '--trials', '2');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('(/skus/0/battery): "battery" is set but "containsLithiumBattery" is false');
  });

  it('a client card battery cell that is neither a surcharge, "no" nor empty', async () => {
    const file = await writeScenario(spec([sku({ battery: 'UN3481' })], { rateCards: { jitLogistics: { multiplier: 1 }, direct: { file: 'client-direct.csv', fallback: 'shipped', multiplier: 1 }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { multiplier: 1 } } }));
    await writeFile(join(dirname(file), 'client-direct.csv'), 'destination,max_weight_kg,service,price_cny,days_min,days_max,basis,battery_un3481\nES,0.5,standard,18,10,20,source:client,maybe\nES,1,standard,20,10,20,source:client,-3\n');
    const r = await cli('simulate', file, '--trials', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/client-direct\.csv:2:8 \(row 2, column battery_un3481\): "maybe" is not a battery cell/);
    expect(r.stderr).toMatch(/client-direct\.csv:3:8 \(row 3, column battery_un3481\): "-3" is not a battery cell/);
  });

  it('quote --battery with an unknown class', async () => {
    const r = await cli('quote', '--dest', 'ES', '--weight', '0.5', '--battery', 'UN3090');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown battery class "UN3090"');
  });

  it('data/battery.json: a refused lane with a surcharge, a parcel row without its surcharge, a missing default row, a duplicate', async () => {
    const text = await readFile(join(PROJECT_DIR, 'data/battery.json'), 'utf8');
    const file = JSON.parse(text) as BatteryFile;
    expect(batteryProblems(parseJsonDocument('data/battery.json', text), file)).toEqual([]);
    file.lanes[1] = { ...file.lanes[1]!, surchargeCnyPerParcel: 5 };
    delete file.lanes[0]!.surchargeCnyPerParcel;
    file.lanes.push({ ...file.lanes[4]! });
    file.lanes = file.lanes.filter((l) => !(l.leg === 'warehouseHeadhaul' && l.battery === 'UN3480' && l.freight === 'rail'));
    const t2 = JSON.stringify(file, null, 2);
    const msgs = batteryProblems(parseJsonDocument('data/battery.json', t2), file).map((d) => `${d.location.pointer}: ${d.message.en}`);
    expect(msgs).toEqual([
      '/lanes/0: an accepted direct row needs surchargeCnyPerParcel (and no surchargeCnyPerKg or freight)',
      '/lanes/1: a refused lane (accept: false) cannot carry a surcharge',
      `/lanes/${file.lanes.length - 1}: warehouseLastMile UN3480 GB is already given by the row at line ${parseJsonDocument('x', t2).locate('/lanes/4').line}`,
      '/lanes: no default row (without "countries") for warehouseHeadhaul UN3480 rail',
    ]);
  });
});

describe('quote --battery', () => {
  it('UN3481 to ES: direct +6 per parcel; JIT (banned by BAN-1) ships direct at the same; UN3480: direct and JIT refused, the warehouse ships it', async () => {
    const a = JSON.parse((await cli('quote', '--dest', 'ES', '--weight', '0.5', '--battery', 'UN3481', '--json')).stdout);
    const plain = JSON.parse((await cli('quote', '--dest', 'ES', '--weight', '0.5', '--json')).stdout);
    expect(a.modes.direct.components.battery).toBe(6);
    expect(a.modes.direct.total).toBeCloseTo(plain.modes.direct.total + 6, 9);
    expect(a.modes.jit.total).toBe(a.modes.direct.total);
    expect(a.input).toMatchObject({ battery: 'UN3481', jitBanned: true });
    const b = JSON.parse((await cli('quote', '--dest', 'ES', '--weight', '0.5', '--battery', 'UN3480', '--json')).stdout);
    expect(b.modes.direct.refused).toBe('refused: no direct lane for UN3480 to ES');
    expect(b.modes.jit.refused).toBe('refused: no direct lane for UN3480 to ES');
    expect(b.modes.warehouse.refused).toBeUndefined();
    const zh = await cli('quote', '--dest', 'GB', '--weight', '0.5', '--battery', 'UN3480', '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('拒收：GB 没有承运 UN3480 的尾程线路');
  });
});

describe('the warehouse quote\'s freight choice counts the battery surcharge', () => {
  it('US, 0.3 kg, 7 orders a day: air is cheapest without a battery; with UN3480 (+15 CNY/kg by air, +2 by sea LCL) sea LCL is chosen and pays 0.6 CNY', async () => {
    const plain = await cli('quote', '--dest', 'US', '--weight', '0.3', '--country-daily-orders', '7', '--json');
    const hh = (r: { stdout: string }) => JSON.parse(r.stdout).modes.warehouse.lines.find((l: { component: string }) => l.component === 'headhaul').explanation as string;
    expect(hh(plain)).toMatch(/^air /);
    const bat = await cli('quote', '--dest', 'US', '--weight', '0.3', '--country-daily-orders', '7', '--battery', 'UN3480', '--json');
    expect(hh(bat)).toMatch(/^sea-lcl /);
    expect(JSON.parse(bat.stdout).modes.warehouse.components.battery).toBeCloseTo(0.6, 9);
  });
});

describe('the simulated freight choice (warehouse.freight auto) counts the stocked SKUs\' battery surcharge', () => {
  it('ES, 0.2 kg, 7 orders a day: air without a battery; a UN3480 SKU (+15 CNY/kg by air, +2 by rail) moves the stock to rail', async () => {
    const at = (over: Partial<Sku>) => spec([sku({ weightKg: 0.2, ...over })], { demand: { ordersPerDay: 7, arrivals: 'expected' }, warehouse: { freight: 'auto' } });
    const used = (r: { plan: SimPlan; recs: Float64Array }) => [0, 1, 2, 3].map((k) => r.recs[r.plan.layout.stock.options + k]!);
    expect(used(await runOf(at({})))).toEqual([1, 0, 0, 0]);
    const bat = await runOf(at({ battery: 'UN3480' }));
    expect(used(bat)).toEqual([0, 0, 0, 1]);
    // the head-haul surcharge charged is rail's 2 CNY/kg on the 0.2 kg units sold from stock
    expect(comp(bat.plan, bat.recs, 'warehouse', 'battery') / (7 * 31)).toBeCloseTo(0.4, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../io/index.ts';
import { buildHeadhaulCard, freightCharge, meanLeadDays, sdLeadDays } from './freight.ts';
import { chooseFreight, makeFreightEval } from './choose.ts';
import type { WarehouseParams } from '../data/data-set.ts';

const HEAD = 'destination,mode,min_m3,cny_per_kg,cny_per_m3,cny_per_container,container_m3,min_charge_cny,days_min,days_max,basis';
const card = (rows: string[]) => buildHeadhaulCard(parseCsvTable('card.csv', [HEAD, ...rows].join('\n') + '\n'));

describe('freight options', () => {
  const { card: c } = card([
    'PL,air,0,36,6000,0,0,1620,5,10,assumption:test',
    'PL,air,2,34,5700,0,0,0,5,10,assumption:test',
    'PL,sea-lcl,0,2.8,2800,0,0,5600,35,50,assumption:test',
    'PL,sea-fcl,0,0,0,30000,58,0,37,50,assumption:test',
  ]);
  it('charges the higher of weight and volume, the minimum, the tier of the volume and whole containers', () => {
    const air = c!.options.get('PL/air')!;
    expect(freightCharge(air, 10, 0.05)).toBe(1620); // 45 kg minimum
    expect(freightCharge(air, 100, 1)).toBe(6000); // volumetric: 1 m³ × 6,000 > 100 kg × 36
    expect(freightCharge(air, 500, 2)).toBe(500 * 34); // ≥ 2 m³ tier, by weight
    const lcl = c!.options.get('PL/sea-lcl')!;
    expect(freightCharge(lcl, 300, 1)).toBe(5600);
    expect(freightCharge(lcl, 1500, 3)).toBe(8400); // W/M: 3 m³ × 2,800 = 8,400 > 1.5 t × 2,800
    expect(freightCharge(lcl, 4000, 3)).toBe(11200); // W/M: 4 t × 2,800 > 3 m³ × 2,800
    const fcl = c!.options.get('PL/sea-fcl')!;
    expect(freightCharge(fcl, 1000, 10)).toBe(30000);
    expect(freightCharge(fcl, 1000, 58)).toBe(30000);
    expect(freightCharge(fcl, 1000, 59)).toBe(60000);
    expect(meanLeadDays(fcl)).toBe(43.5);
    expect(sdLeadDays(lcl)).toBeCloseTo(15 / Math.sqrt(12), 12);
  });

  it('reports bad rows at their cell', () => {
    const { diagnostics } = card(['XX,boat,0,1,1,0,0,0,9,5,because']);
    const msgs = diagnostics.map((d) => `${d.location.line}:${d.location.pointer} ${d.message.en}`);
    expect(msgs).toEqual(expect.arrayContaining([expect.stringContaining('column destination'), expect.stringContaining('column mode'), expect.stringContaining('column basis'), expect.stringContaining('column days_max')]));
  });

  it('the shipped card loads and offers rail only in Europe', async () => {
    const { readFile } = await import('node:fs/promises');
    const src = await readFile(new URL('../../data/rates/warehouse-headhaul.csv', import.meta.url), 'utf8');
    const { card: shipped, diagnostics } = buildHeadhaulCard(parseCsvTable('data/rates/warehouse-headhaul.csv', src));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(shipped!.options.has('PL/rail')).toBe(true);
    expect(shipped!.options.has('US/rail')).toBe(false);
    for (const o of shipped!.options.values()) for (const t of o.tiers) expect(t.basis).toMatch(/^(source|assumption):/);
  });
});

describe('the freight choice with a battery surcharge per kg', () => {
  const { card: c } = card(['PL,air,0,10,0,0,0,0,5,5,assumption:test', 'PL,sea-lcl,0,11,0,0,0,0,5,5,assumption:test']);
  const opts = [c!.options.get('PL/air')!, c!.options.get('PL/sea-lcl')!, null, null];
  // two options alike but for 1 CNY/kg of freight (same lead time, so the same stock costs): 2 kg units
  const w = { daysOfCover: 30, stockDensityKgPerM3: 250, serviceLevel: 0.95, capitalRateYear: 0.1, writeOffShareYear: 0.02, rentCnyPerM3Month: 0 } as unknown as WarehouseParams;
  const choose = (extra?: number[]) => chooseFreight(opts, -1, w, 10, 2, 50, 0, [1, 1, 1, 1], makeFreightEval(), extra);
  it('the surcharge per kg counts: +0.6 CNY/kg more on air than on LCL outweighs air\'s 1 CNY/kg lower rate only beyond it', () => {
    expect(choose()).toBe(0);
    // air 10 + 1.2 > LCL 11 + 0 per kg → LCL
    expect(choose([1.2, 0, 0, 0])).toBe(1);
    // air 10 + 0.9 < LCL 11 → still air
    expect(choose([0.9, 0, 0, 0])).toBe(0);
  });
  it('an option refusing the class (NaN) is not chosen; none left → -1; a fixed option stays fixed', () => {
    expect(choose([NaN, 5, 0, 0])).toBe(1);
    expect(choose([NaN, NaN, 0, 0])).toBe(-1);
    expect(chooseFreight(opts, 0, w, 10, 2, 50, 0, [1, 1, 1, 1], makeFreightEval(), [NaN, 0, 0, 0])).toBe(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVICES, bracketIndex, cellIndex } from '../data/rate-card.ts';
import { COMPONENT, volumeCell, type FeeCase } from '../rules/compile-fees.ts';
import { RULES_DIR, copyRules } from '../testing/fixtures.ts';
import { loadCostContext } from './context.ts';
import { addJitOrderCost, jitMonthlyFee } from './jit.ts';
import { referenceJitOrderCost } from './jit-reference.ts';
import { quote, type QuoteInput } from './quote.ts';

const ctx = await loadCostContext(RULES_DIR);
const base: QuoteInput = { dest: 'ES', weightKg: 0.5, service: 'standard', designatedBox: false, nonPreferredWarehouse: false, oversize: false, newSeller: false, countryDailyOrders: 20 };
const jit = (over: Partial<QuoteInput> = {}) => quote(ctx, { ...base, ...over }).modes.jit;

describe('worked examples from DOMAIN.md', () => {
  it('Spain ≤ 500 g standard: JIT logistics 14.2 CNY, 23 % below direct (18.44)', () => {
    const q = quote(ctx, base);
    expect(q.modes.jit.components.logistics).toBe(14.2);
    expect(q.modes.direct.components.logistics).toBe(18.44);
    expect(1 - 14.2 / 18.44).toBeCloseTo(0.23, 3);
    expect(q.modes.jit.deliveryDays).toEqual([7, 12]);
    expect(q.modes.direct.deliveryDays[0] - q.modes.jit.deliveryDays[0]).toBe(3);
    expect(q.modes.direct.deliveryDays[1] - q.modes.jit.deliveryDays[1]).toBe(5);
  });

  it('the cheapest first month is 420 CNY: 300 base + 150 small domestic orders at 0.8', () => {
    const s = ctx.schedules.get('A')!;
    const acc = new Float64Array(s.components.length);
    const c: FeeCase = { warehouseRegion: 'domestic', parcelVolumeLitres: 0.5, designatedBox: false, returnRate: 0.018, countryDailyOrders: 5, oversize: false, nonPreferredWarehouse: false, newSeller: false };
    let fees = 0;
    for (let i = 0; i < 150; i++) fees += addJitOrderCost(s, c, volumeCell(s.volumeBreaks, 0.5), 0, acc);
    expect(jitMonthlyFee(s, false, 0) + fees).toBeCloseTo(420, 9);
    expect(acc[COMPONENT.operation]).toBeCloseTo(120, 9);
    expect(jitMonthlyFee(s, true, 0)).toBe(0); // new seller: first month waived
    expect(jitMonthlyFee(s, true, 1)).toBe(300);
  });

  it.each([
    ['designatedBox', { designatedBox: true }, -0.3],
    ['oversize', { oversize: true }, 0.5],
    ['crossWarehouse', { nonPreferredWarehouse: true }, 0.6],
  ] as const)('%s moves the JIT total by exactly its amount', (component, flag, amount) => {
    const a = jit();
    const b = jit(flag);
    expect(b.components[component]).toBe(amount);
    expect(Math.round((b.total - a.total) * 100)).toBe(Math.round(amount * 100));
  });

  it('DSC-3 applies at 1.79 % and not at 1.80 %: operation fee × 0.9', () => {
    const on = jit({ returnRate: 0.0179 });
    const off = jit({ returnRate: 0.018 });
    expect(off.components.operationDiscount).toBeUndefined();
    expect(on.components.operationDiscount).toBeCloseTo(-0.1 * on.components.operation!, 2);
    expect(on.lines.find((l) => l.component === 'operationDiscount')!.ref).toContain('DSC-3');
  });

  it('DSC-1 applies at 51 orders/day and not at 50', () => {
    const on = jit({ countryDailyOrders: 51 });
    const off = jit({ countryDailyOrders: 50 });
    expect(off.components.logisticsDiscount).toBeUndefined();
    expect(on.components.logisticsDiscount).toBeCloseTo(-0.03 * 14.2, 2);
  });

  it('the new-seller waiver removes the base fee of the first month', () => {
    expect(jit().components.baseFee).toBeGreaterThan(0);
    expect(jit({ newSeller: true }).components.baseFee).toBe(0);
  });

  it('schedule B: processing 0.3 + warehouse operation fee by volume band, no monthly base fee', () => {
    const b = jit({ schedule: 'B', dimsCm: [10, 10, 5] });
    expect(b.components.processing).toBe(0.3);
    expect(b.components.operation).toBe(0.8);
    expect(b.components.baseFee).toBe(0);
    expect(jit({ schedule: 'B', dimsCm: [40, 30, 20] }).components.operation).toBe(2.5);
  });

  it('the region comes from the network list and can be overridden', () => {
    expect(quote(ctx, { ...base, dims: undefined, dimsCm: [10, 10, 5] } as QuoteInput).modes.jit.components.operation).toBe(2.2); // ES: overseas warehouse
    expect(jit({ dimsCm: [10, 10, 5], warehouse: 'domestic' }).components.operation).toBe(0.8);
    expect(quote(ctx, { ...base, dest: 'JP', dimsCm: [10, 10, 5] }).input.warehouseRegion).toBe('domestic');
  });

  it('every mode total is the sum of its components', () => {
    for (const m of Object.values(quote(ctx, { ...base, designatedBox: true, returnRate: 0.01, countryDailyOrders: 120 }).modes)) {
      expect(m.total).toBeCloseTo(Object.values(m.components).reduce((a, b) => a + b, 0), 9);
    }
  });

  it('rejects a weight ≤ 0, beyond the rate card, an unknown destination and an unknown schedule', () => {
    expect(() => quote(ctx, { ...base, weightKg: 0 })).toThrow(/weight must be above 0/);
    expect(() => quote(ctx, { ...base, weightKg: 31 })).toThrow(/beyond the JIT logistics rate card \(max 30 kg\)/);
    expect(() => quote(ctx, { ...base, dest: 'NZ' })).toThrow(/no JIT logistics rate for destination NZ/);
    expect(() => quote(ctx, { ...base, schedule: 'C' })).toThrow(/unknown fee schedule "C"/);
  });
});

describe('properties', () => {
  const dests = ctx.data.direct.destinations;
  const arb = fc.record({
    dest: fc.constantFrom(...dests),
    weightKg: fc.double({ min: 0.01, max: 30, noNaN: true }),
    service: fc.constantFrom(...SERVICES),
    designatedBox: fc.boolean(),
    nonPreferredWarehouse: fc.boolean(),
    oversize: fc.boolean(),
    newSeller: fc.boolean(),
    returnRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
    countryDailyOrders: fc.double({ min: 0.1, max: 1000, noNaN: true }),
    schedule: fc.constantFrom('A', 'B'),
  });

  it('costs are never negative and never NaN', () => {
    fc.assert(
      fc.property(arb, (q) => {
        for (const m of Object.values(quote(ctx, q).modes)) {
          expect(Number.isFinite(m.total)).toBe(true);
          expect(m.total).toBeGreaterThanOrEqual(0);
          for (const v of Object.values(m.components)) expect(Number.isFinite(v)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('costs never fall as the weight rises within a lane', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0, max: 10, noNaN: true }), (q, extra) => {
        const heavier = Math.min(30, q.weightKg + extra);
        const dims: [number, number, number] = [20, 20, 10]; // same volume band, so only the weight changes
        const a = quote(ctx, { ...q, dimsCm: dims }).modes;
        const b = quote(ctx, { ...q, dimsCm: dims, weightKg: heavier }).modes;
        for (const k of ['jit', 'warehouse', 'direct'] as const) expect(b[k].total).toBeGreaterThanOrEqual(a[k].total - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the compiled fee tables agree with json-rules-engine', () => {
  it('on 10,000 random orders, to the cent, for both schedules', async () => {
    const rng = fc.sample(
      fc.record({
        region: fc.constantFrom('domestic' as const, 'overseas' as const),
        litres: fc.oneof(fc.double({ min: 0, max: 40, noNaN: true }), fc.constantFrom(0, 1, 5, 15)),
        designatedBox: fc.boolean(),
        returnRate: fc.oneof(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constantFrom(0.018, 0.0179, 0.0181)),
        countryDailyOrders: fc.oneof(fc.double({ min: 0, max: 500, noNaN: true }), fc.constantFrom(50, 51, 100, 101, 300, 301)),
        oversize: fc.boolean(),
        nonPreferredWarehouse: fc.boolean(),
        newSeller: fc.boolean(),
        dest: fc.integer({ min: 0, max: ctx.data.direct.destinations.length - 1 }),
        weight: fc.double({ min: 0.01, max: 30, noNaN: true }),
        service: fc.integer({ min: 0, max: 2 }),
        schedule: fc.constantFrom('A', 'B'),
      }),
      { numRuns: 10_000, seed: 42 },
    );
    let checked = 0;
    for (const o of rng) {
      const s = ctx.schedules.get(o.schedule)!;
      const card = s.logistics;
      const logistics = card.price[cellIndex(card, o.dest, o.service, bracketIndex(card.brackets, o.weight))]!;
      const c: FeeCase = { warehouseRegion: o.region, parcelVolumeLitres: o.litres, designatedBox: o.designatedBox, returnRate: o.returnRate, countryDailyOrders: o.countryDailyOrders, oversize: o.oversize, nonPreferredWarehouse: o.nonPreferredWarehouse, newSeller: o.newSeller };
      const acc = new Float64Array(s.components.length);
      const total = addJitOrderCost(s, c, volumeCell(s.volumeBreaks, o.litres), logistics, acc);
      const ref = await referenceJitOrderCost(ctx.rules, s, c, logistics);
      const refTotal = Object.values(ref).reduce((a, b) => a + b, 0);
      expect(Math.abs(total - refTotal)).toBeLessThan(0.005);
      for (const [k, v] of Object.entries(ref)) expect(Math.abs(acc[s.components.indexOf(k)]! - v), `${k} ${JSON.stringify(o)}`).toBeLessThan(0.005);
      checked++;
    }
    expect(checked).toBe(10_000);
  });
});

describe('changing fees.json changes the cost, with no code change', () => {
  it('SUR-2 from 0.6 to 0.8 CNY, and FEE-A3 band 2 from 2.7 to 3.2', async () => {
    const { rulesDir } = await copyRules((f) => {
      f.fees.adjustments.find((a: { id: string }) => a.id === 'SUR-2').effect.amountCny = 0.8;
      f.fees.schedules[0].bandedFees[1].bands[1].feeCny = 3.2;
    });
    const changed = await loadCostContext(rulesDir);
    const q = quote(changed, { ...base, nonPreferredWarehouse: true, dimsCm: [20, 10, 10] }).modes.jit;
    expect(q.components.crossWarehouse).toBe(0.8);
    expect(q.components.operation).toBe(3.2);
    expect(jit({ nonPreferredWarehouse: true, dimsCm: [20, 10, 10] }).components.operation).toBe(2.7);
  });

  it('a rate-card price change reaches the quote', async () => {
    const { root, rulesDir } = await copyRules();
    const { readFile, rm, writeFile, cp } = await import('node:fs/promises');
    await rm(`${root}/data`);
    await cp(`${RULES_DIR}/../data`, `${root}/data`, { recursive: true });
    const csv = await readFile(`${root}/data/rates/jit-logistics.csv`, 'utf8');
    await writeFile(`${root}/data/rates/jit-logistics.csv`, csv.replace('ES,0.5,standard,14.20,', 'ES,0.5,standard,15,'));
    expect(quote(await loadCostContext(rulesDir), base).modes.jit.components.logistics).toBe(15);
  });
});

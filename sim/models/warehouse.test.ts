import { describe, expect, it } from 'vitest';
import type { WarehouseParams } from '../data/data-set.ts';
import { directReturnRate, directReturnsCnyPerOrder } from './direct.ts';
import { warehouseCapitalCnyPerOrder, warehouseCnyPerReturn, warehouseRentCnyPerMonth, warehouseReturnRate, warehouseStartupCnyPerMonth, warehouseStockM3, warehouseWriteOffCnyPerOrder } from './warehouse.ts';

const w: WarehouseParams = {
  startupCny: 72000,
  startupAmortisationMonths: 36,
  systemCnyPerMonth: 1500,
  rentCnyPerM3Month: 50,
  minRentCnyPerMonth: 5000,
  staffCnyPerOrder: 4,
  stockDensityKgPerM3: 150,
  daysOfCover: 73,
  capitalRateYear: 0.1,
  writeOffShareYear: 0.05,
  returnHandlingCnyPerReturn: 10,
  returnResaleRate: 0.7,
  serviceLevel: 0.95,
  unsoldWriteDownShare: 0.3,
};

describe('self-run warehouse formulas', () => {
  it('match arithmetic done by hand', () => {
    // 300 orders/day × 73 days × 0.5 kg / 150 kg/m³ = 73 m³
    expect(warehouseStockM3(w, 300, 0.5, 73)).toBeCloseTo(73, 12);
    expect(warehouseRentCnyPerMonth(w, 73)).toBe(5000); // 73 × 50 = 3,650 < minimum
    expect(warehouseRentCnyPerMonth(w, 200)).toBe(10000);
    expect(warehouseStartupCnyPerMonth(w)).toBe(2000);
    // 73 days = 1/5 of a year
    expect(warehouseCapitalCnyPerOrder(w, 50, 40, 73)).toBeCloseTo((50 * 0.1 * (40 + 73)) / 365, 12); // 40 days in transit + 73 on the shelf
    expect(warehouseWriteOffCnyPerOrder(w, 50, 73)).toBeCloseTo(50 * 0.05 * 0.2, 12);
    expect(warehouseCnyPerReturn(w, 50)).toBeCloseTo(10 + 0.3 * 50, 12);
    expect(warehouseReturnRate(0.02, 1.5)).toBeCloseTo(0.03, 12);
    expect(warehouseReturnRate(0.9, 2)).toBe(1);
  });
});

describe('direct-shipping return formulas', () => {
  it('41 % fewer returns on JIT: direct = JIT ÷ 0.59; loss = rate × share × price', () => {
    expect(directReturnRate(0.059, 0.41)).toBeCloseTo(0.1, 12);
    expect(directReturnRate(0.8, 0.41)).toBe(1);
    expect(directReturnsCnyPerOrder(0.1, 0.85, 100)).toBeCloseTo(8.5, 12);
  });
});

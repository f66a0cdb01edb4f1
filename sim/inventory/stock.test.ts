import { describe, expect, it } from 'vitest';
import { capitalCost, forecastUnits, makeStock, reviewStock, safetyStock, serveMonth, serviceZ, startStock, stockLevels } from './stock.ts';

/** cum[d] for a flat demand of `perDay` units a day over `days` days. */
const flat = (perDay: number, days: number) => Float64Array.from({ length: days + 1 }, (_, d) => d * perDay);

describe('inventory policy', () => {
  it('forecasts windows, fractional days and beyond the horizon at the last 30 days\' rate', () => {
    const cum = flat(10, 90);
    expect(forecastUnits(cum, 0, 30)).toBe(300);
    expect(forecastUnits(cum, 10.5, 12)).toBeCloseTo(15, 12);
    expect(forecastUnits(cum, 80, 120)).toBeCloseTo(400, 12);
  });

  it('reorder point = forecast over lead time + review + z·σ (hand-computed)', () => {
    // 10 units/day, lead 20 days, review 30 days: F = 500; Poisson only: σ = √500 = 22.36; z(0.95) = 1.6449
    const z = serviceZ(0.95);
    expect(z).toBeCloseTo(1.6449, 4);
    expect(safetyStock(500, 50, 0, 0, z)).toBeCloseTo(1.644854 * Math.sqrt(500), 3);
    // with dispersion cv 0.2: σ² = 500 + 0.04 × 500² / 50 = 700; with a lead-time sd of 5 days: + 10² × 25 = 3,200
    expect(safetyStock(500, 50, 0.2, 5, 1)).toBeCloseTo(Math.sqrt(3200), 9);
    const lv = { s: 0, S: 0 };
    stockLevels(flat(10, 365), 0, 30, 20, 0, 60, 0, z, 1, lv);
    expect(lv.s).toBeCloseTo(500 + 1.644854 * Math.sqrt(500), 3);
    expect(lv.S).toBeCloseTo(lv.s + 600, 9);
  });

  it('builds stock ahead of a peak: the reorder point looks forward over the lead time', () => {
    // 10/day for 60 days, then 30/day: at day 30 with a 40-day lead + 30-day review the window holds 30 peak days
    const cum = Float64Array.from({ length: 121 }, (_, d) => (d <= 60 ? 10 * d : 600 + 30 * (d - 60)));
    const lv = { s: 0, S: 0 };
    stockLevels(cum, 30, 30, 40, 0, 0, 0, 0, 1, lv);
    expect(lv.s).toBe(30 * 10 + 40 * 30);
  });

  it('runs out deterministically when the lead time is longer than the cover', () => {
    // 10 units/day, 200 on the shelf (20 days), an order placed on day 0 arrives on day 45: days 20–45 are short
    const st = makeStock();
    startStock(st, 200);
    expect(reviewStock(st, 0, 1000, 1300, 45)).toBe(1100);
    expect(st.transitStart).toBe(1100);
    serveMonth(st, 0, 30, 300);
    expect(st.served).toBe(200);
    expect(st.short).toBe(100);
    // on hand falls linearly from 200 to 0 over 20 days: mean over the month 200 × 20 / 2 / 30
    expect(st.meanOnHand).toBeCloseTo(2000 / 30, 9);
    expect(st.onHand).toBe(0);
    expect(st.transitEnd).toBe(1100);
    // month 2: 15 more short days, then 1,100 arrive on day 45 and cover the remaining 15 days (150)
    expect(reviewStock(st, 30, 0, 0, 45)).toBe(0);
    serveMonth(st, 30, 30, 300);
    expect(st.short).toBeCloseTo(150, 9);
    expect(st.served).toBeCloseTo(150, 9);
    expect(st.onHand).toBeCloseTo(950, 9);
    expect(st.peakOnHand).toBeCloseTo(1100, 9);
    expect(st.pipeN).toBe(0);
  });

  it('never runs out when the cover exceeds the lead time and demand is as forecast', () => {
    const st = makeStock();
    const cum = flat(10, 360);
    const lv = { s: 0, S: 0 };
    stockLevels(cum, 0, 30, 20, 0, 30, 0, 0, 1, lv);
    startStock(st, lv.S);
    let short = 0;
    for (let m = 0; m < 12; m++) {
      stockLevels(cum, 30 * m, 30, 20, 0, 30, 0, 0, 1, lv);
      reviewStock(st, 30 * m, lv.s, lv.S, 20);
      serveMonth(st, 30 * m, 30, 300);
      short += st.short;
    }
    expect(short).toBe(0);
  });

  it('keeps arrivals in order when a later order overtakes an earlier one', () => {
    const st = makeStock();
    startStock(st, 0);
    reviewStock(st, 0, 10, 100, 50);
    reviewStock(st, 30, 1000, 1100, 5);
    expect([...st.pipeDay.subarray(0, st.pipeN)]).toEqual([35, 50]);
  });

  it('prices capital tied up by value × yearly rate × days / 365', () => {
    // 36,500 CNY for 30 days at 10 %/year = 300 CNY
    expect(capitalCost(36500, 0.1, 30)).toBeCloseTo(300, 9);
  });
});

/**
 * Synthetic order histories with known true parameters: the sample in data/samples/orders.csv
 * (scripts/make-sample-orders.ts), the recovery tests and the benchmark. Every random number comes
 * from the seeded generator; the same parameters and seed give the same file byte for byte.
 *
 * The demand process is the simulator's own: day rate = ordersPerDay × (1 + monthlyGrowth)^(months
 * since start) × weekly[dow] × yearly[month] (each normalised to mean 1) × Gamma(mean 1, CV =
 * dispersion), orders ~ Poisson(day rate). Each order: destination and SKU by their shares,
 * quantity 1 (or 2 with `pairShare`), weight = unit weight × quantity with unit weight lognormal
 * around the SKU's median, returned with probability `returnRate`, shipping cost = the direct rate
 * card price of its bracket × the lane's true multiplier.
 */
import { Xoshiro128 } from '../random/rng.ts';
import { samplePoisson, sampleGamma, sampleNormal } from '../random/poisson.ts';

export interface SynthParams {
  seed: number;
  /** First day, YYYY-MM-DD. */
  start: string;
  days: number;
  /** Orders/day at the start date, before seasonality. */
  ordersPerDay: number;
  monthlyGrowth: number;
  /** Monday..Sunday. */
  weekly: number[];
  /** January..December. */
  yearly: number[];
  /** CV of the daily rate (Gamma). */
  dispersion: number;
  destinations: { country: string; share: number; names?: string[] }[];
  skus: { id: string; share: number; weightMedianKg: number; weightSdLog: number; priceUsd: number }[];
  pairShare: number;
  returnRate: number;
  /** True shipping multiplier per destination (1 = the shipped direct card). */
  laneMultipliers: Record<string, number>;
  /** Days whose rate is multiplied (promotions, outliers the fit must resist). */
  spikes: { date: string; factor: number }[];
  currency: string;
  /** CNY per unit of `currency` (to express the shipping cost in it). */
  cnyPerUnit: number;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function pick(rng: Xoshiro128, cum: Float64Array): number {
  const u = rng.next();
  for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return i;
  return cum.length - 1;
}

function cumulative(ws: number[]): Float64Array {
  const t = ws.reduce((a, b) => a + b, 0);
  let s = 0;
  return Float64Array.from(ws, (w) => (s += w / t));
}

/** The canonical header of an order export. */
export const SYNTH_HEADER = 'order_id,order_time,destination,sku,quantity,weight_kg,order_value,currency,shipping_cost,returned';

/**
 * Writes a synthetic order history line by line (header first) through `write`, and returns the
 * number of orders. `shippingCny(country, weightKg)` prices a parcel on the shipped direct card.
 */
export function writeSynthOrders(p: SynthParams, shippingCny: (country: string, weightKg: number) => number, write: (line: string) => void): number {
  const rng = new Xoshiro128(p.seed);
  const destCum = cumulative(p.destinations.map((d) => d.share));
  const skuCum = cumulative(p.skus.map((k) => k.share));
  const wMean = p.weekly.reduce((a, b) => a + b, 0) / 7;
  const yMean = p.yearly.reduce((a, b) => a + b, 0) / 12;
  const start = Date.parse(`${p.start}T00:00:00Z`);
  const spikes = new Map(p.spikes.map((s) => [s.date, s.factor]));
  const shape = p.dispersion > 0 ? 1 / (p.dispersion * p.dispersion) : 0;
  const growthPerDay = Math.pow(1 + p.monthlyGrowth, 12 / 365);
  write(SYNTH_HEADER);
  let n = 0;
  for (let day = 0; day < p.days; day++) {
    const t = start + day * DAY;
    const date = new Date(t);
    const iso = date.toISOString().slice(0, 10);
    const dow = (date.getUTCDay() + 6) % 7;
    let rate = p.ordersPerDay * Math.pow(growthPerDay, day) * (p.weekly[dow]! / wMean) * (p.yearly[date.getUTCMonth()]! / yMean) * (spikes.get(iso) ?? 1);
    if (shape > 0) rate *= sampleGamma(rng, shape) / shape;
    const count = samplePoisson(rng, rate);
    for (let i = 0; i < count; i++) {
      n++;
      const d = p.destinations[pick(rng, destCum)]!;
      const k = p.skus[pick(rng, skuCum)]!;
      const qty = rng.next() < p.pairShare ? 2 : 1;
      const unitKg = k.weightMedianKg * Math.exp(k.weightSdLog * sampleNormal(rng));
      const kg = Math.max(0.01, Math.round(unitKg * qty * 1000) / 1000);
      const secs = Math.floor(rng.next() * 86400);
      const time = `${iso} ${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
      const value = (k.priceUsd * qty * (0.9 + 0.2 * rng.next())).toFixed(2);
      const returned = rng.next() < p.returnRate ? 'yes' : 'no';
      const ship = ((shippingCny(d.country, kg) * (p.laneMultipliers[d.country] ?? 1)) / p.cnyPerUnit).toFixed(2);
      const name = d.names && d.names.length ? d.names[Math.floor(rng.next() * d.names.length)]! : d.country;
      write(`${8100000000000 + n},${time},${name},${k.id},${qty},${kg},${value},${p.currency},${ship},${returned}`);
    }
  }
  return n;
}

/** The true parameters of data/samples/orders.csv (stated in data/samples/README.md). */
export const SAMPLE_PARAMS: SynthParams = {
  seed: 20250101,
  start: '2025-01-01',
  days: 455, // 2025-01-01 .. 2026-03-31: fifteen months
  ordersPerDay: 40,
  monthlyGrowth: 0.03,
  weekly: [1.1, 1.05, 1.0, 1.0, 0.95, 0.85, 1.05],
  yearly: [0.9, 0.85, 0.95, 1.0, 1.0, 0.95, 0.9, 0.9, 1.0, 1.05, 1.35, 1.15],
  dispersion: 0.2,
  destinations: [
    { country: 'ES', share: 0.3, names: ['ES', 'Spain', '西班牙'] },
    { country: 'FR', share: 0.25, names: ['FR', 'France', '法国'] },
    { country: 'DE', share: 0.2, names: ['DE', 'Germany', '德国'] },
    { country: 'IT', share: 0.15, names: ['IT', 'Italy', '意大利'] },
    { country: 'PL', share: 0.1, names: ['PL', 'Poland', '波兰'] },
  ],
  skus: [
    { id: 'summer-dress', share: 0.35, weightMedianKg: 0.35, weightSdLog: 0.12, priceUsd: 17 },
    { id: 'basic-tee', share: 0.3, weightMedianKg: 0.2, weightSdLog: 0.08, priceUsd: 8 },
    { id: 'denim-jeans', share: 0.2, weightMedianKg: 0.65, weightSdLog: 0.1, priceUsd: 23 },
    { id: 'puffer-jacket', share: 0.15, weightMedianKg: 1.1, weightSdLog: 0.12, priceUsd: 45 },
  ],
  pairShare: 0.1,
  returnRate: 0.06,
  laneMultipliers: { ES: 1.08, FR: 0.97, DE: 1.0, IT: 1.12, PL: 0.9 },
  spikes: [
    { date: '2025-03-28', factor: 4 },
    { date: '2025-08-15', factor: 5 },
    { date: '2025-11-11', factor: 6 },
  ],
  currency: 'USD',
  // the USD rate of data/fx.json (the project's one FX source), which calibrate converts back with;
  // sim/calibrate/calibrate.test.ts checks the two agree
  cnyPerUnit: 6.8322,
};

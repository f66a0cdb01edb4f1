/**
 * Backtest: the model's shipping cost of each historical order — the rate-card price of the leg
 * the client actually paid for (direct: the direct card; jit: the JIT logistics card; warehouse:
 * the last-mile card), for the order's destination, the scenario's service to it and the order's
 * weight bracket, with the scenario's client cards and lane multipliers applied — against what the
 * client paid (`shipping_cost`), by destination × weight bracket:
 *   bias = Σ(model − paid) ÷ Σ paid  (positive: the model is too expensive)
 *   MAPE = mean over orders with paid > 0 of |model − paid| ÷ paid.
 * The per-trial rate-card multiplier is left at 1 (the point the cards state). `fitLaneMultipliers`
 * turns the comparison into per-lane factors paid ÷ model (× the factor already in the scenario).
 */
import { SERVICES, bracketIndex, cellIndex, type RateCard } from '../data/rate-card.ts';
import type { RateCardLeg, ScenarioFile } from '../scenario/schema.ts';
import { MODE_CODES, type FulfilmentMode, type Orders } from './orders.ts';

export const LEG_OF_MODE: Record<FulfilmentMode, Exclude<RateCardLeg, 'warehouseHeadhaul'>> = { direct: 'direct', jit: 'jitLogistics', warehouse: 'warehouseLastMile' };

export interface LaneStats {
  mode: FulfilmentMode;
  destination: string;
  /** Upper bound of the weight bracket, kg. */
  bracketKg: number;
  orders: number;
  paidCny: number;
  modelCny: number;
  /** Σ(model − paid) ÷ Σ paid. */
  bias: number;
  mape: number;
}

export interface BacktestResult {
  lanes: LaneStats[];
  byDestination: Omit<LaneStats, 'bracketKg'>[];
  overall: { orders: number; paidCny: number; modelCny: number; bias: number; mape: number };
  skipped: { noShippingCost: number; noLane: number };
}

interface Acc {
  n: number;
  paid: number;
  model: number;
  ape: number;
  nApe: number;
}
const acc = (): Acc => ({ n: 0, paid: 0, model: 0, ape: 0, nApe: 0 });
const add = (a: Acc, paid: number, model: number) => {
  a.n++;
  a.paid += paid;
  a.model += model;
  if (paid > 0) {
    a.ape += Math.abs(model - paid) / paid;
    a.nApe++;
  }
};
const stats = (a: Acc) => ({ orders: a.n, paidCny: a.paid, modelCny: a.model, bias: a.paid > 0 ? (a.model - a.paid) / a.paid : NaN, mape: a.nApe > 0 ? a.ape / a.nApe : NaN });

export interface BacktestCards {
  direct: RateCard;
  jitLogistics: RateCard;
  warehouseLastMile: RateCard;
}

/** Compares model and paid shipping cost per order. `defaultMode` applies to orders without a mode cell. */
export function backtest(o: Orders, spec: ScenarioFile, cards: BacktestCards, defaultMode: FulfilmentMode, defaultService: string): BacktestResult {
  const serviceOf = new Map(spec.destinations.map((d) => [d.country, d.service as string]));
  const lanes = new Map<string, { mode: FulfilmentMode; dest: string; b: number; a: Acc }>();
  const dests = new Map<string, { mode: FulfilmentMode; dest: string; a: Acc }>();
  const all = acc();
  let noShippingCost = 0;
  let noLane = 0;
  for (let i = 0; i < o.n; i++) {
    const paid = o.shippingCny[i]!;
    if (Number.isNaN(paid)) {
      noShippingCost++;
      continue;
    }
    const mode = o.mode[i] === 255 ? defaultMode : MODE_CODES[o.mode[i]!]!;
    const card = cards[LEG_OF_MODE[mode]];
    const dest = o.destinations[o.dest[i]!]!;
    const d = card.destIndex.get(dest);
    const svc = serviceOf.get(dest) ?? defaultService;
    const s = SERVICES.indexOf((mode === 'warehouse' ? (svc === 'express' ? 'express' : 'standard') : svc) as (typeof SERVICES)[number]);
    const b = bracketIndex(card.brackets, o.weightKg[i]!);
    const model = d === undefined || b < 0 ? NaN : card.price[cellIndex(card, d, s, b)]!;
    if (!Number.isFinite(model)) {
      noLane++;
      continue;
    }
    const key = `${mode}|${dest}|${b}`;
    let l = lanes.get(key);
    if (!l) lanes.set(key, (l = { mode, dest, b: card.brackets[b]!, a: acc() }));
    add(l.a, paid, model);
    let t = dests.get(`${mode}|${dest}`);
    if (!t) dests.set(`${mode}|${dest}`, (t = { mode, dest, a: acc() }));
    add(t.a, paid, model);
    add(all, paid, model);
  }
  const order = (a: { mode: string; dest: string }, b: { mode: string; dest: string }) => (a.mode === b.mode ? (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0) : a.mode < b.mode ? -1 : 1);
  return {
    lanes: [...lanes.values()].sort((a, b) => order(a, b) || a.b - b.b).map((l) => ({ mode: l.mode, destination: l.dest, bracketKg: l.b, ...stats(l.a) })),
    byDestination: [...dests.values()].sort(order).map((t) => ({ mode: t.mode, destination: t.dest, ...stats(t.a) })),
    overall: stats(all),
    skipped: { noShippingCost, noLane },
  };
}

/** Lane factor already in a scenario: "CC/<kg>" wins over "CC". */
export function existingFactor(m: Record<string, number> | undefined, dest: string, bracketKg: number | null): number {
  if (!m) return 1;
  if (bracketKg !== null) {
    const k = Object.keys(m).find((x) => x.startsWith(`${dest}/`) && Math.abs(Number(x.slice(dest.length + 1)) - bracketKg) < 1e-9);
    if (k) return m[k]!;
  }
  return m[dest] ?? 1;
}

/**
 * Per-lane multipliers: a bracket lane with at least `minOrders` orders gets "CC/<kg>" = existing ×
 * paid ÷ model; a destination with at least `minOrders` orders in its other brackets (or in all,
 * when every bracket has its own key) gets "CC" for those. Rounded to 4 decimals.
 */
export function fitLaneMultipliers(r: BacktestResult, spec: ScenarioFile, minOrders: number): Partial<Record<Exclude<RateCardLeg, 'warehouseHeadhaul'>, Record<string, number>>> {
  const out: Partial<Record<Exclude<RateCardLeg, 'warehouseHeadhaul'>, Record<string, number>>> = {};
  const round = (x: number) => Math.round(x * 10000) / 10000;
  for (const mode of MODE_CODES) {
    const leg = LEG_OF_MODE[mode];
    const prev = spec.rateCards?.[leg]?.laneMultipliers;
    const lanes = r.lanes.filter((l) => l.mode === mode);
    const keys: Record<string, number> = {};
    const dests = [...new Set(lanes.map((l) => l.destination))];
    for (const dest of dests) {
      const own = lanes.filter((l) => l.destination === dest && l.orders >= minOrders && l.modelCny > 0);
      for (const l of own) keys[`${dest}/${l.bracketKg}`] = round(existingFactor(prev, dest, l.bracketKg) * (l.paidCny / l.modelCny));
      const rest = lanes.filter((l) => l.destination === dest && !own.includes(l));
      const base = rest.reduce((a, l) => a + l.orders, 0) >= minOrders ? rest : lanes.filter((l) => l.destination === dest);
      const n = base.reduce((a, l) => a + l.orders, 0);
      // the destination factor: paid ÷ model over those brackets, relative to the destination-level factor in force
      const paid = base.reduce((a, l) => a + l.paidCny, 0);
      const model = base.reduce((a, l) => a + l.modelCny / existingFactor(prev, dest, l.bracketKg), 0);
      if (n >= minOrders && model > 0) keys[dest] = round(paid / model);
    }
    if (Object.keys(keys).length) out[leg] = keys;
  }
  return out;
}

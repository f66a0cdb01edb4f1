/**
 * What a run says about lithium-battery SKUs: per mode the orders it could not ship (a lane refused
 * their battery class) and the surcharges it paid; per battery SKU, each mode's lane per destination
 * (accepted with its surcharge, or refused with the reason). The lanes are read from the same
 * tables the trial prices with (sim/battery/plan.ts), at the SKU's median weight for a client card's
 * own battery columns.
 */
import type { Text } from '../i18n/index.ts';
import { MODES, type Mode } from '../engine/layout.ts';
import type { SimPlan } from '../engine/plan.ts';
import type { TrialStore } from '../engine/store.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { BATTERY_OF_CODE, batteryLane } from './data.ts';
import { BATTERY_CODES, cardBattery, laneCell } from './plan.ts';
import type { BatteryClass } from './schema.ts';
import { M } from './messages.ts';
import { refusedText } from './texts.ts';

/** One leg of a mode for one destination: accepted with its surcharge, or refused with the reason. */
export interface BatteryLaneVerdict {
  destination: string;
  leg: 'direct' | 'jit' | 'warehouseLastMile' | 'warehouseHeadhaul';
  /** Head-haul only: the freight option. */
  freight?: string;
  accepted: boolean;
  /** CNY per parcel (direct, last mile) or per kg (head-haul); null when refused. */
  surchargeCny: number | null;
  unit: 'parcel' | 'kg' | null;
  /** Where the figure comes from: the client card (file) or the data/battery.json row (`data/battery.json#/lanes/<i>`, whose basis the report's assumptions list). */
  source: string;
  reason: Text | null;
}

export interface BatterySummary {
  /** Per mode, means over the trials: orders refused, their share of all orders, the battery surcharges paid (CNY) and the margin lost on refused orders. */
  modes: Record<Mode, { refusedOrders: number; refusedShare: number; surchargeCny: number; refusedMarginCny: number }>;
  /** Per SKU with a lithium battery: its class and, per mode, its lanes. */
  skus: { id: string; battery: BatteryClass; modes: Record<Mode, BatteryLaneVerdict[]> }[];
  /** Per mode, the static share of the expected demand (destination × SKU shares) it cannot serve; 1 makes the mode unavailable. */
  unservedShare: Record<Mode, number>;
}

/** Every lane verdict of one SKU under one mode (static: the tables, no trial). */
export function skuVerdicts(plan: SimPlan, s: number, mode: Mode): BatteryLaneVerdict[] {
  const sc = plan.scenario;
  const b = sc.skuBattery[s]!;
  if (b === 0) return [];
  const cls = BATTERY_OF_CODE[b] as BatteryClass;
  const data = plan.ctx.data.battery;
  const wi = plan.at.weight[s]!;
  const weight = wi >= 0 ? sc.inputs[wi]!.dist.quantile(0.5) : 0;
  const out: BatteryLaneVerdict[] = [];
  sc.spec.destinations.forEach((dst, d) => {
    const country = dst.country;
    const parcel = (leg: 'direct' | 'warehouseLastMile'): BatteryLaneVerdict => {
      const card = leg === 'direct' ? sc.cards.direct : sc.cards.lastMile;
      const service = leg === 'direct' ? dst.service : dst.service === 'express' ? 'express' : 'standard';
      const table = leg === 'direct' ? plan.battery.direct : plan.battery.lastMile;
      const cell = laneCell(card, country, service, weight);
      const v = cell < 0 ? table[d * BATTERY_CODES + b]! : cardBattery(card, cell, b, table[d * BATTERY_CODES + b]!);
      const fromCard = cell >= 0 && card.battery !== undefined && !Number.isNaN(card.battery[cell * 2 + b - 1]!);
      const row = batteryLane(data, leg, cls, country);
      const accepted = !Number.isNaN(v);
      return { destination: country, leg, accepted, surchargeCny: accepted ? v : null, unit: accepted ? 'parcel' : null, source: fromCard ? card.file : `data/battery.json#/lanes/${row.index}`, reason: accepted ? null : refusedText(cls, leg, country) };
    };
    if (mode === 'direct' || (mode === 'jit' && !sc.skuEligible[s])) out.push(parcel('direct'));
    else if (mode === 'jit') out.push({ destination: country, leg: 'jit', accepted: true, surchargeCny: 0, unit: 'parcel', source: 'rules/catalogue.json', reason: null });
    else {
      out.push(parcel('warehouseLastMile'));
      const site = sc.siteOf[d]!;
      const siteCc = sc.sites[site]!;
      const F = FREIGHT_MODES.length;
      for (let f = 0; f < F; f++) {
        if (!plan.stock.options[site]?.[f]) continue;
        if (plan.stock.fixed >= 0 && plan.stock.fixed !== f) continue;
        const v = plan.battery.head[(site * F + f) * BATTERY_CODES + b]!;
        const row = batteryLane(data, 'warehouseHeadhaul', cls, siteCc, FREIGHT_MODES[f]);
        const accepted = !Number.isNaN(v);
        out.push({ destination: country, leg: 'warehouseHeadhaul', freight: FREIGHT_MODES[f], accepted, surchargeCny: accepted ? v : null, unit: accepted ? 'kg' : null, source: `data/battery.json#/lanes/${row.index}`, reason: accepted ? null : M.refusedHeadhaul(cls, FREIGHT_MODES[f]!, siteCc) });
      }
    }
  });
  return out;
}

/** Can the mode serve this SKU at destination d (statically)? Head-haul: some offered option (or the fixed one) accepts. */
function serves(v: BatteryLaneVerdict[], country: string): boolean {
  const mine = v.filter((x) => x.destination === country);
  if (mine.some((x) => x.leg !== 'warehouseHeadhaul' && !x.accepted)) return false;
  const head = mine.filter((x) => x.leg === 'warehouseHeadhaul');
  return head.length === 0 || head.some((x) => x.accepted);
}

/** Per mode: the share of expected demand (destination × SKU shares) no lane of the mode can serve. */
export function unservedShares(plan: SimPlan): Record<Mode, number> {
  const hit = unservedCache.get(plan);
  if (hit) return hit;
  const out = { jit: 0, warehouse: 0, direct: 0, tpl: 0 };
  unservedCache.set(plan, out);
  if (!plan.battery.any) return out;
  const sc = plan.scenario;
  for (const m of MODES)
    sc.spec.skus.forEach((_, s) => {
      const v = skuVerdicts(plan, s, m);
      if (!v.length) return;
      sc.spec.destinations.forEach((dst, d) => {
        if (!serves(v, dst.country)) out[m] += plan.destShare[d]! * plan.skuShare[s]!;
      });
    });
  return out;
}

const unservedCache = new WeakMap<SimPlan, Record<Mode, number>>();

/** Every lane source the battery SKUs of a run use (client files, `data/battery.json#/lanes/<i>`), in SKU order. */
export function batterySkuSources(plan: SimPlan): string[] {
  const out = new Set<string>();
  const sc = plan.scenario;
  if (!plan.battery.any) return [];
  // one SKU per battery class is enough: the lanes depend on the class (and on a client card's weight bracket)
  const seen = new Set<number>();
  sc.spec.skus.forEach((_, s) => {
    const b = sc.skuBattery[s]!;
    if (b === 0 || (seen.has(b) && !sc.cards.direct.battery && !sc.cards.lastMile.battery)) return;
    seen.add(b);
    for (const m of MODES) for (const v of skuVerdicts(plan, s, m)) out.add(v.source);
  });
  return [...out];
}

/** The first refusal reason of a mode (for "unavailable because"). */
export function firstRefusal(plan: SimPlan, mode: Mode): Text | null {
  for (let s = 0; s < plan.scenario.spec.skus.length; s++) for (const v of skuVerdicts(plan, s, mode)) if (v.reason) return v.reason;
  return null;
}

export function batterySummary(plan: SimPlan, store: TrialStore): BatterySummary {
  const L = plan.layout;
  const n = store.n;
  const orders = n > 0 ? store.sum(L.modes.jit.orders) / n : 0;
  const modes = {} as BatterySummary['modes'];
  for (const m of MODES) {
    const ml = L.modes[m];
    const comp = (id: string) => {
      const k = ml.components.indexOf(id);
      return k < 0 || n === 0 ? 0 : store.sum(ml.component + k) / n;
    };
    const refused = n > 0 ? store.sum(ml.refused) / n : 0;
    modes[m] = { refusedOrders: refused, refusedShare: orders > 0 ? refused / orders : 0, surchargeCny: comp('battery'), refusedMarginCny: comp('batteryRefused') };
  }
  const sc = plan.scenario;
  const skus: BatterySummary['skus'] = [];
  sc.spec.skus.forEach((k, s) => {
    const b = sc.skuBattery[s]!;
    if (b === 0) return;
    skus.push({ id: k.id, battery: BATTERY_OF_CODE[b] as BatteryClass, modes: Object.fromEntries(MODES.map((m) => [m, skuVerdicts(plan, s, m)])) as Record<Mode, BatteryLaneVerdict[]> });
  });
  return { modes, skus, unservedShare: unservedShares(plan) };
}

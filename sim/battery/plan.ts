/**
 * The battery tables of a run, compiled once per scenario (never per order): per destination and
 * battery class, the direct and last-mile lanes' surcharge per parcel (NaN: refused); per warehouse
 * site, freight option and class, the head-haul surcharge per kg (NaN: refused). A client card's
 * own battery columns (per cell) win over these in the trial (sim/engine/trial.ts), where the SKU's
 * weight bracket is known.
 */
import type { DataSet } from '../data/data-set.ts';
import { cellIndex, type RateCard, SERVICES } from '../data/rate-card.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { BATTERY_CLASSES, type BatteryClass } from './schema.ts';
import { batteryLane, laneSurcharge } from './data.ts';

/** Classes per code (0 none, 1 UN3481, 2 UN3480). */
export const BATTERY_CODES = 3;

export interface BatteryPlan {
  /** Some SKU holds a lithium battery (else the trial skips every battery step). */
  any: boolean;
  /** Per destination × code: direct surcharge per parcel, NaN refused (code 0: 0). */
  direct: Float64Array;
  /** Per destination × code: last-mile surcharge per parcel, NaN refused. */
  lastMile: Float64Array;
  /** Per site × FREIGHT_MODES × code: head-haul surcharge per kg, NaN refused. */
  head: Float64Array;
}

export function compileBattery(data: Pick<DataSet, 'battery'>, destinations: string[], sites: string[], skuBattery: Uint8Array): BatteryPlan {
  const D = destinations.length;
  const F = FREIGHT_MODES.length;
  const direct = new Float64Array(D * BATTERY_CODES);
  const lastMile = new Float64Array(D * BATTERY_CODES);
  const head = new Float64Array(sites.length * F * BATTERY_CODES);
  BATTERY_CLASSES.forEach((cls, k) => {
    const b = k + 1;
    destinations.forEach((c, d) => {
      direct[d * BATTERY_CODES + b] = laneSurcharge(batteryLane(data.battery, 'direct', cls, c));
      lastMile[d * BATTERY_CODES + b] = laneSurcharge(batteryLane(data.battery, 'warehouseLastMile', cls, c));
    });
    sites.forEach((site, i) => {
      for (let f = 0; f < F; f++) head[(i * F + f) * BATTERY_CODES + b] = laneSurcharge(batteryLane(data.battery, 'warehouseHeadhaul', cls, site, FREIGHT_MODES[f]));
    });
  });
  return { any: skuBattery.some((x) => x > 0), direct, lastMile, head };
}

/**
 * A parcel lane's battery surcharge for class code `b` at card cell `cell`: the card's own column
 * where it says (−1 = refused → NaN), else the data's figure `fallback`. Code 0 (no battery): 0.
 */
export function cardBattery(card: RateCard, cell: number, b: number, fallback: number): number {
  if (b === 0) return 0;
  const v = card.battery ? card.battery[cell * 2 + b - 1]! : NaN;
  if (Number.isNaN(v)) return fallback;
  return v < 0 ? NaN : v;
}

/** The card cell of a destination's lane for a weight (−1 when the card has no such cell). */
export function laneCell(card: RateCard, dest: string, service: string, weightKg: number): number {
  const d = card.destIndex.get(dest);
  const s = SERVICES.indexOf(service as never);
  if (d === undefined || s < 0) return -1;
  let b = 0;
  while (b < card.brackets.length && weightKg > card.brackets[b]! + 1e-9) b++;
  return b < card.brackets.length ? cellIndex(card, d, s, b) : -1;
}

export type { BatteryClass };

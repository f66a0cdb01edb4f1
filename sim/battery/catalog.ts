/**
 * `jitsim check catalog --dest …`: for the catalogue's lithium-battery SKUs, which lanes of each mode
 * take their class at each destination (data/battery.json): direct (also JIT's orders shipped direct
 * and warehouse stock-outs shipped direct), the warehouse's last mile (self-run and 3PL), and the
 * head-haul to a warehouse in the destination country per freight option. What JIT itself admits is
 * the catalogue rules' verdict (BAN-1), shown beside.
 */
import type { Lang } from '../i18n/index.ts';
import { batteryLane } from './data.ts';
import { M } from './messages.ts';
import type { BatteryClass, BatteryFile } from './schema.ts';

export const CATALOG_FREIGHT = ['air', 'sea-lcl', 'sea-fcl', 'rail'] as const;

/** One lane: accepted with its surcharge (CNY per parcel; per kg for the head-haul), or refused; `ref` its row in data/battery.json. */
export interface LaneVerdict {
  accept: boolean;
  surchargeCny: number | null;
  unit: 'parcel' | 'kg';
  ref: string;
}

/** The lanes of one class at one destination. */
export interface DestinationLanes {
  dest: string;
  direct: LaneVerdict;
  warehouseLastMile: LaneVerdict;
  headhaul: Record<(typeof CATALOG_FREIGHT)[number], LaneVerdict>;
  /** The modes that can ship the class there: direct (and JIT's direct share) when direct accepts; the warehouse and the 3PL when the last mile and at least one head-haul option accept. */
  modes: { direct: boolean; warehouse: boolean; tpl: boolean };
}

const verdict = (file: BatteryFile, leg: 'direct' | 'warehouseLastMile' | 'warehouseHeadhaul', cls: BatteryClass, dest: string, freight?: string): LaneVerdict => {
  const r = batteryLane(file, leg, cls, dest, freight);
  const unit = leg === 'warehouseHeadhaul' ? 'kg' : 'parcel';
  return { accept: r.accept, surchargeCny: r.accept ? (unit === 'kg' ? r.surchargeCnyPerKg ?? 0 : r.surchargeCnyPerParcel ?? 0) : null, unit, ref: `data/battery.json#/lanes/${r.index}` };
};

/** Per class present and destination: the lanes. */
export function catalogLanes(file: BatteryFile, classes: readonly BatteryClass[], dests: readonly string[]): Record<string, DestinationLanes[]> {
  const out: Record<string, DestinationLanes[]> = {};
  for (const cls of classes) {
    out[cls] = dests.map((dest) => {
      const headhaul = Object.fromEntries(CATALOG_FREIGHT.map((f) => [f, verdict(file, 'warehouseHeadhaul', cls, dest, f)])) as DestinationLanes['headhaul'];
      const direct = verdict(file, 'direct', cls, dest);
      const warehouseLastMile = verdict(file, 'warehouseLastMile', cls, dest);
      const wh = warehouseLastMile.accept && CATALOG_FREIGHT.some((f) => headhaul[f].accept);
      return { dest, direct, warehouseLastMile, headhaul, modes: { direct: direct.accept, warehouse: wh, tpl: wh } };
    });
  }
  return out;
}

const fmt = (x: number) => (Math.round(x * 100) / 100).toString();
const lane = (v: LaneVerdict, lang: Lang) => (v.accept ? (v.unit === 'kg' ? M.laneAcceptedKg : M.laneAcceptedParcel)(fmt(v.surchargeCny ?? 0))[lang] : M.laneRefused[lang]);

/** Text lines: per class and destination, each mode's lanes; then which SKUs have the class. */
export function catalogLaneLines(lanes: Record<string, DestinationLanes[]>, skusOf: Record<string, string[]>, lang: Lang): string[] {
  const out: string[] = [];
  for (const [cls, list] of Object.entries(lanes)) {
    const ids = skusOf[cls] ?? [];
    out.push(M.catalogClass(cls, ids.length, ids.slice(0, 10).join(', ') + (ids.length > 10 ? ` … (+${ids.length - 10})` : ''))[lang]);
    for (const x of list) {
      const head = CATALOG_FREIGHT.map((f) => `${f} ${lane(x.headhaul[f], lang)}`).join(', ');
      out.push(M.catalogDest(x.dest, lane(x.direct, lang), lane(x.warehouseLastMile, lang), head, x.modes.warehouse)[lang]);
    }
  }
  return out;
}

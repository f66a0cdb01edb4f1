/**
 * data/battery.json: meaning checks (what the schema cannot say) and the lane lookup. A lane row for
 * a country wins over the default row of its leg, battery class and freight option.
 */
import { isCountryCode } from '../io/country-code.ts';
import type { Diagnostic } from '../errors.ts';
import type { JsonDocument } from '../io/index.ts';
import { BATTERY_CLASSES, BATTERY_LEGS, type BatteryClass, type BatteryFile, type BatteryLane, type BatteryLeg } from './schema.ts';
import { M } from './messages.ts';

/** Battery class of a SKU as a small integer: 0 none, 1 UN3481, 2 UN3480 (part of the cost class key). */
export const BATTERY_CODE: Record<'none' | BatteryClass, number> = { none: 0, UN3481: 1, UN3480: 2 };
export const BATTERY_OF_CODE = ['none', 'UN3481', 'UN3480'] as const;

/** Every problem of data/battery.json the schema cannot express. */
export function batteryProblems(doc: JsonDocument, file: BatteryFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  file.lanes.forEach((r, i) => {
    const at = `/lanes/${i}`;
    const head = r.leg === 'warehouseHeadhaul';
    if (!r.accept && (r.surchargeCnyPerParcel !== undefined || r.surchargeCnyPerKg !== undefined)) out.push(doc.diag(at, M.refusedWithSurcharge, M.refusedWithSurchargeFix));
    if (head && (!r.freight || r.surchargeCnyPerParcel !== undefined || (r.accept && r.surchargeCnyPerKg === undefined))) out.push(doc.diag(at, M.headhaulNeedsPerKg, M.headhaulNeedsPerKgFix));
    if (!head && (r.freight !== undefined || r.surchargeCnyPerKg !== undefined || (r.accept && r.surchargeCnyPerParcel === undefined))) out.push(doc.diag(at, M.parcelNeedsPerParcel(r.leg), M.parcelNeedsPerParcelFix));
    for (const [j, c] of (r.countries ?? []).entries()) if (!isCountryCode(c)) out.push(doc.diag(`${at}/countries/${j}`, M.badCountry(c), M.badCountryFix));
    for (const c of r.countries ?? ['*']) {
      const key = `${r.leg} ${r.battery}${r.freight ? ` ${r.freight}` : ''} ${c}`;
      const prev = seen.get(key);
      if (prev !== undefined) out.push(doc.diag(at, M.duplicate(key, doc.locate(`/lanes/${prev}`).line), M.duplicateFix));
      else seen.set(key, i);
    }
  });
  for (const leg of BATTERY_LEGS)
    for (const cls of BATTERY_CLASSES)
      for (const f of leg === 'warehouseHeadhaul' ? ['air', 'sea-lcl', 'sea-fcl', 'rail'] : [undefined]) {
        const what = `${leg} ${cls}${f ? ` ${f}` : ''}`;
        if (!seen.has(`${what} *`)) out.push(doc.diag('/lanes', M.missingDefault(what), M.missingDefaultFix));
      }
  return out;
}

/** The lane row for a leg, battery class, country (destination or warehouse site) and freight option: the country's row, else the default. */
export function batteryLane(file: BatteryFile, leg: BatteryLeg, cls: BatteryClass, country: string, freight?: string): BatteryLane & { index: number } {
  let def = -1;
  for (let i = 0; i < file.lanes.length; i++) {
    const r = file.lanes[i]!;
    if (r.leg !== leg || r.battery !== cls || (freight !== undefined && r.freight !== freight)) continue;
    if (r.countries?.includes(country)) return { ...r, index: i };
    if (!r.countries && def < 0) def = i;
  }
  return { ...file.lanes[def]!, index: def };
}

/** Surcharge of a lane row (per parcel, or per kg for the head-haul), or NaN when it refuses. */
export function laneSurcharge(r: BatteryLane): number {
  if (!r.accept) return NaN;
  return r.leg === 'warehouseHeadhaul' ? r.surchargeCnyPerKg ?? 0 : r.surchargeCnyPerParcel ?? 0;
}

/**
 * The uncertain inputs of a scenario: every distribution-valued field, in a fixed order, named by
 * its JSON pointer (e.g. `/skus/0/weightKg`). A rate card's multiplier is `/rateCards/<leg>/multiplier`,
 * whether the scenario gives it or it is the shipped card's default (data/rate-uncertainty.json). A trial draws one value of each (through the copula
 * when correlations are given); the tornado reads each at its P10 and P90.
 */
import type { Dist, DistJson } from '../random/dist.ts';
import { RATE_CARD_LEGS, type RateCardLeg, type ScenarioFile } from './schema.ts';

/** One uncertain input: where it is, its distribution and the values it may take. */
export interface InputSpec {
  pointer: string;
  json: DistJson;
  /** Inclusive bounds of the field (a distribution's support must lie inside). */
  min: number;
  max: number;
  /** True when the lower bound itself is not allowed (e.g. a weight of 0 kg). */
  exclusiveMin?: boolean;
}

export interface UncertainInput extends InputSpec {
  dist: Dist;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** The distribution-valued fields of a scenario, in drawing order. */
export function inputSpecs(s: ScenarioFile, defaultMultipliers: Partial<Record<RateCardLeg, DistJson>> = {}, defaultFx: Record<string, DistJson> = {}): InputSpec[] {
  const out: InputSpec[] = [];
  const add = (pointer: string, json: DistJson | undefined, min: number, max: number, exclusiveMin = false) => {
    if (json !== undefined) out.push({ pointer, json, min, max, ...(exclusiveMin ? { exclusiveMin } : {}) });
  };
  add('/demand/ordersPerDay', s.demand.ordersPerDay, 0, Infinity, true);
  add('/demand/monthlyGrowth', s.demand.monthlyGrowth, -0.9, 10);
  add('/demand/dispersion', s.demand.dispersion, 0, 5);
  s.skus.forEach((k, i) => {
    add(`/skus/${i}/weightKg`, k.weightKg, 0, Infinity, true);
    add(`/skus/${i}/volumeLitres`, k.volumeLitres, 0, Infinity, true);
    add(`/skus/${i}/unitCostCny`, k.unitCostCny, 0, Infinity);
    add(`/skus/${i}/priceCny`, k.priceCny, 0, Infinity);
  });
  add('/returns/jitRate', s.returns.jitRate, 0, 1);
  add('/returns/directRate', s.returns.directRate, 0, 1);
  add('/returns/warehouseRate', s.returns.warehouseRate, 0, 1);
  add('/jit/nonPreferredShare', s.jit.nonPreferredShare, 0, 1);
  (s.saturation ?? []).forEach((w, i) => add(`/saturation/${i}/share`, w.share, 0, 1));
  // a leg priced by the shipped card carries the card's default uncertainty (data/rate-uncertainty.json)
  for (const leg of RATE_CARD_LEGS) add(`/rateCards/${leg}/multiplier`, s.rateCards?.[leg]?.multiplier ?? (s.rateCards?.[leg]?.file ? undefined : defaultMultipliers[leg]), 0, Infinity, true);
  add('/thirdPartyWarehouse/multiplier', s.thirdPartyWarehouse?.multiplier, 0, Infinity, true);
  for (const [k, v] of Object.entries(s.overrides ?? {})) add(`/overrides/${esc(k)}`, v, 0, Infinity);
  // exchange rates: the scenario's, else data/fx.json's (uncertain); sorted so the order is fixed
  // (a currency with a monthly path draws the path's multiplier instead: the whole path × one draw per trial)
  const paths = s.currency?.paths ?? {};
  for (const c of Object.keys({ ...defaultFx, ...(s.currency?.rates ?? {}), ...paths }).sort()) {
    if (paths[c]) add(`/currency/paths/${c}/multiplier`, paths[c]!.multiplier ?? 1, 0, Infinity, true);
    else add(`/currency/rates/${c}`, s.currency?.rates?.[c] ?? defaultFx[c], 0, Infinity, true);
  }
  return out;
}

/**
 * Landed-cost part of a simulation summary: per mode revenue, unit cost, duties, taxes, import VAT
 * paid and contribution (in the reporting currency), their monthly series, the exchange rates used
 * and the customs-regime timeline of every destination and warehouse site inside the horizon.
 */
import { describe, type Stats } from '../stats/describe.ts';
import { MODES, inputOffset, type Mode } from '../engine/layout.ts';
import type { SimPlan } from '../engine/plan.ts';
import { column } from '../engine/records.ts';
import { LANDED_FIELDS, type LandedField } from './trial.ts';

export interface LandedModeSummary {
  /** Means over the trials, reporting currency. */
  means: Record<LandedField, number>;
  contribution: Stats;
  /** Mean contribution per order (reporting currency). */
  contributionPerOrder: number;
  /** Mean per month: duties + taxes, and contribution. */
  monthlyDutiesTaxes: number[];
  monthlyContribution: number[];
}

export interface RegimeSpan {
  country: string;
  channel: 'parcel' | 'bulk';
  id: string;
  from: string;
  to: string;
  importerOfRecord: string;
  vatCollector: string;
  confidence: string;
}

export interface LandedSummary {
  reportingCurrency: string;
  /** CNY per unit of each currency used: the mean of the trials' rates and where the rate came from. */
  fx: { currency: string; meanCnyPerUnit: number; p5: number; p95: number; from: 'scenario' | 'data/fx.json'; date: string | null }[];
  modes: Record<Mode, LandedModeSummary>;
  /** Regimes in force inside the horizon, clipped to it. */
  regimes: RegimeSpan[];
}

const mean = (a: Float64Array) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);

/** The regimes in force inside the horizon for the plan's destinations (parcel) and sites (bulk). */
export function regimeTimeline(plan: SimPlan): RegimeSpan[] {
  const out: RegimeSpan[] = [];
  const first = plan.landed.months > 0 ? `${plan.scenario.spec.startDate}` : '';
  const lastDay = new Date(Date.parse(`${plan.scenario.spec.startDate}T00:00:00Z`) + (plan.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const add = (country: string, channel: 'parcel' | 'bulk') => {
    for (const r of plan.ctx.data.customs.regimes) {
      if (r.channel !== channel || !r.countries.includes(country)) continue;
      const from = r.from && r.from > first ? r.from : first;
      const to = r.to && r.to < lastDay ? r.to : lastDay;
      if (from > to) continue;
      out.push({ country, channel, id: r.id, from, to, importerOfRecord: r.importerOfRecord, vatCollector: r.vatCollector, confidence: r.confidence });
    }
  };
  for (const d of plan.scenario.spec.destinations) add(d.country, 'parcel');
  for (const s of plan.scenario.sites) add(s, 'bulk');
  return out;
}

export function landedSummary(plan: SimPlan, recs: Float64Array): LandedSummary {
  const L = plan.layout;
  const n = recs.length / L.stride;
  const orders = column(recs, L, L.modes.jit.orders);
  const totalOrders = orders.reduce((a, b) => a + b, 0);
  const modes = {} as Record<Mode, LandedModeSummary>;
  for (const m of MODES) {
    const ml = L.landed[m];
    const contribution = column(recs, L, ml.fields + LANDED_FIELDS.indexOf('contribution'));
    modes[m] = {
      means: Object.fromEntries(LANDED_FIELDS.map((f, k) => [f, mean(column(recs, L, ml.fields + k))])) as Record<LandedField, number>,
      contribution: describe(contribution),
      contributionPerOrder: totalOrders > 0 ? contribution.reduce((a, b) => a + b, 0) / totalOrders : 0,
      monthlyDutiesTaxes: Array.from({ length: L.months }, (_, k) => mean(column(recs, L, ml.monthlyDutiesTaxes + k))),
      monthlyContribution: Array.from({ length: L.months }, (_, k) => mean(column(recs, L, ml.monthlyContribution + k))),
    };
  }
  const spec = plan.scenario.spec;
  const fx = plan.landed.currencies.slice(1).map((c, k) => {
    const at = inputOffset(L, plan.landed.fxInput[k + 1]!);
    const col = at >= 0 ? Float64Array.from(column(recs, L, at)).sort() : new Float64Array(0);
    const q = (p: number) => (col.length ? col[Math.min(col.length - 1, Math.floor(p * col.length))]! : NaN);
    const fromScenario = spec.currency?.rates?.[c] !== undefined;
    return { currency: c, meanCnyPerUnit: mean(col), p5: q(0.05), p95: q(0.95), from: fromScenario ? ('scenario' as const) : ('data/fx.json' as const), date: fromScenario ? null : plan.ctx.data.fx.date };
  });
  void n;
  return { reportingCurrency: plan.landed.currencies[plan.landed.reporting]!, fx, modes, regimes: regimeTimeline(plan) };
}

/**
 * A plan as plain data, for worker threads: everything the hot loop reads, structured-cloneable
 * (no functions, no parsed documents, no rule engine). A worker rebuilds the distributions from
 * their JSON and runs trials without loading or compiling anything itself.
 */
import type { DataSet } from '../data/data-set.ts';
import type { RateCard } from '../data/rate-card.ts';
import { compileDist, pertTables } from '../random/dist.ts';
import type { CostContext } from '../models/context.ts';
import type { Scenario } from '../scenario/load.ts';
import type { SimPlan } from './plan.ts';

type ScenarioPart = Pick<Scenario, 'spec' | 'hash' | 'schedule' | 'correlation' | 'overrides' | 'storeEligible' | 'storeFailures' | 'storeFindings' | 'storeOkByMonth' | 'jitOkByMonth' | 'jitAvailable' | 'skuEligible' | 'skuEligibleByMonth' | 'skuEligibilityPattern' | 'eligibilityPatterns' | 'catalogFindings' | 'skuBlockedBy' | 'skuBanned' | 'skuBattery' | 'siteOf' | 'sites' | 'cards' | 'defaultUncertainty' | 'tpl' | 'modesOff'> & { inputs: Omit<Scenario['inputs'][number], 'dist'>[] };

export interface PortablePlan extends Omit<SimPlan, 'scenario' | 'ctx' | 'uploadInterval'> {
  /** Identifies the plan in a worker's cache: scenario hash and data fingerprint. */
  key: string;
  scenario: ScenarioPart;
  data: Omit<DataSet, 'rateCards'>;
  /** PERT quantile tables the main thread computed (workers adopt them instead of recomputing). */
  pertTables: [string, Float64Array][];
}

/** A rate card without its provenance columns (basis text, line numbers), which the hot loop never reads. */
function lean(card: RateCard): RateCard {
  return { ...card, basis: [], line: new Int32Array(0) };
}

/** The plain-data form of a plan. */
export function toPortable(plan: SimPlan): PortablePlan {
  const { scenario: s, ctx, uploadInterval: _u, ...rest } = plan;
  void _u;
  const d = ctx.data;
  return {
    ...rest,
    key: `${s.hash}:${d.fingerprint}:${ctx.rules.fingerprint}`,
    scenario: {
      spec: s.spec,
      hash: s.hash,
      schedule: { ...s.schedule, logistics: lean(s.schedule.logistics) },
      correlation: s.correlation,
      overrides: s.overrides,
      storeEligible: s.storeEligible,
      storeFailures: s.storeFailures,
      storeFindings: s.storeFindings,
      storeOkByMonth: s.storeOkByMonth,
      jitOkByMonth: s.jitOkByMonth,
      jitAvailable: s.jitAvailable,
      skuEligible: s.skuEligible,
      skuEligibleByMonth: s.skuEligibleByMonth,
      skuEligibilityPattern: s.skuEligibilityPattern,
      eligibilityPatterns: s.eligibilityPatterns,
      catalogFindings: s.catalogFindings,
      skuBlockedBy: s.skuBlockedBy,
      skuBanned: s.skuBanned,
      skuBattery: s.skuBattery,
      siteOf: s.siteOf,
      sites: s.sites,
      cards: { ...s.cards, jit: lean(s.cards.jit), direct: lean(s.cards.direct), lastMile: lean(s.cards.lastMile), lanes: [] },
      defaultUncertainty: s.defaultUncertainty,
      tpl: s.tpl,
      modesOff: s.modesOff,
      inputs: s.inputs.map(({ dist: _d, ...x }) => x),
    },
    data: { projectDir: d.projectDir, direct: lean(d.direct), lastMile: lean(d.lastMile), crossBorder: lean(d.crossBorder), headhaul: d.headhaul, modes: d.modes, modeValues: d.modeValues, warehouse: d.warehouse, tpl: d.tpl, battery: d.battery, rateUncertainty: d.rateUncertainty, customs: d.customs, fx: d.fx, fingerprint: d.fingerprint },
    pertTables: pertTables(),
  };
}

/** Rebuilds a plan the hot loop can run from its plain-data form (distributions recompiled). */
export function fromPortable(p: PortablePlan): SimPlan {
  const { key: _k, pertTables: _p, scenario, data, ...rest } = p;
  void _k;
  void _p;
  const inputs = scenario.inputs.map((x) => ({ ...x, dist: compileDist(x.json) }));
  return {
    ...rest,
    uploadInterval: null,
    scenario: { ...scenario, inputs, file: '', doc: undefined as never },
    ctx: { data: { ...data, rateCards: new Map() }, rules: undefined as never, schedules: new Map() } as CostContext,
  };
}

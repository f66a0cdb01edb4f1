/**
 * The cost impact of a rule change: the same scenario, seed and order flows (common random numbers)
 * under the base and the head rule sets; per mode, the paired difference head − base with its 95 %
 * CI. A change is significant only when the CI excludes 0. Identical rules give exactly 0.
 */
import type { Text } from './i18n/index.ts';
import { MODES, type Mode } from './engine/layout.ts';
import type { SimPlan } from './engine/plan.ts';
import { preparePlan } from './engine/prepare.ts';
import { disposeResult, simulate, type SimulationResult } from './simulate.ts';
import { describe, type Stats } from './stats/describe.ts';

export interface ModeImpact {
  baseMean: number;
  headMean: number;
  /** head − base, paired by trial (over the horizon, in the scenario's reporting currency: ScenarioImpact.currency). */
  diff: Stats;
  /** diff.mean / baseMean. */
  relative: number;
  significant: boolean;
  /** null when the mode is not available under that rule set. */
  pCheapestBase: number | null;
  pCheapestHead: number | null;
}

export interface ScenarioImpact {
  scenario: string;
  file: string;
  /** Currency of every money figure (the scenario's currency.reporting, default CNY). */
  currency: string;
  trials: number;
  /** JIT available (store admitted in some month, some SKU eligible) before and after; why not, after, with remedies. */
  eligibility: { base: boolean; head: boolean; baseFailures: string[]; headFailures: string[]; headRemedies: { rule: string; message: Text; remedy: Text }[] };
  modes: Record<Mode, ModeImpact>;
  /** Modes the scenario switches off (`modesOff`; a scenario field, the same under both rule sets). */
  modesOff?: Mode[];
  breakEven: { pair: [Mode, Mode]; base: number | null; head: number | null }[];
}

export interface ImpactOptions {
  seed: number;
  trials: number;
  workers: number;
  /** Trials of the break-even search (0 to skip it). */
  breakEvenTrials: number;
}

async function run(rulesDir: string, scenarioFile: string, o: ImpactOptions): Promise<{ result: SimulationResult; plan: SimPlan }> {
  const source = { rulesDir, scenarioFile };
  const plan = await preparePlan(source);
  return { plan, result: await simulate(plan, source, { seed: o.seed, trials: o.trials, workers: o.workers, sensitivity: false, breakEven: o.breakEvenTrials > 0, sideTrials: o.breakEvenTrials }) };
}

/**
 * Impact of going from the base rules to the head rules on one scenario.
 * @throws {DiagnosticsError} when either rule set or the scenario does not validate.
 */
export async function scenarioImpact(baseRulesDir: string, headRulesDir: string, scenarioFile: string, o: ImpactOptions): Promise<ScenarioImpact> {
  const { result: base } = await run(baseRulesDir, scenarioFile, o);
  const { result: head } = await run(headRulesDir, scenarioFile, o);
  // impact reads the summaries and the per-trial totals only: trials.csv is not needed
  disposeResult(base);
  disposeResult(head);
  const modes = {} as Record<Mode, ModeImpact>;
  for (const m of MODES) {
    const a = base.store.totals(m);
    const b = head.store.totals(m);
    const d = describe(b.map((x, i) => x - a[i]!));
    const exact = d.sd === 0;
    modes[m] = {
      baseMean: base.summary.modes[m].totalCny.mean,
      headMean: head.summary.modes[m].totalCny.mean,
      diff: exact ? { ...d, ciLow: d.mean, ciHigh: d.mean } : d,
      relative: d.mean / base.summary.modes[m].totalCny.mean,
      significant: exact ? d.mean !== 0 : d.ciLow > 0 || d.ciHigh < 0,
      pCheapestBase: base.summary.modes[m].pCheapest,
      pCheapestHead: head.summary.modes[m].pCheapest,
    };
  }
  const be = (r: SimulationResult, pair: [Mode, Mode]) => r.summary.breakEven?.find((x) => x.pair[0] === pair[0] && x.pair[1] === pair[1])?.ordersPerDay?.p50 ?? null;
  return {
    scenario: head.summary.scenario.name,
    currency: head.summary.landed.reportingCurrency,
    file: scenarioFile,
    trials: o.trials,
    eligibility: { base: base.summary.eligibility.jitAvailable, head: head.summary.eligibility.jitAvailable, baseFailures: base.summary.eligibility.unavailableBecause.map((f) => f.rule), headFailures: head.summary.eligibility.unavailableBecause.map((f) => f.rule), headRemedies: head.summary.eligibility.unavailableBecause },
    modes,
    modesOff: head.summary.modesOff,
    breakEven: (head.summary.breakEven ?? []).map((x) => ({ pair: x.pair, base: be(base, x.pair), head: be(head, x.pair) })),
  };
}

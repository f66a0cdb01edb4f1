/** Loads everything one run needs — rules, data, scenario, routing table, plan — once per process or worker. */
import { loadCostContext } from '../models/context.ts';
import { loadScenario } from '../scenario/load.ts';
import { compilePlan, type SimPlan } from './plan.ts';
import { compileRouting } from './routing-table.ts';

/** Rules folder and scenario file: all a worker needs to rebuild the same plan. */
export interface PlanSource {
  rulesDir: string;
  scenarioFile: string;
}

/** Builds the plan of a scenario. @throws {DiagnosticsError} for a bad rule, data or scenario file. */
export async function preparePlan(src: PlanSource): Promise<SimPlan> {
  const ctx = await loadCostContext(src.rulesDir);
  const scenario = await loadScenario(src.scenarioFile, ctx);
  return compilePlan(scenario, ctx, await compileRouting(ctx.rules));
}

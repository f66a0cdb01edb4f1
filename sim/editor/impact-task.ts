/** One scenario's impact, computed in the editor's impact worker thread (see impact-worker.mjs). */
import { scenarioImpact, type ImpactOptions, type ScenarioImpact } from '../impact.ts';

export interface ImpactTask {
  baseRulesDir: string;
  headRulesDir: string;
  scenarioFile: string;
  options: ImpactOptions;
}

export default function run(t: ImpactTask): Promise<ScenarioImpact> {
  return scenarioImpact(t.baseRulesDir, t.headRulesDir, t.scenarioFile, t.options);
}

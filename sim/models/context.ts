/** Everything the cost models need, loaded and compiled once: rules, data, fee tables. */
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { loadDataSet, readDataSet, type DataSet } from '../data/data-set.ts';
import { compileFees, type CompiledSchedule } from '../rules/compile-fees.ts';
import { loadRuleSet, projectDirFor, readRuleSet, type RuleSet } from '../rules/rule-set.ts';

export interface CostContext {
  rules: RuleSet;
  data: DataSet;
  schedules: ReadonlyMap<string, CompiledSchedule>;
}

/** Loads rules and data and compiles the fee tables. @throws {DiagnosticsError} */
export async function loadCostContext(rulesDir: string): Promise<CostContext> {
  const rules = await loadRuleSet(rulesDir);
  const data = await loadDataSet(rules.projectDir, rules.files.fees.schedules.map((s) => s.logistics.rateCard));
  return { rules, data, schedules: await compileFees(rules, data.rateCards) };
}

/**
 * Every problem of a project folder at once: rule files, data files (rate cards, parameters) and
 * fee conditions the compiler cannot tabulate. Used by `jitsim rules validate`.
 */
export async function validateProject(rulesDir: string, opts: { projectDir?: string } = {}): Promise<{ diagnostics: Diagnostic[]; context?: CostContext }> {
  const projectDir = opts.projectDir ?? projectDirFor(rulesDir);
  const { ruleSet, diagnostics } = await readRuleSet(rulesDir, { projectDir });
  const cards = ruleSet ? ruleSet.files.fees.schedules.map((s) => s.logistics.rateCard) : [];
  const data = await readDataSet(projectDir, cards);
  const all = [...diagnostics, ...data.diagnostics.filter((d) => !diagnostics.some((x) => x.message.en === d.message.en && x.location.file === d.location.file))];
  if (!ruleSet || !data.dataSet) return { diagnostics: all };
  try {
    return { diagnostics: all, context: { rules: ruleSet, data: data.dataSet, schedules: await compileFees(ruleSet, data.dataSet.rateCards) } };
  } catch (e) {
    if (e instanceof DiagnosticsError) return { diagnostics: [...all, ...e.diagnostics] };
    throw e;
  }
}

/**
 * jitsim's pipeline, one stage per function, each with its own input and output types:
 *
 * ```
 * rules/*.json ──loadRuleSet──▶ RuleSet ──compileFees / compileRouting──▶ CompiledSchedule, RoutingTable (typed arrays)
 * data/*.json, data/rates/*.csv ──loadDataSet──▶ DataSet                        │
 * data/scenarios/*.json ──loadScenario──▶ Scenario ──compilePlan──▶ SimPlan ◀──┘
 *                                                        │
 *                          simulate(plan) = runTrial × N (worker threads, seeded by trial index)
 *                                                        ▼
 *                                   trial records (Float64Array) ──summarise──▶ Summary + arquero tables
 *                                                        │
 *                                  writeResults ──▶ <out>/summary.json, trials.csv, monthly.csv, skus.csv (atomic)
 * ```
 *
 * 1. Load: parse and validate every file, all problems at once, located (`file:line:col (pointer)`).
 * 2. Compile: json-rules-engine is run once per distinct case and its answers tabulated.
 * 3. Simulate: the hot loop reads only the compiled tables (sim/engine/trial.ts).
 * 4. Summarise and write: statistics in trial order, money rounded only here.
 */
export { loadCostContext } from './models/context.ts';
export { loadScenario } from './scenario/load.ts';
export { compilePlan } from './engine/plan.ts';
export { compileRouting } from './engine/routing-table.ts';
export { preparePlan } from './engine/prepare.ts';
export { simulate } from './simulate.ts';
export { writeResults } from './engine/write-results.ts';

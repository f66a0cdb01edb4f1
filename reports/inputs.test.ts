import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCostContext } from '../sim/models/context.ts';
import type { RuleFiles } from '../sim/rules/rule-set.ts';
import { RULE_FILE_KINDS } from '../sim/rules/schema/index.ts';
import { loadScenario } from '../sim/scenario/load.ts';
import { compilePlan } from '../sim/sim/plan.ts';
import { compileRouting } from '../sim/sim/routing-table.ts';
import { simulate } from '../sim/simulate.ts';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { buildReportModel } from './build-model.ts';
import { REPORT_RULE_FILES, reportInputs } from './inputs.ts';

describe('what a cost report reads', () => {
  it('reads only REPORT_RULE_FILES: a whole report is built with every other rule file unreadable', async () => {
    const ctx = await loadCostContext(join(PROJECT_DIR, 'rules'));
    const read = new Set<string>();
    const files = new Proxy(ctx.rules.files, {
      get(target, kind: string) {
        read.add(kind);
        if (!(REPORT_RULE_FILES as readonly string[]).includes(kind)) throw new Error(`a cost report read ${kind}.json`);
        return target[kind as keyof RuleFiles];
      },
    });
    const guarded = { ...ctx, rules: { ...ctx.rules, files } };
    for (const name of ['apparel-europe.json', 'electronics-3c-lithium.json']) {
      const file = join(PROJECT_DIR, 'data/scenarios', name);
      const plan = compilePlan(await loadScenario(file, guarded), guarded, await compileRouting(guarded.rules));
      const result = await simulate(plan, { rulesDir: join(PROJECT_DIR, 'rules'), scenarioFile: file }, { seed: 1, trials: 4, pool: null, sideTrials: 4 });
      const model = buildReportModel(result, plan, file);
      expect(model.run.inputs.ruleFiles).toEqual(REPORT_RULE_FILES.map((k) => `${k}.json`));
    }
    expect([...read].filter((k) => (RULE_FILE_KINDS as readonly string[]).includes(k)).sort()).toEqual([...REPORT_RULE_FILES].sort());
  });

  it('records one hash per rule entity (by id) and per data key', async () => {
    const ctx = await loadCostContext(join(PROJECT_DIR, 'rules'));
    const inputs = reportInputs(ctx.rules, ctx.data);
    expect(Object.keys(inputs.rules)).toEqual(expect.arrayContaining(['ADM-3', 'BAN-1', 'SUR-2', 'E117', 'fees.json']));
    expect(Object.keys(inputs.rules).some((k) => k.startsWith('EXIT') || k.startsWith('RE-') || k.startsWith('BIL'))).toBe(false);
    expect(Object.keys(inputs.data)).toEqual(expect.arrayContaining(['modes.volumetricLitresPerKg', 'data/rates/direct.csv', 'data/rates/jit-logistics.csv', 'warehouse.defaults.rentCnyPerM3Month']));
  });
});

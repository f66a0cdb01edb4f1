import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCostContext } from '../sim/models/context.ts';
import type { RuleFiles } from '../sim/rules/rule-set.ts';
import { RULE_FILE_KINDS } from '../sim/rules/schema/index.ts';
import { loadScenario } from '../sim/scenario/load.ts';
import { compilePlan } from '../sim/engine/plan.ts';
import { compileRouting } from '../sim/engine/routing-table.ts';
import { simulate } from '../sim/simulate.ts';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { buildReportModel } from './build-model.ts';
import { changedKeys, REPORT_RULE_FILES, reportInputs } from './inputs.ts';

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

  it('records the data keys a report reads — and a report reads no other (every data read of a whole report is recorded)', async () => {
    const ctx = await loadCostContext(join(PROJECT_DIR, 'rules'));
    const read = new Set<string>();
    // records `modes.<param>`, `warehouse.defaults.<param>` and `warehouse.<market>.<param>` as the model reads them
    const recording = (obj: Record<string, unknown>, prefix: string, depth: number): Record<string, unknown> =>
      new Proxy(obj, {
        get(target, k, receiver) {
          const v = Reflect.get(target, k, receiver);
          if (typeof k !== 'string' || !Object.hasOwn(target, k)) return v;
          if (depth > 0 && v && typeof v === 'object') return recording(v as Record<string, unknown>, `${prefix}.${k}`, depth - 1);
          read.add(`${prefix}.${k}`);
          return v;
        },
        ownKeys(target) {
          read.add(`${prefix}.*`); // an enumeration reads every key
          return Reflect.ownKeys(target);
        },
      });
    const data = { ...ctx.data, modes: { ...ctx.data.modes, params: recording(ctx.data.modes.params, 'modes', 0) }, warehouse: { ...ctx.data.warehouse, defaults: recording(ctx.data.warehouse.defaults, 'warehouse.defaults', 0), markets: recording(ctx.data.warehouse.markets, 'warehouse', 1) }, tpl: { ...ctx.data.tpl, defaults: recording(ctx.data.tpl.defaults, 'tpl.defaults', 0), markets: recording(ctx.data.tpl.markets, 'tpl', 1) } } as typeof ctx.data;
    const traced = { ...ctx, data };
    for (const name of ['apparel-europe.json', 'home-latam.json', 'beauty-middle-east.json', 'electronics-3c-lithium.json']) {
      read.clear();
      const file = join(PROJECT_DIR, 'data/scenarios', name);
      const plan = compilePlan(await loadScenario(file, traced), traced, await compileRouting(traced.rules));
      const result = await simulate(plan, { rulesDir: join(PROJECT_DIR, 'rules'), scenarioFile: file }, { seed: 1, trials: 4, pool: null, sideTrials: 4 });
      const model = buildReportModel(result, plan, file);
      const recorded = Object.keys(model.run.inputs.data);
      // every key read is recorded (a market's parameters only for the scenario's own sites)
      const unrecorded = [...read].filter((k) => !recorded.includes(k) && !(k.endsWith('.*') && k !== 'warehouse.*' && k !== 'tpl.*'));
      expect(unrecorded, name).toEqual([]);
      expect(read.has('warehouse.*'), `${name}: a report enumerates every market`).toBe(false);
      expect(read.has('tpl.*'), `${name}: a report enumerates every 3PL market`).toBe(false);
      // the recording sees the model's reads (it would pass vacuously if the model read a copy)
      expect([...read].some((k) => /^warehouse\.[A-Z]{2}\.\w+$/.test(k)) && [...read].some((k) => /^modes\.\w+$/.test(k)) && [...read].some((k) => /^tpl\.defaults\.\w+$/.test(k)), `${name}: ${[...read].join(', ')}`).toBe(true);
      const markets = new Set(recorded.filter((k) => k.startsWith('warehouse.') && !k.startsWith('warehouse.defaults.') && k !== 'warehouse.json').map((k) => k.split('.')[1]));
      expect([...markets].sort(), name).toEqual([...new Set(plan.scenario.sites)].filter((s) => s in ctx.data.warehouse.markets).sort());
    }
  });

  it('npm run reports: a change to another market\'s warehouse data rebuilds no report of this client, a change to its own site does', async () => {
    const ctx = await loadCostContext(join(PROJECT_DIR, 'rules'));
    const file = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json'); // one site: PL
    const scenario = await loadScenario(file, ctx);
    expect(scenario.sites).toEqual(['PL']);
    const before = reportInputs(ctx.rules, ctx.data, scenario);
    const bump = (market: string) => {
      const markets = structuredClone(ctx.data.warehouse.markets);
      const [k, p] = Object.entries(markets[market]!)[0]!;
      markets[market]![k] = { ...p!, value: (p!.value as number) * 2 };
      return { data: { ...ctx.data, warehouse: { ...ctx.data.warehouse, markets } }, key: `warehouse.${market}.${k}` };
    };
    const other = bump('MX');
    expect(changedKeys(before.data, reportInputs(ctx.rules, other.data, scenario).data)).toEqual([]);
    const own = bump('PL');
    expect(changedKeys(before.data, reportInputs(ctx.rules, own.data, scenario).data)).toEqual([own.key]);
    // the whole-data view still sees both
    expect(changedKeys(reportInputs(ctx.rules, ctx.data).data, reportInputs(ctx.rules, other.data).data)).toEqual([other.key]);
  });
});

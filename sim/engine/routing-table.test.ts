import { describe, expect, it } from 'vitest';
import { checkRouting } from '../checks/routing.ts';
import { loadRuleSet } from '../rules/rule-set.ts';
import { RULES_DIR, copyRules, ruleById } from '../testing/fixtures.ts';
import { Xoshiro128 } from '../random/rng.ts';
import { compileRouting, intervalCell, routingIndex } from './routing-table.ts';

describe('the compiled routing table', () => {
  it('agrees with json-rules-engine (checkRouting) on every distinct case, and on random upload intervals', async () => {
    const rules = await loadRuleSet(RULES_DIR);
    const table = await compileRouting(rules);
    expect(table.ruleIds).toEqual(['E117', 'SYNC-LATE', 'E203', 'UNPAID']);
    expect([...table.intervalThresholds]).toEqual([4]);
    expect(table.cases).toHaveLength(2 * 2 * 2 * 3 * 2);
    const rng = new Xoshiro128(5);
    const cases = [...table.cases.map((c) => c.input), ...Array.from({ length: 40 }, () => ({ storeQualified: rng.next() < 0.5, skuTagged: rng.next() < 0.5, syncMode: rng.next() < 0.5 ? ('api' as const) : ('manual' as const), uploadIntervalHours: Math.round(rng.next() * 80) / 10, destinationSaturated: rng.next() < 0.5 }))];
    for (const input of cases) {
      const engine = await checkRouting(rules, { ...input, billOverdue: false });
      const outcome = table.outcome[routingIndex(table, input.storeQualified, input.skuTagged, input.syncMode === 'manual', intervalCell(table.intervalThresholds, input.uploadIntervalHours), input.destinationSaturated)]!;
      expect(outcome === 0, JSON.stringify(input)).toBe(engine.route === 'jit');
      if (outcome > 0) expect(table.ruleIds[outcome - 1]).toBe(engine.findings[0]!.rule);
    }
  });

  it('follows an edited rule: SYNC-LATE at 6 hours moves the threshold', async () => {
    const { rulesDir } = await copyRules((f) => {
      ruleById(f.routing, 'SYNC-LATE').params.maxUploadIntervalHours = 6;
    });
    const table = await compileRouting(await loadRuleSet(rulesDir));
    expect([...table.intervalThresholds]).toEqual([6]);
    const at = (h: number) => table.outcome[routingIndex(table, true, true, true, intervalCell(table.intervalThresholds, h), false)];
    expect(at(5)).toBe(0);
    expect(at(6)).toBe(0);
    expect(at(6.5)).toBe(2);
  });
});

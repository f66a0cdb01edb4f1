import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors.ts';
import { copyRules } from '../testing/fixtures.ts';
import { validateProject } from './context.ts';

describe('validateProject', () => {
  it('rejects a fee condition with more distinct cases than the compiler tabulates, with an explanation', async () => {
    const { rulesDir } = await copyRules((f) => {
      f.fees.adjustments[1].conditions = { all: [{ fact: 'countryDailyOrders', operator: 'notIn', value: Array.from({ length: 60_000 }, (_, i) => i + 0.5) }] };
    });
    const { diagnostics, context } = await validateProject(rulesDir);
    expect(context).toBeUndefined();
    expect(diagnostics.map((d) => formatDiagnostic(d)).join('\n')).toMatch(/fees\.json:\d+:\d+ \(\/adjustments\/1\/conditions\): the conditions of DSC-3 have 120001 distinct cases, more than 100000 the compiler tabulates — use fewer distinct thresholds/);
  });

  it('compiles the shipped rules and data without a diagnostic', async () => {
    const { rulesDir } = await copyRules();
    const { diagnostics, context } = await validateProject(rulesDir);
    expect(diagnostics).toEqual([]);
    expect([...context!.schedules.keys()]).toEqual(['A', 'B']);
  });
});

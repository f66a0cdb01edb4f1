/**
 * data/scenario-inputs.json holds labels only (no figure), but every entry must still earn its place:
 * each field name is a field of the scenario file (or one of the few names the labeller maps a
 * pointer to), and one generated test per field and per unit proves that changing the label changes
 * what a report shows (the input sheet and the tornado use inputLabel / unitText).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, RULES_DIR } from '../sim/testing/fixtures.ts';
import { loadCostContext, type CostContext } from '../sim/models/context.ts';
import { scenarioSpec } from '../sim/scenario/testing.ts';
import { INPUT_NAMES, inputLabel, unitText } from './labels.ts';

/** Names the labeller maps a pointer to (not a property name of the scenario file). */
const MAPPED: Record<string, string> = {
  saturationShare: '/saturation/0/share',
  destinationShareConcentration: '/shareUncertainty/destinations',
  skuShareConcentration: '/shareUncertainty/skus',
  fxRate: '/currency/rates/EUR',
  tplMultiplier: '/thirdPartyWarehouse/multiplier',
};

/** Every property name of the scenario JSON Schema. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((x) => propertyNames(x, out));
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => out.add(n));
      propertyNames(v, out);
    }
  }
  return out;
}

const SCHEMA = JSON.parse(readFileSync(join(PROJECT_DIR, 'data/schema/scenario.schema.json'), 'utf8'));
const FIELDS = Object.keys(INPUT_NAMES.fields);
const UNITS = Object.keys(INPUT_NAMES.units);

let ctx: CostContext;
beforeAll(async () => {
  ctx = await loadCostContext(RULES_DIR);
});

describe('data/scenario-inputs.json: every label is shown by the reports', () => {
  it('every field is a field of the scenario file, or a name the labeller maps a pointer to', () => {
    const props = propertyNames(SCHEMA);
    expect(FIELDS.filter((k) => !props.has(k) && !MAPPED[k])).toEqual([]);
  });

  it.each(FIELDS)('field %s', (k) => {
    const spec = scenarioSpec();
    const pointer = MAPPED[k] ?? `/demand/${k}`;
    const before = inputLabel(spec, ctx.data, pointer).name;
    const saved = INPUT_NAMES.fields[k]!.name;
    INPUT_NAMES.fields[k]!.name = { en: `${saved.en} (changed)`, zh: `${saved.zh}（改）` };
    try {
      const after = inputLabel(spec, ctx.data, pointer).name;
      expect(after.en).not.toEqual(before.en);
      expect(after.zh).not.toEqual(before.zh);
    } finally {
      INPUT_NAMES.fields[k]!.name = saved;
    }
  });

  it('every unit is the unit of a field or of a data/ parameter', () => {
    const used = new Set<string | undefined>([
      ...Object.values(INPUT_NAMES.fields).map((f) => f.unit),
      ...Object.values(ctx.data.modes.params).map((p) => p.unit),
      ...Object.values(ctx.data.warehouse.defaults).map((p) => p.unit),
      ...Object.values(ctx.data.tpl.defaults).map((p) => p.unit),
      '×', // rate-card multipliers (reports/labels.ts)
    ]);
    expect(UNITS.filter((u) => !used.has(u))).toEqual([]);
  });

  it.each(UNITS)('unit %s', (u) => {
    const saved = INPUT_NAMES.units[u]!;
    const before = [unitText(u, 'en'), unitText(u, 'zh')];
    INPUT_NAMES.units[u] = { en: `${saved.en}!`, zh: `${saved.zh}！` };
    try {
      expect([unitText(u, 'en'), unitText(u, 'zh')]).not.toEqual(before);
    } finally {
      INPUT_NAMES.units[u] = saved;
    }
  });
});

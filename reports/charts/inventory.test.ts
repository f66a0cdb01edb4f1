/** The inventory chart: bands never stacked, the stock-out months marked, the reorder points drawn; both languages. */
import { describe, expect, it } from 'vitest';
import { fixtureModel } from '../testing/fixture.ts';
import { toVega } from '../render/vega.ts';
import { inventoryChart, inventoryChartEmpty } from './inventory.ts';

describe('inventory chart', () => {
  it('draws on hand and in transit as separate P10–P90 bands with medians, the reorder points and the stock-out months', () => {
    for (const lang of ['en', 'zh'] as const) {
      const m = fixtureModel();
      const spec = inventoryChart(m, lang) as unknown as { layer: { mark: { type: string }; data?: { values: { month: string; label?: string; value?: number }[] } }[] };
      const v = JSON.stringify(toVega(spec as never));
      // an area with a colour channel stacks unless told not to: no stack transform in the compiled spec
      expect(v).not.toContain('"type":"stack"');
      expect(spec.layer.map((l) => l.mark.type)).toEqual(['area', 'line', 'line', 'point', 'text']);
      // stock-outs in May (12 % of the simulations) and November (30 %)
      expect(spec.layer[4]!.data!.values.map((x) => [x.month, x.label])).toEqual([['2026-05', '12%'], ['2026-11', '30%']]);
      expect(spec.layer[2]!.data!.values.every((x) => x.value === 200_000)).toBe(true);
      expect(JSON.stringify(spec)).toContain(lang === 'zh' ? '再订货点' : 'Reorder point');
    }
  });

  it('says in one sentence why there is no chart when there is no stock', () => {
    const m = fixtureModel();
    expect(inventoryChartEmpty(m)).toBeNull();
    delete m.inventory;
    expect(inventoryChartEmpty(m)?.en).toMatch(/No warehouse stock/);
  });
});

/**
 * The chart defects of issue 13, each pinned: stacked densities, colours that change with the
 * language or the client, truncated or clipped labels, raw keys in the tornado, empty charts.
 */
import { describe, expect, it } from 'vitest';
import { COMPONENT_LABEL } from './cost-breakdown.ts';
import { CHARTS, COMPONENT_COLOR, MODE_COLOR } from './index.ts';
import { costBreakdownChart } from './cost-breakdown.ts';
import { costDistributionChart } from './cost-distribution.ts';
import { tornadoChart } from './tornado.ts';
import { costVsVolumeChart } from './cost-vs-volume.ts';
import { routingFailuresChart } from './routing-failures.ts';
import { MODES, MODE_LABEL } from '../model.ts';
import { fixtureModel } from '../testing/fixture.ts';
import { renderChart, toVega } from '../render/vega.ts';
import { reportFiles } from '../write-report.ts';

type Enc = { encoding?: Record<string, { scale?: { domain: string[]; range: string[] } }>; layer?: Enc[] };
/** label → colour of a colour scale found in a chart spec. */
function colours(spec: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (s: Enc) => {
    const sc = s.encoding?.color?.scale;
    if (sc?.domain && sc.range) sc.domain.forEach((d, i) => out.set(d, sc.range[i]!));
    s.layer?.forEach(walk);
  };
  walk(spec as Enc);
  return out;
}

describe('truthful charts', () => {
  it('overlays the cost distributions: no stack transform in the compiled density layer', () => {
    for (const lang of ['en', 'zh'] as const) {
      const v = JSON.stringify(toVega(costDistributionChart(fixtureModel(), lang)));
      expect(v).toContain('"type":"kde"');
      expect(v).not.toContain('"type":"stack"');
    }
  });

  it('colours modes and components by id, the same in both languages and for every client', () => {
    const a = fixtureModel();
    const b = fixtureModel();
    // another client with fewer components
    b.modes.jit.components = { logistics: 100, returns: 10 };
    for (const lang of ['en', 'zh'] as const) {
      const ca = colours(costBreakdownChart(a, lang));
      const cb = colours(costBreakdownChart(b, lang));
      for (const id of ['logistics', 'returns', 'lastMile']) {
        expect(ca.get(COMPONENT_LABEL[id]![lang]), id).toBe(COMPONENT_COLOR[id]);
        if (cb.has(COMPONENT_LABEL[id]![lang])) expect(cb.get(COMPONENT_LABEL[id]![lang])).toBe(COMPONENT_COLOR[id]);
      }
      for (const c of CHARTS) {
        const map = colours(c.build(a, lang));
        for (const k of MODES) if (map.has(MODE_LABEL[k][lang])) expect(map.get(MODE_LABEL[k][lang]), `${c.name} ${k}`).toBe(MODE_COLOR[k]);
      }
    }
  });

  it('has a colour for every known component, all distinct', () => {
    for (const id of Object.keys(COMPONENT_LABEL)) expect(COMPONENT_COLOR[id], id).toBeDefined();
    expect(new Set(Object.values(COMPONENT_COLOR)).size).toBe(Object.keys(COMPONENT_COLOR).length);
  });

  it('names tornado rows in words with their P10 and P90 values and the money effect', () => {
    const en = JSON.stringify(tornadoChart(fixtureModel(), 'en'));
    expect(en).toContain('Warehouse rent per cubic metre and month (PL warehouse) (P10 31.5 CNY/m³/month → P90 44 CNY/m³/month)');
    expect(en).toContain('Direct return rate (P10 2.1 % → P90 4.8 %)');
    expect(en).toContain('−0.55 CNY'); // returns.directRate at P90: −4.20 vs base −3.65 CNY per order (two decimals)
    expect(en).toContain('base: −3.65 CNY per order');
    const zh = JSON.stringify(tornadoChart(fixtureModel(), 'zh'));
    expect(zh).toContain('直发退货率（P10 2.1% → P90 4.8%）');
    expect(zh).not.toMatch(/override|overrides\//);
  });

  it('never truncates a label and keeps every text inside the picture, in both languages', async () => {
    const long = 'A very long client-supplied input name that would have been cut off at the old label limit';
    const m = fixtureModel();
    m.tornado[0]!.label = { en: long, zh: `${long}（中文）` };
    for (const lang of ['en', 'zh'] as const) {
      for (const c of CHARTS) {
        const { svg, raster } = await renderChart(c.build(m, lang), { raster: true });
        expect(svg, `${c.name} ${lang}`).not.toContain('…');
        // text cut by the picture's edge leaves ink in the outermost columns; the padding keeps them blank
        const img = raster!;
        const ink = (x: number) => {
          let n = 0;
          for (let y = 0; y < img.height; y++) if (img.pixels[(y * img.width + x) * 4]! < 200) n++;
          return n;
        };
        for (const x of [0, 1, 2, img.width - 3, img.width - 2, img.width - 1]) expect(ink(x), `${c.name} ${lang}: column ${x} of ${img.width}`).toBe(0);
      }
    }
    expect(JSON.stringify(tornadoChart(m, 'en'))).toContain(long);
  }, 300_000);

  it('replaces a chart with nothing to show by one sentence', async () => {
    const m = fixtureModel();
    m.routingFailures = [];
    const files = await reportFiles(m, ['en', 'zh'], '');
    expect([...files.keys()].some((k) => k.includes('routing-failures'))).toBe(false);
    expect(files.get('index.html')).toContain('No JIT order failed routing in the simulations');
    expect(files.get('index.zh.html')).toContain('模拟中没有JIT订单分仓失败');
  }, 120_000);

  it('cost against volume promises break-even points only when there are some (en, zh)', () => {
    const withBreaks = fixtureModel();
    expect((costVsVolumeChart(withBreaks, 'en') as { title: string }).title).toBe('Cost per order against volume, and break-even points');
    const none = fixtureModel();
    none.pairs = none.pairs.map((p) => ({ ...p, breakEven: null }));
    for (const lang of ['en', 'zh'] as const) {
      const spec = costVsVolumeChart(none, lang) as { title: string; description: string };
      expect(spec.title).toBe(lang === 'en' ? 'Cost per order against volume' : '单均成本随日订单量变化');
      expect(spec.description).toMatch(lang === 'en' ? /no break-even in this range/ : /没有盈亏平衡点/);
      expect(JSON.stringify(spec)).not.toMatch(/strokeDash/);
    }
  });

  it('routing failures name each rule in words, not a bare code (en, zh)', () => {
    const en = JSON.stringify(routingFailuresChart(fixtureModel(), 'en'));
    expect(en).toContain('E117 · Qualification missing or SKU not JIT-tagged');
    const zh = JSON.stringify(routingFailuresChart(fixtureModel(), 'zh'));
    expect(zh).toContain('E203 · 目的地仓容不足');
  });

  it('tornado: P10 and P90 moving the same way get one label naming both (never two printed over each other)', () => {
    const m = fixtureModel();
    const r = m.tornado[0]!;
    m.tornado = [{ ...r, low: r.base + 2.84, high: r.base + 3.17 }];
    const spec = tornadoChart(m, 'en') as unknown as { data: { values: { side: string; effect: string }[] } };
    const labelled = spec.data.values.filter((v) => v.side !== 'none');
    expect(labelled).toHaveLength(1);
    expect(labelled[0]!.effect).toBe('P10 +2.84 · P90 +3.17 CNY');
  });
});

/** The input sheet of a real sample scenario: every input, its value, its source. */
import { describe, expect, it } from 'vitest';
import { preparePlan } from '../sim/engine/prepare.ts';
import { refText } from './basis.ts';
import { inputLabel } from './labels.ts';
import { buildInputSheet, distText } from './input-sheet.ts';
import { reportFiles } from './write-report.ts';
import { fixtureModel } from './testing/fixture.ts';

describe('input sheet', () => {
  it('lists every scenario input, overrides with the shipped value beside them, rate cards per lane and the rules fingerprint', async () => {
    const plan = await preparePlan({ rulesDir: 'rules', scenarioFile: 'data/scenarios/apparel-europe.json' });
    const sheet = buildInputSheet(plan, 'data/scenarios/apparel-europe.json', { fingerprint: 'f'.repeat(64), files: [{ file: 'fees.json', effective: '2024-01-01' }] });
    const byId = new Map(sheet.flatMap((s) => s.rows.map((r) => [r.id, r] as const)));
    expect(sheet.map((s) => s.id)).toEqual(['scenario', 'overrides', 'shipped', 'rate-cards', 'rules']);
    const opd = byId.get('/demand/ordersPerDay')!;
    expect(opd.value.en).toBe('PERT 40 / 60 / 90 orders/day (min / mode / max)');
    expect(opd.value.zh).toBe('PERT 40 / 60 / 90 单/天（最小/最可能/最大）');
    expect(opd.source).toMatchObject({ kind: 'client-file', ref: expect.stringMatching(/^data\/scenarios\/apparel-europe\.json · sha256 [0-9a-f]{12}$/) });
    expect(byId.get('/skus/0')!.value.en).toContain('Weight triangular 0.25 / 0.35 / 0.50 kg');
    expect(byId.get('/destinations/0')!.name.en).toBe('Destination ES');
    const rent = byId.get('warehouse.PL.rentCnyPerM3Month')!;
    expect(rent.source.kind).toBe('override');
    expect(rent.source.shipped!.en).toMatch(/^\d+ CNY\/m³\/month \(assumption:/);
    expect(byId.has('modes.directReturnCostShareOfPrice')).toBe(true);
    // overridden figures are not listed again as shipped
    expect(sheet.find((s) => s.id === 'shipped')!.rows.some((r) => r.id === 'warehouse.PL.rentCnyPerM3Month')).toBe(false);
    const lanes = sheet.find((s) => s.id === 'rate-cards')!.rows;
    const parcel = lanes.filter((r) => !r.id.startsWith('data/rates/warehouse-headhaul.csv'));
    for (const cc of ['ES', 'FR', 'DE', 'IT', 'PL']) expect(parcel.filter((r) => r.id.includes(` ${cc} `)).length, cc).toBe(3);
    // the head-haul freight options of the warehouse site (PL): air, sea LCL, sea FCL and rail, with tiers and lead time
    const head = lanes.filter((r) => r.id.startsWith('data/rates/warehouse-headhaul.csv'));
    expect(head.map((r) => r.id.split(' ').pop())).toEqual(['air', 'sea-lcl', 'sea-fcl', 'rail']);
    expect(head[0]!.name.zh).toBe('海外仓头程：中国→PL（空运）');
    expect(head[3]!.value.en).toMatch(/^≥0 m³: max\(11\.50 CNY\/kg, 3,830 CNY\/m³\), min\. 3,830 CNY · ≥25 m³: 43,730 CNY\/container \(58 m³\); 20–30 days$/);
    expect(refText(lanes[0]!.source, 'en')).toMatch(/jit-logistics\.csv · sha256 [0-9a-f]{12} — (source|assumption):/);
    // the Chinese sheet: enum values in words, and every basis of a shipped figure or lane in Chinese
    expect(byId.get('/destinations/0')!.value.zh).toContain('标准');
    expect(byId.get('/destinations/4')!.value.zh).toContain('经济');
    expect(byId.get('/skus/0')!.value.zh).toContain('服饰');
    expect(byId.get('/store/storeType')!.value.zh).toBe('企业店');
    expect(byId.get('/sync/mode')!.value.zh).toBe('API（实时）');
    expect(lanes[0]!.name.zh).toMatch(/ES 标准$/);
    expect(rent.source.shipped!.zh).toMatch(/^\d+ 元\/立方米\/月（假设：/);
    for (const r of [...sheet.find((s) => s.id === 'shipped')!.rows, ...lanes]) {
      const zh = refText(r.source, 'zh');
      expect(zh, r.id).toMatch(/ — (出处|假设)：/);
      expect(zh, r.id).not.toMatch(/\b(assumption|source):/);
      expect(r.value.zh, r.id).not.toMatch(/\b(sea|air|economy|standard|express)\b/);
    }
    expect(byId.get('rules.fingerprint')!.value.en).toBe('f'.repeat(64));
    // every row is named in both languages, never by a bare key
    for (const r of byId.values()) {
      expect(r.name.en.trim(), r.id).not.toBe('');
      expect(r.name.zh, r.id).not.toMatch(/^[a-z][A-Za-z]+$/);
    }
  });

  it('names rate-card multipliers by their leg (tornado rows stay distinct)', async () => {
    const plan = await preparePlan({ rulesDir: 'rules', scenarioFile: 'data/scenarios/apparel-europe.json' });
    const jit = inputLabel(plan.scenario.spec, plan.ctx.data, '/rateCards/jitLogistics/multiplier');
    expect(jit.name).toEqual({ en: 'JIT logistics rates: rate multiplier', zh: 'JIT物流运价：运价乘数' });
    expect(inputLabel(plan.scenario.spec, plan.ctx.data, '/rateCards/direct/multiplier').name.zh).toBe('直发运价：运价乘数');
  });

  it('writes distributions in words in both languages', () => {
    expect(distText({ dist: 'uniform', min: 110, max: 140 }, 'CNY', 'en')).toBe('uniform 110 – 140 CNY');
    expect(distText({ dist: 'pert', min: 0.012, mode: 0.02, max: 0.035 }, 'fraction', 'zh')).toBe('PERT 1.2% / 2% / 3.5%（最小/最可能/最大）');
    expect(distText(0.2, 'kg', 'zh')).toBe('0.20 千克');
  });

  it('is in every report page', async () => {
    const files = await reportFiles(fixtureModel(), ['en', 'zh'], '');
    const en = files.get('index.html') as string;
    expect(en).toContain('<h2 class="page">Input sheet</h2>');
    expect(en).toContain('shipped value: 42 CNY/m³/month');
    expect(files.get('index.zh.html')).toContain('<h2 class="page">输入清单</h2>');
    expect(files.get('summary.md')).toContain('## Input sheet');
  }, 120_000);
});

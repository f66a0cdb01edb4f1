import { describe, expect, it } from 'vitest';
import { DiagnosticsError, formatDiagnostic } from '../errors.ts';
import { parseCsvTable } from '../io/index.ts';
import { loadRuleSet } from '../rules/rule-set.ts';
import { RULES_DIR, exitInput, storeInput } from '../testing/fixtures.ts';
import { CATALOG_COLUMNS, checkCatalog, readSkus } from './catalog.ts';
import { checkExit } from './exit.ts';
import { checkStore } from './store.ts';

const rules = await loadRuleSet(RULES_DIR);
const categories = rules.files.catalogue.categories.map((c) => c.id);
const header = CATALOG_COLUMNS.join(',');

describe('check store', () => {
  it('says until which date admission is frozen, counted from the 3rd failure', async () => {
    const r = await checkStore(rules, storeInput({ failedReviews: 3, lastFailedReviewOn: '2024-02-15' }), '2024-03-01');
    expect(r.ok).toBe(false);
    expect(r.frozenUntil).toBe('2024-03-16');
    expect(r.findings[0]!.message.en).toContain('Frozen until 2024-03-16');
    expect(r.findings[0]!.message.zh).toContain('冻结至 2024-03-16');
  });

  it('shows the value that failed next to the rule\'s message', async () => {
    const r = await checkStore(rules, storeInput({ positiveRate90d: 0.948 }), '2024-07-01');
    expect(r.findings[0]!.message.en).toBe('The 90-day positive-review rate is below the admission minimum of 95%. (positiveRate90d = 0.948)');
    expect(r.findings[0]!.message.zh).toContain('（positiveRate90d = 0.948）');
  });

  it('names the providers that count for ADM-5', async () => {
    const r = await checkStore(rules, storeInput({ providers: [{ name: 'Cainiao', certified: true, integration: 'api' }, { name: 'X', certified: false, integration: 'api' }] }), '2024-07-01');
    expect(r.qualifiedProviders).toEqual(['Cainiao']);
  });
});

describe('check catalog', () => {
  it('locates every bad cell by line, column and name', () => {
    const csv = `${header}\nA,apparel,true,0.3,true,,false,false\nB,toys,maybe,-1,true,,false,false\n`;
    try {
      readSkus(parseCsvTable('skus.csv', csv, CATALOG_COLUMNS), categories);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DiagnosticsError);
      const lines = (e as DiagnosticsError).diagnostics.map((d) => formatDiagnostic(d));
      expect(lines).toEqual([
        expect.stringMatching(/^skus\.csv:3:2 \(row 3, column category\): unknown category "toys" — use one of: apparel, 3c/),
        expect.stringMatching(/^skus\.csv:3:3 \(row 3, column jit_tagged\): "maybe" is not a yes\/no value/),
        expect.stringMatching(/^skus\.csv:3:4 \(row 3, column weight_kg\): -1 is out of range \(must be > 0\) — write the weight in kg/),
      ]);
    }
  });

  it('reports a missing column and malformed CSV', () => {
    expect(() => parseCsvTable('s.csv', 'sku,category\nA,home\n', CATALOG_COLUMNS)).toThrow(/missing column "jit_tagged"/);
    expect(() => parseCsvTable('s.csv', `${header}\nA,home,true\n`, CATALOG_COLUMNS)).toThrow(/s\.csv:2:1 .*malformed CSV/);
  });

  it('treats a certificate cell that says no as a missing certificate (SKU-3)', async () => {
    const csv = `${header}\nA,3c,true,0.2,,false,,\nB,3c,true,0.2,,no,,\nC,3c,true,0.2,,CE-123,,\n`;
    const r = await checkCatalog(rules, readSkus(parseCsvTable('s.csv', csv, CATALOG_COLUMNS), categories));
    expect(r.skus.map((s) => s.certificates)).toEqual([['SKU-3'], ['SKU-3'], []]);
  });

  it('rejects a duplicate SKU', () => {
    const csv = `${header}\nA,home,true,0.3,,,,\nA,home,true,0.3,,,,\n`;
    expect(() => readSkus(parseCsvTable('s.csv', csv, CATALOG_COLUMNS), categories)).toThrow(/SKU "A" is listed twice \(first on line 2\)/);
  });

  it('warns when the file exceeds one 5,000-SKU import batch, and summarises by reason', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `S${i},${i % 2 ? 'home' : 'adult'},true,${(0.1 + (i % 7) * 0.5).toFixed(2)},,,,`);
    const skus = readSkus(parseCsvTable('big.csv', `${header}\n${rows.join('\n')}\n`, CATALOG_COLUMNS), categories);
    const r = await checkCatalog(rules, skus);
    const batch = r.findings.find((f) => f.rule === 'SKU-BATCH');
    expect(batch?.severity).toBe('warning');
    expect(batch?.remedy.en).toContain('2 imports');
    expect(r.summary.byReason.banned).toBe(2501);
    expect(r.summary.total).toBe(5001);
  });
});

describe('check exit', () => {
  it('walks the four steps: switched off, waiting 24 h, then ready to verify', async () => {
    const input = exitInput({ jitSwitchedOffAt: '2024-07-01T10:00:00Z' });
    const waiting = await checkExit(rules, input, '2024-07-02T09:00:00Z');
    expect(waiting.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'waiting']);
    expect(waiting.steps[3]!.availableFrom).toBe('2024-07-02T10:00:00.000Z');
    const ready = await checkExit(rules, input, '2024-07-02T10:00:00Z');
    expect(ready.steps[3]!.status).toBe('ready');
    expect((await checkExit(rules, { ...input, verified: true }, '2024-07-03T00:00:00Z')).steps[3]!.status).toBe('done');
  });

  it('warns that funds may freeze when JIT was switched off with blockers left', async () => {
    const r = await checkExit(rules, exitInput({ unsettledFeesCny: 5, jitSwitchedOffAt: '2024-07-01T00:00:00Z' }), '2024-07-01T01:00:00Z');
    expect(r.findings.map((f) => f.rule)).toEqual(['EXIT-3', 'EXIT-STEP-3']);
  });

  it('names stuck orders with their hours', async () => {
    const r = await checkExit(rules, exitInput({ orders: [{ id: 'S1', status: 'awaiting_pickup', hoursSinceCreated: 99 }] }), '2024-07-01T00:00:00Z');
    expect(r.findings.find((f) => f.rule === 'EXIT-2')?.items).toEqual(['S1 (99 h)']);
    expect(r.steps[0]).toMatchObject({ status: 'blocked', blockedBy: ['EXIT-1', 'EXIT-2'] });
  });
});

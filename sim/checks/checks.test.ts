import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors.ts';
import { parseCsvTable } from '../io/index.ts';
import { loadRuleSet } from '../rules/rule-set.ts';
import { RULES_DIR, exitInput, storeInput } from '../testing/fixtures.ts';
import { CATALOG_COLUMNS, catalogHeaderAliases, checkCatalog, readCatalog } from './catalog.ts';
import { checkExit } from './exit.ts';
import { checkStore } from './store.ts';

const rules = await loadRuleSet(RULES_DIR);
const cat = rules.files.catalogue;
const readSkus = (csv: string, file = 's.csv') => readCatalog(parseCsvTable(file, csv, CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(cat), rowWidth: 'keep' }), cat);
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
  it('locates every bad cell by line, column and name; the row cannot be checked, the others are', async () => {
    const csv = `${header}\nA,apparel,true,0.3,true,,false,false\nB,toys,maybe,-1,true,,false,false\n`;
    const { skus, unchecked } = readSkus(csv, 'skus.csv');
    expect(skus.map((s) => s.sku)).toEqual(['A']);
    expect(unchecked).toHaveLength(1);
    expect(unchecked[0]!.problems.map((d) => formatDiagnostic(d))).toEqual([
      expect.stringMatching(/^skus\.csv:3:2 \(row 3, column category\): unknown category "toys" — use one of: apparel, 3c/),
      expect.stringMatching(/^skus\.csv:3:3 \(row 3, column jit_tagged\): "maybe" is not a yes\/no value/),
      expect.stringMatching(/^skus\.csv:3:4 \(row 3, column weight_kg\): -1 is out of range \(must be > 0\) — write the weight in kg/),
    ]);
    const r = await checkCatalog(rules, skus, unchecked);
    expect(r.skus.map((v) => [v.sku, v.status])).toEqual([['A', 'ok'], ['B', 'cannot-check']]);
    expect(r.summary).toMatchObject({ total: 2, ok: 1, cannotCheck: 1 });
    expect(r.ok).toBe(false);
  });

  it('reports every missing column in one message, and malformed CSV', () => {
    expect(() => parseCsvTable('s.csv', 'sku,category\nA,home\n', CATALOG_COLUMNS)).toThrow(/the header lacks 6 columns: jit_tagged, weight_kg/);
    expect(() => parseCsvTable('s.csv', `${header}\nA,home,true\n`, CATALOG_COLUMNS)).toThrow(/s\.csv:2:1 .*malformed CSV: 3 cells where the header has 8/);
    expect(() => parseCsvTable('s.csv', `${header}\n"A,home,true\n`, CATALOG_COLUMNS)).toThrow(/s\.csv:2:1 .*malformed CSV: .*[Qq]uote/);
  });

  it('treats a certificate cell that says no as a missing certificate (SKU-3)', async () => {
    const { skus } = readSkus(`${header}\nA,3c,true,0.2,,false,,\nB,3c,true,0.2,,no,,\nC,3c,true,0.2,,CE-123,,\nD,3c,true,0.2,,否,,\nE,3c,true,0.2,,是,,\n`);
    const r = await checkCatalog(rules, skus);
    expect(r.skus.map((s) => s.certificates)).toEqual([['SKU-3'], ['SKU-3'], [], ['SKU-3'], []]);
  });

  it('reads both certificate columns the same way: a number, yes/no, true/false, 是/否, empty', async () => {
    const cells: [string, boolean][] = [['CE-123', true], ['MDR-9', true], ['yes', true], ['TRUE', true], ['是', true], ['1', true], ['no', false], ['false', false], ['否', false], ['', false], ['0', false], ['无', false]];
    const rows = cells.flatMap(([c], i) => [`C${i},3c,true,0.2,,${c},,`, `M${i},medical-device,true,0.2,,,${c},`]);
    const { skus, unchecked } = readSkus(`${header}\n${rows.join('\n')}\n`);
    expect(unchecked).toEqual([]);
    const r = await checkCatalog(rules, skus);
    cells.forEach(([c, has], i) => {
      expect(r.skus.find((v) => v.sku === `C${i}`)!.certificates, `ce_fcc_cert ${c}`).toEqual(has ? [] : ['SKU-3']);
      expect(r.skus.find((v) => v.sku === `M${i}`)!.banned, `medical_cert ${c}`).toEqual(has ? [] : ['BAN-4']);
    });
    // a cell that is neither makes only that SKU "cannot check", in either column
    const bad = readSkus(`${header}\nX,3c,true,0.2,,maybe,,\nY,medical-device,true,0.2,,,perhaps,\nZ,home,true,0.2,,,,\n`);
    expect(bad.skus.map((s) => s.sku)).toEqual(['Z']);
    expect(bad.unchecked.map((u) => formatDiagnostic(u.problems[0]!))).toEqual([
      expect.stringMatching(/s\.csv:2:6 \(row 2, column ce_fcc_cert\): "maybe" is neither a certificate number nor yes\/no — write the certificate number \(e\.g\. CE-123\)/),
      expect.stringMatching(/s\.csv:3:7 \(row 3, column medical_cert\): "perhaps" is neither a certificate number nor yes\/no/),
    ]);
  });

  it('marks a duplicate SKU and a short row as cannot check, and checks the rest', () => {
    const { skus, unchecked } = readSkus(`${header}\nA,home,true,0.3,,,,\nA,home,true,0.3,,,,\nB,home,true\nC,home,yes,1,,,,\n`);
    expect(skus.map((s) => s.sku)).toEqual(['A', 'C']);
    expect(unchecked.map((u) => formatDiagnostic(u.problems[0]!))).toEqual([
      expect.stringMatching(/s\.csv:3:1 \(row 3, column sku\): SKU "A" is listed twice \(first on line 2\)/),
      expect.stringMatching(/s\.csv:4:1 \(row 4, column sku\): the row has 3 cells where the header has 8/),
    ]);
  });

  it('detects the delimiter (comma, semicolon, tab) and accepts Chinese headers and category names', async () => {
    const rows = [['A', 'home', 'true', '0.3', '', '', '', ''], ['B', '3c', 'yes', '1,5', '', 'CE-1', '', 'no']];
    const semi = readSkus([CATALOG_COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\r\n'));
    expect(semi.unchecked.map((u) => formatDiagnostic(u.problems[0]!))).toEqual([expect.stringMatching(/s\.csv:3:4 \(row 3, column weight_kg\): "1,5" is not a number/)]);
    expect(semi.format).toEqual({ delimiter: ';', encoding: 'utf-8' });
    const tab = readSkus([CATALOG_COLUMNS.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n'));
    expect(tab.format?.delimiter).toBe('\t');
    expect(tab.skus.map((s) => s.sku)).toEqual(['A']);
    const zh = readSkus('SKU编码,类目,是否打JIT标,重量（千克）,成分标签,CE/FCC证书编号,医疗器械认证,含锂电池\nA,家居,是,0.3,,,,否\nB,3C数码,是,0.2,,FCC-2AX,,\n');
    expect(zh.unchecked).toEqual([]);
    expect(zh.skus.map((s) => [s.sku, s.category, s.jitTagged, s.hasCeFccCert])).toEqual([['A', 'home', true, false], ['B', '3c', true, true]]);
  });

  it('keeps line numbers right across quoted cells with line breaks and empty lines', () => {
    const { unchecked } = readSkus(`${header}\n"A\nB",home,true,0.3,,,,\n\nC,home,true,x,,,,\n`);
    expect(unchecked.map((u) => u.problems[0]!.location.line)).toEqual([5]);
  });

  it('warns when the file exceeds one 5,000-SKU import batch, and summarises by reason', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `S${i},${i % 2 ? 'home' : 'adult'},true,${(0.1 + (i % 7) * 0.5).toFixed(2)},,,,`);
    const { skus } = readSkus(`${header}\n${rows.join('\n')}\n`, 'big.csv');
    const r = await checkCatalog(rules, skus);
    const batch = r.findings.find((f) => f.rule === 'SKU-BATCH');
    expect(batch?.severity).toBe('warning');
    expect(batch?.remedy.en).toContain('2 imports');
    expect(r.summary.byReason.banned).toBe(2501);
    expect(r.summary.total).toBe(5001);
  });

  it('gives the same verdicts as one engine run per SKU (weights grouped by the thresholds only)', async () => {
    const rows = [0.01, 1.99, 2, 2.0000001, 5, 30].map((w, i) => `W${i},home,true,${w},,,,`);
    const r = await checkCatalog(rules, readSkus(`${header}\n${rows.join('\n')}\n`).skus);
    expect(r.skus.map((v) => v.advisories)).toEqual([[], [], ['FIT-1'], ['FIT-1'], ['FIT-1'], ['FIT-1']]);
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

describe('dates', () => {
  it('a day count beyond the calendar is bad input, not a RangeError (found by the fuzz suite: ADM-6 freeze × 1e9)', async () => {
    const { addDays } = await import('./dates.ts');
    const { UserInputError } = await import('../errors.ts');
    expect(addDays('2024-01-01', 30)).toBe('2024-01-31');
    expect(() => addDays('2024-01-01', 3e10)).toThrow(UserInputError);
    expect(() => addDays('2024-01-01', Number.NaN)).toThrow(/is not a calendar date/);
  });
});

/**
 * The unavailable-JIT sample (data/samples/scenarios/jit-unavailable.json: ADM-3 fails) reads the
 * same in every output: the summary, `simulate --json`, the Markdown, HTML, PDF and Excel reports, the
 * charts and `impact` — JIT has no cost, P(cheapest), saving or break-even of its own; the failing
 * rule and its remedy are named; only the available modes are compared.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../reports/render/pdf.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SAMPLE = 'data/samples/scenarios/jit-unavailable.json';
const REMEDY = /Raise the 90-day positive-review rate to at least 95%/;
const haveTools = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext');

async function run(args: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(args, io);
  expect(io.stderr).not.toMatch(/internal error|内部错误/);
  return { code, out: io.stdout, err: io.stderr };
}

describe('JIT unavailable, everywhere (sample jit-unavailable.json)', { timeout: 240_000 }, () => {
  it('simulate: the summary and --json give JIT no P(cheapest), saving or break-even, and name ADM-3 with its remedy', async () => {
    const text = await run(['simulate', SAMPLE, '--trials', '40', '--seed', '1', '--workers', '1', '--no-break-even', '--no-sensitivity']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/JIT is not available: it has no P\(cheapest\), no saving and no break-even/);
    expect(text.out).toMatch(/ADM-3: .*Raise the 90-day positive-review rate/);
    // the JIT row of the table has no figures
    expect(text.out).toMatch(/^JIT\s+not available \(see above\)/m);
    expect(text.out).not.toMatch(/JIT .*[−-] (Self-run|Direct)|(Self-run overseas warehouse|Direct shipping from China) − JIT/);
    const json = await run(['simulate', SAMPLE, '--trials', '40', '--seed', '1', '--workers', '1', '--json']);
    expect(json.code).toBe(0);
    const s = JSON.parse(json.out);
    expect(s.eligibility.jitAvailable).toBe(false);
    expect(s.availableModes).toEqual(['warehouse', 'direct', 'tpl']);
    expect(s.modes.jit).toMatchObject({ available: false, pCheapest: null });
    expect(s.modes.warehouse.available && s.modes.direct.available && s.modes.tpl.available).toBe(true);
    expect(s.modes.warehouse.pCheapest + s.modes.direct.pCheapest + s.modes.tpl.pCheapest).toBeCloseTo(1, 12);
    expect(s.differences.every((d: { pair: string[] }) => !d.pair.includes('jit'))).toBe(true);
    expect((s.breakEven ?? []).every((b: { pair: string[] }) => !b.pair.includes('jit'))).toBe(true);
    expect(s.sensitivity?.pair ?? []).not.toContain('jit');
    expect(s.eligibility.unavailableBecause).toEqual([expect.objectContaining({ rule: 'ADM-3', remedy: expect.objectContaining({ en: expect.stringMatching(REMEDY) }) })]);
  });

  it('report: Markdown, HTML, charts, Excel (and PDF) show no JIT figures, name ADM-3 and its remedy, compare warehouse and direct', async () => {
    const out = await tempDir('jitsim-unavailable-');
    const formats = haveTools || process.env.CI === 'true' ? 'pdf,xlsx' : 'xlsx';
    const r = await run(['report', SAMPLE, '--trials', '40', '--lang', 'en', '--format', formats, '--out', out]);
    expect(r.code).toBe(0);
    // the headline
    expect(r.out).toMatch(/Recommended: (Direct shipping from China|Self-run overseas warehouse|3PL overseas warehouse) — JIT is not available to this client \(ADM-3 fails — Raise the 90-day positive-review rate to at least 95% before applying\): it has no probability of being cheapest, no saving and no break-even; the comparison below is between the available modes; cheapest in/);
    expect(r.out).toMatch(/^ {2}JIT\s+not available/m);
    const dir = join(out, 'jit-unavailable');
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toMatch(REMEDY);
    expect(md).toMatch(/^\| JIT \(not available\) \| not available \| — \| — \| — \| — \| — \| — \|$/m);
    expect(md).not.toMatch(/Against JIT|JIT and (Self-run|Direct)|(warehouse|China) and JIT would cost the same/);
    // delivery, cash and landed cost: the available modes only
    expect(md).toMatch(/^- Delivery: Self-run overseas warehouse [\d.]+ days, Direct shipping from China [\d.]+ days, 3PL overseas warehouse [\d.]+ days on average\.$/m);
    expect(md).toMatch(/^- Cash tied up: Self-run overseas warehouse [\d,]+ CNY, Direct shipping from China [\d,]+ CNY, 3PL overseas warehouse [\d,]+ CNY\.$/m);
    expect(md).not.toMatch(/^\| JIT \| [\d,]/m);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(REMEDY);
    expect(html).toMatch(/<tr class="na" data-mode="jit"><th>JIT <small>\(not available\)<\/small><\/th><td colspan="8">not available: no cost, P\(cheapest\), saving or break-even/);
    expect(html).not.toMatch(/<tr data-mode="jit">/);
    // every chart: no JIT series (not in the data, not in the legend)
    for (const c of ['cost-distribution', 'cost-breakdown', 'cost-vs-volume', 'delivery-days', 'monthly-cash', 'tornado']) {
      const spec = await readFile(join(dir, 'charts', `${c}.vl.json`), 'utf8');
      expect(spec, c).not.toMatch(/"modeLabel": "JIT"|"JIT"/);
    }
    const tornado = JSON.parse(await readFile(join(dir, 'charts', 'tornado.vl.json'), 'utf8'));
    expect(JSON.stringify(tornado.title)).not.toMatch(/JIT/);
    // Excel: the JIT row says why, with no numbers
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(dir, 'report.xlsx'))) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const jitRow = rows.find((x) => typeof x[0] === 'string' && (x[0] as string).startsWith('JIT'))!;
    expect(jitRow[0]).toMatch(/JIT — not available: no cost, P\(cheapest\), saving or break-even \(ADM-3: Raise the 90-day/);
    expect(jitRow.slice(1).filter((v) => v !== null && v !== undefined)).toEqual([]);
    expect(rows.some((x) => typeof x[0] === 'string' && /^JIT · /.test(x[0] as string))).toBe(false);
    if (formats.includes('pdf')) {
      const pdf = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
      expect(pdf).toMatch(/JIT is not available to this client/);
      expect(pdf).toMatch(/not available: no cost, P\(cheapest\)/);
    }
  });

  it('impact: under both rule sets JIT has no figures and the remedy is given', async () => {
    const r = await run(['impact', 'rules', 'rules', SAMPLE, '--trials', '20', '--workers', '1', '--break-even-trials', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| JIT \(not available before and after\) \| — \| — \| — \| — \| — \| — \|/);
    expect(r.out).toMatch(/JIT is not available \(after\): ADM-3 — Raise the 90-day positive-review rate to at least 95% before applying\. It has no P\(cheapest\) and no break-even\./);
    expect(r.out).not.toMatch(/Break-even JIT/);
  });
});

/**
 * `--format pdf,xlsx`: the PDF (printed by chromium) read back with poppler's pdftotext and pdfinfo;
 * the workbook read back with exceljs; both rebuilt and compared byte for byte. Never skipped in CI
 * (.ci/run installs chromium and poppler-utils). One build in both languages and formats is shared.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../sim/testing/fixtures.ts';
import { fixtureModel } from './testing/fixture.ts';
import { chromiumPath } from './render/pdf.ts';
import { reportFiles } from './write-report.ts';
import { date } from './labels.ts';

const CSV = 'scenario,trial,mode,totalCny,perOrderCny\n"\'=HYPERLINK(""x"")",0,jit,200000.5,18.25\nSample,0,warehouse,420000,38.4\n';
const haveTools = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext');

const model = () => fixtureModel({ skuName: '=HYPERLINK("http://x")' });
const build = () => reportFiles(model(), ['en', 'zh'], CSV, { formats: haveTools || process.env.CI === 'true' ? ['pdf', 'xlsx'] : ['xlsx'] });
let files: Awaited<ReturnType<typeof reportFiles>>;
beforeAll(async () => {
  files = await build();
}, 240_000);

describe.skipIf(!haveTools && process.env.CI !== 'true')('PDF', () => {
  it('is A4 with the report text, page numbers, a text header with client and date, and a page break before the input sheet', async () => {
    const dir = await tempDir('jitsim-pdf-');
    for (const [name, lang] of [['report.pdf', 'en'], ['report.zh.pdf', 'zh']] as const) {
      const file = join(dir, name);
      await writeFile(file, files.get(name)!);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThan(2);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Sample apparel seller');
      expect(text).toContain(lang === 'zh' ? '输入清单' : 'Input sheet');
      expect(text).toContain(lang === 'zh' ? '建议' : 'Recommendation');
      const perPage = text.split('\f');
      // footer "n / N" on every page
      for (let p = 1; p <= pages; p++) expect(perPage[p - 1], `page ${p}`).toMatch(new RegExp(`(^|\\s)${p}\\s*/\\s*${pages}\\s*$`));
      // the running header is text (client and date in the page's language) at the top of every page
      const header = `Sample apparel seller · ${date('2026-01-01', lang)}`;
      for (let p = 1; p <= pages; p++) expect(perPage[p - 1]!.trimStart().startsWith(header), `page ${p} starts with "${header}": ${perPage[p - 1]!.slice(0, 80)}`).toBe(true);
      // the input sheet starts a page: right under the header
      expect(perPage.some((t) => t.trimStart().slice(header.length).trimStart().startsWith(lang === 'zh' ? '输入清单' : 'Input sheet'))).toBe(true);
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/Noto|Type 3/);
    }
  }, 240_000);
});

describe('Same inputs, same bytes', () => {
  it('rebuilds the workbook and the PDF byte for byte (zip entry dates and PDF dates are the report date)', async () => {
    const again = await build();
    const names = [...files.keys()].filter((k) => /\.(xlsx|pdf)$/.test(k));
    expect(names.length).toBeGreaterThanOrEqual(haveTools || process.env.CI === 'true' ? 4 : 2);
    for (const k of [...names, 'manifest.json']) expect(Buffer.from(again.get(k)!).equals(Buffer.from(files.get(k)!)), k).toBe(true);
  }, 240_000);
});

describe('Excel workbook', () => {
  it('holds the inputs, the summary per mode, the monthly series and the trials as typed, formatted cells', async () => {
    const m = model();
    for (const [name, lang] of [['report.xlsx', 'en'], ['report.zh.xlsx', 'zh']] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(files.get(name) as Uint8Array) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(lang === 'zh' ? ['汇总', '输入', '月度', '库存', '模拟明细'] : ['Summary', 'Inputs', 'Monthly', 'Inventory', 'Trials']);
      const sum = wb.worksheets[0]!;
      expect(String(sum.getCell('B1').value)).toMatch(lang === 'zh' ? /元/ : /CNY/);
      expect(sum.getCell('A2').value).toBe('JIT');
      expect(sum.getCell('B2').value).toBe(200_000);
      expect(sum.getCell('B2').numFmt).toBe(lang === 'zh' ? '#,##0 "元"' : '#,##0 "CNY"');
      expect(sum.getCell('I2').value).toBe(0.94);
      expect(sum.getCell('I2').numFmt).toBe('0.0%');
      const inputs = wb.worksheets[1]!;
      const values = inputs.getColumn(4).values.map(String);
      expect(values).toContain("'=HYPERLINK(\"http://x\")"); // user text that looks like a formula is neutralised
      inputs.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
      const monthly = wb.worksheets[2]!;
      expect(monthly.rowCount).toBe(1 + m.monthly.length);
      expect(typeof monthly.getCell('C2').value).toBe('number');
      // the warehouse's stock: measures as typed numbers (fill rate as a share, money as #,##0), then the months
      const inv = wb.worksheets[3]!;
      expect(inv.getCell('A2').value).toBe(lang === 'zh' ? '现货满足率（由库存满足的订单）' : 'Fill rate (orders served from stock)');
      expect(inv.getCell('B2').value).toBe(m.inventory!.fillRate.mean);
      expect(inv.getCell('B2').numFmt).toBe('0.0%');
      const rowOf = (label: string) => inv.getColumn(1).values.findIndex((v) => v === label);
      const onHand = inv.getRow(rowOf(lang === 'zh' ? '在库库存均值（元）' : 'Stock on hand, average (CNY)'));
      expect(onHand.getCell(2).value).toBe(m.inventory!.onHandValueMean.mean);
      expect(onHand.getCell(2).numFmt).toBe('#,##0');
      const may = inv.getRow(rowOf('2026-05'));
      expect(may.getCell(3).value).toBe(m.inventory!.monthly[4]!.onHand.p50);
      expect(may.getCell(9).value).toBe(0.12);
      expect(may.getCell(9).numFmt).toBe('0.0%');
      const trials = wb.worksheets[4]!;
      expect(trials.getCell('D2').value).toBe(200000.5);
      expect(trials.getCell('A2').value).toBe('\'=HYPERLINK("x")');
    }
  }, 120_000);
});

/**
 * `--format pdf,xlsx`: the PDF (printed by chromium) read back with poppler's pdftotext and pdfinfo;
 * the workbook read back with exceljs. Never skipped in CI (.ci/run installs chromium and poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../sim/testing/fixtures.ts';
import { fixtureModel } from './testing/fixture.ts';
import { chromiumPath } from './render/pdf.ts';
import { reportFiles } from './write-report.ts';

const CSV = 'scenario,trial,mode,totalCny,perOrderCny\n"\'=HYPERLINK(""x"")",0,jit,200000.5,18.25\nSample,0,warehouse,420000,38.4\n';
const haveTools = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext');

describe.skipIf(!haveTools && process.env.CI !== 'true')('PDF', () => {
  it('is A4 with the report text, page numbers, a header, and a page break before the input sheet', async () => {
    const files = await reportFiles(fixtureModel(), ['en', 'zh'], CSV, { formats: ['pdf'] });
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
      // footer "n / N" on every page
      for (let p = 1; p <= pages; p++) expect(text.split('\f')[p - 1], `page ${p}`).toMatch(new RegExp(`(^|\\s)${p}\\s*/\\s*${pages}\\s*$`));
      // the input sheet starts a page: its page's text begins with it
      const perPage = text.split('\f');
      expect(perPage.some((t) => t.trimStart().startsWith(lang === 'zh' ? '输入清单' : 'Input sheet'))).toBe(true);
      // the header (client and date) is on every page as an image drawn with the bundled font
      const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').filter((l) => /^\s+\d+\s+\d+\s+image/.test(l));
      expect(new Set(images.map((l) => l.trim().split(/\s+/)[0])).size).toBe(pages);
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/Noto|Type 3/);
    }
  }, 240_000);
});

describe('Excel workbook', () => {
  it('holds the inputs, the summary per mode, the monthly series and the trials as typed, formatted cells', async () => {
    const m = fixtureModel({ skuName: '=HYPERLINK("http://x")' });
    const files = await reportFiles(m, ['en', 'zh'], CSV, { formats: ['xlsx'] });
    for (const [name, lang] of [['report.xlsx', 'en'], ['report.zh.xlsx', 'zh']] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(files.get(name) as Uint8Array) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(lang === 'zh' ? ['汇总', '输入', '月度', '模拟明细'] : ['Summary', 'Inputs', 'Monthly', 'Trials']);
      const sum = wb.worksheets[0]!;
      expect(String(sum.getCell('B1').value)).toMatch(lang === 'zh' ? /元/ : /CNY/);
      expect(sum.getCell('A2').value).toBe('JIT');
      expect(sum.getCell('B2').value).toBe(200_000);
      expect(sum.getCell('B2').numFmt).toBe('#,##0');
      expect(sum.getCell('I2').value).toBe(0.94);
      expect(sum.getCell('I2').numFmt).toBe('0.0%');
      const inputs = wb.worksheets[1]!;
      const values = inputs.getColumn(4).values.map(String);
      expect(values).toContain("'=HYPERLINK(\"http://x\")"); // user text that looks like a formula is neutralised
      inputs.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
      const monthly = wb.worksheets[2]!;
      expect(monthly.rowCount).toBe(1 + m.monthly.length);
      expect(typeof monthly.getCell('C2').value).toBe('number');
      const trials = wb.worksheets[3]!;
      expect(trials.getCell('D2').value).toBe(200000.5);
      expect(trials.getCell('A2').value).toBe('\'=HYPERLINK("x")');
    }
  }, 120_000);
});

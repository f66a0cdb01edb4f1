/**
 * `jitsim report … --format pdf,xlsx` end to end through the command (not only through reportFiles):
 * the PDF read back with pdftotext, the workbook with exceljs. Never skipped in CI (.ci/run installs
 * chromium and poppler-utils).
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

const haveTools = existsSync(chromiumPath()) && existsSync('/usr/bin/pdftotext');

describe.skipIf(!haveTools && process.env.CI !== 'true')('jitsim report --format pdf,xlsx', () => {
  it('writes report.pdf and report.xlsx that read back with the report text and typed cells', async () => {
    const out = await tempDir('jitsim-formats-');
    const io = memoryIo(PROJECT_DIR);
    const code = await main(['report', 'data/scenarios/home-latam.json', '--trials', '16', '--lang', 'zh', '--format', 'pdf,xlsx', '--out', out], io);
    expect(io.stderr).not.toMatch(/internal error|内部错误/);
    expect(code).toBe(0);
    const dir = join(out, 'home-latam');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('输入清单');
    expect(text).toMatch(/JIT/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(dir, 'report.xlsx'))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '输入', '月度', '库存', '模拟明细']);
    // the trials sheet holds one row per trial (plus its header), as numbers
    const trials = wb.worksheets[4]!;
    expect(trials.rowCount).toBeGreaterThan(16);
    const numbers = trials.getRow(2).values as unknown[];
    expect(numbers.some((v) => typeof v === 'number')).toBe(true);
    // the manifest lists both files (jitsim wrote them: a later run may replace them)
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest)).toMatch(/report\.pdf/);
    expect(JSON.stringify(manifest)).toMatch(/report\.xlsx/);
  }, 120_000);
});

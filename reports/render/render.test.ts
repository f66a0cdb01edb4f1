import { tempDir } from '../../sim/testing/fixtures.ts';
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { manifestJson } from '../../sim/io/output-folder.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolderAtomic } from './atomic.ts';
import { csvSafe, escapeHtml, insideOutput, jsonForScript } from './safe.ts';
import { FONT_FAMILY, FONT_FILES, rasterise } from './vega.ts';
import { withChartFonts } from './chart-fonts.ts';

/** Renders one line of text with the bundled font and returns its RGBA pixels. */
function renderText(s: string, fontFiles: string[] = FONT_FILES): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="white"/><text x="10" y="45" font-family="${FONT_FAMILY}" font-size="40" fill="black">${s}</text></svg>`;
  return new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render().pixels;
}
const darkPixels = (px: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 128) n++;
  return n;
};

describe('CJK text in PNGs', () => {
  it('renders Chinese as real glyphs with the bundled font (different shapes, not empty boxes)', () => {
    const a = renderText('成');
    const b = renderText('本');
    expect(darkPixels(a)).toBeGreaterThan(80);
    expect(darkPixels(b)).toBeGreaterThan(80);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    // without the font nothing is drawn: the test above would fail if the font were missing
    expect(darkPixels(renderText('成', []))).toBe(0);
  });
});

describe('chart fonts', () => {
  it('a subset of the bundled font draws the same pixels as the full font files (regular, bold, kerning, entities)', async () => {
    const text = (weight: string, s: string, y: number) => `<text x="6" y="${y}" font-family="${FONT_FAMILY}" font-size="15" font-weight="${weight}">${s}</text>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="90"><rect width="260" height="90" fill="white"/>${text('normal', 'AVATAR To 每单成本 &#20013;&amp;', 24)}${text('bold', 'JIT减中国直发 −12.00 元', 50)}${text('normal', 'WAVE 退货率（P10 → P90）', 76)}</svg>`;
    const full = rasterise(svg, FONT_FILES);
    const subset = await withChartFonts(svg, (files) => rasterise(svg, files));
    expect(darkPixels(subset.pixels)).toBeGreaterThan(500);
    expect(Buffer.from(subset.asPng()).equals(Buffer.from(full.asPng()))).toBe(true);
  });
});

describe('output safety', () => {
  it('escapes HTML and script JSON', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
    expect(jsonForScript({ a: '</script><script>alert(1)</script>' })).not.toMatch(/<\/script/i);
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1', '-1+1', '@SUM(A1)', '\t=1']) expect(String(csvSafe(s)).startsWith("'")).toBe(true);
    expect(csvSafe('Dress')).toBe('Dress');
    expect(csvSafe(-12.5)).toBe(-12.5);
  });

  it('never writes outside the output folder', () => {
    expect(() => insideOutput('../evil.html')).toThrow(/outside the output folder/);
    expect(() => insideOutput('/etc/passwd')).toThrow(/outside the output folder/);
    expect(() => insideOutput('charts/../../x')).toThrow(/outside the output folder/);
    expect(insideOutput('charts/a.svg')).toBe(join('charts', 'a.svg'));
  });
});

describe('atomic folder writes', () => {
  it('replace a folder whole, and leave the previous one untouched when a build fails', async () => {
    const root = await tempDir('jitsim-atomic-');
    const dir = join(root, 'report');
    // every folder carries jitsim's marker (manifest.json with the hash of each file)
    const marked = (entries: [string, string][]) => {
      const m = new Map<string, string>(entries);
      m.set('manifest.json', manifestJson('report', m));
      return m;
    };
    await writeFolderAtomic(dir, marked([['index.html', 'v1'], ['charts/a.svg', '<svg/>']]));
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toBe('v1');
    await expect(writeFolderAtomic(dir, marked([['index.html', 'v2'], ['../escape.txt', 'x']]))).rejects.toThrow(/outside the output folder/);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toBe('v1');
    await expect(writeFolderAtomic(dir, new Map([['index.html', 'v2']]))).rejects.toThrow(/without jitsim’s manifest/);
    await writeFolderAtomic(dir, marked([['index.html', 'v3']]));
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'manifest.json']);
    // a user's folder is never replaced
    const mine = join(root, 'mine');
    await mkdir(mine);
    await writeFile(join(mine, 'thesis.txt'), 'mine');
    await expect(writeFolderAtomic(mine, marked([['index.html', 'v1']]))).rejects.toThrow(/not written by jitsim/);
    expect(await readFile(join(mine, 'thesis.txt'), 'utf8')).toBe('mine');
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

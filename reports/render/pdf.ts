/**
 * PDF of a report page, printed by Debian's chromium (playwright-core): A4, each main section on a
 * new page, a header with the client and the date, page numbers in the footer. The header and
 * footer carry their own embedded font subset (chromium draws them apart from the page). The PDF's
 * creation and modification dates are set to the report's date, so a rebuild gives the same bytes.
 */
import { existsSync } from 'node:fs';
import { UserInputError } from '../../sim/errors.ts';
import { text } from '../../sim/i18n/index.ts';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY, FONT_FILES } from './fonts.ts';
import { escapeHtml } from './safe.ts';
import { textMeasure } from './text-width.ts';

/** A line of grey 8 px text drawn with the bundled font, as a 4× PNG. */
async function headerImage(line: string): Promise<{ width: number; height: number; base64: string }> {
  const width = Math.ceil((await textMeasure())(line, 8, false)) + 2;
  const height = 12;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><text x="0" y="9" font-family="${FONT_FAMILY}" font-size="8" fill="#6b7280">${escapeHtml(line)}</text></svg>`;
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 4 }, font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render().asPng();
  return { width, height, base64: Buffer.from(png).toString('base64') };
}

/** Where chromium is: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Sets every `D:YYYYMMDDHHmmSS…` date of the PDF to `isoDate` (same byte length, so offsets stay valid). */
export function fixPdfDates(pdf: Uint8Array, isoDate: string): Uint8Array {
  const s = Buffer.from(pdf).toString('latin1');
  const stamp = `D:${isoDate.replace(/-/g, '')}000000`;
  const out = s.replace(/D:\d{14}[^)>]*/g, (m) => (stamp + "+00'00'").padEnd(m.length, ' ').slice(0, m.length));
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/**
 * Prints self-contained HTML pages to PDF, one per entry.
 * @throws {UserInputError} when chromium is not installed.
 */
export async function htmlToPdf(pages: readonly { html: string; header: string; lang: 'en' | 'zh'; date: string }[], env: Record<string, string | undefined> = process.env): Promise<Uint8Array[]> {
  const exe = chromiumPath(env);
  if (!existsSync(exe)) throw new UserInputError(text(`--format pdf needs chromium, not found at ${exe}`, `--format pdf 需要 chromium，未在 ${exe} 找到`), text('install it (apt-get install chromium) or set CHROMIUM_PATH', '请安装（apt-get install chromium）或设置 CHROMIUM_PATH'));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_FLAGS });
  try {
    const out: Uint8Array[] = [];
    for (const p of pages) {
      const context = await browser.newContext({ offline: true });
      await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.setContent(p.html, { waitUntil: 'load' });
      await page.waitForFunction(`document.fonts.status === 'loaded' && [...document.querySelectorAll('.chart')].every((c) => c.getAttribute('data-live') === '1')`, undefined, { timeout: 60_000 }).catch(() => undefined);
      // chromium draws header and footer apart from the page, with system fonts only (no web font loads
      // there): the header (client and date, any script) is drawn with the bundled font as an image;
      // the footer is digits only
      const header = await headerImage(p.header);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
        headerTemplate: `<div style="width:100%;padding:0 14mm;margin-top:2mm"><img alt="${escapeHtml(p.header)}" style="height:${header.height}px;width:${header.width}px" src="data:image/png;base64,${header.base64}"></div>`,
        footerTemplate: `<div style="font-family:sans-serif;font-size:8px;color:#6b7280;width:100%;padding:0 14mm;text-align:right"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      });
      await context.close();
      out.push(fixPdfDates(pdf, p.date));
    }
    return out;
  } finally {
    await browser.close();
  }
}

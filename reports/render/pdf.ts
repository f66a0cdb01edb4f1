/**
 * PDF of a report page, printed by Debian's chromium (playwright-core): A4, each main section on a
 * new page, a header with the client and the date (text, in its own embedded font subset, since
 * chromium draws it apart from the page), page numbers in the footer. The PDF's
 * creation and modification dates are set to the report's date, so a rebuild gives the same bytes.
 */
import { existsSync } from 'node:fs';
import { UserInputError } from '../../sim/errors.ts';
import { text } from '../../sim/i18n/index.ts';
import { embeddedFontCss } from './font-embed.ts';
import { FONT_FAMILY } from './fonts.ts';
import { escapeHtml } from './safe.ts';

/**
 * The running header as real text: chromium draws header and footer apart from the page and loads
 * no font of the page there, so the template carries its own @font-face (a subset of the bundled
 * font holding only the header's characters) under a family name of its own. A font the header
 * would have to fetch is not ready when chromium draws it (its text stays invisible), so the same
 * @font-face is loaded into the page first: the header then finds the font already decoded.
 */
export async function headerTemplate(line: string): Promise<{ css: string; html: string }> {
  const css = (await embeddedFontCss(line)).replaceAll(`"${FONT_FAMILY}"`, `"${HEADER_FONT}"`);
  return { css, html: `<style>${css}</style><div style="font-family:'${HEADER_FONT}',sans-serif;font-size:8px;color:#6b7280;width:100%;padding:0 14mm;margin-top:2mm;white-space:nowrap">${escapeHtml(line)}</div>` };
}
const HEADER_FONT = 'jitsim-header';

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
      const header = await headerTemplate(p.header);
      await page.addStyleTag({ content: header.css });
      await page.evaluate(([family, line]) => document.fonts.load(`8px '${family}'`, line), [HEADER_FONT, p.header] as const);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
        headerTemplate: header.html,
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

/** Opens a report page in Debian's chromium (playwright-core), offline, and says what the browser saw: for the browser tests. */
import type { Browser } from 'playwright-core';
import { TOFU_CHECK } from './tofu.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens a report page offline and reports what the browser saw. */
export async function inspectReport(browser: Browser, file: string, screenshot?: string) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.goto(`file://${file}`);
  await page.waitForFunction(`[...document.querySelectorAll('.chart')].every((c) => c.getAttribute('data-live') === '1')`, undefined, { timeout: 30_000 });
  const charts = await page.$$eval('.chart', (els) => els.map((el) => ({ name: el.getAttribute('data-name'), marks: el.querySelectorAll('svg [class^="mark-"] > *').length })));
  // hovering a bar of the breakdown shows its tooltip
  const bar = await page.$('.chart[data-name="cost-breakdown"] svg .mark-rect path');
  let tooltip = '';
  if (bar) {
    await bar.hover({ force: true });
    await page.waitForFunction(`getComputedStyle(document.getElementById('vg-tooltip')).display === 'block'`, undefined, { timeout: 5_000 }).catch(() => undefined);
    tooltip = String(await page.evaluate(`(() => { const t = document.getElementById('vg-tooltip'); return getComputedStyle(t).display === 'block' ? t.textContent : ''; })()`));
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  const glyphs = await missingGlyphs(page);
  await context.close();
  return { errors, requests, charts, tooltip, glyphs };
}

/**
 * Tofu check: draws every distinct CJK character of the page's text in the page's own font stack on
 * a canvas. A character the fonts lack is drawn as the same missing-glyph box (or nothing), so two
 * different characters with identical pixels mean tofu. Also reports whether the embedded font loaded.
 */
async function missingGlyphs(page: import('playwright-core').Page): Promise<{ checked: number; identical: string[]; embeddedLoaded: boolean; family: string }> {
  return page.evaluate(TOFU_CHECK) as Promise<{ checked: number; identical: string[]; embeddedLoaded: boolean; family: string }>;
}

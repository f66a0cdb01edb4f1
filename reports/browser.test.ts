import { tempDir } from '../sim/testing/fixtures.ts';
/**
 * The report page in a real browser (Debian's chromium driven by playwright-core), opened from disk
 * with the network cut: every chart renders marks, nothing is logged as an error, no request leaves.
 * A screenshot is saved to test-output/ for a human to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { CHARTS } from './charts/index.ts';
import { fixtureModel } from './testing/fixture.ts';
import { TOFU_CHECK } from './testing/tofu.ts';
import { writeReport } from './write-report.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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


// Never skipped in CI (CI=true): a missing chromium fails there. Outside CI it is skipped only when no chromium is installed.
describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: CI must install it (.ci/run: apt-get install chromium) or set CHROMIUM_PATH`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => browser?.close());

  it('renders every chart offline, with no error and no network request, in both languages', async () => {
    const dir = join(await tempDir('jitsim-browser-'), 'report');
    await writeReport(dir, fixtureModel({ name: '<img src=x onerror=alert(1)>' }), ['en', 'zh'], 'trial\n');
    const out = join(PROJECT_DIR, 'test-output');
    await mkdir(out, { recursive: true });
    for (const [page, shot] of [['index.html', 'fixture-report-en.png'], ['index.zh.html', 'fixture-report-zh.png']] as const) {
      const r = await inspectReport(browser, join(dir, page), join(out, shot));
      expect(r.errors).toEqual([]);
      expect(r.requests).toEqual([]);
      expect(r.charts.map((c) => c.name)).toEqual(CHARTS.map((c) => c.name));
      for (const c of r.charts) expect(c.marks, c.name!).toBeGreaterThan(0);
      expect(r.tooltip).toMatch(page === 'index.html' ? /Component: / : /成本项: /);
      // no tofu: the embedded font loaded and every Chinese character has its own shape
      expect(r.glyphs.embeddedLoaded).toBe(true);
      if (page === 'index.zh.html') expect(r.glyphs.checked).toBeGreaterThan(100);
      expect(r.glyphs.identical).toEqual([]);
    }
  }, 180_000);
});

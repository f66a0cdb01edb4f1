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
import { CHROMIUM, FLAGS, inspectReport } from './testing/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { CHARTS } from './charts/index.ts';
import { fixtureModel } from './testing/fixture.ts';
import { writeReport } from './write-report.ts';

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
    const model = fixtureModel({ name: '<img src=x onerror=alert(1)>' });
    await writeReport(dir, model, ['en', 'zh'], 'trial\n');
    const out = join(PROJECT_DIR, 'test-output');
    await mkdir(out, { recursive: true });
    for (const [page, shot] of [['index.html', 'fixture-report-en.png'], ['index.zh.html', 'fixture-report-zh.png']] as const) {
      const r = await inspectReport(browser, join(dir, page), join(out, shot));
      expect(r.errors).toEqual([]);
      expect(r.requests).toEqual([]);
      // every chart the model has content for (a chart with nothing to show is one sentence, no chart)
      expect(r.charts.map((c) => c.name)).toEqual(CHARTS.filter((c) => !c.empty?.(model)).map((c) => c.name));
      for (const c of r.charts) expect(c.marks, c.name!).toBeGreaterThan(0);
      expect(r.tooltip).toMatch(page === 'index.html' ? /Component: / : /成本项: /);
      // no tofu: the embedded font loaded and every Chinese character has its own shape
      expect(r.glyphs.embeddedLoaded).toBe(true);
      if (page === 'index.zh.html') expect(r.glyphs.checked).toBeGreaterThan(100);
      expect(r.glyphs.identical).toEqual([]);
    }
  }, 180_000);
});

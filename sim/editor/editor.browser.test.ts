/**
 * The rule editor in a real browser (Debian's chromium driven by playwright-core): a policy editor
 * sets ADM-3's threshold to an invalid value and sees the located error next to the field, fixes
 * it, sees the rule test that now fails and the money impact (with the scenarios that lose JIT),
 * saves — and the file's git diff is exactly one line. Requests without the token or from another
 * Origin are refused. Screenshots go to test-output/ for a human to look at.
 * With CI=true a missing browser fails this test (it is never skipped in CI).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules } from '../testing/fixtures.ts';
import { startEditor, type RunningEditor } from './server.ts';

const git = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = join(PROJECT_DIR, 'test-output');

/** A temporary git repository holding a copy of the rules (formatted as shipped) and a link to data/. */
async function repo(): Promise<{ root: string; rulesDir: string }> {
  const { root, rulesDir } = await copyRules();
  // copyRules rewrites the files with JSON.stringify: put the shipped text back, formatting and all
  for (const k of ['admission', 'catalogue', 'fees', 'routing', 'billing', 'exit', 'reentry']) await writeFile(join(rulesDir, `${k}.json`), await readFile(join(PROJECT_DIR, 'rules', `${k}.json`)));
  const g = (...a: string[]) => git('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: root });
  await g('init', '-q');
  await g('add', 'rules');
  await g('commit', '-qm', 'rules');
  return { root, rulesDir };
}

const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI === 'true') throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it (or set CHROMIUM_PATH)`);

describe.skipIf(!hasBrowser)('jitsim edit in a browser', () => {
  let browser: Browser;
  let editor: RunningEditor;
  let root: string;
  let rulesDir: string;
  beforeAll(async () => {
    ({ root, rulesDir } = await repo());
    editor = await startEditor(rulesDir, 'rules', { impact: { quickTrials: 10, refinedTrials: 30, breakEvenTrials: 6 } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    await mkdir(OUT, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await editor?.close();
  });

  const shot = async (page: Page, name: string) => {
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: join(OUT, name), fullPage: false });
  };

  it('edits ADM-3: located error, fix, failing rule test, impact, save as a one-line diff', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(`http://127.0.0.1:${editor.port}/`)) foreign.push(r.url());
    });
    await page.goto(editor.url);
    // search by text (either language) or id narrows the list
    await page.fill('input.search', '好评率');
    await expect(page.locator('nav button.rule').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^ADM-3/)]);
    await page.fill('input.search', '');
    await page.click('button[data-rule="ADM-3"]');
    const input = page.locator('input[id$="minPositiveRate"]');
    await expect(input.inputValue()).resolves.toBe('0.95');
    // units and bounds are shown with the field
    await expect(page.locator('.rule-editor').innerText()).resolves.toMatch(/compared with positiveRate90d.*range 0 to 1/s);
    await expect(page.locator('label[for$="minPositiveRate"]').innerText()).resolves.toMatch(/minPositiveRate \(fraction, 0\.95 = 95 %\)/);
    // the conditions as a form: the row compares the fact with the param
    const row = page.locator('[data-testid="conditions-conditions"] [data-cond="/all/0"]');
    await expect(row.locator('select.cond-fact').inputValue()).resolves.toBe('positiveRate90d');
    await expect(row.locator('select.cond-op').inputValue()).resolves.toBe('greaterThanInclusive');
    await expect(row.locator('select.cond-value').inputValue()).resolves.toBe('minPositiveRate');

    await input.fill('1.5');
    const located = page.locator('[data-testid="rule-problems"]');
    await located.waitFor();
    await expect(located.innerText()).resolves.toMatch(/rules\/admission\.json:\d+:\d+ \(\/rules\/2\/conditions\/all\/0\/value\) value 1\.5 is outside the range of "positiveRate90d" \[0, 1\]/);
    // next to the field itself
    await expect(page.locator('.form-group:has(input[id$="minPositiveRate"]) .error-detail').innerText()).resolves.toMatch(/outside the range/);
    await expect(page.locator('button.save').isDisabled()).resolves.toBe(true);
    await shot(page, 'editor-invalid.png');

    await input.fill('0.97');
    await page.locator('[data-testid="status"]', { hasText: 'valid' }).waitFor();
    const tests = page.locator('[data-testid="tests"]');
    await expect(tests.innerText()).resolves.toMatch(/ADM-3: exactly 95 % passes \(boundary\)[^]*passes · failing: —[^]*fails · failing: ADM-3/);
    await expect(page.locator('[data-testid="diff"]').innerText()).resolves.toMatch(/ADM-3: params\.minPositiveRate: 0\.95 → 0\.97/);
    const impact = page.locator('[data-testid="impact"][data-stage="done"]');
    await impact.waitFor({ timeout: 90_000 });
    const impactText = await impact.innerText();
    expect(impactText).toMatch(/apparel-europe loses JIT \(ADM-3\)/);
    expect(impactText).toMatch(/beauty-middle-east loses JIT \(ADM-3\)/);
    expect(impactText).toMatch(/95 % CI/);
    expect(impactText).toMatch(/seed 1/);
    // the refined run's break-evens (home-latam keeps JIT: its break-evens are shown, saved → draft)
    await expect(impact.locator('[data-testid="break-even"]').count()).resolves.toBeGreaterThan(0);
    expect(impactText).toMatch(/Break-even \(orders\/day, median\), saved → draft: /);
    await shot(page, 'editor-impact.png');

    await page.click('button.save');
    await page.locator('[data-testid="notice"]', { hasText: 'Saved' }).waitFor();
    const { stdout } = await git('git', ['diff', '--numstat'], { cwd: root });
    expect(stdout.trim()).toBe('1\t1\trules/admission.json');
    const { stdout: patch } = await git('git', ['diff', '-U0'], { cwd: root });
    expect(patch).toMatch(/-\s+"params": \{ "minPositiveRate": 0\.95 \},\n\+\s+"params": \{ "minPositiveRate": 0\.97 \},/);

    // history: the saved change since the last commit, and its revert
    await page.click('[data-testid="history-tab"]');
    await page.locator('[data-testid="history"]').waitFor();
    await expect(page.locator('[data-testid="history"]').innerText()).resolves.toMatch(/ADM-3: params\.minPositiveRate: 0\.95 → 0\.97/);

    // conditions edited in the form: a literal out of the fact's range → the located error at its row; back to the param → valid
    await page.click('[data-testid="checks-tab"]');
    await row.locator('select.cond-mode').selectOption('literal');
    await row.locator('input.cond-value').fill('7');
    await row.locator('.field-error', { hasText: 'outside the range' }).waitFor();
    await expect(row.locator('.field-error').innerText()).resolves.toMatch(/rules\/admission\.json:\d+:\d+: value 7 is outside the range of "positiveRate90d" \[0, 1\]/);
    await page.locator('[data-testid="conditions-conditions"] [data-testid="cond-add-row"]').first().click();
    await expect(page.locator('[data-testid="conditions-conditions"] .cond-leaf').count()).resolves.toBe(2);
    await shot(page, 'editor-conditions.png');
    await page.click('[aria-label="Remove /all/1"]');
    await row.locator('select.cond-mode').selectOption('param');
    await page.locator('[data-testid="status"]', { hasText: 'valid' }).waitFor();
    await expect(page.locator('[data-testid="diff"]').count()).resolves.toBe(0);

    // another program changes the file while the page is open: shown, and reloaded on request
    const file = join(rulesDir, 'admission.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"maxDisputeRate": 0.005', '"maxDisputeRate": 0.006'));
    const banner = page.locator('[data-testid="disk-changed"]');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/admission\.json — changed on disk by another program/);
    await banner.locator('button').click();
    await banner.waitFor({ state: 'detached' });

    // Chinese
    await page.click('.langs button:has-text("中文")');
    await page.locator('header h1', { hasText: '规则编辑器' }).waitFor();
    // labels, units, descriptions and the conditions form in Chinese
    await expect(page.locator('label[for$="minPositiveRate"]').innerText()).resolves.toMatch(/minPositiveRate \(小数，0\.95 = 95%\)/);
    await expect(row.locator('select.cond-fact option:checked').innerText()).resolves.toBe('positiveRate90d — 近90天好评率（小数）');
    await expect(row.locator('select.cond-op option:checked').innerText()).resolves.toBe('≥ 不小于');
    await shot(page, 'editor-zh.png');
    // a forEach rule: its match offers the collection's item facts (yes/no, several of a list)
    await page.click('button[data-rule="ADM-5"]');
    await expect(page.locator('select[id$="_forEach"] option:checked').innerText()).resolves.toBe('providers');
    const match = page.locator('[data-testid="conditions-match"]');
    await expect(match.locator('[data-cond="/all/0"] select.cond-fact').inputValue()).resolves.toBe('certified');
    await expect(match.locator('[data-cond="/all/1"] .cond-many input:checked').count()).resolves.toBe(2);
    await match.scrollIntoViewIfNeeded();
    await shot(page, 'editor-conditions-zh.png');

    // a band table: move a row up → the located semantic error; move it back → valid again
    await page.click('button[data-rule="FEE-A2"]');
    await expect(page.locator('.table-field .rjsf-array-item').count()).resolves.toBe(4);
    // the columns carry the schema's unit and its Chinese description
    const feeHead = page.locator('.table-field .thead .tcell').nth(2);
    await expect(feeHead.innerText()).resolves.toBe('费用 feeCny (元)');
    await expect(feeHead.getAttribute('title')).resolves.toMatch(/每单费用（元，≥ 0）/);
    await page.click('#f-FEE-A2_bands_2__moveUp');
    const sorted = page.locator('[data-testid="rule-problems"]', { hasText: '分档未排序' });
    await sorted.waitFor();
    await expect(sorted.innerText()).resolves.toMatch(/rules\/fees\.json:\d+:\d+ \(\/schedules\/0\/bandedFees\/0\/bands\/\d\/fromLitres\)/);
    await shot(page, 'editor-table-zh.png');
    await page.click('#f-FEE-A2_bands_1__moveDown');
    await sorted.waitFor({ state: 'detached' });
    await page.locator('[data-testid="status"]', { hasText: '校验通过' }).waitFor();

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
    // the whole flow of the issue in one page (one browser launch): its background impact runs
    // (4 scenarios × 2 rule sets × 2 stages) take most of it on a shared machine
  }, 150_000);

  it('refuses a request without the token or from a foreign Origin', async () => {
    const base = `http://127.0.0.1:${editor.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/api/state`)).status).toBe(401);
    expect((await fetch(`${base}/api/state`, { headers: { 'x-jitsim-token': editor.token, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${base}/api/save`, { method: 'POST', headers: { 'x-jitsim-token': editor.token, origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await fetch(`${base}/api/disk`, { headers: { 'x-jitsim-token': editor.token } })).status).toBe(200);
    const { stdout } = await git('git', ['status', '--porcelain', 'rules'], { cwd: root });
    expect(stdout).toBe(' M rules/admission.json\n'); // only the first test's changes
  });

  it("stops from the page: the Stop button ends the editor's server (no terminal needed)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(editor.url);
    await page.locator('[data-testid="stop"]').click();
    await page.locator('[data-testid="stopped"]', { hasText: 'The editor has stopped' }).waitFor();
    await expect(Promise.race([editor.stopped.then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still running'), 5000))])).resolves.toBe('stopped');
    await context.close();
  });
});

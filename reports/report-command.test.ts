import { tempDir } from '../sim/testing/fixtures.ts';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../scripts/cli.ts';
import { memoryIo } from '../scripts/io.ts';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { CHARTS } from './charts/index.ts';
import { CHROMIUM, FLAGS, inspectReport } from './testing/browser.ts';

const SAMPLE = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json');

async function report(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(['report', ...argv], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function files(dir: string, rel = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = join(rel, e.name);
    if (e.isDirectory()) for (const [k, v] of await files(dir, r)) out.set(k, v);
    else out.set(r, await readFile(join(dir, r)));
  }
  return out;
}

/** A copy of the sample scenario with a hostile name and a hostile SKU id. */
async function hostileScenario(name: string): Promise<string> {
  const s = JSON.parse(await readFile(SAMPLE, 'utf8'));
  s.title = name;
  s.$schema = join(PROJECT_DIR, 'data/schema/scenario.schema.json');
  s.skus[0].id = '=HYPERLINK("http://x")';
  s.skus[0].jitTagged = false;
  const p = join(await tempDir('jitsim-scn-'), 'hostile.json');
  await writeFile(p, JSON.stringify(s, null, 2));
  return p;
}

/**
 * The reports are built once and shared by the assertions about them (a report build is the slow
 * part): the sample with 1 worker (A), then in the tests a second build with 2 workers (B), and one
 * hostile scenario (a name with HTML and a spreadsheet formula, a formula SKU). Trial counts are small:
 * what is tested is the writing of the report, not the statistics.
 */
const EVIL = '=HYPERLINK("http://x") <img src=x onerror=alert(1)>';
let out: string;
let first: Awaited<ReturnType<typeof report>>;
let hostileFile: string;
let hostileOut: string;
let hostileRun: Awaited<ReturnType<typeof report>>;

beforeAll(async () => {
  out = await tempDir('jitsim-report-');
  first = await report(SAMPLE, '--trials', '24', '--seed', '7', '--workers', '1', '--out', join(out, 'a'));
  hostileFile = await hostileScenario(EVIL);
  hostileOut = await tempDir('jitsim-report-');
  hostileRun = await report(hostileFile, '--trials', '8', '--lang', 'en', '--out', hostileOut);
}, 300_000);

describe('jitsim report', { timeout: 300_000 }, () => {
  it('is byte-identical when built twice, with 1 or 2 workers', async () => {
    expect(first.code).toBe(0);
    // the headline (recommendation and its reason, mean per mode with its CI), then where the report is
    expect(first.stdout).toMatch(/^Recommended: JIT — cheapest in \d+ % of the simulations; saves [\d,]+ CNY\/month against /m);
    for (const mode of ['JIT', 'Self-run overseas warehouse', 'Direct shipping from China']) expect(first.stdout).toMatch(new RegExp(`^  ${mode}\\s+mean [\\d,]+ CNY \\(95 % CI [\\d,]+–[\\d,]+\\)  contribution -?[\\d,]+ [A-Z]{3}$`, 'm'));
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(/✓ .*apparel-europe\/index\.html$/);
    expect((await report(SAMPLE, '--trials', '24', '--seed', '7', '--workers', '2', '--out', join(out, 'b'))).code).toBe(0);
    const a = await files(join(out, 'a', 'apparel-europe'));
    const b = await files(join(out, 'b', 'apparel-europe'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [k, v] of a) expect(v.equals(b.get(k)!), k).toBe(true);
    for (const c of CHARTS) {
      // a chart with nothing to show (e.g. no routing failure) is one sentence in the page instead
      if (!a.has(join('charts', `${c.name}.svg`))) {
        expect(a.get('index.html')!.toString(), c.name).toContain(`class="no-chart" data-name="${c.name}"`);
        continue;
      }
      for (const ext of ['vl.json', 'svg', 'png', 'zh.vl.json', 'zh.svg', 'zh.png']) expect(a.has(join('charts', `${c.name}.${ext}`)), `${c.name}.${ext}`).toBe(true);
    }
    expect([...a.keys()]).toEqual(expect.arrayContaining(['index.html', 'index.zh.html', 'summary.md', 'summary.zh.md', 'results.csv', 'manifest.json']));
    const manifest = JSON.parse(a.get('manifest.json')!.toString());
    expect(manifest).toMatchObject({ seed: 7, trials: 24, toolVersion: '0.1.0' });
    expect(manifest.rules.files.map((f: { file: string }) => f.file)).toContain('admission.json');
  });

  it('escapes a hostile scenario name and SKU in HTML, SVG and Markdown, and neutralises them in CSV', async () => {
    expect(hostileRun.code).toBe(0);
    const f = await files(join(hostileOut, 'hostile'));
    for (const [k, v] of f) if (/\.(html|svg|md)$/.test(k)) expect(/(^|[^\\])<img/.test(v.toString()), k).toBe(false);
    expect(f.get('index.html')!.toString()).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(f.get('index.html')!.toString()).toContain('=HYPERLINK(&quot;http://x&quot;)');
    const csv = f.get('results.csv')!.toString().split('\n');
    expect(csv[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\) <img src=x onerror=alert\(1\)>",/);
  });

  it('--compare writes one side-by-side report of several scenarios', async () => {
    const out = await tempDir('jitsim-report-');
    const other = join(PROJECT_DIR, 'data/scenarios/home-latam.json');
    const r = await report(SAMPLE, other, '--trials', '8', '--lang', 'both', '--compare', '--json', '--out', out);
    expect(r.code).toBe(0);
    const paths = JSON.parse(r.stdout);
    expect(paths.reports).toHaveLength(2);
    const cmp = await files(join(out, 'compare-apparel-europe-vs-home-latam'));
    expect([...cmp.keys()].sort()).toEqual(['charts/compare.png', 'charts/compare.svg', 'charts/compare.vl.json', 'charts/compare.zh.png', 'charts/compare.zh.svg', 'charts/compare.zh.vl.json', 'index.html', 'index.zh.html', 'manifest.json', 'summary.md', 'summary.zh.md']);
    const md = cmp.get('summary.md')!.toString();
    expect(md).toMatch(/\| Apparel seller to Europe \/ 服饰卖家·欧洲 \|/);
    expect(md).toMatch(/\| Home-goods seller to Latin America \/ 家居卖家·拉美 \|/);
    expect((await report(SAMPLE, '--trials', '20', '--compare', '--out', out)).stderr).toMatch(/--compare needs at least two scenarios/);
  });

  it('leaves the previous report untouched when a build fails', async () => {
    expect(hostileRun.code).toBe(0);
    const before = await files(join(hostileOut, 'hostile'));
    await writeFile(hostileFile, (await readFile(hostileFile, 'utf8')).replace('"horizonMonths": 12', '"horizonMonths": "twelve"'));
    const r = await report(hostileFile, '--trials', '8', '--lang', 'en', '--out', hostileOut);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hostile\.json:\d+:\d+ \(\/horizonMonths\): wrong type/);
    const after = await files(join(hostileOut, 'hostile'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [k, v] of before) expect(after.get(k)!.equals(v), k).toBe(true);
  });

  it.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('opens offline in chromium: every chart drawn, no error, no request', async () => {
    expect(first.code).toBe(0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const shots = join(PROJECT_DIR, 'test-output');
      for (const [page, shot] of [['index.html', 'report-en.png'], ['index.zh.html', 'report-zh.png']] as const) {
        const r = await inspectReport(browser, join(out, 'a', 'apparel-europe', page), join(shots, shot));
        expect(r.errors).toEqual([]);
        expect(r.requests).toEqual([]);
        for (const c of r.charts) expect(c.marks, c.name!).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
    }
  });
});

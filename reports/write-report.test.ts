import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../sim/io/index.ts';
import { CHARTS } from './charts/index.ts';
import { reportFiles } from './write-report.ts';
import { fixtureModel } from './testing/fixture.ts';

const require = createRequire(import.meta.url);
// vega-lite does not export its schema path; find it beside the package's main file
const vlSchema = JSON.parse(readFileSync(join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json'), 'utf8'));

describe('chart specs', () => {
  const validate = createAjv().compile(vlSchema);
  it.each(CHARTS.map((c) => [c.name, c.build] as const))('%s validates against vega-lite\'s JSON Schema in both languages', (_name, build) => {
    for (const lang of ['en', 'zh'] as const) {
      const ok = validate(build(fixtureModel(), lang));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });
});

describe('report files', { timeout: 180_000 }, () => {
  it('are byte-identical when built twice', async () => {
    const a = await reportFiles(fixtureModel(), ['en', 'zh'], 'trial,mode\n');
    const b = await reportFiles(fixtureModel(), ['en', 'zh'], 'trial,mode\n');
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(Buffer.from(b.get(k)!).equals(Buffer.from(v)), k).toBe(true);
    expect([...a.keys()]).toEqual(expect.arrayContaining(['index.html', 'index.zh.html', 'summary.md', 'summary.zh.md', 'results.csv', 'manifest.json', 'charts/cost-distribution.vl.json', 'charts/cost-distribution.svg', 'charts/cost-distribution.png', 'charts/tornado.zh.png']));
  });

  it('escape every user-supplied string in HTML, SVG and Markdown', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const files = await reportFiles(fixtureModel({ name: evil, skuName: `${evil}=HYPERLINK("http://x")` }), ['en'], '');
    for (const [name, content] of files) {
      if (typeof content !== 'string') continue;
      if (name.endsWith('.json')) continue; // data, not markup: the strings are JSON-encoded and rendered as text by Vega
      expect(/(^|[^\\])<img/.test(content), name).toBe(false); // Markdown escapes as \<img
    }
    expect(files.get('index.html')).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(files.get('summary.md')).toContain('\\<img src=x onerror=alert(1)\\>');
  });

  it('list the assumptions and rule sources, and say when JIT is not available', async () => {
    const files = await reportFiles(fixtureModel({ jitAvailable: false }), ['en'], '');
    const html = files.get('index.html') as string;
    expect(html).toContain('warehouse.rentCnyPerM3Month');
    expect(html).toContain('《JIT准入规则2024版》');
    expect(html).toMatch(/JIT is not available to this client \(ADM-3 fails — Raise it\): it has no probability of being cheapest, no saving and no break-even/);
    // no saving against, and no break-even with, a mode the client cannot use
    expect(html).not.toMatch(/Against JIT/);
    expect(html).not.toMatch(/JIT and Direct shipping from China cost the same/);
    expect(html).toMatch(/Recommendation:<\/b> Direct shipping from China/);
    const md = files.get('summary.md') as string;
    expect(md).toMatch(/JIT \(not available\)/);
  });

  it('write a manifest without wall time, hashing every other file', async () => {
    const files = await reportFiles(fixtureModel(), ['en'], 'x\n');
    const manifest = JSON.parse(files.get('manifest.json') as string);
    expect(Object.keys(manifest.files).sort()).toEqual([...files.keys()].filter((k) => k !== 'manifest.json').sort());
    expect(JSON.stringify(manifest)).not.toMatch(/wall|elapsed|duration/i);
    expect(manifest).toMatchObject({ seed: 1, trials: 200, rules: { fingerprint: 'a'.repeat(64) } });
  });
});

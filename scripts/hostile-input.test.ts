/**
 * Issue 18, "Done when": hostile text never reaches the terminal or an output file raw; numbers are
 * finite and in range in every input kind; limits give a located exit 2.
 */
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SCENARIO = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json');
const FAST_SIM = ['--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity'];

/** ESC + CSI colour, BEL, a one-byte CSI (C1), an OSC 8 hyperlink, a cursor-up rewrite, RIGHT-TO-LEFT OVERRIDE, an isolate. */
const HOSTILE = 'Evil\u001b[31mRED\u0007\u009b2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b[1A\u202eexe.txt\u2066x\u2069';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

async function jitsim(argv: string[], o: { color?: boolean; cwd?: string } = {}) {
  const io = memoryIo(o.cwd ?? PROJECT_DIR);
  if (o.color) io.color = true;
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every written text file (PNG excluded: its text is drawn from the same safe model). */
async function textFiles(dir: string, rel = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = join(rel, e.name);
    if (e.isDirectory()) for (const [k, v] of await textFiles(dir, r)) out.set(k, v);
    else if (!r.endsWith('.png')) out.set(r, await readFile(join(dir, r), 'utf8'));
  }
  return out;
}

/** A terminal-safe stream: only jitsim's own colour codes, no other control or bidi character. */
function expectTerminalSafe(s: string) {
  const withoutOwnColours = s.replace(/\u001b\[(?:0|1|2|31|32|33)m/g, '');
  expect(withoutOwnColours).not.toMatch(RAW);
}

async function hostileScenario(): Promise<string> {
  const s = JSON.parse(await readFile(SCENARIO, 'utf8'));
  s.$schema = join(PROJECT_DIR, 'data/schema/scenario.schema.json');
  s.title = `Title ${HOSTILE}`;
  s.description = { en: `Desc ${HOSTILE}`, zh: `说明 ${HOSTILE}` };
  s.skus[0].id = `SKU-${HOSTILE}`;
  s.skus[0].jitTagged = false; // listed as blocked: the id is printed
  const p = join(await tempDir('jitsim-hostile-'), 'hostile.json');
  await writeFile(p, JSON.stringify(s, null, 2));
  return p;
}

describe('hostile text (ESC, BEL, CSI, OSC 8, U+202E) never reaches stdout, stderr or a file raw', () => {
  it('report and simulate: title, description and SKU id', { timeout: 600_000 }, async () => {
    const scn = await hostileScenario();
    const out = await tempDir('jitsim-hostile-out-');
    for (const color of [false, true]) {
      const r = await jitsim(['report', scn, '--out', out, '--name', `r-${color}`, '--trials', '3', '--workers', '1'], { color });
      expect(r.code, r.stderr).toBe(0);
      expectTerminalSafe(r.stdout + r.stderr);
      const s = await jitsim(['simulate', scn, '--out', join(out, `s-${color}`), ...FAST_SIM], { color });
      expect(s.code, s.stderr).toBe(0);
      expectTerminalSafe(s.stdout + s.stderr);
      expect(s.stdout).toContain('SKU-Evil\\u001b[31mRED\\u0007\\u009b2J'); // shown, escaped
      const j = await jitsim(['simulate', scn, '--out', join(out, `s-${color}`), ...FAST_SIM, '--json'], { color });
      expect(j.code).toBe(0);
      expectTerminalSafe(j.stdout);
      expect(JSON.parse(j.stdout).scenario.description.en).toContain('\u202e'); // still valid JSON with the same text
    }
    const files = await textFiles(out);
    expect(files.size).toBeGreaterThan(20);
    // every file, the HTML whole (its inlined chart data and the vega library included)
    for (const [name, body] of files) expect(body, name).not.toMatch(RAW);
    const md = files.get(join('r-false', 'summary.md'))!;
    expect(md).toContain('\\\\u001b'); // Markdown-escaped backslash: reads \u001b
    expect(files.get(join('r-false', 'results.csv'))).toContain('\\u202e');
  });

  it('check catalog: a SKU id and a text cell → a finding with line numbers, printed escaped', async () => {
    const csv = join(await tempDir('jitsim-cat-'), 'skus.csv');
    const src = (await readFile(join(PROJECT_DIR, 'data/samples/skus.csv'), 'utf8')).trimEnd().split('\n');
    src.push(`X${HOSTILE.replace(/,/g, ' ')},3c,true,0.5,true,CE-${'\u202e'}123,false,false`);
    await writeFile(csv, src.join('\n') + '\n');
    const line = src.length;
    for (const lang of ['en', 'zh']) {
      const r = await jitsim(['check', 'catalog', csv, '--lang', lang], { color: true });
      // the hostile certificate cell is no certificate number: that SKU cannot be checked (exit 2), the rest is, and the text finding is printed
      expect(r.code).toBe(2);
      expectTerminalSafe(r.stdout + r.stderr);
      expect(r.stdout).toContain('INPUT-TEXT');
      expect(r.stdout).toContain(`line ${line}, column sku`);
      expect(r.stdout).toContain(`line ${line}, column ce_fcc_cert`);
      expect(r.stdout).toMatch(lang === 'zh' ? /控制字符/ : /control characters/);
    }
    const j = await jitsim(['check', 'catalog', csv, '--json']);
    expectTerminalSafe(j.stdout);
    const f = JSON.parse(j.stdout).findings.find((x: { rule: string }) => x.rule === 'INPUT-TEXT');
    expect(f.items).toHaveLength(2);
  });

  it('check store: a provider name → a finding with its line', async () => {
    const s = JSON.parse(await readFile(join(PROJECT_DIR, 'data/samples/store.json'), 'utf8'));
    s.providers[1].name = `3PL ${HOSTILE}`;
    const file = join(await tempDir('jitsim-store-'), 'store.json');
    await writeFile(file, JSON.stringify(s, null, 2));
    const r = await jitsim(['check', 'store', file], { color: true });
    expectTerminalSafe(r.stdout + r.stderr);
    expect(r.stdout).toMatch(/INPUT-TEXT[\s\S]*line 14 \(\/providers\/1\/name\)/);
  });

  it('a file name with an escape sequence is shown escaped in error messages', async () => {
    const dir = await tempDir('jitsim-name-');
    const file = join(dir, `bad\u001b]8;;x\u0007.json`);
    await writeFile(file, '{ "name": ');
    const r = await jitsim(['simulate', file, ...FAST_SIM, '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expectTerminalSafe(r.stderr);
    expect(r.stderr).toContain('bad\\u001b]8;;x\\u0007.json');
  });
});

/** Writes `text` with `find` replaced once (the raw number text, which JSON.stringify cannot write). */
async function withRaw(file: string, find: string | RegExp, replace: string, to: string): Promise<string> {
  const t = await readFile(file, 'utf8');
  const out = t.replace(find, replace);
  expect(out).not.toBe(t);
  await writeFile(to, out);
  return to;
}

describe('finite numbers only: 1e309, -1e309 and NaN-like strings → exit 2, located, with the allowed range', () => {
  it('scenario file', { timeout: 300_000 }, async () => {
    const dir = await tempDir('jitsim-inf-');
    const src = await readFile(SCENARIO, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['"unitCostCny": 38', '"unitCostCny": 1e309', /hostile-0\.json:\d+:\d+ \(\/skus\/0\/unitCostCny\): 1e309 is not a finite number.*finite number ≥ 0/],
      ['"dispersion": 0.25', '"dispersion": -1e309', /\(\/demand\/dispersion\): -1e309 is not a finite number/],
      ['"unitCostCny": 38', '"unitCostCny": "NaN"', /\(\/skus\/0\/unitCostCny\): wrong type/],
      ['"unitCostCny": 38', '"unitCostCny": "Infinity"', /\(\/skus\/0\/unitCostCny\): wrong type/],
    ];
    for (const [i, [find, repl, want]] of cases.entries()) {
      const f = join(dir, `hostile-${i}.json`);
      await writeFile(f, src.replace(find, repl));
      const r = await jitsim(['simulate', f, ...FAST_SIM, '--out', join(dir, `o${i}`)]);
      expect(r.code, repl).toBe(2);
      expect(r.stderr).toMatch(want);
      expect(r.stderr).not.toMatch(/NaN %|internal error/);
    }
  });

  it('check inputs (store.json), with the schema range', async () => {
    const dir = await tempDir('jitsim-inf-');
    const store = join(PROJECT_DIR, 'data/samples/store.json');
    let r = await jitsim(['check', 'store', await withRaw(store, '"positiveRate90d": 0.962', '"positiveRate90d": 1e309', join(dir, 'a.json'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.json:5:\d+ \(\/positiveRate90d\): 1e309 is not a finite number .*≥ 0 and ≤ 1/);
    r = await jitsim(['check', 'store', await withRaw(store, '"disputeRate": 0.004', '"disputeRate": -1e309', join(dir, 'b.json'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(\/disputeRate\): -1e309 is not a finite number/);
    r = await jitsim(['check', 'store', await withRaw(store, '"failedReviews": 1', '"failedReviews": "NaN"', join(dir, 'c.json'))]);
    expect(r.code).toBe(2);
  });

  it('rule file and rate card', async () => {
    const { root, rulesDir } = await copyRules();
    // a real copy of data/ (copyRules links it) to edit a rate card
    await import('node:fs/promises').then((fs) => fs.rm(join(root, 'data')));
    await cp(join(PROJECT_DIR, 'data'), join(root, 'data'), { recursive: true });
    const adm = join(rulesDir, 'admission.json');
    await withRaw(adm, /"minPositiveRate": [0-9.]+/, '"minPositiveRate": 1e309', adm);
    let r = await jitsim(['check', 'store', join(PROJECT_DIR, 'data/samples/store.json'), '--rules', rulesDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/admission\.json:\d+:\d+ \(\/rules\/\d+\/params\/minPositiveRate\): 1e309 is not a finite number/);
    await cp(join(PROJECT_DIR, 'rules/admission.json'), adm);
    for (const bad of ['1e309', '-1e309', 'NaN', 'Infinity']) {
      const csv = join(root, 'data/rates/direct.csv');
      const lines = (await readFile(join(PROJECT_DIR, 'data/rates/direct.csv'), 'utf8')).split('\n');
      lines[1] = lines[1]!.replace(/^ES,0\.1,economy,5\.35,/, `ES,0.1,economy,${bad},`);
      await writeFile(csv, lines.join('\n'));
      r = await jitsim(['quote', '--dest', 'ES', '--weight', '0.05', '--rules', rulesDir]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`direct\\.csv:2:4 \\(row 2, column price_cny\\): "${bad.replace(/[+.-]/g, '\\$&')}" is not a (finite )?number \\(allowed: a finite number ≥ 0\\)`));
    }
  });

  it('catalogue CSV cells', async () => {
    const dir = await tempDir('jitsim-inf-');
    const src = (await readFile(join(PROJECT_DIR, 'data/samples/skus.csv'), 'utf8')).split('\n');
    for (const bad of ['1e309', '-1e309', 'NaN', 'Infinity']) {
      const f = join(dir, 'skus.csv');
      await writeFile(f, [src[0], src[1]!.replace(',0.32,', `,${bad},`), ...src.slice(2)].join('\n'));
      const r = await jitsim(['check', 'catalog', f]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/skus\.csv:2:4 \(row 2, column weight_kg\).*allowed: a finite number > 0/);
    }
  });

  it('command-line flags', async () => {
    const out = await tempDir('jitsim-flags-');
    for (const argv of [
      ['simulate', SCENARIO, '--trials', '1e309'],
      ['simulate', SCENARIO, '--seed', 'NaN'],
      ['simulate', SCENARIO, '--workers', 'Infinity'],
      ['simulate', SCENARIO, '--precision', '-1e309'],
      ['simulate', SCENARIO, '--trials', '1e15'],
      ['report', SCENARIO, '--trials', 'Infinity'],
      ['quote', '--dest', 'ES', '--weight', '1e309'],
      ['quote', '--dest', 'ES', '--weight', '0.5', '--return-rate', 'NaN'],
      ['quote', '--dest', 'ES', '--weight', '0.5', '--dims', '1e309x20x5'],
      ['impact', 'HEAD', '--trials', 'NaN'],
      ['impact', 'HEAD', '--seed', '-1e309'],
    ]) {
      const r = await jitsim([...argv, ...(argv[0] === 'simulate' || argv[0] === 'report' ? ['--out', out] : [])]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/not a (valid number|whole number|share)|is not LxWxH/);
    }
  });
});

describe('limits', () => {
  it('--workers above the number of cores is lowered to it, with a one-line note', { timeout: 300_000 }, async () => {
    const out = await tempDir('jitsim-workers-');
    const r = await jitsim(['simulate', SCENARIO, ...FAST_SIM.filter((x, i, a) => x !== '--workers' && a[i - 1] !== '--workers'), '--workers', '1000', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const cores = availableParallelism();
    expect(r.stderr).toContain(`note: --workers 1000 is more than the ${cores} CPU core(s) here; using ${cores}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('100,000-deep nesting → a located exit 2, not a stack overflow', async () => {
    const dir = await tempDir('jitsim-deep-');
    const deep = '{"name":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    for (const [cmd, file] of [['simulate', 'scenario.json'], ['check store', 'store.json']] as const) {
      await writeFile(join(dir, file), deep);
      const r = await jitsim([...cmd.split(' '), join(dir, file), ...(cmd === 'simulate' ? [...FAST_SIM, '--out', join(dir, 'o')] : [])]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${file}:1:72 \\(/\\): arrays and objects nest deeper than 64 levels`));
      expect(r.stderr).not.toMatch(/RangeError|internal error/);
    }
    // the same in a rule file
    const { rulesDir } = await copyRules();
    await writeFile(join(rulesDir, 'billing.json'), deep);
    const r = await jitsim(['check', 'store', join(PROJECT_DIR, 'data/samples/store.json'), '--rules', rulesDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/billing\.json:1:72 .*nest deeper than 64/);
  });

  it('a JSON file above 50 MB → a located exit 2', async () => {
    const dir = await tempDir('jitsim-big-');
    const file = join(dir, 'store.json');
    await writeFile(file, '{' + ' '.repeat(51 * 1024 * 1024) + '}');
    const r = await jitsim(['check', 'store', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/store\.json:1:1 \(\/\): the file is 51 MB, above the 50 MB limit/);
  });
});

/**
 * Fuzzing the whole CLI (in process, through `main(argv, memoryIo())`): valid input files of every
 * kind — scenarios, rule files, catalogue CSVs, check inputs — made from the shipped samples and the
 * catalogue's column contract, then corrupted (wrong types, huge and tiny numbers, NaN and Infinity
 * strings, 1e999, missing and extra fields, `__proto__` keys, deep nesting, truncation, random
 * bytes). Every run must end with exit 0, 1 or 2 — never 3 — with no stack trace, no file written
 * outside `--out`, and no prototype polluted. The number of cases tried is printed.
 * FUZZ_RUNS scales the number of runs (default 1 = the CI budget).
 */
import fc from 'fast-check';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../sim/checks/catalog.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SCALE = Number(process.env.FUZZ_RUNS ?? 1) || 1;
const tried: Record<string, number> = {};
const exits: Record<string, [number, number, number]> = {};

afterAll(() => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} cases tried — ${Object.entries(tried).map(([k, n]) => `${k} ${n} (exit 0/1/2: ${exits[k]!.join('/')})`).join(', ')}`);
});

/** Every file below `dir` (relative paths), to check nothing was written outside --out. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Runs the CLI and checks the contract: exit 0/1/2, no stack trace, nothing polluted. */
async function run(kind: string, argv: string[]): Promise<number> {
  tried[kind] = (tried[kind] ?? 0) + 1;
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  const context = `${kind}: jitsim ${argv.join(' ')}\n${io.stderr.slice(0, 2000)}`;
  expect([0, 1, 2], context).toContain(code);
  (exits[kind] ??= [0, 0, 0])[code]! += 1;
  expect(io.stderr + io.stdout, context).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError|SyntaxError: /);
  expect(({} as Record<string, unknown>).polluted, context).toBeUndefined();
  return code;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (keys and indexes) of a JSON value. */
function paths(v: Json, p: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...p, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  return out;
}

const DEEP = '"\u0000DEEP\u0000"';
const NASTY: Json[] = [null, true, false, 'x', '', 'NaN', 'Infinity', '-Infinity', '1e999', 1e308, -1e308, 5e-324, -5e-324, 0, -1, 1e21, 2 ** 53 + 1, -(2 ** 31), 0.1, [], {}, [1, 'a', null], { a: 1 }, '\u0000\u001b[31mred\u001b[0m', "=HYPERLINK(\"http://x\")", '../../../etc/passwd', '2024-13-45', 'x'.repeat(10_000), DEEP];

/** One corruption of a JSON document, chosen by fast-check. */
const corruption = fc.record({
  op: fc.constantFrom('scale', 'scale', 'scale', 'scale', 'replace', 'replace', 'delete', 'extra', 'proto', 'deep', 'truncate', 'bytes', 'infinity', 'random'),
  factor: fc.constantFrom(0, -1, 1e-9, 0.5, 2, 1000, 1e9, 1e300),
  at: fc.nat(),
  nasty: fc.constantFrom(...NASTY),
  random: fc.jsonValue({ maxDepth: 2 }),
  depth: fc.integer({ min: 100, max: 20_000 }),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
});
type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

/** Applies 1–3 corruptions to a JSON value and returns the file's bytes. */
function corruptJson(original: Json, cs: Corruption[]): Buffer {
  const doc = JSON.parse(JSON.stringify(original)) as Json;
  let textPatch: ((s: string) => string)[] = [];
  let bytesPatch: ((b: Buffer) => Buffer) | undefined;
  for (const c of cs) {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[c.at % Math.max(1, all.length)] ?? [];
    let parent: any = doc;
    for (const k of path.slice(0, -1)) parent = parent?.[k];
    const key = path[path.length - 1];
    if (parent === null || typeof parent !== 'object' || key === undefined) continue;
    switch (c.op) {
      case 'scale': {
        // keeps the type: a number scaled (to 0, negative, tiny, huge), a string or boolean left alone
        const numbers = all.filter((q) => {
          let v: any = doc;
          for (const k of q) v = v?.[k];
          return typeof v === 'number';
        });
        const q = numbers[c.at % Math.max(1, numbers.length)];
        if (!q) break;
        let pp: any = doc;
        for (const k of q.slice(0, -1)) pp = pp[k];
        pp[q[q.length - 1]!] = pp[q[q.length - 1]!] * c.factor;
        break;
      }
      case 'replace':
        parent[key] = c.nasty;
        break;
      case 'random':
        parent[key] = c.random as Json;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'extra':
        if (!Array.isArray(parent)) parent['unexpectedField'] = c.nasty;
        else parent.push(c.nasty);
        break;
      case 'proto':
        if (!Array.isArray(parent)) Object.defineProperty(parent, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
        break;
      case 'deep':
        parent[key] = DEEP as Json;
        textPatch.push((s) => s.replace(JSON.stringify(DEEP.slice(1, -1)), '['.repeat(c.depth) + ']'.repeat(c.depth)));
        break;
      case 'truncate':
        textPatch.push((s) => s.slice(0, Math.floor(s.length * c.cut)));
        break;
      case 'infinity':
        textPatch.push((s) => s.replace(/(":\s*)-?\d+(\.\d+)?/, '$11e999'));
        break;
      case 'bytes':
        bytesPatch = (b) => {
          const at = Math.floor(b.length * c.cut);
          return Buffer.concat([b.subarray(0, at), Buffer.from(c.bytes), b.subarray(at)]);
        };
        break;
    }
  }
  let text = JSON.stringify(doc, null, 2).replaceAll(JSON.stringify(DEEP.slice(1, -1)), '[[[[]]]]');
  for (const p of textPatch) text = p(text);
  textPatch = [];
  const bytes = Buffer.from(text);
  return bytesPatch ? bytesPatch(bytes) : bytes;
}

const readJson = async (p: string) => JSON.parse(await readFile(join(PROJECT_DIR, p), 'utf8')) as Json;
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), endOnFailure: true });

describe('fuzzing the CLI: broken files of every kind end with exit 0, 1 or 2', () => {
  it('check inputs (store, exit, re-entry JSON)', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const samples = await Promise.all([
      ['store', 'data/samples/store.json'],
      ['exit', 'data/samples/exit-state.json'],
      ['reentry', 'data/samples/reentry-state.json'],
    ].map(async ([check, p]) => [check!, await readJson(p!)] as const));
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.array(corruption, { minLength: 1, maxLength: 2 }), async (which, cs) => {
        const [check, sample] = samples[which]!;
        const file = join(dir, `${check}.json`);
        await writeFile(file, corruptJson(sample, cs));
        await run(`check ${check}`, ['check', check, file, '--json']);
      }),
      runs(150),
    );
  });

  it('catalogue CSVs (made from the column contract, then corrupted)', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const file = join(dir, 'skus.csv');
    const nasty = fc.oneof(
      fc.constantFrom('true', 'false', 'yes', 'no', '是', '否', '', '0.5', '1e999', 'NaN', '-1', '0', 'apparel', '3c', 'medical-device', 'adult', 'CE-123', 'MDR-9', 'maybe', '=1+1', '"', '""', 'a,b', 'a;b', '\t', '\r', '\n', '__proto__'),
      fc.string({ maxLength: 12 }),
    );
    const yesNo = fc.constantFrom('true', 'false', 'yes', 'no', '是', '否', '', '1', '0', 'TRUE');
    const cert = fc.oneof(yesNo, fc.constantFrom('CE-123', 'FCC-2AX-EB22', 'MDR-9'));
    // valid cells per column (from the column contract), one in forty replaced by a nasty one
    const valid = [
      fc.stringMatching(/^[A-Z0-9-]{1,12}$/),
      fc.constantFrom('apparel', '3c', 'home', 'beauty', 'medical-device', 'prescription-drug', 'adult', 'other', '服饰', '3C数码'),
      yesNo,
      fc.double({ min: 0.001, max: 40, noNaN: true }).map((x) => String(Math.round(x * 1000) / 1000)),
      yesNo,
      cert,
      cert,
      yesNo,
    ];
    const row = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(...valid.map((v) => fc.oneof({ weight: 39, arbitrary: v }, { weight: 1, arbitrary: nasty }))) as fc.Arbitrary<string[]> },
      { weight: 1, arbitrary: fc.array(nasty, { minLength: 6, maxLength: 10 }) },
    );
    const csv = fc.record({
      sep: fc.constantFrom(',', ';', '\t', '|'),
      header: fc.oneof({ weight: 5, arbitrary: fc.constant([...CATALOG_COLUMNS] as string[]) }, { weight: 1, arbitrary: fc.shuffledSubarray([...CATALOG_COLUMNS, '类目', 'SKU编码', 'extra', '__proto__'], { minLength: 1 }) }),
      rows: fc.array(row, { maxLength: 12 }),
      quote: fc.boolean(),
      tail: fc.oneof({ weight: 5, arbitrary: fc.constant(new Uint8Array()) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }) }),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
      bom: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(csv, async (c) => {
        const q = (s: string) => (c.quote ? `"${s.replace(/"/g, '""')}"` : s);
        let text = [c.header.join(c.sep), ...c.rows.map((r) => r.map(q).join(c.sep))].join('\n');
        if (c.cut !== null) text = text.slice(0, Math.floor(text.length * c.cut));
        await writeFile(file, Buffer.concat([c.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text), Buffer.from(c.tail)]));
        await run('check catalog', ['check', 'catalog', file, '--json']);
      }),
      runs(250),
    );
  });

  it('rule files (every kind, in a copied rules folder): validate, test, a check and a quote', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const rulesDir = join(dir, 'rules');
    await cp(join(PROJECT_DIR, 'rules'), rulesDir, { recursive: true });
    const kinds = ['admission', 'catalogue', 'fees', 'routing', 'billing', 'exit', 'reentry'];
    const originals = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await readJson(`rules/${k}.json`)] as const)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), fc.array(corruption, { minLength: 1, maxLength: 2 }), fc.nat(3), async (kind, cs, cmd) => {
        const file = join(rulesDir, `${kind}.json`);
        await writeFile(file, corruptJson(originals[kind]!, cs));
        try {
          const argv = [
            ['rules', 'validate', rulesDir, '--json'],
            ['rules', 'test', rulesDir, '--json'],
            ['check', 'store', 'data/samples/store.json', '--rules', rulesDir, '--json'],
            ['quote', '--dest', 'ES', '--weight', '0.5', '--rules', rulesDir, '--json'],
          ][cmd]!;
          await run(`rules (${argv.slice(0, 2).join(' ')})`, argv);
        } finally {
          await writeFile(file, JSON.stringify(originals[kind], null, 2));
        }
      }),
      runs(120),
    );
  });

  it('scenarios: simulate writes nothing outside --out', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const names = (await readdir(join(PROJECT_DIR, 'data/scenarios'))).filter((n) => n.endsWith('.json'));
    const scenarios = await Promise.all(names.map((n) => readJson(`data/scenarios/${n}`)));
    const projectBefore = await listing(PROJECT_DIR);
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(scenarios.length - 1), fc.array(corruption, { minLength: 1, maxLength: 2 }), async (which, cs) => {
        const work = join(dir, `case-${i++}`);
        await mkdir(work);
        const file = join(work, 'scenario.json');
        await writeFile(file, corruptJson(scenarios[which]!, cs));
        const before = await listing(work);
        await run('simulate', ['simulate', file, '--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity', '--out', join(work, 'out'), '--json']);
        const after = (await listing(work)).filter((p) => !p.startsWith('out/'));
        expect(after).toEqual(before);
      }),
      runs(40),
    );
    expect(await listing(PROJECT_DIR)).toEqual(projectBefore);
  });
});

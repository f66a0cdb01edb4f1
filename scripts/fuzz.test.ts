/**
 * Fuzzing the whole CLI (in process) with broken check inputs, catalogue CSVs and scenarios:
 * the JSON files are the shipped samples mutated from their JSON Schemas (every field: wrong types,
 * out-of-range, huge and tiny numbers, enum non-members, missing required and extra members,
 * `__proto__`), then at times corrupted as text (truncation, random bytes, deep nesting, 1e999).
 * Every run must end with exit 0, 1 or 2 — never 3 — with no stack trace, no file written outside
 * `--out`, and no prototype polluted. The case count and the seed are printed (see
 * scripts/fuzz-support.ts: FUZZ_SEED replays, FUZZ_RUNS scales). Rule files: fuzz-rules.test.ts;
 * order histories: fuzz-orders.test.ts.
 */
import fc from 'fast-check';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_COLUMNS } from '../sim/checks/catalog.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { brokenBytes, brokenJson, FuzzTally, fuzzTimeout, listing, mutable, runs } from './fuzz-support.ts';

const tally = new FuzzTally('fuzz.test.ts');
afterAll(() => console.log(tally.line()));

describe('fuzzing the CLI: broken files of every kind end with exit 0, 1 or 2', () => {
  it('check inputs (store, exit, re-entry JSON), mutated from their schemas', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const samples = [
      ['store', await mutable('input/store', 'data/samples/store.json')],
      ['exit', await mutable('input/exit', 'data/samples/exit-state.json')],
      ['reentry', await mutable('input/reentry', 'data/samples/reentry-state.json')],
    ] as const;
    for (const [, m] of samples) expect(m.mutations.length).toBeGreaterThan(50);
    await fc.assert(
      fc.asyncProperty(fc.nat(2), brokenJson, async (which, b) => {
        const [check, m] = samples[which]!;
        const file = join(dir, `${check}.json`);
        await writeFile(file, brokenBytes(m, b));
        await tally.run(`check ${check}`, ['check', check, file, '--json']);
      }),
      runs(150),
    );
  }, fuzzTimeout());

  it('catalogue CSVs (made from the column contract, then corrupted)', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const file = join(dir, 'skus.csv');
    const nasty = fc.oneof(
      fc.constantFrom('true', 'false', 'yes', 'no', '是', '否', '', '0.5', '1e999', 'NaN', '-1', '0', 'apparel', '3c', 'medical-device', 'adult', 'CE-123', 'MDR-9', 'maybe', '=1+1', '"', '""', 'a,b', 'a;b', '\t', '\r', '\n', '__proto__', 'constructor', 'toString'),
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
        await tally.run('check catalog', ['check', 'catalog', file, '--json']);
      }),
      runs(200),
    );
  }, fuzzTimeout());

  it('scenarios, mutated from the scenario schema: simulate writes nothing outside --out', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const names = (await readdir(join(PROJECT_DIR, 'data/scenarios'))).filter((n) => n.endsWith('.json')).sort();
    const scenarios = await Promise.all(names.map((n) => mutable('scenario', `data/scenarios/${n}`)));
    const projectBefore = await listing(PROJECT_DIR);
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(scenarios.length - 1), brokenJson, async (which, b) => {
        const work = join(dir, `case-${i++}`);
        await mkdir(work);
        const file = join(work, 'scenario.json');
        await writeFile(file, brokenBytes(scenarios[which]!, b));
        const before = await listing(work);
        await tally.run('simulate', ['simulate', file, '--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity', '--out', join(work, 'out'), '--json']);
        const after = (await listing(work)).filter((p) => !p.startsWith('out/'));
        expect(after).toEqual(before);
      }),
      runs(30),
    );
    expect(await listing(PROJECT_DIR)).toEqual(projectBefore);
  }, fuzzTimeout());
});

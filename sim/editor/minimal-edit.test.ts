import { parse } from 'jsonc-parser';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES_DIR } from '../testing/fixtures.ts';
import { minimalEdit } from './minimal-edit.ts';

const lines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return x.length === y.length ? x.filter((l, i) => l !== y[i]).length : -1;
};

describe('minimalEdit', () => {
  it('changes one number on one line, keeping formatting, key order and "1.0"', async () => {
    const src = await readFile(join(RULES_DIR, 'fees.json'), 'utf8');
    const before = JSON.parse(src);
    const after = structuredClone(before);
    after.schedules[0].bandedFees[1].bands[2].feeCny = 3.3;
    const out = minimalEdit(src, before, after);
    expect(JSON.parse(out)).toEqual(after);
    expect(lines(src, out)).toBe(1);
    expect(out).toContain('{ "fromLitres": 1, "toLitres": 5, "feeCny": 1.0 }');
    expect(out).toContain('{ "fromLitres": 5, "toLitres": 15, "feeCny": 3.3 }');
  });
  it('adds and removes keys and rows, and keeps a file with comments parseable', () => {
    const src = '{\n  // note\n  "a": 1,\n  "b": [1, 2],\n  "c": { "x": true }\n}\n';
    const before = parse(src);
    const after = { a: 2, b: [1, 2, 3], c: {}, d: 'new' };
    const out = minimalEdit(src, before, after);
    expect(parse(out)).toEqual(after);
    expect(out).toContain('// note');
  });
  it('adds and removes table rows without rewriting the other rows', async () => {
    const src = await readFile(join(RULES_DIR, 'fees.json'), 'utf8');
    const before = JSON.parse(src);
    const bands = () => before.schedules[0].bandedFees[0].bands;
    // split the last band: its toLitres changes and a row is added
    const after = structuredClone(before);
    const b = after.schedules[0].bandedFees[0].bands;
    b[3].toLitres = 30;
    b.push({ fromLitres: 30, toLitres: null, feeCny: 1.8 });
    const out = minimalEdit(src, before, after);
    expect(JSON.parse(out)).toEqual(after);
    expect(out).toContain('{ "fromLitres": 1, "toLitres": 5, "feeCny": 1.0 }');
    // two lines: the changed row and the new one, in the same style
    expect(out.split('\n').length - src.split('\n').length).toBe(1);
    expect(out).toContain('            { "fromLitres": 15, "toLitres": 30, "feeCny": 1.5 },\n            { "fromLitres": 30, "toLitres": null, "feeCny": 1.8 }\n');
    // remove the second row
    const after2 = structuredClone(before);
    after2.schedules[0].bandedFees[0].bands.splice(1, 1);
    const out2 = minimalEdit(src, before, after2);
    expect(JSON.parse(out2)).toEqual(after2);
    expect(src.split('\n').length - out2.split('\n').length).toBe(1);
    expect(bands()).toHaveLength(4);
  });
  it('always produces a text that parses to the new value (property)', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(json, json, fc.boolean(), (a, b, compact) => {
        const src = JSON.stringify(a, null, compact ? undefined : 2);
        expect(JSON.parse(minimalEdit(src, a, b))).toEqual(b);
      }),
      { numRuns: 300, seed: 16 },
    );
  });
  it('returns the text unchanged when nothing changed', () => {
    const src = '{ "a" : 1.50 }';
    expect(minimalEdit(src, { a: 1.5 }, { a: 1.5 })).toBe(src);
  });
});

import { parse } from 'jsonc-parser';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  it('returns the text unchanged when nothing changed', () => {
    const src = '{ "a" : 1.50 }';
    expect(minimalEdit(src, { a: 1.5 }, { a: 1.5 })).toBe(src);
  });
});

import { describe, expect, it } from 'vitest';
import { nonFinitePointers, assertFiniteResult } from '../engine/finite.ts';
import { hasUnsafeText, terminalSafe, unsafeChars, visible, visibleDeep } from './safe-text.ts';
import { JitsimError } from '../errors.ts';

describe('visible(): user text made safe to show', () => {
  it('escapes C0/C1 controls, DEL and bidirectional controls; keeps ordinary and CJK text', () => {
    expect(visible('SKU\u001b[31m1\u0007')).toBe('SKU\\u001b[31m1\\u0007');
    expect(visible('\u009b2J\u007f')).toBe('\\u009b2J\\u007f');
    expect(visible('\u001b]8;;https://x\u0007a\u001b]8;;\u0007')).toBe('\\u001b]8;;https://x\\u0007a\\u001b]8;;\\u0007');
    expect(visible('abc\u202eexe.txt')).toBe('abc\\u202eexe.txt');
    expect(visible('\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c')).toBe('\\u2066\\u2067\\u2068\\u2069\\u202a\\u202b\\u202c\\u202d\\u200e\\u200f\\u061c');
    expect(visible('服饰卖家·欧洲 — café ✓')).toBe('服饰卖家·欧洲 — café ✓');
    expect(visible('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(visible('a\nb\tc', { allow: '\n\t' })).toBe('a\nb\tc');
  });
  it('is idempotent, and its output is valid inside a JSON string', () => {
    const s = 'x\u001b\u202e\u0000y';
    expect(visible(visible(s))).toBe(visible(s));
    expect(JSON.parse(`"${visible(s)}"`)).toBe(s);
  });
  it('reports which characters are unsafe', () => {
    expect(hasUnsafeText('plain')).toBe(false);
    expect(hasUnsafeText('a\nb', '\n')).toBe(false);
    expect(unsafeChars('a\u001bb\u001b\u202e')).toEqual(['\\u001b', '\\u202e']);
  });
  it('visibleDeep: every string and key of a plain structure', () => {
    expect(visibleDeep({ a: ['x\u001b', 1, null], ['k\u202e']: { t: 'y\u0007' } })).toEqual({ a: ['x\\u001b', 1, null], ['k\\u202e']: { t: 'y\\u0007' } });
  });
});

describe('terminalSafe(): the net at stdout/stderr', () => {
  it('keeps jitsim\'s own colours only when colours are on, escapes every other sequence', () => {
    const own = '\u001b[31mFAIL\u001b[0m ';
    expect(terminalSafe(own + 'x\u001b[2Jy', { color: true })).toBe(own + 'x\\u001b[2Jy');
    expect(terminalSafe(own, { color: false })).toBe('\\u001b[31mFAIL\\u001b[0m ');
    expect(terminalSafe('a\r', { color: false })).toBe('a\\u000d');
    expect(terminalSafe('\rprogress 5%', { color: false, allowCr: true })).toBe('\rprogress 5%');
    expect(terminalSafe('line\n', { color: true })).toBe('line\n');
  });
});

describe('finite results', () => {
  it('finds NaN and Infinity in objects, arrays and typed arrays', () => {
    expect(nonFinitePointers({ a: 1, b: [2, NaN], c: { d: Infinity }, e: new Float64Array([0, -Infinity]) })).toEqual(['/b/1', '/c/d', '/e/1']);
    expect(nonFinitePointers({ a: 1, b: null, c: 'NaN' })).toEqual([]);
  });
  it('a non-finite figure in a result is an internal error (exit 3), naming where', () => {
    expect(() => assertFiniteResult('simulation result', { modes: { jit: { mean: NaN } } })).toThrow(JitsimError);
    expect(() => assertFiniteResult('simulation result', { modes: { jit: { mean: NaN } } })).toThrow(/\/modes\/jit\/mean.*this is a bug/);
  });
});

import { describe, expect, it } from 'vitest';
import { csvNumberText } from './trials-csv.ts';

// trials.csv formats its numbers into bytes without String(): the text must be exactly what String()
// prints for the rounded number (the file is byte-identical to the one arquero wrote; store.test.ts
// checks whole files)
describe('trials.csv number text', () => {
  const money = (x: number) => String(Math.round((x + Number.EPSILON) * 100) / 100);
  const r4 = (x: number) => String(Math.round(x * 1e4) / 1e4);
  const r6 = (x: number) => String(Math.round(x * 1e6) / 1e6);

  it('prints what String() prints, for edge cases and random values of every magnitude', () => {
    const edge = [0, -0, 0.004, 0.005, -0.005, 0.01, -0.01, 0.1, 0.999, 1, 1.005, 9.995, 10, 99.99, 100.5, 1e-7, 5e-7, 1e-6, 1.5e-5, 0.00015, 123456.789, -98765.4321, 1e9, 1e11, 1e13 - 0.01, 1e13, 4.5e13, 1e15, 1e16, 1e21, 1e22, -1e21, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2];
    // a fixed sequence (no Math.random: the test must be reproducible)
    let s = 12345;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const random = Array.from({ length: 20000 }, () => (next() < 0.5 ? -1 : 1) * next() * 10 ** Math.floor(next() * 24 - 8));
    const wrong: string[] = [];
    const check = (x: number, as: Parameters<typeof csvNumberText>[1], want: string) => {
      const got = csvNumberText(x, as);
      if (got !== want) wrong.push(`${as}(${x}): ${got} ≠ ${want}`);
    };
    for (const x of [...edge, ...random]) {
      check(x, 'money', money(x));
      check(x, 'r4', r4(x));
      check(x, 'r6', r6(x));
      check(x, 'count', String(x));
    }
    for (let c = -100000; c <= 100000; c += 7) {
      check(c / 100, 'money', money(c / 100));
      check(c / 1e4, 'r4', r4(c / 1e4));
      check(c / 1e6, 'r6', r6(c / 1e6));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

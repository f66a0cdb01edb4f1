import { describe, expect, it } from 'vitest';
import { lineCol, parseJsonDocument } from './json-document.ts';

describe('locating a pointer', () => {
  it('gives the line and column of a scan from the start, for every SKU of a large document', () => {
    const skus = Array.from({ length: 300 }, (_, i) => ({ id: `sku-${i}`, weightKg: i % 7 ? 0.5 : { dist: 'pert', min: 0.4, mode: 0.5, max: 0.7 } }));
    const src = JSON.stringify({ name: 'x', skus }, null, 2);
    const doc = parseJsonDocument('big.json', src);
    for (let i = 0; i < skus.length; i++) {
      const loc = doc.locate(`/skus/${i}/weightKg`);
      const offset = src.indexOf(`"sku-${i}"`);
      // the member name "weightKg" is on the line after the id
      const expected = lineCol(src, src.indexOf('"weightKg"', offset));
      expect({ line: loc.line, col: loc.col }).toEqual(expected);
    }
    expect(doc.locate('/name').line).toBe(2);
    expect(doc.locate('/nope/3').line).toBe(1);
  });
});

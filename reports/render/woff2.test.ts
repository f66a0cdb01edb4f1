import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from './fonts.ts';
import { otfToWoff2 } from './woff2.ts';

// Google's reference WOFF2 decoder (WebAssembly build): an independent reader of what we write
const { decompress } = createRequire(import.meta.url)('wawoff2') as { decompress: (b: Uint8Array) => Promise<Uint8Array> };

/** Tables of an sfnt by tag. */
function tables(font: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const r = 12 + 16 * i;
    const off = font.readUInt32BE(r + 8);
    out.set(font.toString('latin1', r, r + 4), font.subarray(off, off + font.readUInt32BE(r + 12)));
  }
  return out;
}

describe('WOFF2 of the embedded font', () => {
  it('decodes with the reference decoder to the very tables of the subset font', async () => {
    const otf = await subsetFont(readFileSync(FONT_FILES[1]!), 'Aa 每单成本 JIT −12.00 元（P10）', { targetFormat: 'sfnt' });
    const woff2 = otfToWoff2(otf);
    expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
    expect(woff2.readUInt32BE(8)).toBe(woff2.length);
    expect(woff2.length % 4).toBe(0);
    expect(woff2.length).toBeLessThan(otf.length);
    const back = tables(Buffer.from(await decompress(woff2)));
    const orig = tables(otf);
    expect([...back.keys()].sort()).toEqual([...orig.keys()].sort());
    for (const [tag, data] of orig) {
      const got = back.get(tag)!;
      // the decoder recomputes head.checkSumAdjustment (bytes 8–11); everything else is kept
      if (tag === 'head') expect(Buffer.concat([got.subarray(0, 8), got.subarray(12)]).equals(Buffer.concat([data.subarray(0, 8), data.subarray(12)])), tag).toBe(true);
      else expect(got.equals(data), tag).toBe(true);
    }
  });

  it('refuses TrueType outlines (they need the glyf transform)', () => {
    const ttf = Buffer.alloc(12);
    ttf.writeUInt32BE(0x00010000, 0);
    expect(() => otfToWoff2(ttf)).toThrow(/CFF/);
  });
});

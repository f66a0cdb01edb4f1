/**
 * Text widths measured with the bundled font (HarfBuzz shaping, the same glyph advances resvg and a
 * browser with the embedded font draw), installed as Vega's text measure for server-side renders.
 * Vega without a canvas guesses 0.8 em per character: Chinese labels came out too narrow (cut off
 * in PNGs) and Latin ones too wide. With real widths, axes, legends and paddings fit their labels.
 */
import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { FONT_FILES } from './fonts.ts';

type Measure = (text: string, sizePx: number, bold: boolean) => number;
let measure: Measure | undefined;

/** Loads HarfBuzz and the bundled font (once) and returns a width function in pixels. */
export async function textMeasure(): Promise<Measure> {
  if (measure) return measure;
  const hb = await import('harfbuzzjs');
  const fonts = FONT_FILES.map((f) => {
    const face = new hb.Face(new hb.Blob(readFileSync(f)));
    return { font: new hb.Font(face), upem: face.upem };
  });
  const cache = new Map<string, number>();
  measure = (text, sizePx, bold) => {
    const key = `${bold ? 1 : 0}${text}`;
    let em = cache.get(key);
    if (em === undefined) {
      const f = fonts[bold ? 1 : 0]!;
      const buf = new hb.Buffer();
      buf.addText(text);
      buf.guessSegmentProperties();
      hb.shape(f.font, buf);
      em = buf.getGlyphPositions().reduce((a, p) => a + p.xAdvance, 0) / f.upem;
      cache.set(key, em);
    }
    return em * sizePx;
  };
  return measure;
}

/** Makes Vega's headless layout use the bundled font's real text widths. */
export async function useFontMetrics(): Promise<void> {
  const m = await textMeasure();
  const tm = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) => number } }).textMetrics;
  tm.width = (item, text) => {
    if (text == null) return 0;
    const s = Array.isArray(text) ? text.map(String).reduce((a, b) => (a.length >= b.length ? a : b), '') : String(text);
    const w = item.fontWeight;
    return m(s, item.fontSize ?? 11, w === 'bold' || (typeof w === 'number' && w >= 600));
  };
}

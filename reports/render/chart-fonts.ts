/**
 * resvg's fonts for one chart: the bundled Noto Sans Hans (regular and bold) subset to the characters
 * the chart's SVG can show. resvg re-parses the font files it is given for every run of text; with the
 * two 8 MB CJK font files that cost 0.3–0.6 s per chart (most of a report's build time). A HarfBuzz
 * subset keeps the same outlines, advances, kerning and names of those characters, so the PNG is
 * byte-identical to one rendered with the full fonts (`render.test.ts` proves it), in a few ms.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import { cachedBytes, fileIdentity } from '../../sim/io/cache.ts';
import { registerWork } from '../../sim/io/output-folder.ts';
import { FONT_FILES } from './fonts.ts';

/**
 * Name records the subset keeps: HarfBuzz keeps 0–6 by default; 16 and 17 (typographic family and
 * style) are what groups Regular and Bold into one family, without them resvg draws bold text regular.
 */
const NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 16, 17];

let fonts: Buffer[] | undefined;
/** Subsets by character set (a report renders the same charts in the same words more than once: tests, compare). */
const cache = new Map<string, Promise<Buffer[]>>();
const CACHE_SIZE = 64;

/** The characters an SVG can show: every character of its text (tags included: a superset is harmless), entities decoded. */
export function svgCharacters(svg: string): string {
  const decoded = svg.replace(/&#x([0-9a-f]+);|&#(\d+);/gi, (_m, hex: string | undefined, dec: string | undefined) => {
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
  return [...new Set(Array.from(decoded))].filter((c) => c >= ' ').sort().join('');
}

/** Regular and bold, subset to `chars` (memoised). */
export function subsetFonts(chars: string): Promise<Buffer[]> {
  let hit = cache.get(chars);
  if (!hit) {
    // on disk too (node_modules/.cache/jitsim): the same characters give the same subset, build after build
    const id = fileIdentity(FONT_FILES);
    hit = Promise.all(
      FONT_FILES.map((_f, i) =>
        cachedBytes('chart-font-subset', [id, String(i), NAME_IDS.join(','), chars], () => {
          fonts ??= FONT_FILES.map((f) => readFileSync(f));
          return subsetFont(fonts[i]!, chars, { targetFormat: 'sfnt', preserveNameIds: NAME_IDS });
        }),
      ),
    );
    hit.catch(() => cache.delete(chars));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(chars, hit);
  }
  return hit;
}

/**
 * Runs `use` with font files (regular, bold) that cover every character of `svg`: written to a
 * temporary folder (resvg takes font files, not buffers), removed afterwards and on Ctrl+C.
 */
export async function withChartFonts<T>(svg: string, use: (fontFiles: string[]) => T): Promise<T> {
  const subsets = await subsetFonts(svgCharacters(svg));
  const dir = await mkdtemp(join(tmpdir(), 'jitsim-fonts-'));
  const unregister = registerWork(dir);
  try {
    const files = subsets.map((_b, i) => join(dir, `${i}.otf`));
    await Promise.all(subsets.map((b, i) => writeFile(files[i]!, b)));
    return use(files);
  } finally {
    await rm(dir, { recursive: true, force: true });
    unregister();
  }
}

/**
 * The HTML's own font: a subset of the bundled Noto Sans Hans (only the characters the page uses)
 * as WOFF2, embedded as data URLs, so the page renders the same on a machine without any CJK font
 * (no tofu) and needs no network. Subsetting is HarfBuzz (subset-font, WebAssembly); the WOFF2
 * container is written with Node's native Brotli (`woff2.ts`: seconds faster than the WebAssembly encoder).
 */
import { readFile } from 'node:fs/promises';
import subsetFont from 'subset-font';
import { cachedBytes, fileIdentity } from '../../sim/io/cache.ts';
import { FONT_FAMILY, FONT_FILES } from './fonts.ts';
import { otfToWoff2 } from './woff2.ts';

let fontData: Promise<Buffer[]> | undefined;

/** The distinct characters of a text, sorted (so the subset depends only on the set). */
export function glyphSet(text: string): string {
  return [...new Set(Array.from(text))].filter((c) => c >= ' ').sort().join('');
}

/** @font-face rules (regular and bold) for exactly the characters of `text`. */
export async function embeddedFontCss(text: string): Promise<string> {
  const chars = glyphSet(text);
  // the WOFF2 of a character set is cached on disk (node_modules/.cache/jitsim): rebuilding a report
  // with the same words does not subset and compress the fonts again
  const id = fileIdentity(FONT_FILES);
  const faces = await Promise.all(
    FONT_FILES.map((_f, i) =>
      cachedBytes('page-font-woff2', [id, String(i), chars], async () => {
        fontData ??= Promise.all(FONT_FILES.map((f) => readFile(f)));
        return otfToWoff2(await subsetFont((await fontData)[i]!, chars, { targetFormat: 'sfnt' }));
      }),
    ),
  );
  return faces.map((woff2, i) => `@font-face{font-family:"${FONT_FAMILY}";font-style:normal;font-weight:${i === 0 ? 400 : 700};font-display:block;src:url(data:font/woff2;base64,${Buffer.from(woff2).toString('base64')}) format("woff2")}`).join('\n');
}

/** Replaces the page's font placeholder with the embedded subset of the characters the page shows. */
export async function embedFont(html: string, placeholder = '/*@font-face*/'): Promise<string> {
  // the text the page can show: everything outside <script> (charts' SVG text included) and the chart specs' strings
  const visible = html.replace(/<script(?![^>]*application\/json)[^>]*>[\s\S]*?<\/script>/g, '');
  return html.replace(placeholder, await embeddedFontCss(visible));
}

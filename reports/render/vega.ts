/**
 * Server-side chart rendering: Vega-Lite ──compile──▶ Vega ──headless view──▶ SVG ──resvg──▶ PNG.
 * No browser. Text uses the bundled Noto Sans Hans (SIL OFL, from @embedpdf/fonts-sc) so Chinese
 * labels render as real glyphs, and no system font can change the output.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { withChartFonts } from './chart-fonts.ts';
import { FONT_FAMILY, FONT_FILES, FONT_STACK } from './fonts.ts';
import { useFontMetrics } from './text-width.ts';

export { FONT_FAMILY, FONT_FILES, FONT_STACK };

/** Shared look of every chart: the bundled font, quiet axes, no network (no remote data, no remote fonts). */
export const CHART_CONFIG = {
  font: FONT_STACK,
  background: 'white',
  view: { stroke: null },
  // labels are never cut short (labelLimit 0): charts are sized to their labels, measured with the bundled font
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e7eb', labelLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', columnPadding: 16, symbolOffset: 4, labelLimit: 0 },
  title: { fontSize: 14, anchor: 'start', limit: 0 },
} as const;

export interface RenderedChart {
  vegaLite: TopLevelSpec;
  vega: vega.Spec;
  svg: string;
  png: Uint8Array;
  /** The PNG's raw RGBA pixels, only when asked for (tests look for ink at the picture's edges). */
  raster?: { width: number; height: number; pixels: Uint8Array };
}

/** Compiles a Vega-Lite spec to Vega (for the HTML page). */
export function toVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec).spec as vega.Spec;
}

/** Renders a Vega-Lite spec to SVG and PNG (2× scale for print). */
export async function renderChart(spec: TopLevelSpec, o: { raster?: boolean } = {}): Promise<RenderedChart> {
  await useFontMetrics();
  const v = toVega(spec);
  const view = new vega.View(vega.parse(v), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // the bundled font subset to the chart's characters: the same pixels as the full font files, 100× faster
  const img = await withChartFonts(svg, (fontFiles) => rasterise(svg, fontFiles));
  return { vegaLite: spec, vega: v, svg, png: img.asPng(), ...(o.raster ? { raster: { width: img.width, height: img.height, pixels: img.pixels } } : {}) };
}

/** SVG → pixels at 2× (print), with these font files only (no system font can change the output). */
export function rasterise(svg: string, fontFiles: readonly string[]) {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render();
}

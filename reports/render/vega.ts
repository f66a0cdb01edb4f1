/**
 * Server-side chart rendering: Vega-Lite ──compile──▶ Vega ──headless view──▶ SVG ──resvg──▶ PNG.
 * No browser. Text uses the bundled Noto Sans Hans (SIL OFL, from @embedpdf/fonts-sc) so Chinese
 * labels render as real glyphs, and no system font can change the output.
 */
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const require = createRequire(import.meta.url);
/** The CJK-capable font files every chart is rendered with. */
export const FONT_FILES = ['Regular', 'Bold'].map((w) => join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', `NotoSansHans-${w}.otf`));
export const FONT_FAMILY = 'Noto Sans Hans';
/** CSS font stack of the charts: the bundled font first (server-side rendering), then common CJK fonts for browsers. */
export const FONT_STACK = '"Noto Sans Hans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Shared look of every chart: the bundled font, quiet axes, no network (no remote data, no remote fonts). */
export const CHART_CONFIG = {
  font: FONT_STACK,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e7eb' },
  // extra padding: headless Vega estimates text width, and underestimates Chinese labels
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', columnPadding: 28, symbolOffset: 4 },
  title: { fontSize: 14, anchor: 'start' },
  range: { category: ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#64748b', '#ec4899', '#14b8a6', '#a3a3a3', '#0ea5e9'] },
} as const;

export interface RenderedChart {
  vegaLite: TopLevelSpec;
  vega: vega.Spec;
  svg: string;
  png: Uint8Array;
}

/** Compiles a Vega-Lite spec to Vega (for the HTML page). */
export function toVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec).spec as vega.Spec;
}

/** Renders a Vega-Lite spec to SVG and PNG (2× scale for print). */
export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const v = toVega(spec);
  const view = new vega.View(vega.parse(v), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render().asPng();
  return { vegaLite: spec, vega: v, svg, png };
}

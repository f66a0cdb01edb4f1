/** Pieces every chart spec shares. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang, Text } from '../../sim/i18n/index.ts';
import { MODES, MODE_LABEL, type ModeKey } from '../model.ts';
import { CHART_CONFIG } from '../render/vega.ts';
import { MODE_COLOR, componentColor } from './palette.ts';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The mode field as a coloured, ordered, labelled category; colours come from the palette by mode id. */
export function modeColor(lang: Lang, title: Text = { en: 'Mode', zh: '模式' }, modes: readonly ModeKey[] = MODES) {
  return { field: 'modeLabel', type: 'nominal' as const, title: title[lang], sort: modes.map((m) => MODE_LABEL[m][lang]), scale: { domain: modes.map((m) => MODE_LABEL[m][lang]), range: modes.map((m) => MODE_COLOR[m]) } };
}

/** A colour scale for cost components: the labels shown, each with its component id's palette colour. */
export function componentScale(ids: readonly string[], label: (id: string) => string) {
  return { domain: ids.map(label), range: ids.map(componentColor) };
}

/** A top-level spec with the shared config, title and inline data. */
export function chart(lang: Lang, title: Text, description: Text, values: object[], body: Record<string, unknown>): TopLevelSpec {
  // typed loosely here; a test validates every spec against vega-lite's JSON Schema
  return { $schema: SCHEMA, title: title[lang], description: description[lang], config: CHART_CONFIG, padding: { left: 8, right: 16, top: 6, bottom: 6 }, data: { values }, ...body } as unknown as TopLevelSpec;
}

/** The unit of money in a chart: the report's currency (the scenario's currency.reporting; 元 for CNY in Chinese). */
export const cny = (lang: Lang, currency = 'CNY') => (currency === 'CNY' ? (lang === 'zh' ? '元' : 'CNY') : currency);

/** A label written for CNY ("… (CNY)", "…（元）", "CNY/order", "元/单") in the report's currency: unchanged for CNY. */
export function inCurrency(label: string, currency = 'CNY'): string {
  if (currency === 'CNY') return label;
  return label.replace(/\bCNY\b/g, currency).replace(/（元）/g, `（${currency}）`).replace(/元\/单/g, `${currency}/单`);
}

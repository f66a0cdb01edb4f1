/**
 * Human names, units and number formats of every input a report shows (input sheet, tornado):
 * scenario fields from data/scenario-inputs.json, data/ parameters from their own `name` and `unit`.
 * Numbers and dates are formatted per locale (en-US / zh-CN).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSet } from '../sim/data/data-set.ts';
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { ScenarioFile } from '../sim/scenario/schema.ts';

interface InputNames {
  fields: Record<string, { name: Text; unit: string }>;
  units: Record<string, Text>;
  /** Words for the fixed values (enums) of a field: field → value → text. */
  values: Record<string, Record<string, Text>>;
  /** Names of the rate-card legs (`rateCards.jitLogistics` …). */
  rateCardLegs: Record<string, Text>;
}

/** data/scenario-inputs.json (labels only). */
export const INPUT_NAMES: InputNames = JSON.parse(readFileSync(fileURLToPath(new URL('../data/scenario-inputs.json', import.meta.url)), 'utf8')) as InputNames;

export const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');

/** A number per locale with at most `digits` decimals. */
export function num(x: number, lang: Lang, digits = 0): string {
  return x.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A date (YYYY-MM-DD) per locale: "1 Jan 2025" / "2025年1月1日". */
export function date(iso: string, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A unit in a language (the unit key itself when unknown). */
export function unitText(unit: string | undefined, lang: Lang): string {
  if (!unit) return '';
  return INPUT_NAMES.units[unit]?.[lang] ?? unit;
}

/**
 * The words for a fixed value of a field (`service` `economy` → "economy" / "经济"), from
 * data/scenario-inputs.json `values`; `extra` adds value names kept elsewhere (product categories of
 * rules/catalogue.json). A value without words is shown as written.
 */
export function enumText(field: string, value: string, extra: Record<string, Record<string, Text>> = {}): Text {
  return extra[field]?.[value] ?? INPUT_NAMES.values[field]?.[value] ?? { en: value, zh: value };
}

/** A value with its unit, e.g. 0.035 fraction → "3.5 %", 38 CNY → "38 CNY" / "38 元", 1.25 kg → "1.25 kg". */
export function withUnit(x: number, unit: string | undefined, lang: Lang): string {
  if (unit === 'fraction' || unit === 'fraction/year') {
    const pct = x * 100;
    const s = num(pct, lang, Math.abs(pct) < 10 && pct !== Math.round(pct) ? 1 : 0);
    return `${s}${lang === 'zh' ? '%' : ' %'}${unit === 'fraction/year' ? (lang === 'zh' ? '/年' : '/year') : ''}`;
  }
  const abs = Math.abs(x);
  const digits = abs >= 100 || x === Math.round(x) ? 0 : abs >= 10 ? 1 : 2;
  const u = unitText(unit, lang);
  return u ? `${num(x, lang, digits)} ${u}` : num(x, lang, digits);
}

export interface InputLabel {
  name: Text;
  unit?: string;
}

const unesc = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');
const field = (k: string): InputLabel => {
  const f = INPUT_NAMES.fields[k];
  return f ? { name: f.name, unit: f.unit } : { name: { en: k, zh: k } };
};

/** The name and unit of a data/ parameter an override key (`modes.x`, `warehouse.x`, `warehouse.CC.x`) targets. */
export function overrideLabel(data: DataSet, key: string): InputLabel {
  const parts = key.split('.');
  const param = parts[parts.length - 1]!;
  if (parts[0] === 'modes') {
    const p = data.modes.params[param];
    return { name: p?.name ?? { en: param, zh: param }, ...(p?.unit ? { unit: p.unit } : {}) };
  }
  const p = data.warehouse.defaults[param];
  const site = parts.length === 3 ? parts[1]! : null;
  const base = p?.name ?? { en: param, zh: param };
  return { name: site ? { en: `${base.en} (${site} warehouse)`, zh: `${base.zh}（${site}仓）` } : base, ...(p?.unit ? { unit: p.unit } : {}) };
}

/** A readable bilingual label of a scenario input named by its JSON pointer (`/skus/0/weightKg` → "SKU AP-1: Weight", kg). */
export function inputLabel(spec: ScenarioFile, data: DataSet, pointer: string): InputLabel {
  const seg = pointer.split('/').filter(Boolean).map(unesc);
  const last = seg[seg.length - 1] ?? pointer;
  if (seg[0] === 'overrides' && seg[1] !== undefined) return overrideLabel(data, seg[1]);
  if (seg[0] === 'skus' && seg[1] === '*') {
    // a large catalogue's per-SKU inputs as one group (sim/engine/layout.ts InputGroup): their order-weighted mean
    const f = field(last);
    const n = spec.skus.length.toLocaleString('en-US');
    return { ...f, name: { en: `${f.name.en} of all ${n} SKUs (order-weighted mean)`, zh: `全部 ${n} 个SKU的${f.name.zh}（按订单加权平均）` } };
  }
  if (seg[0] === 'skus' && seg[1] !== undefined) {
    const id = spec.skus[Number(seg[1])]?.id ?? seg[1];
    const f = field(last);
    return { ...f, name: { en: `SKU ${id}: ${f.name.en}`, zh: `SKU ${id}：${f.name.zh}` } };
  }
  if (seg[0] === 'rateCards' && seg[1] !== undefined && last === 'fallbackMultiplier') {
    const base = inputLabel(spec, data, `/rateCards/${seg[1]}/multiplier`);
    return { ...base, name: { en: `${base.name.en} (client-card lanes falling back to the shipped card)`, zh: `${base.name.zh}（客户运价表中回退到随附运价表的线路）` } };
  }
  if (seg[0] === 'shareUncertainty' && (last === 'destinations' || last === 'skus')) return field(last === 'destinations' ? 'destinationShareConcentration' : 'skuShareConcentration');
  if (seg[0] === 'rateCards' && seg[1] !== undefined) {
    const leg = INPUT_NAMES.rateCardLegs[seg[1]] ?? { en: seg[1], zh: seg[1] };
    const f = field(last);
    return { ...f, name: { en: `${leg.en}: ${f.name.en.charAt(0).toLowerCase()}${f.name.en.slice(1)}`, zh: `${leg.zh}：${f.name.zh}` } };
  }
  if (seg[0] === 'thirdPartyWarehouse' && last === 'multiplier') return field('tplMultiplier');
  if (seg[0] === 'currency' && seg[1] === 'rates' && seg[2] !== undefined) {
    const f = field('fxRate');
    return { ...f, name: { en: `${f.name.en} ${seg[2]}`, zh: `${f.name.zh} ${seg[2]}` } };
  }
  if (seg[0] === 'saturation' && seg[1] !== undefined) {
    const f = field('saturationShare');
    const w = Number(seg[1]) + 1;
    return { ...f, name: { en: `Saturation window ${w}: ${f.name.en}`, zh: `饱和窗口${w}：${f.name.zh}` } };
  }
  return field(last);
}

/** Terminal width of a string: CJK and full-width characters take two columns (aligns the headline's columns in Chinese). */
export function termWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * A group of per-SKU inputs (`/skus/*\/weightKg`: that field of every SKU, moved together), in words a
 * client reads: "Weight of all 2,000 SKUs together" / "全部2,000个SKU的重量一同变动".
 */
export function skuGroupLabel(pointer: string, members: number): InputLabel {
  const last = unesc(pointer.split('/').filter(Boolean).pop() ?? pointer);
  const f = field(last);
  return { ...f, name: { en: `${f.name.en} of all ${num(members, 'en')} SKUs together`, zh: `全部${num(members, 'zh')}个SKU的${f.name.zh}一同变动` } };
}

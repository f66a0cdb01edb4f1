/**
 * Checks of data/customs-regimes.json and data/fx.json beyond their schemas: dates in order,
 * country and currency codes known, each duty/VAT rule given exactly the figures it reads (a figure
 * no rule reads is an error: every figure in data/ must drive an output).
 */
import { isCountryCode } from '../io/country-code.ts';
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import type { JsonDocument } from '../io/index.ts';
import type { CustomsFile, DutyRule, FxFile } from './schema.ts';

const NEEDS: Record<DutyRule, readonly string[]> = {
  exempt: [],
  ad_valorem: ['rate'],
  per_item: ['amount'],
  per_consignment: ['amount'],
  tariff: [],
  global_rate: ['rate'],
  br_rts: ['rate', 'threshold', 'rateAbove', 'deduction'],
};

function checkDates(doc: JsonDocument, base: string, from: string | undefined, to: string | undefined, out: Diagnostic[]): void {
  if (from !== undefined && to !== undefined && from > to) out.push(doc.diag(`${base}/to`, text(`"to" (${to}) is before "from" (${from})`, `"to"（${to}）早于 "from"（${from}）`), text('swap the dates or fix the typo', '请交换日期或修正笔误')));
}

function checkCountries(doc: JsonDocument, base: string, list: readonly string[], out: Diagnostic[]): void {
  list.forEach((c, i) => {
    if (!isCountryCode(c)) out.push(doc.diag(`${base}/countries/${i}`, text(`"${c}" is not an ISO 3166-1 alpha-2 country code`, `"${c}" 不是 ISO 3166-1 二位国家代码`), text('use two capital letters, e.g. ES', '请用两个大写字母，如 ES')));
  });
}

/** Problems of a customs-regimes file (the currencies must be in the FX file or CNY). */
export function customsProblems(doc: JsonDocument, file: CustomsFile, fx: FxFile | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Set<string>();
  file.regimes.forEach((r, i) => {
    const base = `/regimes/${i}`;
    if (ids.has(r.id)) out.push(doc.diag(`${base}/id`, text(`regime id "${r.id}" is used twice`, `制度编号 "${r.id}" 重复`), text('give each regime its own id', '请为每个制度取唯一编号')));
    ids.add(r.id);
    checkDates(doc, base, r.from, r.to, out);
    checkCountries(doc, base, r.countries, out);
    if (fx && r.currency !== 'CNY' && !fx.rates[r.currency]) out.push(doc.diag(`${base}/currency`, text(`currency ${r.currency} has no rate in data/fx.json`, `币种 ${r.currency} 在 data/fx.json 中没有汇率`), text(`add ${r.currency} to data/fx.json (with its source) or use one of: CNY, ${Object.keys(fx.rates).join(', ')}`, `请在 data/fx.json 中加入 ${r.currency}（附来源），或使用：CNY、${Object.keys(fx.rates).join('、')}`)));
    const needs = NEEDS[r.duty.rule];
    for (const f of ['rate', 'amount', 'threshold', 'rateAbove', 'deduction'] as const) {
      const given = r.duty[f] !== undefined;
      if (needs.includes(f) && !given) out.push(doc.diag(`${base}/duty`, text(`duty rule "${r.duty.rule}" needs "${f}"`, `关税规则 "${r.duty.rule}" 需要 "${f}"`), text(`add "${f}"`, `请添加 "${f}"`)));
      if (!needs.includes(f) && given) out.push(doc.diag(`${base}/duty/${f}`, text(`"${f}" is not read by duty rule "${r.duty.rule}"`, `关税规则 "${r.duty.rule}" 不读取 "${f}"`), text('remove it, or change the rule', '请删除它，或更改规则')));
    }
    if (r.vat.rate !== undefined && (r.vat.rule === 'none' || r.vat.rule === 'included')) out.push(doc.diag(`${base}/vat/rate`, text(`"rate" is not read by VAT rule "${r.vat.rule}"`, `增值税规则 "${r.vat.rule}" 不读取 "rate"`), text('remove it, or change the rule', '请删除它，或更改规则')));
    if (r.vat.rule === 'gross_up' && (r.vat.rate ?? 0) >= 1) out.push(doc.diag(`${base}/vat/rate`, text('a grossed-up rate must be below 1', '"gross_up" 税率须小于 1'), text('write e.g. 0.17', '请写如 0.17')));
    if (r.kind !== undefined && r.layer !== 'surcharge') out.push(doc.diag(`${base}/kind`, text('"kind" is read for surcharges only', '"kind" 仅用于附加费'), text('remove it, or make the regime a surcharge', '请删除它，或把该制度设为附加费')));
    if (r.channel === 'bulk') {
      if (r.layer === 'base' && r.valueBasis === undefined && r.vat.rule !== 'none') out.push(doc.diag(base, text('a bulk regime with import VAT needs "valueBasis" (FOB or CIF)', '含进口增值税的大宗进口制度需要 "valueBasis"（FOB 或 CIF）'), text('add "valueBasis": "CIF"', '请添加 "valueBasis": "CIF"')));
      if (!['exempt', 'ad_valorem', 'tariff'].includes(r.duty.rule)) out.push(doc.diag(`${base}/duty/rule`, text(`bulk imports take ad valorem duties only, not "${r.duty.rule}"`, `大宗进口只适用从价关税，不支持 "${r.duty.rule}"`), text('use exempt, ad_valorem or tariff', '请使用 exempt、ad_valorem 或 tariff')));
      if (!['none', 'at_import', 'gross_up'].includes(r.vat.rule)) out.push(doc.diag(`${base}/vat/rule`, text(`bulk imports pay VAT at import, not "${r.vat.rule}"`, `大宗进口在进口时缴纳增值税，不支持 "${r.vat.rule}"`), text('use none, at_import or gross_up', '请使用 none、at_import 或 gross_up')));
      if (r.layer === 'surcharge' && r.valueMax !== undefined) out.push(doc.diag(`${base}/valueMax`, text('"valueMax" is not read for bulk imports', '大宗进口不读取 "valueMax"'), text('remove it', '请删除')));
      if (r.vatRecoveryDays !== undefined && r.vat.rule !== 'at_import') out.push(doc.diag(`${base}/vatRecoveryDays`, text('"vatRecoveryDays" is read only with VAT rule at_import', '"vatRecoveryDays" 仅在 at_import 规则下读取'), text('remove it', '请删除')));
    } else {
      for (const f of ['valueBasis', 'vatRecoveryDays'] as const) if (r[f] !== undefined) out.push(doc.diag(`${base}/${f}`, text(`"${f}" is read for bulk imports only`, `"${f}" 仅用于大宗进口`), text('remove it', '请删除')));
    }
  });
  file.vatRates.forEach((r, i) => {
    checkDates(doc, `/vatRates/${i}`, r.from, r.to, out);
    checkCountries(doc, `/vatRates/${i}`, r.countries, out);
  });
  file.tariffs.forEach((r, i) => {
    checkDates(doc, `/tariffs/${i}`, r.from, r.to, out);
    checkCountries(doc, `/tariffs/${i}`, r.countries, out);
  });
  return out;
}

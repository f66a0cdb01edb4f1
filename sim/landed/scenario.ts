/**
 * What a scenario asks of the landed-cost data: the currencies it needs (with their default,
 * uncertain rates from data/fx.json), and a check that every destination and warehouse site has a
 * customs regime, a VAT rate and a tariff rate wherever one is read, on every day of the horizon.
 */
import type { DataSet } from '../data/data-set.ts';
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import type { JsonDocument } from '../io/index.ts';
import type { DistJson } from '../random/dist.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { neededCurrencies, regimesOn, tariffOn, vatRateOn } from './tables.ts';
import { M } from './messages.ts';

/** Destination and warehouse-site countries of a scenario. */
export function scenarioCountries(s: ScenarioFile): { destinations: string[]; sites: string[] } {
  const destinations = s.destinations.map((d) => d.country);
  return { destinations, sites: s.warehouse?.sites ? Object.keys(s.warehouse.sites) : destinations };
}

/** The currencies other than CNY a scenario converts through. */
export function scenarioCurrencies(data: DataSet, s: ScenarioFile): string[] {
  const { destinations, sites } = scenarioCountries(s);
  const extra = [...s.skus.map((k) => k.priceCurrency ?? 'CNY'), ...s.skus.map((k) => k.unitCostCurrency ?? 'CNY'), s.currency?.reporting ?? 'CNY'];
  return neededCurrencies(data.customs, [...destinations, ...sites], extra).slice(1);
}

/**
 * Default rate of each needed currency the scenario does not set: lognormal around data/fx.json's
 * rate with sd = rate × annualVol × √(horizon in years) — one draw per trial holds for the whole
 * horizon (assumption: the level the horizon's cash flows convert at, not a monthly path).
 */
export function defaultFx(data: DataSet, s: ScenarioFile): Record<string, DistJson> {
  const out: Record<string, DistJson> = {};
  for (const c of scenarioCurrencies(data, s)) {
    if (s.currency?.rates?.[c] !== undefined || s.currency?.paths?.[c] !== undefined) continue;
    const r = data.fx.rates[c];
    if (!r) continue;
    const sd = r.cnyPerUnit * r.annualVol * Math.sqrt(s.horizonMonths / 12);
    out[c] = sd > 0 ? { dist: 'lognormal', mean: r.cnyPerUnit, sd } : r.cnyPerUnit;
  }
  return out;
}

const DAY = 86_400_000;

/** Located problems: a currency without a rate, and any day of the horizon a country lacks a regime, a VAT rate or a tariff rate that a regime reads. */
export function landedProblems(doc: JsonDocument, data: DataSet, s: ScenarioFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = ['CNY', ...Object.keys(data.fx.rates), ...Object.keys(s.currency?.rates ?? {}), ...Object.keys(s.currency?.paths ?? {})];
  const unknown = (pointer: string, c: string) =>
    out.push(doc.diag(pointer, text(`no exchange rate for ${c}`, `没有 ${c} 的汇率`), text(`use one of ${known.join(', ')}, or give its CNY rate in currency.rates.${c}`, `请使用 ${known.join('、')} 之一，或在 currency.rates.${c} 中给出其人民币汇率`)));
  s.skus.forEach((k, i) => {
    if (k.priceCurrency && !known.includes(k.priceCurrency)) unknown(`/skus/${i}/priceCurrency`, k.priceCurrency);
    if (k.unitCostCurrency && !known.includes(k.unitCostCurrency)) unknown(`/skus/${i}/unitCostCurrency`, k.unitCostCurrency);
  });
  if (s.currency?.reporting && !known.includes(s.currency.reporting)) unknown('/currency/reporting', s.currency.reporting);
  out.push(...fxPathProblems(doc, data, s));
  const used = scenarioCurrencies(data, s);
  for (const c of Object.keys(s.currency?.rates ?? {}))
    if (c !== 'CNY' && !used.includes(c)) out.push(doc.diag(`/currency/rates/${c}`, text(`no price, cost, customs regime or reporting currency of this scenario is in ${c}, so its rate would change nothing`, `本情景的售价、成本、海关制度与报告币种都不使用 ${c}，其汇率不会改变任何结果`), text(`remove it, or use it (e.g. "priceCurrency": "${c}"); the currencies used: ${used.join(', ') || 'CNY only'}`, `请删除，或使用它（如 "priceCurrency": "${c}"）；本情景使用的币种：${used.join('、') || '仅人民币'}`)));
  if (s.currency?.rates?.CNY !== undefined) out.push(doc.diag('/currency/rates/CNY', text('CNY is the base currency (1 CNY = 1 CNY)', '人民币是基准币种'), text('remove this entry', '请删除此项')));
  const { destinations, sites } = scenarioCountries(s);
  const start = Date.parse(`${s.startDate}T00:00:00Z`);
  const sd = new Date(start);
  const end = Date.UTC(sd.getUTCFullYear(), sd.getUTCMonth() + s.horizonMonths, sd.getUTCDate());
  const categories = [...new Set(s.skus.map((k) => k.category))];
  const check = (country: string, channel: 'parcel' | 'bulk', pointer: string) => {
    for (let t = start; t < end; t += DAY) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const rs = regimesOn(data.customs, country, channel, iso).map((i) => data.customs.regimes[i]!);
      const bases = rs.filter((r) => r.layer === 'base');
      const fail = (en: string, zh: string) => {
        out.push(doc.diag(pointer, text(`${country} on ${iso}: ${en}`, `${country}（${iso}）：${zh}`), text(`add it to data/customs-regimes.json with its source (or an assumption: with reasoning)`, '请在 data/customs-regimes.json 中补充（附来源，或以 assumption: 说明理由）')));
        return true;
      };
      if (!bases.length || (channel === 'parcel' && bases[bases.length - 1]!.valueMax !== undefined)) {
        if (fail(`no ${channel} customs regime${bases.length ? ' for a value above ' + bases[bases.length - 1]!.valueMax + ' ' + bases[bases.length - 1]!.currency : ''}`, `没有${channel === 'parcel' ? '包裹' : '大宗进口'}海关制度${bases.length ? `（高于 ${bases[bases.length - 1]!.valueMax} ${bases[bases.length - 1]!.currency}）` : ''}`)) return;
      }
      const considered = channel === 'bulk' ? [bases[0]!, ...rs.filter((r) => r.layer === 'surcharge')] : rs;
      if (considered.some((r) => ['at_sale', 'at_import', 'gross_up'].includes(r.vat.rule) && r.vat.rate === undefined) && Number.isNaN(vatRateOn(data.customs, country, iso))) {
        if (fail('no VAT rate in vatRates', 'vatRates 中没有增值税率')) return;
      }
      if (channel === 'parcel' && Number.isNaN(vatRateOn(data.customs, country, iso))) {
        if (fail('no VAT rate in vatRates (a warehouse sale pays the destination VAT)', 'vatRates 中没有增值税率（海外仓销售按目的地增值税）')) return;
      }
      if (considered.some((r) => r.duty.rule === 'tariff')) {
        const missing = categories.find((c) => Number.isNaN(tariffOn(data.customs, country, c, iso)));
        if (missing && fail(`no tariff rate for category "${missing}"`, `没有类目 "${missing}" 的关税税率`)) return;
      }
    }
  };
  destinations.forEach((c, i) => check(c, 'parcel', `/destinations/${i}/country`));
  sites.forEach((c) => check(c, 'bulk', s.warehouse?.sites ? `/warehouse/sites/${c}` : `/destinations/${destinations.indexOf(c)}/country`));
  return out;
}

/** The scenario's monthly FX paths as numbers per month of the horizon (months are "YYYY-MM" labels; validated by {@link fxPathProblems}). */
export function fxPaths(s: ScenarioFile, monthLabels: readonly string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [c, p] of Object.entries(s.currency?.paths ?? {})) out[c] = monthLabels.map((m) => p.cnyPerUnit[m] ?? NaN);
  return out;
}

/**
 * Located problems of currency.paths: a month of the horizon missing, a month outside it, a currency
 * the scenario does not convert through, a currency given both a rate and a path.
 */
export function fxPathProblems(doc: JsonDocument, data: DataSet, s: ScenarioFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = s.currency?.paths;
  if (!paths) return out;
  const [y, mo] = s.startDate.split('-').map(Number) as [number, number];
  const months = Array.from({ length: s.horizonMonths }, (_, k) => new Date(Date.UTC(y, mo - 1 + k, 1)).toISOString().slice(0, 7));
  const needed = scenarioCurrencies(data, s);
  for (const [c, p] of Object.entries(paths)) {
    const base = `/currency/paths/${c}`;
    if (c === 'CNY') {
      out.push(doc.diag(base, M.fxPathCny, M.fxPathCnyFix));
      continue;
    }
    if (!needed.includes(c)) out.push(doc.diag(base, M.fxPathUnused(c, needed), M.fxPathUnusedFix(needed)));
    if (s.currency?.rates?.[c] !== undefined) out.push(doc.diag(`/currency/rates/${c}`, M.fxPathAndRate(c), M.fxPathAndRateFix));
    const missing = months.filter((m) => p.cnyPerUnit[m] === undefined);
    if (missing.length) out.push(doc.diag(`${base}/cnyPerUnit`, M.fxPathMissing(c, missing, months), M.fxPathMissingFix(missing[0]!)));
    for (const m of Object.keys(p.cnyPerUnit)) if (!months.includes(m)) out.push(doc.diag(`${base}/cnyPerUnit/${m}`, M.fxPathOutside(m, months), M.fxPathOutsideFix));
  }
  return out;
}

/**
 * Landed-cost tables of one scenario: customs regimes, VAT and tariff rates compiled per
 * (destination, month) for parcels and per (warehouse site, month) for bulk imports, and the
 * currencies a trial converts through. Built once per run; the hot loop only reads them.
 *
 * A month whose days fall under different regimes (a rule change mid-month, or a scenario starting
 * mid-month) is split into periods weighted by the month's seasonality (the expected share of its
 * orders): a rule change on the first day of month 7 is a clean step in the monthly series.
 */
import type { CustomsFile, DutyRule, FxFile, Regime, VatRule } from './schema.ts';

export const DUTY_RULE_CODE: Record<DutyRule, number> = { exempt: 0, ad_valorem: 1, per_item: 2, per_consignment: 3, tariff: 4, global_rate: 5, br_rts: 6 };
export const VAT_RULE_CODE: Record<VatRule, number> = { none: 0, at_sale: 1, at_import: 2, gross_up: 3, included: 4 };

/** A regime reduced to numbers (one shape for all, so reading it never deopts or allocates). */
export interface CompiledRegime {
  id: string;
  surcharge: boolean;
  /** Surcharge of kind "tax": reported under taxes (else duties). */
  isTax: boolean;
  currency: number;
  valueMax: number;
  duty: number;
  rate: number;
  amount: number;
  threshold: number;
  rateAbove: number;
  deduction: number;
  vat: number;
  /** The regime's own VAT rate, or NaN for the country's rate. */
  vatRate: number;
  cif: boolean;
  /** Days to recover import VAT (bulk), or NaN when not recoverable. */
  recoveryDays: number;
}

/** One run of days of a month with the same regimes and rates. */
export interface Period {
  weight: number;
  regimes: number[];
  /** The country's VAT rate on these days. */
  vatRate: number;
  /** Per distinct SKU category (LandedTables.skuCategory): the tariffs table rate, NaN when the country has none. */
  tariff: Float64Array;
}

export interface LandedTables {
  /** Currency codes; index 0 is CNY. */
  currencies: string[];
  regimes: CompiledRegime[];
  /** Per destination, per month: the parcel periods. */
  parcel: Period[][][];
  /** Per site, per month: the bulk-import periods. */
  bulk: Period[][][];
  /** Per destination: VAT rate per month on a sale from a warehouse (seasonality-weighted over the month). */
  saleVat: Float64Array;
  months: number;
  /** Per SKU: index of its category in each Period's tariff array; how many categories. */
  skuCategory: Int32Array;
  categoryCount: number;
  /** Per SKU: currency index of its price and of its unit cost. */
  priceCurrency: Int32Array;
  costCurrency: Int32Array;
  /** Currency index of the results. */
  reporting: number;
  /** Per currency: the input index of its rate (-1 for CNY); for a currency with a monthly path, of the path's multiplier. */
  fxInput: Int32Array;
  /**
   * Per currency × month (currency-major): the monthly path of its rate, CNY per unit (currency.paths);
   * 1 in every month for a currency without a path (its drawn rate then holds for the whole horizon).
   * Month m's rate = the trial's drawn value × fxPath[c × months + m].
   */
  fxPath: Float64Array;
  /** Per currency: the mean of its path over the months (1 without a path): the trial's level rate = drawn × this (cost classes, price kinks). */
  fxPathMean: Float64Array;
  vatRegistered: boolean;
  /**
   * Where a parcel's duties and taxes are not linear in its price: a kink at price (CNY) =
   * `kinkValue[i]` × CNY per unit of currency `kinkCurrency[i]` (a value threshold of a parcel
   * regime, in its currency, times 1 + VAT where the value is net of VAT). Between two kinks the
   * charges are linear in the price, so SKUs whose prices fall between the same kinks can be
   * priced together at their mean price (the class engine, sim/engine/trial.ts).
   */
  kinkValue: Float64Array;
  kinkCurrency: Int32Array;
}

const DAY = 86_400_000;
export const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const inForce = (from: string | undefined, to: string | undefined, iso: string) => (from === undefined || iso >= from) && (to === undefined || iso <= to);

/** The VAT rate of a country on a day, or NaN when the file has none. */
export function vatRateOn(customs: CustomsFile, country: string, iso: string): number {
  const row = customs.vatRates.find((r) => r.countries.includes(country) && inForce(r.from, r.to, iso));
  return row ? row.rate : NaN;
}

/** The tariff rate of a country and SKU category on a day (the category's row, else the "*" row), or NaN. */
export function tariffOn(customs: CustomsFile, country: string, category: string, iso: string): number {
  const rows = customs.tariffs.filter((r) => r.countries.includes(country) && inForce(r.from, r.to, iso));
  const row = rows.find((r) => r.category === category) ?? rows.find((r) => r.category === '*');
  return row ? row.rate : NaN;
}

/** Regimes in force for a country, channel and day, in file order. */
export function regimesOn(customs: CustomsFile, country: string, channel: 'parcel' | 'bulk', iso: string): number[] {
  const out: number[] = [];
  customs.regimes.forEach((r, i) => {
    if (r.channel === channel && r.countries.includes(country) && inForce(r.from, r.to, iso)) out.push(i);
  });
  return out;
}

export function compileRegime(r: Regime, currencies: string[]): CompiledRegime {
  return {
    id: r.id,
    surcharge: r.layer === 'surcharge',
    isTax: r.kind === 'tax',
    currency: currencies.indexOf(r.currency),
    valueMax: r.valueMax ?? Infinity,
    duty: DUTY_RULE_CODE[r.duty.rule],
    rate: r.duty.rate ?? 0,
    amount: r.duty.amount ?? 0,
    threshold: r.duty.threshold ?? Infinity,
    rateAbove: r.duty.rateAbove ?? 0,
    deduction: r.duty.deduction ?? 0,
    vat: VAT_RULE_CODE[r.vat.rule],
    vatRate: r.vat.rate ?? NaN,
    cif: r.valueBasis === 'CIF',
    recoveryDays: r.vatRecoveryDays ?? NaN,
  };
}

export interface TableInput {
  customs: CustomsFile;
  fx: FxFile;
  /** Calendar: ISO date and month index of every simulated day, and its seasonality weight. */
  dayIso: string[];
  monthOf: Int32Array;
  season: Float64Array;
  months: number;
  destinations: string[];
  sites: string[];
  categories: string[];
  priceCurrencies: string[];
  costCurrencies: string[];
  reporting: string;
  /** currency → input index of its rate (or of its path's multiplier). */
  fxInput: Record<string, number>;
  /** currency → CNY per unit in each month of the horizon (currency.paths); absent currencies have no path. */
  fxPaths?: Record<string, number[]>;
  vatRegistered: boolean;
}

/** The currencies a scenario needs: CNY first, then every other one in a fixed (sorted) order. */
export function neededCurrencies(customs: CustomsFile, countries: readonly string[], extra: readonly string[]): string[] {
  const set = new Set<string>(extra);
  for (const r of customs.regimes) if (r.countries.some((c) => countries.includes(c))) set.add(r.currency);
  set.delete('CNY');
  return ['CNY', ...[...set].sort()];
}

function periods(t: TableInput, country: string, channel: 'parcel' | 'bulk'): Period[][] {
  const out: Period[][] = Array.from({ length: t.months }, () => []);
  const total = new Float64Array(t.months);
  // (days the calendar puts past the last month are not simulated; they are skipped here too)
  for (let day = 0; day < t.dayIso.length; day++) if (t.monthOf[day]! < t.months) total[t.monthOf[day]!]! += t.season[day]!;
  // rates are looked up per distinct category (a scenario may have thousands of SKUs, few categories)
  const cats = [...new Set(t.categories)];
  let key = '';
  let cur: Period | null = null;
  let curMonth = -1;
  for (let day = 0; day < t.dayIso.length; day++) {
    const iso = t.dayIso[day]!;
    const m = t.monthOf[day]!;
    if (m >= t.months) continue;
    const rs = regimesOn(t.customs, country, channel, iso);
    const vat = vatRateOn(t.customs, country, iso);
    const rates = cats.map((c) => tariffOn(t.customs, country, c, iso));
    const k = `${rs.join(',')}|${vat}|${rates.join(',')}`;
    if (m !== curMonth || k !== key) {
      cur = { weight: 0, regimes: rs, vatRate: vat, tariff: Float64Array.from(rates) };
      out[m]!.push(cur);
      key = k;
      curMonth = m;
    }
    // a month with no seasonal weight (all-zero seasonality) splits by days
    cur!.weight += total[m]! > 0 ? t.season[day]! / total[m]! : 0;
  }
  for (let m = 0; m < t.months; m++) {
    if (total[m]! > 0) continue;
    const ps = out[m]!;
    for (const p of ps) p.weight = 1 / ps.length;
  }
  return out;
}

/** Compiles the landed-cost tables of a scenario. */
export function compileLanded(t: TableInput): LandedTables {
  const currencies = neededCurrencies(t.customs, [...t.destinations, ...t.sites], [...t.priceCurrencies, ...t.costCurrencies, t.reporting]);
  const regimes = t.customs.regimes.map((r) => compileRegime(r, currencies));
  const saleVat = new Float64Array(t.destinations.length * t.months);
  const cats = [...new Set(t.categories)];
  const parcel = t.destinations.map((c) => periods(t, c, 'parcel'));
  t.destinations.forEach((c, d) => {
    const ps = periods(t, c, 'bulk');
    for (let m = 0; m < t.months; m++) saleVat[d * t.months + m] = ps[m]!.reduce((a, p) => a + p.weight * p.vatRate, 0);
  });
  // every value threshold of a parcel regime in force, as a price: with and without the VAT the
  // regime nets out (the surcharges compare the base regime's net value)
  const kinks = new Map<string, [number, number]>();
  for (const ds of parcel)
    for (const ps of ds)
      for (const p of ps)
        for (const ri of p.regimes) {
          const r = regimes[ri]!;
          const vr = Number.isNaN(r.vatRate) ? p.vatRate : r.vatRate;
          const values = [r.valueMax, ...(r.duty === DUTY_RULE_CODE.br_rts ? [r.threshold, r.rateAbove > 0 ? r.deduction / r.rateAbove : NaN] : [])];
          for (const v of values) {
            if (!Number.isFinite(v)) continue;
            for (const f of Number.isFinite(vr) ? [1, 1 + vr] : [1]) kinks.set(`${v * f}|${r.currency}`, [v * f, r.currency]);
          }
        }
  const kinkList = [...kinks.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    kinkValue: Float64Array.from(kinkList, (k) => k[0]),
    kinkCurrency: Int32Array.from(kinkList, (k) => k[1]),
    currencies,
    regimes,
    parcel,
    bulk: t.sites.map((c) => periods(t, c, 'bulk')),
    saleVat,
    months: t.months,
    skuCategory: Int32Array.from(t.categories, (c) => cats.indexOf(c)),
    categoryCount: Math.max(1, cats.length),
    priceCurrency: Int32Array.from(t.priceCurrencies.map((c) => currencies.indexOf(c))),
    costCurrency: Int32Array.from(t.costCurrencies.map((c) => currencies.indexOf(c))),
    reporting: currencies.indexOf(t.reporting),
    fxInput: Int32Array.from(currencies.map((c) => (c === 'CNY' ? -1 : t.fxInput[c] ?? -1))),
    fxPath: Float64Array.from(currencies.flatMap((c) => Array.from({ length: t.months }, (_, m) => t.fxPaths?.[c]?.[m] ?? 1))),
    fxPathMean: Float64Array.from(currencies.map((c) => {
      const p = t.fxPaths?.[c];
      return p && p.length ? p.reduce((a, b) => a + b, 0) / p.length : 1;
    })),
    vatRegistered: t.vatRegistered,
  };
}

/**
 * Duties and taxes of one parcel (one order, one item) in a period, CNY, into `out`:
 * [duty, tax paid at import or in a global rate, VAT inside the sale price] (and, when `out` has a
 * fourth slot, the index of the base regime that applied).
 * `fx` holds CNY per unit of each currency (index 0 = CNY = 1).
 */
export function parcelCharges(L: LandedTables, p: Period, s: number, priceCny: number, fx: Float64Array, out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  const regimes = L.regimes;
  const rs = p.regimes;
  let net = priceCny;
  let found = false;
  for (let i = 0; i < rs.length; i++) {
    const r = regimes[rs[i]!]!;
    if (r.surcharge) continue;
    const vr = Number.isNaN(r.vatRate) ? p.vatRate : r.vatRate;
    const n = r.vat === 1 ? priceCny / (1 + vr) : priceCny;
    const k = fx[r.currency]!;
    const value = n / k;
    if (!(value <= r.valueMax)) continue;
    found = true;
    net = n;
    // (quote asks which regime applied; the hot loop passes a 3-slot array)
    if (out.length > 3) out[3] = rs[i]!;
    const duty = dutyOf(r, value, p.tariff[L.skuCategory[s]!]!);
    out[0] = r.duty === 5 ? 0 : duty * k;
    if (r.duty === 5) out[1] = duty * k;
    else if (r.vat === 1) out[2] = priceCny - n;
    else if (r.vat === 2) out[1] = vr * (value + duty) * k;
    else if (r.vat === 3) out[1] = ((value + duty) * vr * k) / (1 - vr);
    break;
  }
  if (!found) {
    out[0] = NaN;
    return;
  }
  for (let i = 0; i < rs.length; i++) {
    const r = regimes[rs[i]!]!;
    if (!r.surcharge) continue;
    const k = fx[r.currency]!;
    const value = net / k;
    if (!(value <= r.valueMax)) continue;
    out[r.isTax ? 1 : 0]! += dutyOf(r, value, p.tariff[L.skuCategory[s]!]!) * k;
  }
}

/** Duty in the regime's currency for a customs value in that currency. */
export function dutyOf(r: CompiledRegime, value: number, tariff: number): number {
  switch (r.duty) {
    case 1:
    case 5:
      return r.rate * value;
    case 2:
    case 3:
      return r.amount;
    case 4:
      return tariff * value;
    case 6:
      return value <= r.threshold ? r.rate * value : Math.max(0, r.rateAbove * value - r.deduction);
    default:
      return 0;
  }
}

/**
 * Duty and import VAT of one unit imported in bulk in a period, CNY, into `out`:
 * [duty, import VAT paid, import VAT that stays a cost (not recoverable), days until recovery (0 when a cost)].
 */
export function bulkCharges(L: LandedTables, p: Period, s: number, unitCostCny: number, freightCny: number, out: Float64Array): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = 0;
  const regimes = L.regimes;
  const rs = p.regimes;
  let base = -1;
  for (let i = 0; i < rs.length; i++) if (!regimes[rs[i]!]!.surcharge) {
    base = rs[i]!;
    break;
  }
  if (base < 0) {
    out[0] = NaN;
    return;
  }
  const b = regimes[base]!;
  // ad valorem rules only (checked when the data is loaded), so the value can stay in CNY
  const value = b.cif ? unitCostCny + freightCny : unitCostCny;
  const tariff = p.tariff[L.skuCategory[s]!]!;
  let duty = dutyOf(b, value, tariff);
  for (let i = 0; i < rs.length; i++) {
    const r = regimes[rs[i]!]!;
    if (r.surcharge) duty += dutyOf(r, value, tariff);
  }
  const vr = Number.isNaN(b.vatRate) ? p.vatRate : b.vatRate;
  const vat = b.vat === 2 ? vr * (value + duty) : b.vat === 3 ? ((value + duty) * vr) / (1 - vr) : 0;
  out[0] = duty;
  out[1] = vat;
  const recoverable = L.vatRegistered && !Number.isNaN(b.recoveryDays);
  out[2] = recoverable ? 0 : vat;
  out[3] = recoverable ? b.recoveryDays : 0;
}

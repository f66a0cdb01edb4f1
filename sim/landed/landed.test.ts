import { describe, expect, it } from 'vitest';
import { loadDataSet, type DataSet } from '../data/data-set.ts';
import { PROJECT_DIR } from '../testing/fixtures.ts';
import type { CustomsFile } from './schema.ts';
import { bulkCharges, compileLanded, parcelCharges, type LandedTables } from './tables.ts';
import { defaultFx } from './scenario.ts';
import { scenarioSpec } from '../scenario/testing.ts';

const data: DataSet = await loadDataSet(PROJECT_DIR);
/** Round numbers for the hand cases (CNY per unit). */
const RATES: Record<string, number> = { CNY: 1, EUR: 8, USD: 7, GBP: 9, SAR: 2, AED: 2, MXN: 0.4, BRL: 1.3, ILS: 2, KRW: 0.005 };

function tables(customs: CustomsFile, country: string, date: string, category = 'apparel', vatRegistered = true): { L: LandedTables; fx: Float64Array } {
  const L = compileLanded({
    customs,
    fx: data.fx,
    dayIso: [date],
    monthOf: Int32Array.of(0),
    season: Float64Array.of(1),
    months: 1,
    destinations: [country],
    sites: [country],
    categories: [category],
    priceCurrencies: ['CNY'],
    costCurrencies: ['CNY'],
    reporting: 'CNY',
    fxInput: {},
    vatRegistered,
  });
  return { L, fx: Float64Array.from(L.currencies.map((c) => RATES[c]!)) };
}

/** [duty, import-side tax, VAT in the sale price] of one parcel, in `currency`. */
function parcel(country: string, date: string, price: number, currency: string, customs = data.customs): number[] {
  const { L, fx } = tables(customs, country, date);
  const out = new Float64Array(3);
  let acc = [0, 0, 0];
  for (const p of L.parcel[0]![0]!) {
    parcelCharges(L, p, 0, price * RATES[currency]!, fx, out);
    acc = acc.map((a, k) => a + (p.weight * out[k]!) / RATES[currency]!);
  }
  return acc;
}

function bulk(country: string, date: string, category: string, unitCost: number, freight: number, registered = true, customs = data.customs): number[] {
  const { L } = tables(customs, country, date, category, registered);
  const out = new Float64Array(4);
  bulkCharges(L, L.bulk[0]![0]![0]!, 0, unitCost, freight, out);
  return [...out];
}

const close = (got: number[], want: number[]) => got.forEach((g, k) => expect(g, `component ${k}`).toBeCloseTo(want[k]!, 6));

describe('parcel duties and taxes: hand cases of docs/research/landed-cost.md §1.11', () => {
  it('EU: no duty under IOSS before 1 July 2026, €3 per item from that day; France adds €2 per article from 1 March 2026', () => {
    // ES, tax-inclusive €25.41 = €21 + 21 % VAT (case EU-3)
    close(parcel('ES', '2026-06-30', 25.41, 'EUR'), [0, 0, 4.41]);
    close(parcel('ES', '2026-07-01', 25.41, 'EUR'), [3, 0, 4.41]);
    // FR €24 = €20 + 20 % (case EU-1): TPC €2, VAT €4
    close(parcel('FR', '2026-06-15', 24, 'EUR'), [0, 2, 4]);
    close(parcel('FR', '2026-02-28', 24, 'EUR'), [0, 0, 4]);
    // EU-2 with jitsim's one item per order: €45 net → duty €3, TPC €2, VAT €9
    close(parcel('FR', '2026-07-15', 54, 'EUR'), [3, 2, 9]);
    // above €150 net: CCT 12 % (apparel) and import VAT on value + duty
    close(parcel('ES', '2025-03-01', 200, 'EUR'), [24, 0.21 * 224, 0]);
  });

  it('US: de minimis until 1 May 2025, then the postal duty: 54 % (US-1), Section 122 10 % (US-2)', () => {
    close(parcel('US', '2025-03-01', 20, 'USD'), [0, 0, 0]);
    close(parcel('US', '2025-06-10', 20, 'USD'), [10.8, 0, 0]);
    close(parcel('US', '2026-03-10', 20, 'USD'), [2, 0, 0]);
  });

  it('Mexico: global rate 19 % then 33.5 % from 15 August 2025 (MX-1, MX-2)', () => {
    close(parcel('MX', '2025-03-01', 20, 'USD'), [0, 3.8, 0]);
    close(parcel('MX', '2025-09-01', 20, 'USD'), [0, 6.7, 0]);
  });

  it('Brazil: 20 % up to US$50, 60 % − US$20 above, ICMS grossed up (BR-1, BR-2)', () => {
    close(parcel('BR', '2025-06-01', 50, 'USD'), [10, (60 * 0.17) / 0.83, 0]);
    close(parcel('BR', '2025-06-01', 100, 'USD'), [40, (140 * 0.17) / 0.83, 0]);
  });

  it('Chile: US$41 exemption until 24 October 2025, then 19 % IVA at sale (CL-1)', () => {
    close(parcel('CL', '2025-10-01', 30, 'USD'), [0, 0, 0]);
    close(parcel('CL', '2025-10-01', 50, 'USD'), [3, 0.19 * 53, 0]);
    close(parcel('CL', '2025-11-01', 35.7, 'USD'), [0, 0, 5.7]);
  });

  it('UK, Saudi Arabia, UAE, Israel, Korea (GB-1, SA-1)', () => {
    close(parcel('GB', '2025-06-01', 24, 'GBP'), [0, 0, 4]);
    close(parcel('SA', '2025-03-01', 200, 'SAR'), [15, 30, 0]);
    close(parcel('AE', '2025-03-01', 100, 'AED'), [0, 5, 0]);
    close(parcel('IL', '2025-06-01', 100, 'USD'), [0, 18, 0]);
    close(parcel('IL', '2026-01-10', 100, 'USD'), [0, 0, 0]);
    close(parcel('IL', '2026-03-01', 140, 'USD'), [0, 0.18 * 140, 0]);
    close(parcel('KR', '2025-06-01', 100, 'USD'), [0, 0, 0]);
  });
});

describe('bulk imports into a warehouse', () => {
  it('EU: 12 % apparel duty on CIF, import VAT on CIF + duty, recovered by a registered importer after 45 days', () => {
    // unit cost 100 CNY + head-haul 10 CNY = CIF 110; duty 13.2; VAT 23 % × 123.2
    close(bulk('PL', '2025-03-01', 'apparel', 100, 10), [13.2, 0.23 * 123.2, 0, 45]);
    close(bulk('PL', '2025-03-01', 'apparel', 100, 10, false), [13.2, 0.23 * 123.2, 0.23 * 123.2, 0]);
  });

  it('US: FOB value, MFN + Section 301 and the IEEPA surcharge in force, no import VAT', () => {
    close(bulk('US', '2025-06-01', '3c', 100, 10), [10.9 + 30, 0, 0, 0]);
    close(bulk('US', '2026-03-01', '3c', 100, 10), [28.4 + 10, 0, 0, 0]);
  });
});

describe('every figure of data/customs-regimes.json and data/fx.json is read', () => {
  const probes = [5, 20, 40, 45, 60, 80, 100, 120, 140, 160, 200, 700, 900, 1200, 2000, 2600, 3500];
  const bump = (x: number) => x * 1.5 + 0.01;
  /** Every charge a regime yields over the probe values (alone, with a neutral base when it is a surcharge). */
  function charges(customs: CustomsFile, i: number): number[] {
    const r = customs.regimes[i]!;
    const country = r.countries[0]!;
    const date = r.from ?? r.to ?? '2025-06-01';
    const neutral = { id: 'TEST-BASE', countries: [country], channel: r.channel, layer: 'base' as const, currency: r.currency, duty: { rule: 'exempt' as const }, vat: { rule: 'none' as const }, valueBasis: 'FOB' as const, importerOfRecord: 'seller' as const, vatCollector: 'none' as const, confidence: 'H' as const, basis: 'assumption:test' };
    const only: CustomsFile = { ...customs, regimes: r.layer === 'surcharge' ? [r, neutral] : [r, { ...neutral, id: 'TEST-FALLBACK', duty: { rule: 'per_consignment', amount: 999 } }] };
    if (r.channel === 'bulk') return probes.flatMap((v) => bulk(country, date, 'apparel', v, 10, true, only));
    return probes.flatMap((v) => parcel(country, date, v, r.currency, only));
  }
  const numeric = (o: Record<string, unknown>, prefix: string): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'number' ? [`${prefix}${k}`] : v && typeof v === 'object' && !Array.isArray(v) ? numeric(v as Record<string, unknown>, `${prefix}${k}.`) : []));
  const set = (o: any, path: string, f: (x: number) => number) => {
    const keys = path.split('.');
    const last = keys.pop()!;
    const t = keys.reduce((a, k) => a[k], o);
    t[last] = f(t[last]);
  };

  it('each number of each regime changes a duty or tax when it changes', () => {
    let checked = 0;
    data.customs.regimes.forEach((r, i) => {
      for (const path of numeric(r as unknown as Record<string, unknown>, '')) {
        const copy = structuredClone(data.customs);
        set(copy.regimes[i], path, bump);
        expect(charges(copy, i), `${r.id}.${path}`).not.toEqual(charges(data.customs, i));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('each VAT rate and tariff row changes a bulk import when it changes', () => {
    const tables2: ['vatRates' | 'tariffs', { countries: string[]; rate: number; from?: string; to?: string; category?: string }[]][] = [['vatRates', data.customs.vatRates], ['tariffs', data.customs.tariffs]];
    for (const [table, rows] of tables2) {
      rows.forEach((row, i) => {
        const country = row.countries[0]!;
        const date = row.from ?? row.to ?? '2025-06-01';
        const category = row.category !== undefined && row.category !== '*' ? row.category : 'other-category';
        const copy = structuredClone(data.customs);
        (copy[table][i] as { rate: number }).rate = bump(row.rate);
        // a country without import VAT (the US) reads its VAT rate on warehouse sales
        const before = [...bulk(country, date, category, 100, 10), ...tables(data.customs, country, date, category).L.saleVat];
        const after = [...bulk(country, date, category, 100, 10, true, copy), ...tables(copy, country, date, category).L.saleVat];
        expect(after, `${table}/${i}`).not.toEqual(before);
      });
    }
  });

  it('each exchange rate is the mean of the default draw, with its volatility over the horizon', () => {
    for (const [c, r] of Object.entries(data.fx.rates)) {
      const spec = scenarioSpec({ horizonMonths: 12, currency: undefined, skus: [{ ...scenarioSpec().skus[0]!, priceCurrency: c }] });
      expect(defaultFx(data, spec)[c], c).toEqual({ dist: 'lognormal', mean: r.cnyPerUnit, sd: r.cnyPerUnit * r.annualVol });
    }
  });
});

describe('quote: duties and taxes of one order with the regimes applied', () => {
  it('FR on 2026-07-15 at 200 CNY: €3 EU duty and €2 French tax at data/fx.json\'s rate; the warehouse pays 12 % on CIF', async () => {
    const { landedQuote } = await import('./quote.ts');
    const eur = data.fx.rates.EUR!.cnyPerUnit;
    const q = landedQuote(data, 'FR', '2026-07-15', 'apparel', 200, 30, 6, 0.1);
    expect(q.parcel).toEqual({ regimes: ['EU-LVC-3EUR-2026', 'FR-TPC-2026'], dutyCny: Math.round(3 * eur * 100) / 100, importTaxCny: Math.round(2 * eur * 100) / 100, saleVatCny: 33.33 });
    expect(q.warehouse).toMatchObject({ regimes: ['EU-BULK'], dutyCny: 4.32, importVatPaidCny: Math.round(0.2 * 40.32 * 100) / 100, vatRecoveryDays: 45 });
    // above €150 net, the IOSS regime no longer applies and the French tax neither
    expect(landedQuote(data, 'FR', '2026-07-15', 'apparel', 1500, 30, 6, 0.1).parcel.regimes).toEqual(['EU-OVER-150']);
  });

  it('a single order\'s contribution: price − unit cost − fulfilment − duties − taxes, per mode', async () => {
    const { landedQuote, orderProfit } = await import('./quote.ts');
    const eur = data.fx.rates.EUR!.cnyPerUnit;
    const q = landedQuote(data, 'FR', '2026-07-15', 'apparel', 200, 30, 6, 0.1);
    const p = orderProfit(q, 200, 30, { jit: 20, warehouse: 25, direct: 24 });
    // JIT: 200 − 30 − 20 − €3 duty − (€2 French tax + 200 × 0.2/1.2 VAT in the price)
    const r2 = (x: number) => Math.round(x * 100) / 100;
    expect(p.jit).toEqual({ revenueCny: 200, unitCostCny: 30, fulfilmentCny: 20, dutiesCny: r2(3 * eur), taxesCny: r2(r2(2 * eur) + 33.33), contributionCny: r2(200 - 30 - 20 - r2(3 * eur) - r2(2 * eur) - 33.33) });
    expect(p.direct.contributionCny).toBeCloseTo(p.jit.contributionCny - 4, 6);
    // the warehouse: 12 % duty on CIF (30 + 6 freight), the financing of the recoverable import VAT, the VAT in the price
    expect(p.warehouse.dutiesCny).toBe(4.32);
    expect(p.warehouse.contributionCny).toBeCloseTo(200 - 30 - 25 - 4.32 - q.warehouse.importVatCostCny - 33.33, 2);
  });
});

describe('report inputs', () => {
  it('record one key per customs regime, the VAT and tariff tables and each exchange rate, so `npm run reports` rebuilds on a change', async () => {
    const { reportInputs } = await import('../../reports/inputs.ts');
    const { loadRuleSet } = await import('../rules/rule-set.ts');
    const inputs = reportInputs(await loadRuleSet(`${PROJECT_DIR}/rules`), data);
    expect(Object.keys(inputs.data)).toEqual(expect.arrayContaining(['customs-regimes.EU-LVC-3EUR-2026', 'customs-regimes.vatRates', 'customs-regimes.tariffs', 'customs-regimes.json', 'fx.EUR', 'fx.json']));
    const copy = { ...data, fx: { ...data.fx, rates: { ...data.fx.rates, EUR: { ...data.fx.rates.EUR!, cnyPerUnit: 8 } } } };
    expect(reportInputs(await loadRuleSet(`${PROJECT_DIR}/rules`), copy).data['fx.EUR']).not.toBe(inputs.data['fx.EUR']);
  });
});

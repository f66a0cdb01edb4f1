/**
 * Schemas of the landed-cost data files: data/customs-regimes.json (customs regimes per destination,
 * for parcels and for bulk imports into a warehouse) and data/fx.json (exchange rates). Types derive
 * from them; the loader (./data.ts) adds the checks a schema cannot express (dates, coverage).
 */
import { Type, type Static } from '@sinclair/typebox';
import { TextSchema } from '../rules/schema/common.ts';

const Basis = Type.String({ pattern: '^(source|assumption):.+', description: 'source:<document, clause, date> or assumption:<reasoning>' });
const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD (inclusive)' });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
/** ISO 4217 code. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code, e.g. EUR' });
const Fraction = (d: string) => Type.Number({ minimum: 0, maximum: 5, description: d });

export const DUTY_RULES = ['exempt', 'ad_valorem', 'per_item', 'per_consignment', 'tariff', 'global_rate', 'br_rts'] as const;
export const VAT_RULES = ['none', 'at_sale', 'at_import', 'gross_up', 'included'] as const;
export type DutyRule = (typeof DUTY_RULES)[number];
export type VatRule = (typeof VAT_RULES)[number];

const DutySchema = Type.Object(
  {
    rule: Type.Union(DUTY_RULES.map((r) => Type.Literal(r)), {
      description: 'exempt; ad_valorem (rate × value); per_item (amount per item: one item per jitsim order); per_consignment (amount per parcel); tariff (the tariffs table rate of the country and SKU category × value); global_rate (rate × value covers duty and VAT); br_rts (rate up to threshold, rateAbove × value − deduction above)',
    }),
    rate: Type.Optional(Fraction('ad_valorem, global_rate, br_rts: rate on the customs value')),
    amount: Type.Optional(Type.Number({ minimum: 0, description: "per_item, per_consignment: amount in the regime's currency" })),
    threshold: Type.Optional(Type.Number({ minimum: 0, description: "br_rts: value up to which `rate` applies (regime's currency)" })),
    rateAbove: Type.Optional(Fraction('br_rts: rate above the threshold')),
    deduction: Type.Optional(Type.Number({ minimum: 0, description: "br_rts: deduction above the threshold (regime's currency)" })),
  },
  { additionalProperties: false },
);

const VatSchema = Type.Object(
  {
    rule: Type.Union(VAT_RULES.map((r) => Type.Literal(r)), {
      description: 'none; at_sale (VAT inside the sale price, collected by the platform: price × r/(1+r)); at_import (r × (customs value + duty)); gross_up ((value + duty) × r/(1−r), Brazil ICMS); included (inside a global rate)',
    }),
    rate: Type.Optional(Fraction("the rate when it differs from the country's rate in vatRates (e.g. Brazil's ICMS)")),
  },
  { additionalProperties: false },
);

export const RegimeSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]*$', description: 'regime id, shown in outputs' }),
    countries: Type.Array(Country, { minItems: 1, uniqueItems: true }),
    channel: Type.Union([Type.Literal('parcel'), Type.Literal('bulk')], { description: 'parcel: one parcel per order (JIT, direct); bulk: warehouse stock imported at its customs value' }),
    layer: Type.Union([Type.Literal('base'), Type.Literal('surcharge')], { description: 'base: the first base regime in force whose valueMax admits the value applies; surcharge: every surcharge in force whose valueMax admits the value adds' }),
    kind: Type.Optional(Type.Union([Type.Literal('duty'), Type.Literal('tax'), Type.Literal('fee')], { description: 'surcharge: reported under duties (duty, fee) or taxes (tax); default duty' })),
    from: Type.Optional(DateStr),
    to: Type.Optional(DateStr),
    currency: CurrencyCode,
    valueMax: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "highest customs value (regime's currency) the regime admits; none = any value" })),
    duty: DutySchema,
    vat: VatSchema,
    valueBasis: Type.Optional(Type.Union([Type.Literal('FOB'), Type.Literal('CIF')], { description: 'bulk: customs value = unit cost (FOB) or unit cost + head-haul per unit (CIF)' })),
    vatRecoveryDays: Type.Optional(Type.Number({ minimum: 0, description: 'bulk: days until import VAT is recovered by a VAT-registered importer (the cost is then its financing at warehouse.capitalRateYear); absent = not recoverable, a cost' })),
    importerOfRecord: Type.Union([Type.Literal('consumer'), Type.Literal('carrier'), Type.Literal('platform'), Type.Literal('seller'), Type.Literal('importer')]),
    vatCollector: Type.Union([Type.Literal('none'), Type.Literal('platform'), Type.Literal('carrier'), Type.Literal('consumer'), Type.Literal('importer')]),
    confidence: Type.Union([Type.Literal('H'), Type.Literal('M'), Type.Literal('L'), Type.Literal('UNCONFIRMED')], { description: 'H official, M reputable secondary, L weak, UNCONFIRMED assumption (docs/research/README.md)' }),
    basis: Basis,
  },
  { additionalProperties: false },
);

const VatRow = Type.Object({ countries: Type.Array(Country, { minItems: 1, uniqueItems: true }), rate: Type.Number({ minimum: 0, maximum: 1, description: 'standard VAT/GST rate' }), from: Type.Optional(DateStr), to: Type.Optional(DateStr), basis: Basis }, { additionalProperties: false });
const TariffRow = Type.Object(
  {
    countries: Type.Array(Country, { minItems: 1, uniqueItems: true }),
    category: Type.String({ minLength: 1, description: 'SKU category, or * for every other category' }),
    rate: Fraction('duty rate on the customs value'),
    from: Type.Optional(DateStr),
    to: Type.Optional(DateStr),
    basis: Basis,
  },
  { additionalProperties: false },
);

export const CustomsFileSchema = Type.Object(
  {
    $schema: Type.String(),
    description: TextSchema,
    regimes: Type.Array(RegimeSchema, { minItems: 1 }),
    vatRates: Type.Array(VatRow, { description: 'standard rate per country and period' }),
    tariffs: Type.Array(TariffRow, { description: 'duty rate per country, SKU category and period (tariff rule)' }),
  },
  { additionalProperties: false },
);

export const FxFileSchema = Type.Object(
  {
    $schema: Type.String(),
    description: TextSchema,
    date: DateStr,
    source: Basis,
    rates: Type.Record(CurrencyCode, Type.Object({ cnyPerUnit: Type.Number({ exclusiveMinimum: 0 }), annualVol: Type.Number({ minimum: 0, maximum: 1, description: 'annualised volatility of the rate (fraction)' }), basis: Basis }, { additionalProperties: false }), { description: 'currency → CNY per unit' }),
  },
  { additionalProperties: false },
);

export type CustomsFile = Static<typeof CustomsFileSchema>;
export type Regime = Static<typeof RegimeSchema>;
export type FxFile = Static<typeof FxFileSchema>;

/**
 * The scenario file (data/scenarios/*.json): a client profile for the simulator. Written with
 * TypeBox so the TypeScript type and the published JSON Schema (data/schema/scenario.schema.json,
 * `npm run schemas`) cannot drift. Field meanings: data/scenarios/README.md.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StoreInputSchema } from '../checks/inputs.ts';
import { TextSchema } from '../rules/schema/common.ts';
import { DIST_FIELDS, DIST_KINDS, type DistJson } from '../random/dist.ts';

/**
 * An uncertain input: a plain number, or `{ "dist": kind, … }`. Written as if/then/else so that a
 * mistake is reported once, at the right field (not once per union branch).
 */
export function DistSchema(description: string, bounds: { minimum?: number; maximum?: number; exclusiveMinimum?: number } = {}) {
  return Type.Unsafe<DistJson>({
    description: `${description} — a number, or a distribution { "dist": ${DIST_KINDS.map((k) => `"${k}"`).join(' | ')}, … } (see data/scenarios/README.md)`,
    if: { type: 'number' },
    then: { type: 'number', ...bounds },
    else: {
      type: 'object',
      required: ['dist'],
      properties: {
        dist: { enum: [...DIST_KINDS] },
        value: { type: 'number' },
        min: { type: 'number' },
        mode: { type: 'number' },
        max: { type: 'number' },
        mean: { type: 'number' },
        sd: { type: 'number', minimum: 0 },
        values: { type: 'array', items: { type: 'number' }, minItems: 1 },
        weights: { type: 'array', items: { type: 'number', minimum: 0 } },
      },
      additionalProperties: false,
      allOf: DIST_KINDS.map((k) => ({ if: { properties: { dist: { const: k } }, required: ['dist'] }, then: { required: [...DIST_FIELDS[k]] } })),
    },
  });
}

const rate = (d: string) => DistSchema(`${d} (fraction: 2 % = 0.02)`, { minimum: 0, maximum: 1 });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. ES' });
const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Currency = (description: string) => Type.String({ pattern: '^[A-Z]{3}$', description: `ISO 4217 code: ${description}` });

export const SkuSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'SKU id (shown in outputs)' }),
    name: Type.Optional(TextSchema),
    category: Type.String({ minLength: 1, description: 'a category of rules/catalogue.json (apparel, 3c, home, beauty, …)' }),
    share: Type.Number({ exclusiveMinimum: 0, description: 'share of orders (the shares of all SKUs are normalised to 1)' }),
    weightKg: DistSchema('parcel weight, kg (drawn once per trial)', { exclusiveMinimum: 0 }),
    volumeLitres: Type.Optional(DistSchema('parcel volume, litres (default: weight × modes.volumetricLitresPerKg)', { exclusiveMinimum: 0 })),
    unitCostCny: DistSchema('purchase cost of one unit, in unitCostCurrency (CNY unless given)', { minimum: 0 }),
    priceCny: DistSchema('selling price to the consumer, tax-inclusive, in priceCurrency (CNY unless given)', { minimum: 0 }),
    priceCurrency: Type.Optional(Currency('currency of priceCny (the field keeps its name for compatibility); converted at the trial\'s rate of data/fx.json or currency.rates; default CNY')),
    unitCostCurrency: Type.Optional(Currency('currency of unitCostCny; default CNY')),
    jitTagged: Type.Boolean({ description: 'SKU-1: "支持JIT履约" ticked' }),
    containsLithiumBattery: Type.Optional(Type.Boolean({ description: 'BAN-1: banned from JIT, always shipped direct under the JIT mode (E117); without "battery" the class is UN3481 (batteries in equipment)' })),
    battery: Type.Optional(Type.Union([Type.Literal('UN3481'), Type.Literal('UN3480')], { description: 'lithium-ion battery class: UN3481 contained in or packed with equipment (earbuds, phones), UN3480 batteries alone (power banks); ships only on lanes that accept it (data/battery.json, a client card\'s battery_un3481/battery_un3480 columns); implies containsLithiumBattery' })),
    hasCompositionLabel: Type.Optional(Type.Boolean({ description: 'SKU-2 (apparel); default true' })),
    ceFccCert: Type.Optional(Type.String({ description: 'SKU-3 (3C): CE/FCC certificate number; a number (e.g. CE-123), yes/no or empty as in rules/catalogue.json csv; default: on file' })),
    medicalCert: Type.Optional(Type.Boolean({ description: 'BAN-4 (medical devices); default false' })),
    oversize: Type.Optional(Type.Boolean({ description: 'SUR-1: oversize packaging' })),
  },
  { additionalProperties: false },
);

const RejectedRows = Type.Object({ count: Type.Integer({ minimum: 1 }), firstLines: Type.Array(Type.Integer({ minimum: 1 }), { description: 'first line numbers (up to 5) in the input file' }) }, { additionalProperties: false });

/**
 * Where a calibrated scenario came from (`jitsim calibrate`): the input file and its hash, the
 * period covered, the rows used and rejected per reason, the fitted values with their bootstrap
 * uncertainty and fit quality, and every default that stands in for what the history cannot tell.
 * The simulator does not read it; reports and reviewers do.
 */
export const ProvenanceSchema = Type.Object(
  {
    generatedBy: Type.String({ description: 'tool and version, e.g. "jitsim calibrate 0.1.0"' }),
    input: Type.Object(
      {
        file: Type.String({ description: 'the order export, as named on the command line' }),
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'hash of the file bytes' }),
        encoding: Type.String(),
        delimiter: Type.String(),
        columns: Type.Record(Type.String(), Type.String(), { description: 'canonical column → header found in the file' }),
        catalog: Type.Optional(Type.Object({ file: Type.String(), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    period: Type.Object({ from: DateStr, to: DateStr, days: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    rows: Type.Object(
      {
        read: Type.Integer({ minimum: 0, description: 'data rows in the file (header and empty lines not counted)' }),
        used: Type.Integer({ minimum: 0 }),
        rejected: Type.Record(Type.String(), RejectedRows, { description: 'reason → count and first line numbers' }),
      },
      { additionalProperties: false },
    ),
    fit: Type.Record(Type.String(), Type.Unknown(), { description: 'fitted values: { value, se, ci } (bootstrap), shares, seasonality with standard errors, fit quality' }),
    assumptions: Type.Array(
      Type.Object({ pointer: Type.String({ description: 'JSON pointer of the scenario field' }), value: Type.Unknown(), basis: Type.String({ pattern: '^(source|assumption):.' }) }, { additionalProperties: false }),
      { description: 'every scenario field set from a documented default (data/calibrate.json, data/modes.json) instead of the order history' },
    ),
    warnings: Type.Array(TextSchema),
  },
  { additionalProperties: false, description: 'how this scenario was calibrated from an order history (written by jitsim calibrate)' },
);

/** The four fulfilment modes, as scenario files name them (sim/engine/layout.ts MODES has the same ids, in the same order). */
export const MODE_IDS = ['jit', 'warehouse', 'direct', 'tpl'] as const;

/** Keys of `rateCards`: the legs of the three modes whose rates a client may bring. */
export const RATE_CARD_LEGS = ['jitLogistics', 'direct', 'warehouseLastMile', 'warehouseHeadhaul'] as const;
export type RateCardLeg = (typeof RATE_CARD_LEGS)[number];

/** A client rate card for one leg, and/or the uncertainty of that leg's rates. */
export const RateCardRefSchema = (leg: string, fileHelp: string) =>
  Type.Object(
    {
      file: Type.Optional(Type.String({ minLength: 1, description: `${fileHelp}; path relative to the scenario file. Replaces the shipped card for this run` })),
      fallback: Type.Optional(Type.Union([Type.Literal('shipped'), Type.Literal('error')], { description: `a lane (destination × weight bracket) the client card does not cover: "error" (default) stops with the list of missing lanes; "shipped" uses the shipped ${leg} card for it` })),
      multiplier: Type.Optional(DistSchema(`uncertainty of every ${leg} rate: a factor sampled once per trial (e.g. { "dist": "uniform", "min": 0.95, "max": 1.15 } for −5 % to +15 %); default: the shipped card's own uncertainty when the shipped card is used, 1 for a client card`, { exclusiveMinimum: 0 })),
      laneMultipliers: Type.Optional(
        Type.Record(Type.String({ pattern: '^[A-Z]{2}(/[0-9]+(\\.[0-9]+)?)?$' }), Type.Number({ exclusiveMinimum: 0 }), {
          description: 'fixed factor per lane: "ES" (every weight bracket to ES) or "ES/0.5" (the ≤ 0.5 kg bracket only; wins over "ES"); e.g. written by `jitsim backtest --fit-rates`',
        }),
      ),
    },
    { additionalProperties: false },
  );

export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'kebab-case name (output folder)' }),
    title: Type.Optional(Type.String({ minLength: 1, description: 'display name in reports, any text (default: name)' })),
    description: TextSchema,
    startDate: DateStr,
    horizonMonths: Type.Integer({ minimum: 1, maximum: 60 }),
    feeSchedule: Type.Optional(Type.String({ description: 'JIT fee schedule of rules/fees.json (A or B); default: its defaultSchedule' })),
    newSeller: Type.Boolean({ description: 'FEE-A1: first month of the base fee waived' }),
    newSellerFeeReading: Type.Optional(Type.String({ description: 'which reading of the new-seller relief to use (rules/fees.json newSellerReadings, e.g. "waived" or "reduced"); default: the rule file\'s defaultNewSellerReading' })),
    store: Type.Optional(StoreInputSchema),
    demand: Type.Object(
      {
        ordersPerDay: DistSchema('orders per day at the start date (before seasonality)', { exclusiveMinimum: 0 }),
        monthlyGrowth: Type.Optional(DistSchema('growth of the order rate per month (0.03 = +3 %/month)', { minimum: -0.9, maximum: 10 })),
        weekly: Type.Optional(Type.Array(Type.Number({ minimum: 0 }), { minItems: 7, maxItems: 7, description: 'relative volume Monday..Sunday (normalised to mean 1)' })),
        yearly: Type.Optional(Type.Array(Type.Number({ minimum: 0 }), { minItems: 12, maxItems: 12, description: 'relative volume January..December (normalised to mean 1)' })),
        weeklySd: Type.Optional(Type.Array(Type.Number({ minimum: 0, maximum: 10 }), { minItems: 7, maxItems: 7, description: 'standard error of each weekly factor (same units as weekly): every trial draws the week afresh (normal, truncated at 0, normalised to mean 1); written by jitsim calibrate from its bootstrap' })),
        yearlySd: Type.Optional(Type.Array(Type.Number({ minimum: 0, maximum: 10 }), { minItems: 12, maxItems: 12, description: 'standard error of each monthly factor (same units as yearly): every trial draws the year afresh (normal, truncated at 0, normalised to mean 1)' })),
        dispersion: Type.Optional(DistSchema('over-dispersion: coefficient of variation of the daily rate (0 = Poisson)', { minimum: 0, maximum: 5 })),
        arrivals: Type.Optional(Type.Union([Type.Literal('poisson'), Type.Literal('expected')], { description: 'poisson (default): random order counts; expected: every count equals its mean (a deterministic what-if)' })),
      },
      { additionalProperties: false },
    ),
    destinations: Type.Array(
      Type.Object(
        {
          country: Country,
          share: Type.Number({ exclusiveMinimum: 0, description: 'share of orders (normalised to 1)' }),
          service: Type.Union([Type.Literal('economy'), Type.Literal('standard'), Type.Literal('express')], { description: 'service level of JIT and direct (the warehouse uses local standard, or express)' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    skus: Type.Array(SkuSchema, { minItems: 1 }),
    shareUncertainty: Type.Optional(
      Type.Object(
        {
          destinations: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9, description: 'Dirichlet concentration of the destination shares: every trial draws the shares from Dirichlet(concentration × share); the larger, the surer (a share p then has a standard deviation of √(p(1−p)/(concentration+1))); 0 = exact' })),
          skus: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9, description: 'Dirichlet concentration of the SKU shares (as for destinations)' })),
        },
        { additionalProperties: false, description: 'uncertainty of the order mix: written by jitsim calibrate from the bootstrap of the shares' },
      ),
    ),
    returns: Type.Object(
      {
        jitRate: rate('return rate of JIT orders (DSC-3 compares it with the industry average)'),
        directRate: Type.Optional(rate('return rate when shipped direct (default: jitRate ÷ (1 − modes.jitReturnReductionVsDirect))')),
        warehouseRate: Type.Optional(rate('return rate from a self-run warehouse (default: jitRate × modes.warehouseReturnFactorVsJit)')),
      },
      { additionalProperties: false },
    ),
    sync: Type.Union(
      [
        Type.Object({ mode: Type.Literal('api') }, { additionalProperties: false }),
        Type.Object({ mode: Type.Literal('manual'), uploadIntervalHours: DistSchema('hours between manual inventory uploads, drawn afresh for every day (SYNC-LATE when above the rule limit)', { minimum: 0 }) }, { additionalProperties: false }),
      ],
      { description: 'inventory sync: real-time ERP API, or manual uploads' },
    ),
    jit: Type.Object(
      {
        designatedBox: Type.Boolean({ description: 'DSC-2: orders packed in the designated JIT box' }),
        nonPreferredShare: rate('share of JIT orders routed to a non-preferred warehouse (SUR-2)'),
      },
      { additionalProperties: false },
    ),
    warehouse: Type.Optional(
      Type.Object(
        {
          sites: Type.Optional(Type.Record(Country, Type.Array(Country, { minItems: 1 }), { description: 'self-run warehouse site → destinations it serves; default: one site per destination' })),
          vatRegistered: Type.Optional(Type.Boolean({ description: 'the seller is VAT-registered where its warehouses import (import VAT recovered after the regime\'s vatRecoveryDays, so only its financing is a cost); default true' })),
          freight: Type.Optional(
            Type.Union([Type.Literal('auto'), Type.Literal('air'), Type.Literal('sea-lcl'), Type.Literal('sea-fcl'), Type.Literal('rail')], {
              description: 'head-haul freight option for warehouse stock (data/rates/warehouse-headhaul.csv or the client card): one for every site, or "auto" (default): per site and trial, the option with the lowest expected cost per unit — freight at the order size plus the capital, write-off and rent of the stock in transit and the safety stock that keeps warehouse.serviceLevel; plus the lithium-battery head-haul surcharge per kg of the stocked SKUs (data/battery.json), an option that refuses a stocked SKU\'s battery class not chosen while another takes them all',
            }),
          ),
          stockout: Type.Optional(Type.Union([Type.Literal('direct'), Type.Literal('lost')], { description: 'an order the warehouse cannot fill from stock: "direct" (default) ships it from China at direct\'s price and delivery time; "lost" loses the sale (its margin, price − unit cost, is counted as the stock-out cost)' })),
        },
        { additionalProperties: false },
      ),
    ),
    thirdPartyWarehouse: Type.Optional(
      Type.Object(
        {
          tariff: Type.Optional(Type.String({ minLength: 1, description: "the client's 3PL quote: a JSON file with the schema of data/tpl.json (defaults and/or markets; each figure it gives replaces the shipped one), path relative to the scenario file" })),
          multiplier: Type.Optional(DistSchema('uncertainty of every 3PL fee (inbound, storage, pick & pack, label, returns): a factor sampled once per trial; default 1', { exclusiveMinimum: 0 })),
          itemsPerOrder: Type.Optional(Type.Number({ minimum: 1, maximum: 1000, description: 'items picked per order (the pick & pack fee per extra item applies to all but the first); default 1' })),
        },
        { additionalProperties: false, description: 'the third-party (3PL) overseas warehouse, mode 4: it stands where the self-run warehouse sites stand (warehouse.sites) and ships with the same last-mile card' },
      ),
    ),
    modesOff: Type.Optional(
      Type.Array(Type.Union(MODE_IDS.map((m) => Type.Literal(m))), {
        uniqueItems: true,
        maxItems: MODE_IDS.length - 1,
        description: 'modes switched off for this client (e.g. ["warehouse"] when a self-run warehouse is out of the question): shown as "switched off", no P(cheapest), no saving; the comparison is among the rest. At least one mode stays on',
      }),
    ),
    saturation: Type.Optional(
      Type.Array(
        Type.Object(
          {
            country: Country,
            from: DateStr,
            to: DateStr,
            share: Type.Optional(rate('share of the orders to this country in the window downgraded to direct (E203); default 1')),
            reason: Type.Optional(TextSchema),
          },
          { additionalProperties: false },
        ),
        { description: 'capacity-saturation windows: JIT orders downgraded to direct (E203)' },
      ),
    ),
    rateCards: Type.Optional(
      Type.Object(
        {
          jitLogistics: Type.Optional(RateCardRefSchema('JIT logistics', 'CSV with the columns of data/rates/jit-logistics.csv')),
          direct: Type.Optional(RateCardRefSchema('direct shipping', 'CSV with the columns of data/rates/direct.csv')),
          warehouseLastMile: Type.Optional(RateCardRefSchema('warehouse last-mile', 'CSV with the columns of data/rates/warehouse-last-mile.csv')),
          warehouseHeadhaul: Type.Optional(RateCardRefSchema('warehouse head-haul', 'CSV with the columns of data/rates/warehouse-headhaul.csv (site country × sea/air, CNY per kg)')),
        },
        { additionalProperties: false, description: "client rate cards and rate uncertainty per leg (see data/scenarios/README.md)" },
      ),
    ),
    currency: Type.Optional(
      Type.Object(
        {
          reporting: Type.Optional(Currency('currency of revenue, duties, taxes and contribution in the outputs; default CNY')),
          rates: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), DistSchema('CNY per unit of the currency, replacing data/fx.json for this run (a number, or a distribution for FX uncertainty)', { exclusiveMinimum: 0 }), { description: 'ISO 4217 code → CNY per unit' })),
          paths: Type.Optional(
            Type.Record(
              Type.String({ pattern: '^[A-Z]{3}$' }),
              Type.Object(
                {
                  cnyPerUnit: Type.Record(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }), Type.Number({ exclusiveMinimum: 0, maximum: 1e6 }), { description: 'month (YYYY-MM) → CNY per unit of the currency in that month; every month of the horizon, none outside it' }),
                  multiplier: Type.Optional(DistSchema('uncertainty around the path: the whole path × one draw per trial (e.g. { "dist": "lognormal", "mean": 1, "sd": 0.03 }); default 1 (the path as given)', { exclusiveMinimum: 0 })),
                },
                { additionalProperties: false },
              ),
              { description: 'ISO 4217 code → a monthly path of its rate, replacing data/fx.json and currency.rates for that currency: each month converts at its own rate (prices, unit costs, customs values and the results in the reporting currency)' },
            ),
          ),
        },
        { additionalProperties: false, description: 'currencies: the reporting currency and exchange rates (default: data/fx.json, uncertain with its annual volatility)' },
      ),
    ),
    profit: Type.Optional(
      Type.Object(
        {
          objective: Type.Optional(Type.Union([Type.Literal('cost'), Type.Literal('contribution')], { description: 'what the recommendation maximises: "cost" (lowest fulfilment cost, the default) or "contribution" (highest contribution margin, with the delivery-speed sales effect); both views are always shown' })),
          demandBaselineMode: Type.Optional(Type.Union([Type.Literal('jit'), Type.Literal('warehouse'), Type.Literal('direct')], { description: 'the mode under which the demand of this scenario was observed (the seller\'s current mode); a faster mode sells more, a slower one less (modes.salesUpliftPerBusinessDay); default "direct"' })),
          salesEffect: Type.Optional(Type.Boolean({ description: 'apply the delivery-speed sales effect to revenue, contribution and profit (default true); the cost view never has it' })),
          serviceLevel: Type.Optional(
            Type.Object(
              {
                percentile: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'share of orders, e.g. 0.9 for P90' }),
                maxDays: Type.Number({ exclusiveMinimum: 0, maximum: 63, description: 'delivery days that share of orders must not exceed' }),
              },
              { additionalProperties: false, description: 'a required service level, e.g. { "percentile": 0.9, "maxDays": 10 } = P90 delivery ≤ 10 days; a mode that misses it is marked and not recommended' },
            ),
          ),
          minFillRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'the share of orders the warehouse\'s stock must serve (fill rate, served ÷ demanded over the trials; the self-run and the 3PL warehouse hold the same stock), e.g. 0.97; a warehouse mode below it is marked and not recommended (reason "stockouts")' })),
        },
        { additionalProperties: false, description: 'profit view: the objective of the recommendation, the demand baseline of the delivery-speed sales effect, and a required service level' },
      ),
    ),
    overrides: Type.Optional(Type.Record(Type.String({ pattern: '^(modes|warehouse)\\.' }), DistSchema('a data/ parameter', { minimum: 0 }), { description: '"modes.<param>", "warehouse.<param>" (every market) or "warehouse.<CC>.<param>" → value or distribution' })),
    provenance: Type.Optional(ProvenanceSchema),
    correlations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            between: Type.Array(Type.String({ pattern: '^/' }), { minItems: 2, maxItems: 2, description: 'JSON pointers of two uncertain inputs, e.g. ["/demand/ordersPerDay", "/returns/jitRate"]' }),
            rankCorrelation: Type.Number({ minimum: -0.99, maximum: 0.99, description: 'Spearman rank correlation' }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type ScenarioFile = Static<typeof ScenarioSchema>;
export type SkuSpec = Static<typeof SkuSchema>;

/** The schema of each rule file in `rules/`, one per concern. */
import { Type, type Static } from '@sinclair/typebox';
import { ConditionRuleSchema, conditionRuleFields, DateSchema, RuleIdSchema, TextSchema, TopConditionSchema, fileFields, metaFields } from './common.ts';

const money = (description: string) => Type.Number({ description: `${description} (CNY)` });
const nonNegMoney = (description: string) => Type.Number({ minimum: 0, description: `${description} (CNY, ≥ 0)` });

/** rules/admission.json — store-level admission (ADM-1..6). */
export const AdmissionFileSchema = Type.Object(
  {
    ...fileFields('admission'),
    rules: Type.Array(ConditionRuleSchema, { minItems: 1 }),
    documents: Type.Optional(Type.Array(TextSchema, { description: 'Documents the qualification review asks for' })),
  },
  { additionalProperties: false },
);

/** One product category the catalogue check accepts. */
export const CategorySchema = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+$' }), name: TextSchema }, { additionalProperties: false });

/** The columns of a catalogue CSV (the input contract of `jitsim check catalog`), in header order. */
export const CATALOG_COLUMNS = ['sku', 'category', 'jit_tagged', 'weight_kg', 'has_composition_label', 'ce_fcc_cert', 'medical_cert', 'contains_lithium_battery'] as const;
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];

const headerList = (column: string) => Type.Array(Type.String({ minLength: 1 }), { description: `Other header names accepted for the column ${column} (e.g. Chinese ones); matched ignoring case and surrounding spaces` });

/** How `jitsim check catalog` reads a catalogue CSV: header names, yes/no words, certificate numbers. */
export const CatalogueCsvSchema = Type.Object(
  {
    description: Type.Optional(TextSchema),
    headers: Type.Object(Object.fromEntries(CATALOG_COLUMNS.map((c) => [c, headerList(c)])) as Record<CatalogColumn, ReturnType<typeof headerList>>, {
      additionalProperties: false,
      description: 'For each column of the catalogue CSV, the other names its header may have (the English column name is always accepted)',
    }),
    yes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Words that mean yes in a yes/no or certificate cell (matched ignoring case), e.g. true, yes, 1, 是' }),
    no: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Words that mean no in a yes/no or certificate cell (matched ignoring case); an empty cell also means no' }),
    certificateNumber: Type.Object(
      {
        pattern: Type.String({ format: 'regex', minLength: 1, description: 'A regular expression (JavaScript, whole cell) that a certificate number matches, e.g. CE-123, MDR-9' }),
        example: Type.String({ minLength: 1, description: 'An example certificate number, shown in the message for a cell that is none of these' }),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description:
      'How a catalogue CSV is read. Both certificate columns (ce_fcc_cert, medical_cert) accept the same cells: a certificate number (matching certificateNumber.pattern) or a yes word = has the certificate; a no word or an empty cell = has none. The yes/no columns (jit_tagged, has_composition_label, contains_lithium_battery) accept a yes word, a no word or an empty cell (= no). Any other cell makes that SKU "cannot check" (the rest of the file is still checked).',
  },
);

/** rules/catalogue.json — SKU rules (SKU-1..3, FIT-1), the banned list (BAN-1..4) and the import batch limit. */
export const CatalogueFileSchema = Type.Object(
  {
    ...fileFields('catalogue'),
    categories: Type.Array(CategorySchema, { minItems: 1, description: 'Product categories a catalogue CSV may use' }),
    bannedCategories: Type.Array(
      Type.Object({ ...metaFields, category: Type.String({ minLength: 1 }), message: TextSchema, remedy: TextSchema }, { additionalProperties: false }),
      { description: 'Categories banned from JIT outright; each becomes an engine rule "category ≠ X"' },
    ),
    rules: Type.Array(
      Type.Object(
        { ...conditionRuleFields, reason: Type.Union([Type.Literal('banned'), Type.Literal('certificate'), Type.Literal('tagging'), Type.Literal('advisory')], { description: 'How the catalogue summary groups a failure' }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    importBatch: Type.Object({ ...metaFields, maxSkus: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    trial: Type.Optional(Type.Object({ ...metaFields, coreSkus: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })),
    csv: CatalogueCsvSchema,
  },
  { additionalProperties: false },
);

/**
 * A parcel-volume band (体积段): fee per order for parcels whose volume in litres (dm³; 30×20×5 cm
 * = 3 L) lies in [fromLitres, toLitres). `toLitres: null` = no upper bound.
 */
export const BandSchema = Type.Object(
  {
    fromLitres: Type.Number({ minimum: 0, description: 'Parcel volume in litres, inclusive' }),
    toLitres: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()], { description: 'Parcel volume in litres, exclusive; null for the last band' }),
    feeCny: nonNegMoney('Fee per order'),
  },
  { additionalProperties: false },
);

export const FeeComponentSchema = Type.Union([Type.Literal('operation'), Type.Literal('processing')]);
export const RegionSchema = Type.Union([Type.Literal('domestic'), Type.Literal('overseas'), Type.Literal('any')]);

/** One named fee schedule (A from [ENABLE], B from [EXIT]). */
export const ScheduleSchema = Type.Object(
  {
    ...metaFields,
    monthlyFees: Type.Array(
      Type.Object(
        {
          ...metaFields,
          feeCny: nonNegMoney('Fee per calendar month'),
          newSellerWaivedMonths: Type.Integer({ minimum: 0 }),
          newSellerReadings: Type.Optional(
            Type.Record(Type.String({ pattern: '^[a-z][a-z-]*$' }), Type.Object({ shareCharged: Type.Number({ minimum: 0, maximum: 1, description: 'share of the fee a new seller pays in the waived months under this reading' }), reading: TextSchema }, { additionalProperties: false }), {
              description: 'readings of an ambiguous source (e.g. 减免: waived or reduced); a scenario picks one with newSellerFeeReading, reports say which',
            }),
          ),
          defaultNewSellerReading: Type.Optional(Type.String({ description: 'the reading used when a scenario names none' })),
        },
        { additionalProperties: false },
      ),
    ),
    perOrderFees: Type.Array(Type.Object({ ...metaFields, component: FeeComponentSchema, feeCny: nonNegMoney('Fee per order') }, { additionalProperties: false })),
    bandedFees: Type.Array(
      Type.Object({ ...metaFields, component: Type.Literal('operation'), region: RegionSchema, bands: Type.Array(BandSchema, { minItems: 1 }) }, { additionalProperties: false }),
    ),
    logistics: Type.Object({ ...metaFields, rateCard: Type.String({ description: 'Rate card path relative to the project folder, e.g. data/rates/jit-logistics.csv' }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A conditional discount or surcharge (DSC-2, DSC-3, SUR-1, SUR-2): applies when its conditions hold. */
export const AdjustmentSchema = Type.Object(
  {
    ...metaFields,
    schedules: Type.Array(Type.String(), { minItems: 1, description: 'Schedule ids this applies to' }),
    conditions: TopConditionSchema,
    effect: Type.Union([
      Type.Object({ kind: Type.Literal('perOrder'), component: Type.String({ pattern: '^[a-z][a-zA-Z]*$' }), amountCny: money('Added per order; negative for a rebate') }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('factor'), target: Type.Union([Type.Literal('operation'), Type.Literal('logistics')]), factor: Type.Number({ description: 'Multiplier in (0, 1]' }) }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
);

/** A ladder discount (DSC-1): the factor of the highest step whose threshold the fact exceeds. */
export const LadderSchema = Type.Object(
  {
    ...metaFields,
    schedules: Type.Array(Type.String(), { minItems: 1 }),
    fact: Type.Literal('countryDailyOrders'),
    target: Type.Union([Type.Literal('operation'), Type.Literal('logistics')]),
    steps: Type.Array(Type.Object({ aboveOrders: Type.Number({ minimum: 0, description: 'Applies when the fact is strictly above this' }), factor: Type.Number({ description: 'Multiplier in (0, 1]' }) }, { additionalProperties: false }), { minItems: 1 }),
  },
  { additionalProperties: false },
);

/** rules/fees.json — schedules A and B, the discounts and surcharges. */
export const FeesFileSchema = Type.Object(
  {
    ...fileFields('fees'),
    defaultSchedule: Type.String(),
    schedules: Type.Array(ScheduleSchema, { minItems: 1 }),
    adjustments: Type.Array(AdjustmentSchema),
    ladders: Type.Array(LadderSchema),
  },
  { additionalProperties: false },
);

/** rules/routing.json — why an order is not routed to a JIT warehouse (E117, sync-late, E203, unpaid bill). */
export const RoutingFileSchema = Type.Object(
  {
    ...fileFields('routing'),
    rules: Type.Array(
      Type.Object(
        {
          ...conditionRuleFields,
          effect: Type.Union([Type.Literal('not-routed'), Type.Literal('downgrade-direct')], { description: 'What happens to the order when the rule fails; both mean it ships direct' }),
          ref: Type.Optional(Type.String({ description: 'Id of a rule in another file this one enforces, e.g. BIL-1' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    network: Type.Object(
      {
        ...metaFields,
        overseasWarehouseCountries: Type.Array(Type.String(), { description: 'ISO 3166-1 alpha-2 codes of destinations served from an overseas JIT warehouse; others are served from China (domestic)' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** rules/billing.json — when JIT bills are issued, paid and settled (BIL-1, BIL-2). */
export const BillingFileSchema = Type.Object(
  {
    ...fileFields('billing'),
    cycle: Type.Object({ ...metaFields, period: Type.Literal('calendar-month'), billByDay: Type.Integer({ minimum: 1, maximum: 28 }), payByDay: Type.Integer({ minimum: 1, maximum: 28 }), unpaidEffect: TextSchema }, { additionalProperties: false }),
    settlement: Type.Object({ ...metaFields, daysAfterDelivery: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** rules/exit.json — preconditions for leaving JIT (EXIT-1..4) and the four steps. */
export const ExitFileSchema = Type.Object(
  {
    ...fileFields('exit'),
    rules: Type.Array(ConditionRuleSchema, { minItems: 1 }),
    steps: Type.Array(
      Type.Object(
        {
          ...metaFields,
          requires: Type.Array(RuleIdSchema, { description: 'Rule ids that must pass for this step to count as done' }),
          waitHours: Type.Optional(Type.Number({ minimum: 0, description: 'Hours after the previous step before this one can be done' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** rules/reentry.json — conditions for coming back to JIT (RE-1..3). */
export const ReentryFileSchema = Type.Object(
  {
    ...fileFields('reentry'),
    rules: Type.Array(ConditionRuleSchema, { minItems: 1 }),
    coolingOffDays: Type.Integer({ minimum: 0, description: 'Days to wait after leaving before re-applying ([EXIT]: none)' }),
  },
  { additionalProperties: false },
);

/** rules/tests/*.json — rule tests for policy editors. */
export const RuleTestFileSchema = Type.Object(
  {
    $schema: Type.String(),
    description: Type.Optional(Type.String()),
    cases: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1 }),
          check: Type.Union([Type.Literal('store'), Type.Literal('sku'), Type.Literal('exit'), Type.Literal('reentry'), Type.Literal('routing')]),
          asOf: Type.Optional(DateSchema),
          facts: Type.Record(Type.String(), Type.Unknown()),
          expect: Type.Object(
            {
              ok: Type.Boolean(),
              failing: Type.Optional(Type.Array(RuleIdSchema, { description: 'Exactly these rule ids fail (errors only)' })),
              warnings: Type.Optional(Type.Array(RuleIdSchema, { description: 'Exactly these rule ids give a warning' })),
              frozenUntil: Type.Optional(DateSchema),
            },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export type AdmissionFile = Static<typeof AdmissionFileSchema>;
export type CatalogueFile = Static<typeof CatalogueFileSchema>;
export type FeesFile = Static<typeof FeesFileSchema>;
export type Schedule = Static<typeof ScheduleSchema>;
export type Band = Static<typeof BandSchema>;
export type Adjustment = Static<typeof AdjustmentSchema>;
export type Ladder = Static<typeof LadderSchema>;
export type RoutingFile = Static<typeof RoutingFileSchema>;
export type BillingFile = Static<typeof BillingFileSchema>;
export type ExitFile = Static<typeof ExitFileSchema>;
export type ReentryFile = Static<typeof ReentryFileSchema>;
export type RuleTestFile = Static<typeof RuleTestFileSchema>;
export type RuleTestCase = RuleTestFile['cases'][number];

/** Every rule file by its kind, which is also its file name (`rules/<kind>.json`). */
export const RULE_FILE_SCHEMAS = {
  admission: AdmissionFileSchema,
  catalogue: CatalogueFileSchema,
  fees: FeesFileSchema,
  routing: RoutingFileSchema,
  billing: BillingFileSchema,
  exit: ExitFileSchema,
  reentry: ReentryFileSchema,
} as const;

export type RuleFileKind = keyof typeof RULE_FILE_SCHEMAS;
export const RULE_FILE_KINDS = Object.keys(RULE_FILE_SCHEMAS) as RuleFileKind[];

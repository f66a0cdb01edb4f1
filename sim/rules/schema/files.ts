/** The schema of each rule file in `rules/`, one per concern. */
import { Type, type Static } from '@sinclair/typebox';
import { ConditionRuleSchema, conditionRuleFields, DateSchema, RuleIdSchema, TextSchema, TopConditionSchema, UNITS, doc, fileFields, metaFields } from './common.ts';

const money = (en: string, zh: string) => Type.Number(doc(`${en} (CNY)`, `${zh}（元）`, UNITS.cny));
const nonNegMoney = (en: string, zh: string) => Type.Number({ minimum: 0, ...doc(`${en} (CNY, ≥ 0)`, `${zh}（元，≥ 0）`, UNITS.cny) });

/** rules/admission.json — store-level admission (ADM-1..6). */
export const AdmissionFileSchema = Type.Object(
  {
    ...fileFields('admission'),
    rules: Type.Array(ConditionRuleSchema, { minItems: 1 }),
    documents: Type.Optional(Type.Array(TextSchema, doc('Documents the qualification review asks for', '资质审核要求提供的文件'))),
  },
  { additionalProperties: false },
);

/** One product category the catalogue check accepts. */
export const CategorySchema = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]+$' }), name: TextSchema }, { additionalProperties: false });

/** The columns of a catalogue CSV (the input contract of `jitsim check catalog`), in header order. */
export const CATALOG_COLUMNS = ['sku', 'category', 'jit_tagged', 'weight_kg', 'has_composition_label', 'ce_fcc_cert', 'medical_cert', 'contains_lithium_battery'] as const;
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];

const headerList = (column: string) => Type.Array(Type.String({ minLength: 1 }), doc(`Other header names accepted for the column ${column} (e.g. Chinese ones); matched ignoring case and surrounding spaces`, `列 ${column} 可接受的其他表头名称（如中文）；匹配时忽略大小写与首尾空格`));

/** How `jitsim check catalog` reads a catalogue CSV: header names, yes/no words, certificate numbers. */
export const CatalogueCsvSchema = Type.Object(
  {
    description: Type.Optional(TextSchema),
    headers: Type.Object(Object.fromEntries(CATALOG_COLUMNS.map((c) => [c, headerList(c)])) as Record<CatalogColumn, ReturnType<typeof headerList>>, {
      additionalProperties: false,
      ...doc('For each column of the catalogue CSV, the other names its header may have (the English column name is always accepted)', '商品目录CSV每一列表头可用的其他名称（英文列名始终可用）'),
    }),
    yes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, ...doc('Words that mean yes in a yes/no or certificate cell (matched ignoring case), e.g. true, yes, 1, 是', '是否列或证书列中表示“是”的词（忽略大小写），如 true、yes、1、是') }),
    no: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, ...doc('Words that mean no in a yes/no or certificate cell (matched ignoring case); an empty cell also means no', '是否列或证书列中表示“否”的词（忽略大小写）；空单元格也表示否') }),
    certificateNumber: Type.Object(
      {
        pattern: Type.String({ format: 'regex', minLength: 1, ...doc('A regular expression (JavaScript, whole cell) that a certificate number matches, e.g. CE-123, MDR-9', '证书编号须匹配的正则表达式（JavaScript，整格匹配），如 CE-123、MDR-9') }),
        example: Type.String({ minLength: 1, ...doc('An example certificate number, shown in the message for a cell that is none of these', '证书编号示例，单元格不符合时在提示中显示') }),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    ...doc(
      'How a catalogue CSV is read. Both certificate columns (ce_fcc_cert, medical_cert) accept the same cells: a certificate number (matching certificateNumber.pattern) or a yes word = has the certificate; a no word or an empty cell = has none. The yes/no columns (jit_tagged, has_composition_label) accept a yes word, a no word or an empty cell (= no). contains_lithium_battery accepts the lithium-battery class — UN3481 (battery contained in or packed with equipment) or UN3480 (battery alone, e.g. a power bank), case and spaces ignored — or a yes word (= UN3481), a no word or an empty cell (= none). Any other cell makes that SKU "cannot check" (the rest of the file is still checked).',
      '商品目录CSV的读取方式。两个证书列（ce_fcc_cert、medical_cert）接受相同的单元格：证书编号（匹配 certificateNumber.pattern）或表示“是”的词 = 有证书；表示“否”的词或空单元格 = 无证书。是否列（jit_tagged、has_composition_label）接受表示“是”或“否”的词或空单元格（= 否）。contains_lithium_battery 接受锂电池类别——UN3481（电池装在设备中或随设备包装）或 UN3480（单独电池，如充电宝），不区分大小写、忽略空格——或表示“是”的词（= UN3481）、表示“否”的词或空单元格（= 不含）。其他内容使该SKU“无法检查”（文件其余部分照常检查）。',
    ),
  },
);

/** rules/catalogue.json — SKU rules (SKU-1..3, FIT-1), the banned list (BAN-1..4) and the import batch limit. */
/**
 * A catalogue rule's last day in force (exclusive end): from this date it no longer applies. With
 * \`effective\`, a simulation evaluates the catalogue month by month (a ban that starts, or a threshold
 * replaced by a new rule, inside the horizon changes SKUs' JIT eligibility from that month).
 */
const UntilSchema = Type.Optional(Type.String({ format: 'date', ...doc('Date from which this no longer applies (exclusive end), YYYY-MM-DD; absent = open-ended', '失效日期（当日起不再适用），YYYY-MM-DD；不填 = 长期有效') }));

export const CatalogueFileSchema = Type.Object(
  {
    ...fileFields('catalogue'),
    categories: Type.Array(CategorySchema, { minItems: 1, ...doc('Product categories a catalogue CSV may use', '商品目录CSV可使用的商品类目') }),
    bannedCategories: Type.Array(
      Type.Object({ ...metaFields, until: UntilSchema, category: Type.String({ minLength: 1 }), message: TextSchema, remedy: TextSchema }, { additionalProperties: false }),
      doc('Categories banned from JIT outright; each becomes an engine rule "category ≠ X"', '完全禁止JIT的类目；每项成为一条“类目 ≠ X”的引擎规则'),
    ),
    rules: Type.Array(
      Type.Object(
        { ...conditionRuleFields, until: UntilSchema, reason: Type.Union([Type.Literal('banned'), Type.Literal('certificate'), Type.Literal('tagging'), Type.Literal('advisory')], doc('How the catalogue summary groups a failure', '商品目录汇总中失败的归类')) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    importBatch: Type.Object({ ...metaFields, maxSkus: Type.Integer({ minimum: 1, ...doc('Most SKUs in one import batch', '单批导入的SKU上限', UNITS.skus) }) }, { additionalProperties: false }),
    trial: Type.Optional(Type.Object({ ...metaFields, coreSkus: Type.Integer({ minimum: 1, ...doc('Core SKUs to trial JIT with first', '先试行JIT的核心SKU数', UNITS.skus) }) }, { additionalProperties: false })),
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
    fromLitres: Type.Number({ minimum: 0, ...doc('Parcel volume from (inclusive)', '包裹体积起点（含）', UNITS.litres) }),
    toLitres: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()], doc('Parcel volume up to (exclusive); empty (null) for the last band', '包裹体积终点（不含）；最后一档留空（null）', UNITS.litres)),
    feeCny: nonNegMoney('Fee per order', '每单费用'),
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
          feeCny: nonNegMoney('Fee per calendar month', '每自然月费用'),
          newSellerWaivedMonths: Type.Integer({ minimum: 0, ...doc('Months a new seller does not pay (or pays less, see the readings)', '新商家免收（或减收，见各解读）的月数', UNITS.months) }),
          newSellerReadings: Type.Optional(
            Type.Record(Type.String({ pattern: '^[a-z][a-z-]*$' }), Type.Object({ shareCharged: Type.Number({ minimum: 0, maximum: 1, ...doc('Share of the fee a new seller pays in the waived months under this reading', '按此解读，新商家在减免月份支付的费用比例', UNITS.fraction) }), reading: TextSchema }, { additionalProperties: false }), {
              ...doc('Readings of an ambiguous source (e.g. 减免: waived or reduced); a scenario picks one with newSellerFeeReading, reports say which', '来源含义不明时的各种解读（如“减免”：免收或减收）；场景用 newSellerFeeReading 选择，报告注明所用解读'),
            }),
          ),
          defaultNewSellerReading: Type.Optional(Type.String(doc('The reading used when a scenario names none', '场景未指定时采用的解读'))),
        },
        { additionalProperties: false },
      ),
    ),
    perOrderFees: Type.Array(Type.Object({ ...metaFields, component: FeeComponentSchema, feeCny: nonNegMoney('Fee per order', '每单费用') }, { additionalProperties: false })),
    bandedFees: Type.Array(
      Type.Object({ ...metaFields, component: Type.Literal('operation'), region: RegionSchema, bands: Type.Array(BandSchema, { minItems: 1 }) }, { additionalProperties: false }),
    ),
    logistics: Type.Object({ ...metaFields, rateCard: Type.String(doc('Rate card path relative to the project folder, e.g. data/rates/jit-logistics.csv', '运价表路径（相对项目目录），如 data/rates/jit-logistics.csv')) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A conditional discount or surcharge (DSC-2, DSC-3, SUR-1, SUR-2): applies when its conditions hold. */
export const AdjustmentSchema = Type.Object(
  {
    ...metaFields,
    schedules: Type.Array(Type.String(), { minItems: 1, ...doc('Schedule ids this applies to', '适用的收费方案编号') }),
    conditions: TopConditionSchema,
    effect: Type.Union([
      Type.Object({ kind: Type.Literal('perOrder'), component: Type.String({ pattern: '^[a-z][a-zA-Z]*$' }), amountCny: money('Added per order; negative for a rebate', '每单加收；返还时为负数') }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('factor'), target: Type.Union([Type.Literal('operation'), Type.Literal('logistics')]), factor: Type.Number({ ...doc('Multiplier in (0, 1]', '系数，取值 (0, 1]', UNITS.factor) }) }, { additionalProperties: false }),
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
    steps: Type.Array(Type.Object({ aboveOrders: Type.Number({ minimum: 0, ...doc('Applies when the orders per day are strictly above this', '日单量严格高于此值时适用', UNITS.orders) }), factor: Type.Number({ ...doc('Multiplier in (0, 1]', '系数，取值 (0, 1]', UNITS.factor) }) }, { additionalProperties: false }), { minItems: 1 }),
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
          effect: Type.Union([Type.Literal('not-routed'), Type.Literal('downgrade-direct')], doc('What happens to the order when the rule fails; both mean it ships direct', '规则不通过时订单的去向；两者都意味着直发')),
          ref: Type.Optional(Type.String(doc('Id of a rule in another file this one enforces, e.g. BIL-1', '本规则所执行的其他文件中的规则编号，如 BIL-1'))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    network: Type.Object(
      {
        ...metaFields,
        overseasWarehouseCountries: Type.Array(Type.String(), doc('ISO 3166-1 alpha-2 codes of destinations served from an overseas JIT warehouse; others are served from China (domestic)', '由海外JIT仓发货的目的国（ISO 3166-1 两位代码）；其余由国内发货')),
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
    cycle: Type.Object({ ...metaFields, period: Type.Literal('calendar-month'), billByDay: Type.Integer({ minimum: 1, maximum: 28, ...doc('Day of the month by which last month\'s bill is issued', '上月账单最迟于每月几号出账', UNITS.dayOfMonth) }), payByDay: Type.Integer({ minimum: 1, maximum: 28, ...doc('Day of the month by which the bill must be paid', '账单须于每月几号前付清', UNITS.dayOfMonth) }), unpaidEffect: TextSchema }, { additionalProperties: false }),
    settlement: Type.Object({ ...metaFields, daysAfterDelivery: Type.Integer({ minimum: 0, ...doc('Days after delivery until the sale is settled', '妥投后多少天结算货款', UNITS.days) }) }, { additionalProperties: false }),
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
          requires: Type.Array(RuleIdSchema, doc('Rule ids that must pass for this step to count as done', '本步骤完成前必须通过的规则编号')),
          waitHours: Type.Optional(Type.Number({ minimum: 0, ...doc('Hours after the previous step before this one can be done', '上一步之后需等待的小时数', UNITS.hours) })),
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
    coolingOffDays: Type.Integer({ minimum: 0, ...doc('Days to wait after leaving before re-applying ([EXIT]: none)', '退出后重新申请前需等待的天数（[EXIT]：无）', UNITS.days) }),
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

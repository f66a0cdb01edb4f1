/**
 * Building blocks shared by every rule-file schema. The schemas are written with TypeBox, so the
 * TypeScript types are derived from them (`Static<…>`) and cannot drift; `npm run schemas` writes
 * them to `rules/schema/*.schema.json` for editors (VS Code reads `$schema`), and a test proves the
 * written files are current.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A unit in both languages, shown beside a figure (`x-unit`). */
export interface Unit {
  en: string;
  zh: string;
}

export const UNITS = {
  cny: { en: 'CNY', zh: '元' },
  litres: { en: 'litres (dm³)', zh: '升（立方分米）' },
  days: { en: 'days', zh: '天' },
  hours: { en: 'hours', zh: '小时' },
  months: { en: 'months', zh: '个月' },
  orders: { en: 'orders per day', zh: '单/天' },
  skus: { en: 'SKUs', zh: '个SKU' },
  dayOfMonth: { en: 'day of the month', zh: '每月几号' },
  fraction: { en: 'fraction, 0.95 = 95 %', zh: '小数，0.95 = 95%' },
  factor: { en: 'multiplier, 0.9 = 10 % off', zh: '系数，0.9 = 九折' },
} as const satisfies Record<string, Unit>;

/**
 * A field's description in English and Chinese and its unit: `description` stays English (what
 * VS Code shows), `x-description` carries both languages and `x-unit` the unit for `jitsim edit`.
 * ajv ignores `x-` keywords (strict: false).
 */
export function doc(en: string, zh: string, unit?: Unit): { description: string; 'x-description': Unit; 'x-unit'?: Unit } {
  return { description: en, 'x-description': { en, zh }, ...(unit ? { 'x-unit': unit } : {}) };
}

/** A bilingual text: both languages are required. */
export const TextSchema = Type.Object(
  {
    en: Type.String({ minLength: 1, ...doc('English', '英文') }),
    zh: Type.String({ minLength: 1, ...doc('Simplified Chinese', '简体中文') }),
  },
  { additionalProperties: false, ...doc('Text in English and Chinese', '中英文文本') },
);

/** Where a figure or rule comes from: the platform document and clause, and which article quotes it. */
export const SourceSchema = Type.Object(
  {
    document: Type.String({ minLength: 1, ...doc('Platform document as the article names it, e.g. 《JIT准入规则2024版》', '文章所称的平台文件，如《JIT准入规则2024版》') }),
    clause: Type.Optional(Type.String({ ...doc('Clause, e.g. §2.1', '条款，如 §2.1') })),
    article: Type.Union([Type.Literal('ENABLE'), Type.Literal('EXIT')], {
      ...doc('ENABLE = seeds/000 (how to join JIT); EXIT = seeds/001 (how to leave JIT)', 'ENABLE = seeds/000（如何加入JIT）；EXIT = seeds/001（如何退出JIT）'),
    }),
    domainId: Type.Optional(Type.String({ ...doc('Id of the fact in docs/DOMAIN.md, e.g. FEE-A2', 'docs/DOMAIN.md 中事实的编号，如 FEE-A2') })),
  },
  { additionalProperties: false },
);

/** An ISO date (YYYY-MM-DD). */
export const DateSchema = Type.String({ format: 'date', ...doc('Date, YYYY-MM-DD', '日期，YYYY-MM-DD') });

/** A stable rule id, e.g. ADM-3, FEE-A2, E117, SYNC-LATE. */
export const RuleIdSchema = Type.String({ pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$', ...doc('Stable id, e.g. ADM-3', '固定编号，如 ADM-3') });

/** Fields every rule, table or figure carries so that an editor can trace it. */
export const metaFields = {
  id: RuleIdSchema,
  name: TextSchema,
  source: SourceSchema,
  assumption: Type.Optional(
    Type.Object(
      { reasoning: TextSchema },
      { additionalProperties: false, ...doc('Present when the figure is not published: why this value was chosen', '数值未公开时填写：为何取此值') },
    ),
  ),
  effective: Type.String({ format: 'date', ...doc('Date from which this applies, YYYY-MM-DD', '生效日期，YYYY-MM-DD') }),
  description: Type.Optional(TextSchema),
};

/** A condition leaf in json-rules-engine syntax. `value` may be `{ "param": "name" }` to use one of the rule's params. */
export const LeafConditionSchema = Type.Object(
  {
    fact: Type.String({ minLength: 1 }),
    operator: Type.String({ minLength: 1 }),
    value: Type.Unknown(),
    path: Type.Optional(Type.String()),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    name: Type.Optional(Type.String()),
    priority: Type.Optional(Type.Number()),
  },
  { additionalProperties: false, required: ['fact', 'operator', 'value'] },
);

/** json-rules-engine's nested conditions (`all`, `any`, `not`, leaves). */
export const ConditionSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Object({ all: Type.Array(Self), name: Type.Optional(Type.String()), priority: Type.Optional(Type.Number()) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self), name: Type.Optional(Type.String()), priority: Type.Optional(Type.Number()) }, { additionalProperties: false }),
      Type.Object({ not: Self, name: Type.Optional(Type.String()), priority: Type.Optional(Type.Number()) }, { additionalProperties: false }),
      LeafConditionSchema,
    ]),
  { $id: 'Condition' },
);

/** A top-level condition: json-rules-engine requires `all`, `any` or `not` at the top. */
export const TopConditionSchema = Type.Union([
  Type.Object({ all: Type.Array(ConditionSchema) }, { additionalProperties: false }),
  Type.Object({ any: Type.Array(ConditionSchema) }, { additionalProperties: false }),
  Type.Object({ not: ConditionSchema }, { additionalProperties: false }),
]);

/**
 * A rule that is a condition: it PASSES when `conditions` hold. With `forEach`, `match` is first
 * evaluated on every item of that collection and the number of matching items is the fact
 * `matchCount` in `conditions`; matching items are named in the finding.
 */
export const conditionRuleFields = {
    ...metaFields,
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], doc('error = the check fails; warning = advice', 'error = 检查不通过；warning = 仅提示')),
    params: Type.Optional(Type.Record(Type.String(), Type.Number(), doc('Named numbers used as { "param": "name" } in conditions and by the check (e.g. freezeDays)', '具名数值，在条件中以 { "param": "名称" } 引用，也供检查使用（如 freezeDays）'))),
    forEach: Type.Optional(Type.String(doc('Collection fact whose items are matched one by one', '逐项匹配的集合事实'))),
    match: Type.Optional(TopConditionSchema),
    conditions: TopConditionSchema,
    message: Type.Object(TextSchema.properties, { additionalProperties: false, ...doc('What the check says when the rule fails', '规则不通过时检查给出的说明') }),
    remedy: Type.Object(TextSchema.properties, { additionalProperties: false, ...doc('What to do about it', '应如何处理') }),
};

export const ConditionRuleSchema = Type.Object(conditionRuleFields, { additionalProperties: false });


/** The fields of every rule file's top level. */
export function fileFields(kind: string) {
  return {
    $schema: Type.String({ description: `./schema/${kind}.schema.json` }),
    kind: Type.Literal(kind),
    title: TextSchema,
    description: Type.Optional(TextSchema),
    effective: DateSchema,
  };
}

export type Text = Static<typeof TextSchema>;
export type Source = Static<typeof SourceSchema>;
export type Condition = Static<typeof ConditionSchema>;
export type TopCondition = Static<typeof TopConditionSchema>;
export type LeafCondition = Static<typeof LeafConditionSchema>;
export type ConditionRule = Static<typeof ConditionRuleSchema>;
export type AnySchema = TSchema;

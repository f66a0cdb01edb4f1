/**
 * Building blocks shared by every rule-file schema. The schemas are written with TypeBox, so the
 * TypeScript types are derived from them (`Static<…>`) and cannot drift; `npm run schemas` writes
 * them to `rules/schema/*.schema.json` for editors (VS Code reads `$schema`), and a test proves the
 * written files are current.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A bilingual text: both languages are required. */
export const TextSchema = Type.Object(
  {
    en: Type.String({ minLength: 1, description: 'English' }),
    zh: Type.String({ minLength: 1, description: '简体中文' }),
  },
  { additionalProperties: false, description: 'Text in English and Chinese / 中英文文本' },
);

/** Where a figure or rule comes from: the platform document and clause, and which article quotes it. */
export const SourceSchema = Type.Object(
  {
    document: Type.String({ minLength: 1, description: 'Platform document as the article names it, e.g. 《JIT准入规则2024版》' }),
    clause: Type.Optional(Type.String({ description: 'Clause, e.g. §2.1' })),
    article: Type.Union([Type.Literal('ENABLE'), Type.Literal('EXIT')], {
      description: 'ENABLE = seeds/000 (how to join JIT); EXIT = seeds/001 (how to leave JIT)',
    }),
    domainId: Type.Optional(Type.String({ description: 'Id of the fact in docs/DOMAIN.md, e.g. FEE-A2' })),
  },
  { additionalProperties: false },
);

/** An ISO date (YYYY-MM-DD). */
export const DateSchema = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A stable rule id, e.g. ADM-3, FEE-A2, E117, SYNC-LATE. */
export const RuleIdSchema = Type.String({ pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$', description: 'Stable id, e.g. ADM-3' });

/** Fields every rule, table or figure carries so that an editor can trace it. */
export const metaFields = {
  id: RuleIdSchema,
  name: TextSchema,
  source: SourceSchema,
  assumption: Type.Optional(
    Type.Object(
      { reasoning: TextSchema },
      { additionalProperties: false, description: 'Present when the figure is not published: why this value was chosen' },
    ),
  ),
  effective: DateSchema,
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
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'error = the check fails; warning = advice' }),
    params: Type.Optional(Type.Record(Type.String(), Type.Number(), { description: 'Named numbers used as { "param": "name" } in conditions and by the check (e.g. freezeDays)' })),
    forEach: Type.Optional(Type.String({ description: 'Collection fact whose items are matched one by one' })),
    match: Type.Optional(TopConditionSchema),
    conditions: TopConditionSchema,
    message: TextSchema,
    remedy: TextSchema,
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

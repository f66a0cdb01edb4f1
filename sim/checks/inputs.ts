/**
 * Schemas of the check inputs (the input contract: these field names are used by tests outside the
 * repository). Types are derived from the schemas.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DiagnosticsError } from '../errors.ts';
import { namedValidator, readJsonDocument, schemaDiagnostics, type JsonDocument } from '../io/index.ts';
import { toJsonSchema } from '../rules/schema/emit.ts';

const rate = (description: string) => Type.Number({ minimum: 0, maximum: 1, description: `${description} (fraction: 95 % = 0.95)` });
const date = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const StoreInputSchema = Type.Object(
  {
    storeType: Type.Union([Type.Literal('enterprise'), Type.Literal('individual')]),
    realNameVerified: Type.Boolean(),
    positiveRate90d: rate('positive-review rate over the last 90 days'),
    disputeRate: rate('dispute rate'),
    providers: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1 }), certified: Type.Boolean(), integration: Type.Union([Type.Literal('api'), Type.Literal('erp'), Type.Literal('none')]) },
        { additionalProperties: false },
      ),
    ),
    failedReviews: Type.Integer({ minimum: 0 }),
    lastFailedReviewOn: Type.Optional(date),
    asOf: Type.Optional(date),
    name: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ExitInputSchema = Type.Object(
  {
    orders: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1 }),
          status: Type.Union([Type.Literal('awaiting_pickup'), Type.Literal('in_transit'), Type.Literal('delivered'), Type.Literal('completed')]),
          hoursSinceCreated: Type.Number({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
    unsettledFeesCny: Type.Number({ minimum: 0 }),
    boundProviders: Type.Array(Type.String({ minLength: 1 })),
    jitSwitchedOffAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the JIT switch was turned off (step 3), ISO date-time' })),
    verified: Type.Optional(Type.Boolean({ description: 'Step 4 done: products carry no JIT label and no JIT carrier remains' })),
    asOf: Type.Optional(Type.String({ format: 'date-time', description: 'Now, ISO date-time (defaults to the clock)' })),
  },
  { additionalProperties: false },
);

export const ReentryInputSchema = Type.Object(
  {
    dsr30d: Type.Number({ minimum: 0, maximum: 5, description: 'Store DSR over the last 30 days (0–5)' }),
    logisticsViolations90d: Type.Integer({ minimum: 0 }),
    providers: Type.Array(Type.Object({ name: Type.String({ minLength: 1 }), requalified: Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const RoutingInputSchema = Type.Object(
  {
    storeQualified: Type.Boolean(),
    skuTagged: Type.Boolean(),
    syncMode: Type.Union([Type.Literal('api'), Type.Literal('manual')]),
    uploadIntervalHours: Type.Number({ minimum: 0 }),
    destinationSaturated: Type.Boolean(),
    billOverdue: Type.Optional(Type.Boolean({ description: 'A JIT bill is unpaid past its due day; or give unpaidBillMonth and asOf' })),
    unpaidBillMonth: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Oldest unpaid JIT bill month, YYYY-MM (due by BIL-1 payByDay of the next month)' })),
    asOf: Type.Optional(date),
  },
  { additionalProperties: false },
);

/** One SKU as facts (rule tests use this; the catalogue CSV is read into the same shape). */
export const SkuInputSchema = Type.Object(
  {
    sku: Type.Optional(Type.String()),
    category: Type.String({ minLength: 1 }),
    jitTagged: Type.Boolean(),
    weightKg: Type.Number({ exclusiveMinimum: 0 }),
    hasCompositionLabel: Type.Boolean(),
    ceFccCert: Type.String(),
    medicalCert: Type.Boolean(),
    containsLithiumBattery: Type.Boolean(),
  },
  { additionalProperties: false },
);

export type SkuInput = Static<typeof SkuInputSchema>;
export type StoreInput = Static<typeof StoreInputSchema>;
export type ExitInput = Static<typeof ExitInputSchema>;
export type ReentryInput = Static<typeof ReentryInputSchema>;
export type RoutingInput = Static<typeof RoutingInputSchema>;

/** The input schemas by validator name (the build pre-compiles each). */
export const INPUT_SCHEMAS: Record<string, TSchema> = {
  'input/store': StoreInputSchema,
  'input/sku': SkuInputSchema,
  'input/exit': ExitInputSchema,
  'input/reentry': ReentryInputSchema,
  'input/routing': RoutingInputSchema,
};
const nameOf = new Map<TSchema, string>(Object.entries(INPUT_SCHEMAS).map(([name, schema]) => [schema, name]));
export const inputJsonSchema = (name: string, schema: TSchema) => toJsonSchema(schema, { id: name, title: 'input' });

/**
 * Validates a value against an input schema; problems are located in `doc`.
 * @throws {DiagnosticsError} with every problem.
 */
export function validateInput<S extends TSchema>(schema: S, doc: JsonDocument, value: unknown = doc.value, basePointer = ''): Static<S> {
  let name = nameOf.get(schema);
  if (!name) nameOf.set(schema, (name = `input/other-${nameOf.size}`));
  const v = namedValidator(name, () => inputJsonSchema(name, schema));
  const diagnostics = schemaDiagnostics(doc, v, value, basePointer);
  if (diagnostics.length > 0) throw new DiagnosticsError(diagnostics);
  return value as Static<S>;
}

/** Reads a JSON input file and validates it. @throws {DiagnosticsError} | {UserInputError} */
export async function readInput<S extends TSchema>(schema: S, file: string): Promise<Static<S>> {
  return validateInput(schema, await readJsonDocument(file));
}

/** {@link readInput}, with the parsed document (for line numbers of later findings). */
export async function readInputDoc<S extends TSchema>(schema: S, file: string): Promise<{ value: Static<S>; doc: JsonDocument }> {
  const doc = await readJsonDocument(file);
  return { value: validateInput(schema, doc), doc };
}

/** Schemas of the parameter files in data/ (warehouse.json, modes.json). Types derive from them. */
import { Type, type Static } from '@sinclair/typebox';
import { TextSchema } from '../rules/schema/common.ts';
import { DistSchema, RATE_CARD_LEGS } from '../scenario/schema.ts';

/** `source:<document and clause>` or `assumption:<why>` — every figure carries one. */
export const BasisSchema = Type.String({ pattern: '^(source|assumption):.+', description: 'source:<document, clause> or assumption:<reasoning>' });

/** One figure with its unit and basis. */
export const ParamSchema = Type.Object(
  {
    value: Type.Union([Type.Number(), Type.String()]),
    unit: Type.Optional(Type.String()),
    basis: BasisSchema,
    name: Type.Optional(TextSchema),
  },
  { additionalProperties: false },
);

export const ModesFileSchema = Type.Object(
  { $schema: Type.String(), description: TextSchema, params: Type.Record(Type.String(), ParamSchema) },
  { additionalProperties: false },
);

export const WarehouseFileSchema = Type.Object(
  {
    $schema: Type.String(),
    description: TextSchema,
    defaults: Type.Record(Type.String(), ParamSchema),
    markets: Type.Record(Type.String(), Type.Record(Type.String(), ParamSchema), { description: 'ISO 3166-1 alpha-2 → params that differ from the defaults' }),
  },
  { additionalProperties: false },
);

/** Default uncertainty of the shipped rate cards (data/rate-uncertainty.json), one entry per leg. */
const LegUncertaintySchema = Type.Object(
  {
    card: Type.String({ description: 'the shipped card this uncertainty belongs to (a path relative to the project folder)' }),
    multiplier: DistSchema('factor on every rate of the card, sampled once per trial', { exclusiveMinimum: 0 }),
    correlation: Type.Optional(Type.Object({ with: Type.Union(RATE_CARD_LEGS.map((l) => Type.Literal(l))), rankCorrelation: Type.Number({ minimum: -0.99, maximum: 0.99 }) }, { additionalProperties: false, description: 'rank correlation of this multiplier with another leg\'s default multiplier (both shipped cards in use)' })),
    basis: BasisSchema,
    name: Type.Optional(TextSchema),
  },
  { additionalProperties: false },
);
export const RateUncertaintyFileSchema = Type.Object(
  {
    $schema: Type.String(),
    description: TextSchema,
    legs: Type.Object(Object.fromEntries(RATE_CARD_LEGS.map((l) => [l, LegUncertaintySchema])) as Record<(typeof RATE_CARD_LEGS)[number], typeof LegUncertaintySchema>, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type RateUncertaintyFile = Static<typeof RateUncertaintyFileSchema>;

export type Param = Static<typeof ParamSchema>;
export type ModesFile = Static<typeof ModesFileSchema>;
export type WarehouseFile = Static<typeof WarehouseFileSchema>;

/** Numeric params every model needs from modes.json (names are the model's inputs, values live in the file). */
export const MODE_PARAMS = [
  'jitReturnReductionVsDirect',
  'returnHandlingDaysJit',
  'returnHandlingDaysDirect',
  'directReturnCostShareOfPrice',
  'jitReturnCostCnyPerReturn',
  'volumetricLitresPerKg',
  'industryReturnRate',
  'quoteDailyOrders',
  'quoteUnitCostCny',
  'quotePriceCny',
  'warehouseReturnFactorVsJit',
  'salesUpliftPerBusinessDay',
  'salesUpliftPerBusinessDayMin',
  'salesUpliftPerBusinessDayMax',
  'businessDaysPerCalendarDay',
  'salesEffectMaxBusinessDays',
  'dispatchDaysJit',
  'dispatchDaysDirect',
  'dispatchDaysWarehouse',
  'dispatchDaysTpl',
] as const;

/** The modes.json params the simulator reads (the others only feed `jitsim quote`): the only ones a scenario may override. */
export const SIM_MODE_PARAMS = ['jitReturnReductionVsDirect', 'returnHandlingDaysJit', 'returnHandlingDaysDirect', 'directReturnCostShareOfPrice', 'jitReturnCostCnyPerReturn', 'volumetricLitresPerKg', 'warehouseReturnFactorVsJit', 'salesUpliftPerBusinessDay', 'salesUpliftPerBusinessDayMin', 'salesUpliftPerBusinessDayMax', 'businessDaysPerCalendarDay', 'salesEffectMaxBusinessDays', 'dispatchDaysJit', 'dispatchDaysDirect', 'dispatchDaysWarehouse', 'dispatchDaysTpl'] as const satisfies readonly (typeof MODE_PARAMS)[number][];

/** Numeric params of a self-run warehouse (per market, falling back to defaults). */
export const WAREHOUSE_PARAMS = [
  'startupCny',
  'startupAmortisationMonths',
  'systemCnyPerMonth',
  'rentCnyPerM3Month',
  'minRentCnyPerMonth',
  'staffCnyPerOrder',
  'stockDensityKgPerM3',
  'daysOfCover',
  'capitalRateYear',
  'writeOffShareYear',
  'returnHandlingCnyPerReturn',
  'returnResaleRate',
  'serviceLevel',
  'unsoldWriteDownShare',
] as const;

export type ModeParam = (typeof MODE_PARAMS)[number];
export type WarehouseParam = (typeof WAREHOUSE_PARAMS)[number];
/** Warehouse params that are fractions in [0, 1]. */
export const WAREHOUSE_FRACTIONS: readonly WarehouseParam[] = ['capitalRateYear', 'writeOffShareYear', 'returnResaleRate', 'serviceLevel', 'unsoldWriteDownShare'];

/**
 * A 3PL overseas-warehouse tariff (data/tpl.json, or a client's file named by a scenario's
 * `thirdPartyWarehouse.tariff`): the fees a third-party warehouse publishes, per market.
 * Same shape as warehouse.json: defaults, and per market only what differs.
 */
export const TplFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: TextSchema,
    defaults: Type.Record(Type.String(), ParamSchema, { description: 'every tariff param (see TPL_PARAMS) with its value, unit and basis' }),
    markets: Type.Record(Type.String(), Type.Record(Type.String(), ParamSchema), { description: 'ISO 3166-1 alpha-2 country of the 3PL warehouse → params that differ from the defaults' }),
  },
  { additionalProperties: false },
);
export type TplFile = Static<typeof TplFileSchema>;

/** Numeric params of a 3PL tariff (per market, falling back to defaults). `inboundUnit` ("carton" or "pallet") names what the inbound fee is charged per. */
export const TPL_PARAMS = [
  'inboundCnyPerUnit',
  'inboundUnitM3',
  'storageCnyPerM3Day',
  'longTermAfterDays',
  'longTermSurchargeCnyPerM3Day',
  'pickPackCnyPerOrder',
  'pickPackCnyPerExtraItem',
  'labelCnyPerOrder',
  'returnHandlingCnyPerReturn',
] as const;
export type TplParam = (typeof TPL_PARAMS)[number];
export const TPL_INBOUND_UNITS = ['carton', 'pallet'] as const;

/** Schemas of the parameter files in data/ (warehouse.json, modes.json). Types derive from them. */
import { Type, type Static } from '@sinclair/typebox';
import { TextSchema } from '../rules/schema/common.ts';

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

export type Param = Static<typeof ParamSchema>;
export type ModesFile = Static<typeof ModesFileSchema>;
export type WarehouseFile = Static<typeof WarehouseFileSchema>;

/** Numeric params every model needs from modes.json (names are the model's inputs, values live in the file). */
export const MODE_PARAMS = [
  'directExtraDaysMin',
  'directExtraDaysMax',
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
  'usdCny',
] as const;

/** Numeric params of a self-run warehouse (per market, falling back to defaults). */
export const WAREHOUSE_PARAMS = [
  'startupCny',
  'startupAmortisationMonths',
  'systemCnyPerMonth',
  'rentCnyPerM3Month',
  'minRentCnyPerMonth',
  'staffCnyPerOrder',
  'headhaulSeaCnyPerKg',
  'headhaulAirCnyPerKg',
  'stockDensityKgPerM3',
  'daysOfCover',
  'capitalRateYear',
  'writeOffShareYear',
  'returnHandlingCnyPerReturn',
  'returnResaleRate',
  'replenishLeadDays',
] as const;

export type ModeParam = (typeof MODE_PARAMS)[number];
export type WarehouseParam = (typeof WAREHOUSE_PARAMS)[number];
/** Warehouse params that are fractions in [0, 1]. */
export const WAREHOUSE_FRACTIONS: readonly WarehouseParam[] = ['capitalRateYear', 'writeOffShareYear', 'returnResaleRate'];

/**
 * Schema of data/battery.json: which lanes carry SKUs with lithium batteries (UN3481: in or packed
 * with equipment; UN3480: batteries alone, e.g. power banks) and at what surcharge, per leg of the
 * modes (direct shipping, the warehouse's head-haul by freight option, its last mile). JIT's own
 * lanes are not here: what JIT admits is the catalogue rules' (BAN-1 of rules/catalogue.json).
 */
import { Type, type Static } from '@sinclair/typebox';
import { TextSchema } from '../rules/schema/common.ts';

export const BATTERY_CLASSES = ['UN3481', 'UN3480'] as const;
export type BatteryClass = (typeof BATTERY_CLASSES)[number];
/** Battery legs: parcel legs are priced per parcel, the head-haul per kg of battery stock. */
export const BATTERY_PARCEL_LEGS = ['direct', 'warehouseLastMile'] as const;
export const BATTERY_LEGS = [...BATTERY_PARCEL_LEGS, 'warehouseHeadhaul'] as const;
export type BatteryLeg = (typeof BATTERY_LEGS)[number];

const Basis = Type.String({ pattern: '^(source|assumption):.+', description: 'source:<document, clause, date> or assumption:<reasoning, range>' });

export const BatteryLaneSchema = Type.Object(
  {
    leg: Type.Union(BATTERY_LEGS.map((l) => Type.Literal(l)), { description: 'direct (also the JIT mode\'s orders shipped direct and warehouse stock-outs shipped direct), warehouseLastMile (self-run and 3PL warehouse, domestic and cross-border), warehouseHeadhaul (China → warehouse, per freight option)' }),
    battery: Type.Union(BATTERY_CLASSES.map((c) => Type.Literal(c)), { description: 'UN3481: lithium-ion batteries contained in or packed with equipment; UN3480: lithium-ion batteries alone (power banks, spare batteries)' }),
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, uniqueItems: true, description: 'destinations (parcel legs) or warehouse sites (head-haul) this row is for; absent = the default row of its leg, class and freight option' })),
    freight: Type.Optional(Type.Union(['air', 'sea-lcl', 'sea-fcl', 'rail'].map((m) => Type.Literal(m)), { description: 'warehouseHeadhaul only: the freight option' })),
    accept: Type.Boolean({ description: 'false: the lane refuses this battery class (the mode cannot serve the SKU there)' }),
    surchargeCnyPerParcel: Type.Optional(Type.Number({ minimum: 0, description: 'parcel legs, accepted: CNY added to each parcel' })),
    surchargeCnyPerKg: Type.Optional(Type.Number({ minimum: 0, description: 'warehouseHeadhaul, accepted: CNY added per kg of battery stock shipped' })),
    basis: Basis,
  },
  { additionalProperties: false },
);

export const BatteryFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: Type.Optional(TextSchema),
    lanes: Type.Array(BatteryLaneSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type BatteryLane = Static<typeof BatteryLaneSchema>;
export type BatteryFile = Static<typeof BatteryFileSchema>;

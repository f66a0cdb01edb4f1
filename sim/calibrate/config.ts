/**
 * data/calibrate.json: the documented defaults for what an order history cannot
 * tell, and the fitting settings of `jitsim calibrate` / `jitsim backtest`. Every figure has a
 * basis (`source:` or `assumption:`), and every default used is listed in the scenario's
 * provenance as an assumption.
 */
import { FxFileSchema, type FxFile } from '../landed/schema.ts';
export type { FxFile };
import { Type, type Static } from '@sinclair/typebox';
import { join } from 'node:path';
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { createAjv, readValidJson } from '../io/index.ts';
import { TextSchema } from '../rules/schema/common.ts';
import { toJsonSchema } from '../rules/schema/emit.ts';

const Basis = Type.String({ pattern: '^(source|assumption):.', description: 'source:<document> or assumption:<reasoning>' });
const Num = (d: string, bounds: { minimum?: number; exclusiveMinimum?: number; maximum?: number } = {}) => Type.Object({ value: Type.Number(bounds), basis: Basis }, { additionalProperties: false, description: d });
const Str = (d: string) => Type.Object({ value: Type.String(), basis: Basis }, { additionalProperties: false, description: d });
const Bool = (d: string) => Type.Object({ value: Type.Boolean(), basis: Basis }, { additionalProperties: false, description: d });

export const CalibrateFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: TextSchema,
    defaults: Type.Object(
      {
        horizonMonths: Num('scenario horizon, months', { minimum: 1, maximum: 60 }),
        service: Str('service level of every destination: economy | standard | express'),
        category: Str('category of SKUs without --catalog'),
        jitTagged: Bool('SKU-1 flag of SKUs without --catalog'),
        unitCostShareOfPrice: Num('purchase cost as a share of the selling price', { minimum: 0, maximum: 1 }),
        newSeller: Bool('FEE-A1 new-seller waiver'),
        syncMode: Str('inventory sync: api | manual'),
        designatedBox: Bool('DSC-2 designated box'),
        nonPreferredShare: Num('share of JIT orders to a non-preferred warehouse', { minimum: 0, maximum: 1 }),
        store: Str('store profile (none: admission taken as passed)'),
        warehouseSites: Str('overseas warehouse sites'),
        dispersion: Type.Object({ value: Type.Number({ minimum: 0, maximum: 5 }), sd: Type.Number({ exclusiveMinimum: 0, maximum: 5 }), basis: Basis }, { additionalProperties: false, description: 'over-dispersion (CV of the daily order rate) when the history is too short to estimate it: mean and standard deviation of its distribution' }),
        fulfilmentMode: Str('mode the history was shipped with: direct | jit | warehouse'),
      },
      { additionalProperties: false },
    ),
    fit: Type.Object(
      {
        bootstrapReplicates: Num('bootstrap replicates', { minimum: 20, maximum: 10000 }),
        seed: Num('bootstrap seed', { minimum: 0 }),
        maxSkus: Num('SKUs kept by name', { minimum: 1, maximum: 500 }),
        bracketSplitMinShare: Num('smallest share of a SKU\'s orders that gets its own weight-bracket entry', { minimum: 0, maximum: 1 }),
        minWeekDays: Num('days of history needed to fit weekly seasonality', { minimum: 7 }),
        minTrendDays: Num('days of history needed to fit a monthly trend', { minimum: 14 }),
        minYearDays: Num('days of history needed to fit yearly seasonality', { minimum: 28 }),
        huberK: Num('Huber tuning constant', { exclusiveMinimum: 0 }),
        phiClipK: Num('clip of squared residuals in the dispersion estimate', { exclusiveMinimum: 0 }),
        minLaneOrders: Num('orders needed to write a lane multiplier', { minimum: 1 }),
        minOrders: Num('orders below which the history is called short: a warning, and the fit is flagged as weak', { minimum: 1 }),
        minDispersionDays: Num('days of history needed to estimate the over-dispersion of daily orders; shorter histories use defaults.dispersion', { minimum: 7 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** data/fx.json, the project's one FX source: its schema lives with the landed-cost data (sim/landed/schema.ts). */
export const FX_FILE = 'data/fx.json';

export type CalibrateFile = Static<typeof CalibrateFileSchema> & {
  /** CNY per unit, from data/fx.json (plus CNY and RMB = 1 by definition), each with its basis. */
  currencies: Record<string, { value: number; basis: string }>;
};
export const CALIBRATE_FILE = 'data/calibrate.json';

export function fxJsonSchema(): Record<string, unknown> {
  return toJsonSchema(FxFileSchema, { id: 'https://jitsim.local/schema/fx.schema.json', title: 'jitsim exchange rates' });
}

export function calibrateJsonSchema(): Record<string, unknown> {
  return toJsonSchema(CalibrateFileSchema, { id: 'https://jitsim.local/schema/calibrate.schema.json', title: 'jitsim calibrate settings' });
}

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;
let validateFx: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Reads data/calibrate.json of a project, with the exchange rates of data/fx.json. @throws {DiagnosticsError} */
export async function loadCalibrateConfig(projectDir: string): Promise<CalibrateFile> {
  validate ??= createAjv().compile(calibrateJsonSchema());
  validateFx ??= createAjv().compile(fxJsonSchema());
  const diags: Diagnostic[] = [];
  const { doc, valid } = await readValidJson(join(projectDir, CALIBRATE_FILE), validate, diags);
  const fx = await readValidJson(join(projectDir, FX_FILE), validateFx, diags);
  if (!doc || !valid || !fx.doc || !fx.valid) throw new DiagnosticsError(diags);
  const rates = (fx.doc.value as FxFile).rates;
  const currencies: CalibrateFile['currencies'] = {
    CNY: { value: 1, basis: 'source:definition (1 CNY = 1 CNY)' },
    RMB: { value: 1, basis: 'source:definition (RMB is another name for CNY)' },
  };
  for (const [code, r] of Object.entries(rates)) currencies[code] = { value: r.cnyPerUnit, basis: r.basis };
  return { ...(doc.value as Static<typeof CalibrateFileSchema>), currencies };
}

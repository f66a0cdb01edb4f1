/** JSON Schemas of the data files, published in data/schema/ for editors. */
import { toJsonSchema } from '../rules/schema/emit.ts';
import { ModesFileSchema, RateUncertaintyFileSchema, TplFileSchema, WarehouseFileSchema } from './schema.ts';
import { CustomsFileSchema, FxFileSchema } from '../landed/schema.ts';
import { BatteryFileSchema } from '../battery/schema.ts';
import { scenarioJsonSchema } from '../scenario/load.ts';
import { calibrateJsonSchema } from '../calibrate/config.ts';

export function emitDataSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of [
    ['modes', ModesFileSchema],
    ['warehouse', WarehouseFileSchema],
    ['rate-uncertainty', RateUncertaintyFileSchema],
    ['customs-regimes', CustomsFileSchema],
    ['fx', FxFileSchema],
    ['tpl', TplFileSchema],
    ['battery', BatteryFileSchema],
  ] as const) {
    out.set(`${name}.schema.json`, JSON.stringify(toJsonSchema(schema, { id: `https://jitsim.local/schema/${name}.schema.json`, title: `jitsim ${name} file` }), null, 2) + '\n');
  }
  out.set('calibrate.schema.json', JSON.stringify(calibrateJsonSchema(), null, 2) + '\n');
  out.set('scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  return out;
}

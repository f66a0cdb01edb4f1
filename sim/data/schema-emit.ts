/** JSON Schemas of the data files, published in data/schema/ for editors. */
import { toJsonSchema } from '../rules/schema/emit.ts';
import { ModesFileSchema, RateUncertaintyFileSchema, WarehouseFileSchema } from './schema.ts';
import { scenarioJsonSchema } from '../scenario/load.ts';
import { calibrateJsonSchema, fxJsonSchema } from '../calibrate/config.ts';

export function emitDataSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of [
    ['modes', ModesFileSchema],
    ['warehouse', WarehouseFileSchema],
    ['rate-uncertainty', RateUncertaintyFileSchema],
  ] as const) {
    out.set(`${name}.schema.json`, JSON.stringify(toJsonSchema(schema, { id: `https://jitsim.local/schema/${name}.schema.json`, title: `jitsim ${name} file` }), null, 2) + '\n');
  }
  out.set('calibrate.schema.json', JSON.stringify(calibrateJsonSchema(), null, 2) + '\n');
  out.set('fx.schema.json', JSON.stringify(fxJsonSchema(), null, 2) + '\n');
  out.set('scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  return out;
}

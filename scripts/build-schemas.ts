/** `npm run schemas`: writes rules/schema/*.schema.json from the TypeBox schemas in sim/. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitRuleSchemas } from '../sim/rules/schema/emit.ts';
import { emitDataSchemas } from '../sim/data/schema-emit.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [dir, files] of [
  ['rules/schema', emitRuleSchemas()],
  ['data/schema', emitDataSchemas()],
] as const) {
  for (const [name, text] of files) {
    await writeFile(join(root, dir, name), text);
    console.log(`wrote ${dir}/${name}`);
  }
}

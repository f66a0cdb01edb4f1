/** Turns the TypeBox schemas into the JSON Schema files editors use (`rules/schema/*.schema.json`). */
import { RULE_FILE_SCHEMAS, RuleTestFileSchema } from './files.ts';

/**
 * Plain draft-07 JSON of a TypeBox schema, with every recursive sub-schema (TypeBox `$id`) moved
 * once into `definitions` and referenced as `#/definitions/<id>`, so that a schema embedded many
 * times never declares the same `$id` twice. ajv and VS Code read this same form.
 */
export function toJsonSchema(schema: unknown, meta: { id: string; title: string }): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string' && !o.$ref.startsWith('#')) return { ...o, $ref: `#/definitions/${o.$ref}` };
    const entries = Object.entries(o).map(([k, v]) => [k, walk(v)] as const);
    const copy = Object.fromEntries(entries.filter(([k]) => k !== '$id'));
    if (typeof o.$id === 'string') {
      definitions[o.$id] = copy;
      return { $ref: `#/definitions/${o.$id}` };
    }
    return copy;
  };
  const body = walk(JSON.parse(JSON.stringify(schema))) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: meta.id, title: meta.title, ...body, ...(Object.keys(definitions).length ? { definitions } : {}) };
}

/** The JSON Schema of one rule-file kind (or `rule-test`), as published. */
export function ruleSchemaJson(name: keyof typeof RULE_FILE_SCHEMAS | 'rule-test'): Record<string, unknown> {
  const schema = name === 'rule-test' ? RuleTestFileSchema : RULE_FILE_SCHEMAS[name];
  return toJsonSchema(schema, { id: `https://jitsim.local/schema/${name}.schema.json`, title: `jitsim ${name} file` });
}

/** File name → JSON text of every schema jitsim publishes for rule files and rule tests. */
export function emitRuleSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of [...(Object.keys(RULE_FILE_SCHEMAS) as (keyof typeof RULE_FILE_SCHEMAS)[]), 'rule-test' as const]) {
    out.set(`${name}.schema.json`, JSON.stringify(ruleSchemaJson(name), null, 2) + '\n');
  }
  return out;
}

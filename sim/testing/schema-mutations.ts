/**
 * Mutations of a JSON document generated from its JSON Schema, for the fuzz suite: the schema is
 * walked beside a valid document, and every field the schema describes — present in the document or
 * only optional in the schema — gets each wrong JSON type, values just outside and far outside its
 * range (minimum/maximum, exclusive bounds, non-integers for integers, huge and tiny numbers, enum
 * non-members, strings breaking the pattern, length and date format, arrays below/above their item
 * counts), and each object loses each required member, gains an unknown member (where
 * `additionalProperties` is false) and a `__proto__` member. No JSON Schema library is used: the
 * keywords jitsim's schemas use (TypeBox output) are read directly; unknown keywords are ignored.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Schema = Record<string, any>;
type Path = (string | number)[];

/** One mutation: where, what kind (for the case count), and how to apply it to a copy of the document. */
export interface SchemaMutation {
  path: Path;
  kind: string;
  /** The value to put at `path`; `undefined` deletes the member (or array element). */
  value?: Json;
  /** Set when the member is to be added/replaced as `__proto__` (an own member, not the prototype). */
  proto?: boolean;
}

const TYPE_SAMPLES: Record<string, Json[]> = {
  string: ['', 'x', 'NaN', '1e999', '-1', '\u0000\u001b[31m', '=cmd|calc', '2024-13-45', '__proto__'],
  number: [0, -1, 0.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1],
  integer: [0, -1, 7, 2 ** 31, 2 ** 53 + 1],
  boolean: [true, false],
  null: [null],
  array: [[], [null], [1, 'a', {}]],
  object: [{}, { a: 1 }],
};
const ALL_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;

/** Resolves `$ref` (local `#/…` only) and merges `allOf`; returns the branches of `anyOf`/`oneOf` (or the schema itself). */
function branches(root: Schema, s: Schema | boolean | undefined, depth = 0): Schema[] {
  if (s === undefined || s === true || s === false || depth > 20) return [];
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
    let t: any = root;
    for (const k of s.$ref.slice(2).split('/').filter(Boolean)) t = t?.[decodeURIComponent(k.replace(/~1/g, '/').replace(/~0/g, '~'))];
    const { $ref: _r, ...rest } = s;
    void _r;
    return branches(root, { ...(t ?? {}), ...rest }, depth + 1);
  }
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    return branches(root, Object.assign({}, rest, ...allOf.flatMap((x: Schema) => branches(root, x, depth + 1))), depth + 1);
  }
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts)) {
    const { anyOf: _a, oneOf: _o, ...rest } = s;
    void _a;
    void _o;
    return alts.flatMap((x: Schema) => branches(root, { ...rest, ...x }, depth + 1));
  }
  return [s];
}

const typeOf = (v: Json): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** The JSON types a set of branches allows (`integer` implies the caller also treats it as number). */
function allowedTypes(bs: Schema[]): Set<string> {
  const out = new Set<string>();
  for (const b of bs) {
    const t = b.type ?? (b.properties || b.patternProperties || b.required ? 'object' : b.items ? 'array' : b.const !== undefined ? typeOf(b.const) : b.enum ? b.enum.map(typeOf) : undefined);
    if (t === undefined) return new Set(ALL_TYPES); // unconstrained
    for (const x of [t].flat()) {
      out.add(x);
      if (x === 'number') out.add('integer');
    }
  }
  return out;
}

/** The branch that describes `v` best: the first whose type matches (else the first). */
function pick(bs: Schema[], v: Json | undefined): Schema | undefined {
  if (v === undefined) return bs[0];
  const t = typeOf(v);
  return bs.find((b) => [b.type].flat().some((x) => x === t || (x === 'number' && t === 'integer'))) ?? bs[0];
}

/** A plausible value of a schema (for adding an optional member), or undefined when none is easy. */
function sampleOf(root: Schema, s: Schema | undefined): Json | undefined {
  const b = branches(root, s)[0];
  if (!b) return undefined;
  if (b.const !== undefined) return b.const as Json;
  if (Array.isArray(b.enum)) return b.enum[0] as Json;
  if (b.default !== undefined) return b.default as Json;
  switch ([b.type].flat()[0]) {
    case 'number':
    case 'integer':
      return b.minimum ?? (b.exclusiveMinimum !== undefined ? b.exclusiveMinimum + 1 : b.maximum ?? 1);
    case 'string':
      return b.format === 'date' ? '2025-01-01' : 'x';
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
  }
  return undefined;
}

/** The mutations of the value `v` (at `path`) that its schema `s` describes, and of everything inside it. */
function walk(root: Schema, s: Schema | undefined, v: Json | undefined, path: Path, out: SchemaMutation[], depth: number): void {
  if (depth > 12) return;
  const bs = branches(root, s);
  if (bs.length === 0) return;
  const allowed = allowedTypes(bs);
  // wrong types: one sample of every JSON type the schema does not allow here
  for (const t of ALL_TYPES) if (!allowed.has(t) && !(t === 'number' && allowed.has('integer'))) out.push({ path, kind: `type:${t}`, value: TYPE_SAMPLES[t]![(path.length + out.length) % TYPE_SAMPLES[t]!.length]! });
  const b = pick(bs, v) ?? {};
  const types = [b.type].flat();
  // out of range
  if (types.includes('number') || types.includes('integer')) {
    const lo = b.minimum ?? b.exclusiveMinimum;
    const hi = b.maximum ?? b.exclusiveMaximum;
    if (lo !== undefined) out.push({ path, kind: 'below-min', value: b.exclusiveMinimum !== undefined ? b.exclusiveMinimum : lo - (Number.isInteger(lo) ? 1 : Math.abs(lo) * 1e-9 + 1e-12) });
    if (hi !== undefined) out.push({ path, kind: 'above-max', value: b.exclusiveMaximum !== undefined ? b.exclusiveMaximum : hi + (Number.isInteger(hi) ? 1 : Math.abs(hi) * 1e-9 + 1e-12) });
    if (types.includes('integer') && !types.includes('number')) out.push({ path, kind: 'non-integer', value: 0.5 + (lo ?? 0) });
    for (const x of [1e308, -1e308, 5e-324, -0, 2 ** 53 + 1, -(2 ** 31)]) out.push({ path, kind: 'extreme-number', value: x });
    // in range for the schema, out of proportion for the model (a day count × 1e9 broke a calendar)
    if (typeof v === 'number') for (const f of [0, -1, 1e-9, 1000, 1e9, 1e300]) out.push({ path, kind: 'scaled', value: v * f });
  }
  if (types.includes('string')) {
    if (Array.isArray(b.enum) || b.const !== undefined) out.push({ path, kind: 'not-in-enum', value: `${String(b.enum?.[0] ?? b.const)}-x` });
    if (b.pattern) out.push({ path, kind: 'pattern', value: ' ' });
    if (b.minLength) out.push({ path, kind: 'too-short', value: '' });
    if (b.maxLength !== undefined) out.push({ path, kind: 'too-long', value: 'x'.repeat(b.maxLength + 1) });
    if (b.format) out.push({ path, kind: 'format', value: b.format === 'date' ? '2025-02-30' : 'not a ' + String(b.format) });
    out.push({ path, kind: 'control-chars', value: '\u0000\u001b[2J\u202e' });
    out.push({ path, kind: 'huge-string', value: 'x'.repeat(100_000) });
  } else if (Array.isArray(b.enum)) out.push({ path, kind: 'not-in-enum', value: 'not-a-member' });
  if (types.includes('array') || b.items) {
    if (b.minItems) out.push({ path, kind: 'too-few-items', value: [] });
    if (b.maxItems !== undefined && Array.isArray(v) && v.length > 0) out.push({ path, kind: 'too-many-items', value: Array.from({ length: b.maxItems + 1 }, () => v[0]!) });
    if (Array.isArray(v) && v.length > 0) out.push({ path, kind: 'many-items', value: Array.from({ length: 2000 }, (_, i) => v[i % v.length]!) });
  }
  // children
  if (Array.isArray(v)) {
    const item = Array.isArray(b.items) ? undefined : b.items;
    v.forEach((x, i) => walk(root, Array.isArray(b.items) ? b.items[i] : item, x, [...path, i], out, depth + 1));
    if (v.length > 0) out.push({ path: [...path, 0], kind: 'delete-item' });
  } else if (v !== null && typeof v === 'object') {
    const props: Record<string, Schema> = b.properties ?? {};
    for (const k of b.required ?? []) if (k in v) out.push({ path: [...path, k], kind: 'missing-required' });
    if (b.additionalProperties === false) out.push({ path: [...path, 'unexpectedField'], kind: 'extra-member', value: 1 });
    out.push({ path: [...path, '__proto__'], kind: 'proto', value: { polluted: true }, proto: true });
    for (const [k, ps] of Object.entries(props)) {
      if (k in v) walk(root, ps, v[k], [...path, k], out, depth + 1);
      else {
        // an optional member the document does not use: present with a plausible value, and with every wrong type
        const sample = sampleOf(root, ps);
        if (sample !== undefined) out.push({ path: [...path, k], kind: 'optional-present', value: sample });
        walk(root, ps, undefined, [...path, k], out, depth + 1);
      }
    }
    for (const [k, x] of Object.entries(v)) {
      if (k in props) continue;
      const ps = Object.entries(b.patternProperties ?? {}).find(([re]) => new RegExp(re, 'u').test(k))?.[1] ?? (typeof b.additionalProperties === 'object' ? b.additionalProperties : undefined);
      walk(root, ps, x, [...path, k], out, depth + 1);
    }
  }
}

/** Every mutation of `doc` that `schema` implies (deterministic order). */
export function schemaMutations(schema: Schema, doc: Json): SchemaMutation[] {
  const out: SchemaMutation[] = [];
  walk(schema, schema, doc, [], out, 0);
  return out;
}

/** A deep copy of `doc` with the mutations applied (a mutation whose parent is gone is skipped). */
export function applyMutations(doc: Json, ms: readonly SchemaMutation[]): Json {
  let copy = JSON.parse(JSON.stringify(doc)) as Json;
  for (const m of ms) {
    if (m.path.length === 0) {
      if (m.value !== undefined) copy = JSON.parse(JSON.stringify(m.value)) as Json;
      continue;
    }
    let parent: any = copy;
    for (const k of m.path.slice(0, -1)) parent = parent?.[k];
    if (parent === null || typeof parent !== 'object') continue;
    const key = m.path[m.path.length - 1]!;
    const value = m.value === undefined ? undefined : (JSON.parse(JSON.stringify(m.value)) as Json);
    if (m.proto) Object.defineProperty(parent, '__proto__', { value, enumerable: true, configurable: true, writable: true });
    else if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else parent[key] = value;
  }
  return copy;
}

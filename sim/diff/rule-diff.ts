/**
 * Semantic diff of two rule sets, per rule id: what changed (a threshold, a list entry, a band fee,
 * a source or an effective date), what was added or removed. Key order and whitespace never show:
 * values are compared, not text.
 */
import { text, type Text } from '../i18n/index.ts';
import { canonicalJson, type RuleFiles } from '../rules/rule-set.ts';
import { RULE_FILE_KINDS, type RuleFileKind } from '../rules/schema/index.ts';

/** One entity of a rule file: a rule, a table or a figure with its own id, or the file's other fields. */
export interface Entity {
  key: string;
  file: RuleFileKind;
  name?: Text;
  value: unknown;
}

export interface FieldChange {
  /** Path inside the entity, e.g. `params.minPositiveRate`, `bands[1].feeCny`, `category`. */
  path: string;
  kind: 'changed' | 'added' | 'removed';
  before?: unknown;
  after?: unknown;
}

export interface EntityChange {
  id: string;
  file: string;
  name: Text | null;
  kind: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits a rule file into its entities: every object with an `id`, `name` and `source`, and the rest of the file. */
export function entities(kind: RuleFileKind, file: unknown): Entity[] {
  const out: Entity[] = [];
  const strip = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => strip(x, depth + 1));
    if (!isObject(v)) return v;
    const inner = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x, depth + 1)]));
    if (depth > 0 && typeof v.id === 'string' && isObject(v.name) && isObject(v.source)) {
      out.push({ key: v.id, file: kind, name: v.name as unknown as Text, value: inner });
      return { ref: v.id };
    }
    return inner;
  };
  const rest = strip(file, 0) as Record<string, unknown>;
  delete rest.$schema;
  out.push({ key: `${kind}.json`, file: kind, value: rest });
  return out;
}

function fmtPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Field-level differences between two JSON values. */
export function diffValues(a: unknown, b: unknown, path: (string | number)[] = []): FieldChange[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const prim = [...a, ...b].every((x) => !isObject(x) && !Array.isArray(x));
    if (prim) {
      const out: FieldChange[] = [];
      const ka = a.map((x) => JSON.stringify(x));
      const kb = b.map((x) => JSON.stringify(x));
      for (const [i, k] of kb.entries()) if (!ka.includes(k)) out.push({ path: fmtPath(path), kind: 'added', after: b[i] });
      for (const [i, k] of ka.entries()) if (!kb.includes(k)) out.push({ path: fmtPath(path), kind: 'removed', before: a[i] });
      return out.length ? out : [{ path: fmtPath(path), kind: 'changed', before: a, after: b }];
    }
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) out.push({ path: fmtPath([...path, i]), kind: 'added', after: b[i] });
      else if (i >= b.length) out.push({ path: fmtPath([...path, i]), kind: 'removed', before: a[i] });
      else out.push(...diffValues(a[i], b[i], [...path, i]));
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const out: FieldChange[] = [];
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(k in a)) out.push({ path: fmtPath([...path, k]), kind: 'added', after: b[k] });
      else if (!(k in b)) out.push({ path: fmtPath([...path, k]), kind: 'removed', before: a[k] });
      else out.push(...diffValues(a[k], b[k], [...path, k]));
    }
    return out;
  }
  return [{ path: fmtPath(path), kind: 'changed', before: a, after: b }];
}

/** The semantic diff of two rule sets, entity by entity, in file order. */
export function diffRuleSets(base: RuleFiles, head: RuleFiles): EntityChange[] {
  const out: EntityChange[] = [];
  for (const kind of RULE_FILE_KINDS) {
    const a = new Map(entities(kind, base[kind]).map((e) => [e.key, e]));
    const b = new Map(entities(kind, head[kind]).map((e) => [e.key, e]));
    for (const [key, eb] of b) {
      const ea = a.get(key);
      if (!ea) out.push({ id: key, file: `${kind}.json`, name: eb.name ?? null, kind: 'added', changes: [] });
      else {
        // entity membership and order are reported by the entities themselves, not as `{ ref }` edits
        const isRef = (v: unknown) => isObject(v) && Object.keys(v).length === 1 && typeof v.ref === 'string';
        const changes = diffValues(ea.value, eb.value).filter((c) => !isRef(c.before) && !isRef(c.after));
        if (changes.length) out.push({ id: key, file: `${kind}.json`, name: eb.name ?? null, kind: 'changed', changes });
      }
    }
    for (const [key, ea] of a) if (!b.has(key)) out.push({ id: key, file: `${kind}.json`, name: ea.name ?? null, kind: 'removed', changes: [] });
  }
  return out;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Human wording of one field change, e.g. "params.minPositiveRate: 0.95 → 0.97", "band 2 feeCny 2.7 → 3.2". */
export function describeChange(c: FieldChange): Text {
  const path = c.path.replace(/^bands\[(\d+)\]\./, (_m, i: string) => `band ${Number(i) + 1} `);
  const pathZh = c.path.replace(/^bands\[(\d+)\]\./, (_m, i: string) => `第${Number(i) + 1}档 `);
  if (c.kind === 'changed') return text(`${path}: ${show(c.before)} → ${show(c.after)}`, `${pathZh}：${show(c.before)} → ${show(c.after)}`);
  if (c.kind === 'added') return text(`${path}: added ${show(c.after)}`, `${pathZh}：新增 ${show(c.after)}`);
  return text(`${path}: removed ${show(c.before)}`, `${pathZh}：删除 ${show(c.before)}`);
}

/**
 * JSON Schema validation (ajv) that reports every error as a located, bilingual diagnostic with a
 * remedy, instead of ajv's terse English.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { pointerSegments, readJsonDocument, type JsonDocument } from './json-document.ts';
import { cacheGet, cacheKey, cacheSet } from './cache.ts';
import { validatorHash } from './validators.ts';

export { AJV_OPTIONS, createAjv } from './ajv.ts';

function describe(e: ErrorObject): { message: Text; remedy: Text } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        message: text(`missing required field "${String(p.missingProperty)}"`, `缺少必填字段 "${String(p.missingProperty)}"`),
        remedy: text(`add "${String(p.missingProperty)}" (see the schema named in $schema)`, `请添加 "${String(p.missingProperty)}"（参见 $schema 指向的模式）`),
      };
    case 'additionalProperties':
      return {
        message: text(`unknown field "${String(p.additionalProperty)}"`, `未知字段 "${String(p.additionalProperty)}"`),
        remedy: text('check the spelling, or remove the field', '请检查拼写或删除该字段'),
      };
    case 'type':
      return {
        message: text(`wrong type: expected ${String(p.type)}`, `类型错误：应为 ${String(p.type)}`),
        remedy: text(`write a ${String(p.type)} here${p.type === 'number' ? ' without quotes (0.95, not "0.95" or "95%")' : ''}`, `此处请写 ${String(p.type)}${p.type === 'number' ? '，不加引号（写 0.95，而非 "0.95" 或 "95%"）' : ''}`),
      };
    case 'enum':
      return {
        message: text(`value is not one of the allowed values`, `取值不在允许范围内`),
        remedy: text(`use one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, `请使用以下之一：${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join('、')}`),
      };
    case 'const':
      return { message: text('value is not the expected constant', '取值与规定常量不符'), remedy: text(`write ${JSON.stringify(p.allowedValue)}`, `请写 ${JSON.stringify(p.allowedValue)}`) };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const cmp = String(p.comparison);
      const isRate = e.keyword.includes('aximum') && p.limit === 1;
      return {
        message: text(`value must be ${cmp} ${String(p.limit)}`, `取值必须 ${cmp} ${String(p.limit)}`),
        remedy: isRate
          ? text('rates are fractions: write 95 % as 0.95', '比率用小数表示：95% 请写作 0.95')
          : e.keyword.includes('inimum') && p.limit === 0
            ? text('amounts, counts and rates cannot be negative here', '此处金额、数量和比率不能为负')
            : text(`change the value so that it is ${cmp} ${String(p.limit)}`, `请把取值改为 ${cmp} ${String(p.limit)}`),
      };
    }
    case 'pattern':
      return { message: text(`value does not match the pattern ${String(p.pattern)}`, `取值不符合格式 ${String(p.pattern)}`), remedy: text('see the schema description of this field for the expected form', '请参见模式中此字段的说明') };
    case 'format':
      return {
        message: text(`value is not a valid ${String(p.format)}`, `不是有效的 ${String(p.format)}`),
        remedy: p.format === 'date' ? text('write the date as YYYY-MM-DD, e.g. 2024-05-01', '日期请写作 YYYY-MM-DD，如 2024-05-01') : text(`write a valid ${String(p.format)}`, `请写有效的 ${String(p.format)}`),
      };
    case 'minItems':
      return { message: text(`needs at least ${String(p.limit)} item(s)`, `至少需要 ${String(p.limit)} 项`), remedy: text('add the missing items', '请补充缺少的项') };
    case 'maxItems':
      return { message: text(`has more than ${String(p.limit)} item(s)`, `超过 ${String(p.limit)} 项`), remedy: text('remove the extra items', '请删除多余的项') };
    case 'minLength':
      return { message: text('text is empty', '文本为空'), remedy: text('write the text', '请填写文本') };
    default:
      return { message: text(`${e.message ?? e.keyword}`, `${e.message ?? e.keyword}`), remedy: text('see the schema named in $schema', '请参见 $schema 指向的模式') };
  }
}

/** Keeps the most useful errors: drops anyOf/oneOf umbrella errors when a branch error is located deeper. */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  // a union of literals fails once per literal: report it once, as an enum of the allowed values
  const consts = new Map<string, unknown[]>();
  for (const e of errors) if (e.keyword === 'const') consts.set(e.instancePath, [...(consts.get(e.instancePath) ?? []), (e.params as { allowedValue: unknown }).allowedValue]);
  for (const [path, allowedValues] of consts) {
    if (allowedValues.length < 2) continue;
    out.push({ keyword: 'enum', instancePath: path, schemaPath: '', params: { allowedValues } } as ErrorObject);
    seen.add(`${path}|const`);
  }
  for (const e of errors) {
    if (e.keyword === 'const' && seen.has(`${e.instancePath}|const`)) continue;
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath))) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

type SchemaNode = Record<string, unknown>;

/** The numeric bounds the schema gives the value at `segments` (first matching branch), if any. */
export function schemaRange(root: unknown, segments: readonly string[]): { min?: number; exclusiveMin?: number; max?: number; exclusiveMax?: number } | undefined {
  const deref = (n: unknown, seen = 0): SchemaNode | undefined => {
    if (!n || typeof n !== 'object') return undefined;
    const ref = (n as SchemaNode).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && seen < 20) {
      let t: unknown = root;
      for (const seg of pointerSegments(ref.slice(1))) t = (t as SchemaNode | undefined)?.[seg];
      return deref(t, seen + 1);
    }
    return n as SchemaNode;
  };
  const visit = (n: unknown, segs: readonly string[], depth: number): ReturnType<typeof schemaRange> => {
    const node = deref(n);
    if (!node || depth > 200) return undefined;
    for (const k of ['anyOf', 'oneOf', 'allOf', 'then', 'else'] as const) {
      const branches = k === 'then' || k === 'else' ? (node[k] ? [node[k]] : undefined) : node[k];
      if (Array.isArray(branches)) for (const b of branches) {
        const r = visit(b, segs, depth + 1);
        if (r) return r;
      }
    }
    if (segs.length === 0) {
      const num = (k: string) => (typeof node[k] === 'number' ? (node[k] as number) : undefined);
      const r = { min: num('minimum'), exclusiveMin: num('exclusiveMinimum'), max: num('maximum'), exclusiveMax: num('exclusiveMaximum') };
      const type = node.type;
      const numeric = type === 'number' || type === 'integer' || (Array.isArray(type) && (type.includes('number') || type.includes('integer')));
      return numeric || Object.values(r).some((x) => x !== undefined) ? r : undefined;
    }
    const [seg, ...rest] = segs as [string, ...string[]];
    const props = node.properties as Record<string, unknown> | undefined;
    if (props && seg in props) return visit(props[seg], rest, depth + 1);
    const pp = node.patternProperties as Record<string, unknown> | undefined;
    if (pp) for (const [re, sub] of Object.entries(pp)) if (new RegExp(re, 'u').test(seg)) return visit(sub, rest, depth + 1);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') return visit(node.additionalProperties, rest, depth + 1);
    if (/^\d+$/.test(seg)) {
      if (Array.isArray(node.prefixItems) && node.prefixItems[Number(seg)]) return visit(node.prefixItems[Number(seg)], rest, depth + 1);
      if (Array.isArray(node.items) && node.items[Number(seg)]) return visit(node.items[Number(seg)], rest, depth + 1);
      if (node.items && typeof node.items === 'object') return visit(node.items, rest, depth + 1);
    }
    return undefined;
  };
  return visit(root, segments, 0);
}

/** "≥ 0 and ≤ 1", or "any finite number". */
export function describeRange(r: ReturnType<typeof schemaRange>): Text {
  const parts: string[] = [];
  if (r?.exclusiveMin !== undefined) parts.push(`> ${r.exclusiveMin}`);
  else if (r?.min !== undefined) parts.push(`≥ ${r.min}`);
  if (r?.exclusiveMax !== undefined) parts.push(`< ${r.exclusiveMax}`);
  else if (r?.max !== undefined) parts.push(`≤ ${r.max}`);
  return parts.length ? text(`a finite number ${parts.join(' and ')}`, `有限数值，${parts.join(' 且 ')}`) : text('a finite number (between -1.7e308 and 1.7e308)', '有限数值（介于 -1.7e308 与 1.7e308 之间）');
}

/** Located problems for the numbers of `doc` under `basePointer` that parsed as ±Infinity (`1e309`). */
export function nonFiniteDiagnostics(doc: JsonDocument, schema: unknown, basePointer = ''): Diagnostic[] {
  return (doc.nonFinite ?? [])
    .filter((n) => n.pointer === basePointer || n.pointer.startsWith(`${basePointer}/`))
    .map((n) => {
      const allowed = describeRange(schemaRange(schema, pointerSegments(n.pointer.slice(basePointer.length))));
      return doc.diag(n.pointer, text(`${n.raw} is not a finite number (it is beyond the largest number, about 1.8e308)`, `${n.raw} 不是有限数值（超出最大可表示数，约 1.8e308）`), text(`write ${allowed.en}`, `请写${allowed.zh}`));
    });
}

/** Validates a parsed document with a compiled schema and returns every problem, located. */
export function schemaDiagnostics(doc: JsonDocument, validate: ValidateFunction, value: unknown = doc.value, basePointer = ''): Diagnostic[] {
  // ajv's `type: number` accepts Infinity: refuse 1e309 and -1e309 first, with the field's range
  const infinite = doc.nonFinite?.length ? nonFiniteDiagnostics(doc, validate.schema, basePointer) : [];
  const at = new Set(infinite.map((d) => d.location.pointer));
  // a whole document that passed the same schema before is not checked again (see cache.ts)
  const hash = validatorHash(validate);
  const key = hash === undefined || value !== doc.value || infinite.length > 0 ? undefined : cacheKey('schema-valid', hash, JSON.stringify(value) ?? 'undefined');
  if (key !== undefined && cacheGet<boolean>(key) === true) return [];
  if (validate(value)) {
    if (key !== undefined) cacheSet(key, true);
    return infinite;
  }
  return [...infinite, ...prune(validate.errors ?? []).filter((e) => !at.has(basePointer + e.instancePath)).map((e) => {
    const pointer = basePointer + (e.keyword === 'additionalProperties' ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath);
    const { message, remedy } = describe(e);
    return doc.diag(pointer, message, remedy);
  })];
}

/**
 * Reads a JSON file and validates it with a schema, collecting every problem into `into` instead of
 * throwing. `doc` is there whenever the file parsed; `valid` tells whether it matched the schema.
 */
export async function readValidJson(file: string, validate: ValidateFunction, into: Diagnostic[]): Promise<{ doc?: JsonDocument; valid: boolean }> {
  let doc: JsonDocument;
  try {
    doc = await readJsonDocument(file);
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      into.push(...e.diagnostics);
      return { valid: false };
    }
    throw e;
  }
  const errs = schemaDiagnostics(doc, validate);
  into.push(...errs);
  return { doc, valid: errs.length === 0 };
}

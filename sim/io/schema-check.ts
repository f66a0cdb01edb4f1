/**
 * JSON Schema validation (ajv) that reports every error as a located, bilingual diagnostic with a
 * remedy, instead of ajv's terse English.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { readJsonDocument, type JsonDocument } from './json-document.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One shared ajv instance: all errors, formats (date, uri …), schema keywords for docs allowed. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

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

/** Validates a parsed document with a compiled schema and returns every problem, located. */
export function schemaDiagnostics(doc: JsonDocument, validate: ValidateFunction, value: unknown = doc.value, basePointer = ''): Diagnostic[] {
  if (validate(value)) return [];
  return prune(validate.errors ?? []).map((e) => {
    const pointer = basePointer + (e.keyword === 'additionalProperties' ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath);
    const { message, remedy } = describe(e);
    return doc.diag(pointer, message, remedy);
  });
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

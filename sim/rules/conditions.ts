/**
 * Checks json-rules-engine conditions against a fact vocabulary, and resolves `{ "param": "x" }`
 * values to the rule's own numbers before the engine sees them.
 */
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import type { JsonDocument } from '../io/index.ts';
import { OPERATORS, type FactSpec } from './facts.ts';
import type { Condition, TopCondition } from './schema/index.ts';

type Leaf = { fact: string; operator: string; value: unknown; path?: string };

function isLeaf(c: Condition): c is Condition & Leaf {
  return typeof (c as Leaf).fact === 'string';
}

/** Calls `visit` on every leaf of a condition tree with its JSON pointer. */
export function forEachLeaf(cond: Condition, pointer: string, visit: (leaf: Leaf, pointer: string) => void): void {
  if (isLeaf(cond)) return visit(cond, pointer);
  const c = cond as { all?: Condition[]; any?: Condition[]; not?: Condition };
  c.all?.forEach((x, i) => forEachLeaf(x, `${pointer}/all/${i}`, visit));
  c.any?.forEach((x, i) => forEachLeaf(x, `${pointer}/any/${i}`, visit));
  if (c.not) forEachLeaf(c.not, `${pointer}/not`, visit);
}

/** A value for a message, safe for any JSON (objects without a prototype included). */
function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

function isParamRef(v: unknown): v is { param: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { param?: unknown }).param === 'string' && Object.keys(v).length === 1;
}

/** Returns a copy of the condition with every `{ "param": name }` value replaced by `params[name]`. */
export function resolveParams<T extends TopCondition | Condition>(cond: T, params: Record<string, number> | undefined): T {
  const walk = (c: unknown): unknown => {
    if (Array.isArray(c)) return c.map(walk);
    if (typeof c !== 'object' || c === null) return c;
    const o = c as Record<string, unknown>;
    if (typeof o.fact === 'string') return { ...o, value: isParamRef(o.value) ? params?.[o.value.param] : o.value };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]));
  };
  return walk(cond) as T;
}

/**
 * Every problem with the leaves of a condition: unknown fact or operator, an operator that does not
 * fit the fact's type, a value of the wrong type or outside an enum, a dangling param, or a feature
 * the tool does not allow in rule files (`path`, a fact-valued comparison).
 */
export function checkCondition(
  doc: JsonDocument,
  cond: TopCondition,
  pointer: string,
  facts: Record<string, FactSpec>,
  params: Record<string, number> | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachLeaf(cond as Condition, pointer, (leaf, p) => {
    const spec = facts[leaf.fact];
    if (!spec) {
      out.push(
        doc.diag(`${p}/fact`, text(`unknown fact "${leaf.fact}"`, `未知事实 "${leaf.fact}"`), text(`use one of: ${Object.keys(facts).join(', ')}`, `请使用以下之一：${Object.keys(facts).join('、')}`)),
      );
      return;
    }
    const fits = OPERATORS[leaf.operator];
    if (!fits) {
      out.push(doc.diag(`${p}/operator`, text(`unknown operator "${leaf.operator}"`, `未知运算符 "${leaf.operator}"`), text(`use one of: ${Object.keys(OPERATORS).join(', ')}`, `请使用以下之一：${Object.keys(OPERATORS).join('、')}`)));
      return;
    }
    if (!fits.includes(spec.type.kind)) {
      out.push(doc.diag(`${p}/operator`, text(`operator "${leaf.operator}" does not apply to ${spec.type.kind} fact "${leaf.fact}"`, `运算符 "${leaf.operator}" 不适用于${spec.type.kind}类型的事实 "${leaf.fact}"`), text(`use one of: ${Object.entries(OPERATORS).filter(([, k]) => k.includes(spec.type.kind)).map(([o]) => o).join(', ')}`, `请改用：${Object.entries(OPERATORS).filter(([, k]) => k.includes(spec.type.kind)).map(([o]) => o).join('、')}`)));
      return;
    }
    if (leaf.path !== undefined) {
      out.push(doc.diag(`${p}/path`, text('"path" is not allowed in rule files', '规则文件中不允许使用 "path"'), text('compare the fact itself; facts are flat values', '请直接比较事实本身；事实均为扁平值')));
    }
    let value = leaf.value;
    if (isParamRef(value)) {
      if (params?.[value.param] === undefined) {
        out.push(doc.diag(`${p}/value/param`, text(`param "${value.param}" is not defined in this rule's "params"`, `本规则的 "params" 中未定义参数 "${value.param}"`), text(`add "params": { "${value.param}": <number> } to the rule, or fix the name`, `请在规则中添加 "params": { "${value.param}": <数值> }，或改正名称`)));
        return;
      }
      value = params[value.param];
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out.push(doc.diag(`${p}/value`, text('the value must be a plain value, a list, or { "param": name }', '取值必须是普通值、列表或 { "param": 名称 }'), text('fact-to-fact comparisons cannot be tabulated: write the number', '事实间比较无法制表：请直接写数值')));
      return;
    }
    const listOp = leaf.operator === 'in' || leaf.operator === 'notIn';
    if (listOp && !Array.isArray(value)) {
      out.push(doc.diag(`${p}/value`, text(`operator "${leaf.operator}" needs a list`, `运算符 "${leaf.operator}" 需要一个列表`), text('write the values as a JSON array, e.g. ["api", "erp"]', '请写成 JSON 数组，如 ["api", "erp"]')));
      return;
    }
    const values = listOp ? (value as unknown[]) : [value];
    values.forEach((v, i) => {
      const vp = listOp ? `${p}/value/${i}` : `${p}/value`;
      const t = spec.type;
      const wrong = (expected: string, remedy = text(`write a ${expected}`, `请写 ${expected}`)) =>
        out.push(doc.diag(vp, text(`fact "${leaf.fact}" is a ${t.kind}, but the value ${show(v)} is not a ${expected}`, `事实 "${leaf.fact}" 为${t.kind}类型，但取值 ${show(v)} 不是 ${expected}`), remedy));
      if (t.kind === 'number') {
        if (typeof v !== 'number' || !Number.isFinite(v)) wrong('number', text('write a number without quotes; rates are fractions (0.95, not "95%")', '请写不带引号的数值；比率用小数（0.95，而非 "95%"）'));
        else if ((t.min !== undefined && v < t.min) || (t.max !== undefined && v > t.max))
          out.push(doc.diag(vp, text(`value ${v} is outside the range of "${leaf.fact}" [${t.min ?? '-∞'}, ${t.max ?? '∞'}]`, `取值 ${v} 超出 "${leaf.fact}" 的范围 [${t.min ?? '-∞'}, ${t.max ?? '∞'}]`), t.max === 1 ? text('rates are fractions: write 95 % as 0.95', '比率用小数：95% 写作 0.95') : text('use a value inside the range', '请使用范围内的取值')));
      } else if (t.kind === 'boolean') {
        if (typeof v !== 'boolean') wrong('boolean', text('write true or false without quotes', '请写不带引号的 true 或 false'));
      } else if (t.kind === 'enum') {
        if (typeof v !== 'string' || !t.values.includes(v)) out.push(doc.diag(vp, text(`${show(v)} is not a value of "${leaf.fact}"`, `${show(v)} 不是 "${leaf.fact}" 的取值`), text(`use one of: ${t.values.join(', ')}`, `请使用以下之一：${t.values.join('、')}`)));
      } else if (typeof v !== 'string') wrong('string');
    });
  });
  return out;
}

/// <reference lib="dom" />
/**
 * The conditions form (json-rules-engine's recursive all/any/not): a tree of groups and
 * fact/operator/value rows, as a react-jsonschema-form custom field. The facts offered are the
 * validator's own vocabulary for the rule file (sim/rules/facts.ts, sent by the server), the
 * operators those that fit the fact's type, the value editor the fact's type (number, yes/no, one
 * of a list, several of a list) or one of the rule's params. Keys the form does not edit (path,
 * name, priority, a leaf's params) are kept. The server's located errors are shown at the group or
 * row they point into.
 */
import type { ErrorSchema, FieldProps } from '@rjsf/utils';
import { createElement as h, type ReactNode } from 'react';
import type { Lang, Text } from './form-schema.ts';

export type FactType = { kind: 'number'; min?: number; max?: number } | { kind: 'boolean' } | { kind: 'enum'; values: readonly string[] } | { kind: 'string' };
export interface FactSpec {
  type: FactType;
  description: Text;
  unit?: Text;
}
export interface FactsView {
  facts: Record<string, FactSpec>;
  collections: Record<string, Record<string, FactSpec>>;
}
/** What the page puts in RJSF's formContext for this field. */
export interface ConditionsContext {
  lang: Lang;
  facts: FactsView | undefined;
  operators: Record<string, readonly string[]>;
  /** The rule's params (names usable as { "param": name }). */
  params: string[];
}

type Node = Record<string, unknown>;
const GROUPS = ['all', 'any', 'not'] as const;
type Group = (typeof GROUPS)[number];

const L = {
  all: { en: 'ALL of these hold (and)', zh: '以下全部成立（且）' },
  any: { en: 'ANY of these holds (or)', zh: '以下任一成立（或）' },
  not: { en: 'NOT: this does not hold', zh: '非：以下不成立' },
  addRow: { en: '+ condition', zh: '+ 条件' },
  addGroup: { en: '+ group', zh: '+ 条件组' },
  remove: { en: 'Remove', zh: '删除' },
  up: { en: 'Move up', zh: '上移' },
  down: { en: 'Move down', zh: '下移' },
  fact: { en: 'fact', zh: '事实' },
  operator: { en: 'operator', zh: '运算符' },
  value: { en: 'value', zh: '值' },
  param: { en: 'param', zh: '参数' },
  literal: { en: 'a value', zh: '固定值' },
  unknownFact: { en: '(not a fact of this file)', zh: '（不是本文件的事实）' },
  yes: { en: 'yes (true)', zh: '是（true）' },
  no: { en: 'no (false)', zh: '否（false）' },
  empty: { en: 'No condition yet.', zh: '尚无条件。' },
} satisfies Record<string, Text>;

const OP_LABEL: Record<string, Text> = {
  equal: { en: '= equal', zh: '= 等于' },
  notEqual: { en: '≠ not equal', zh: '≠ 不等于' },
  lessThan: { en: '< less than', zh: '< 小于' },
  lessThanInclusive: { en: '≤ at most', zh: '≤ 不大于' },
  greaterThan: { en: '> greater than', zh: '> 大于' },
  greaterThanInclusive: { en: '≥ at least', zh: '≥ 不小于' },
  in: { en: 'is one of', zh: '属于' },
  notIn: { en: 'is none of', zh: '不属于' },
};

export const groupOf = (n: unknown): Group | null => (n && typeof n === 'object' && !Array.isArray(n) ? (GROUPS.find((g) => g in (n as Node)) ?? null) : null);

/** The errors of an errorSchema node and of everything below it, except under the keys in `skip`. */
function errorsBelow(e: ErrorSchema | undefined, skip: (k: string) => boolean = () => false): string[] {
  if (!e || typeof e !== 'object') return [];
  const out = [...(((e as { __errors?: string[] }).__errors as string[] | undefined) ?? [])];
  for (const [k, v] of Object.entries(e)) if (k !== '__errors' && !skip(k)) out.push(...errorsBelow(v as ErrorSchema));
  return out;
}
const sub = (e: ErrorSchema | undefined, k: string | number): ErrorSchema | undefined => (e && typeof e === 'object' ? ((e as Record<string, ErrorSchema>)[String(k)] ?? undefined) : undefined);

function defaultLeaf(ctx: ConditionsContext, facts: Record<string, FactSpec>): Node {
  const [fact, spec] = Object.entries(facts)[0] ?? ['', undefined];
  return { fact, operator: defaultOperator(ctx, spec), value: defaultValue(spec, 'equal') };
}
function operatorsFor(ctx: ConditionsContext, spec: FactSpec | undefined): string[] {
  return Object.entries(ctx.operators)
    .filter(([, kinds]) => !spec || kinds.includes(spec.type.kind))
    .map(([op]) => op);
}
function defaultOperator(ctx: ConditionsContext, spec: FactSpec | undefined): string {
  return operatorsFor(ctx, spec)[0] ?? 'equal';
}
function defaultValue(spec: FactSpec | undefined, op: string): unknown {
  const many = op === 'in' || op === 'notIn';
  if (!spec) return many ? [] : '';
  switch (spec.type.kind) {
    case 'number':
      return many ? [] : (spec.type.min ?? 0);
    case 'boolean':
      return true;
    case 'enum':
      return many ? [] : (spec.type.values[0] ?? '');
    default:
      return many ? [] : '';
  }
}

/** Fits a value to a (new) fact and operator: kept when it still fits, else the default. */
function fitValue(v: unknown, spec: FactSpec | undefined, op: string): unknown {
  const many = op === 'in' || op === 'notIn';
  if (v && typeof v === 'object' && !Array.isArray(v) && 'param' in v) return spec?.type.kind === 'number' && !many ? v : defaultValue(spec, op);
  if (many !== Array.isArray(v)) return defaultValue(spec, op);
  if (!spec) return v;
  const ok = (x: unknown) => (spec.type.kind === 'number' ? typeof x === 'number' : spec.type.kind === 'boolean' ? typeof x === 'boolean' : spec.type.kind === 'enum' ? spec.type.values.includes(x as string) : typeof x === 'string');
  return (many ? (v as unknown[]).every(ok) : ok(v)) ? v : defaultValue(spec, op);
}

interface NodeProps {
  node: unknown;
  ptr: string;
  errors: ErrorSchema | undefined;
  facts: Record<string, FactSpec>;
  ctx: ConditionsContext;
  set: (v: unknown) => void;
  /** Tools of the parent list (remove, move); absent at the top. */
  tools?: ReactNode;
  top: boolean;
}

function Group({ node, ptr, errors, facts, ctx, set, tools }: NodeProps): ReactNode {
  const lang = ctx.lang;
  const n = node as Node;
  const g = groupOf(n)!;
  const rest = Object.fromEntries(Object.entries(n).filter(([k]) => !GROUPS.includes(k as Group)));
  const children: unknown[] = g === 'not' ? [n.not] : Array.isArray(n[g]) ? (n[g] as unknown[]) : [];
  const setChildren = (next: unknown[]) => set({ [g]: g === 'not' ? next[0] : next, ...rest });
  const switchTo = (to: Group) => {
    if (to === g) return;
    // all ↔ any keep the rows; into not: the rows become one "all" group; out of not: the inner group's rows
    if (to === 'not') set({ not: g === 'not' ? n.not : { all: children }, ...rest });
    else if (g === 'not') {
      const inner = n.not as Node | undefined;
      const ig = groupOf(inner);
      set({ [to]: ig && ig !== 'not' && Array.isArray(inner![ig]) ? inner![ig] : inner === undefined ? [] : [inner], ...rest });
    } else set({ [to]: children, ...rest });
  };
  const own = [...(((errors as { __errors?: string[] } | undefined)?.__errors as string[] | undefined) ?? []), ...(((sub(errors, g) as { __errors?: string[] } | undefined)?.__errors as string[] | undefined) ?? [])];
  const btn = (label: Text, onClick: () => void, testid?: string, disabled = false) => h('button', { type: 'button', className: 'cond-btn', onClick, disabled, 'data-testid': testid }, label[lang]);
  return h(
    'div',
    { className: `cond-group cond-${g}`, 'data-cond': ptr },
    h(
      'div',
      { className: 'cond-head' },
      h('select', { 'aria-label': `${ptr} group`, value: g, onChange: (e: { target: { value: string } }) => switchTo(e.target.value as Group), 'data-testid': 'cond-group' }, ...GROUPS.map((x) => h('option', { key: x, value: x }, L[x][lang]))),
      tools ?? null,
    ),
    ...own.map((e, i) => h('div', { key: `e${i}`, className: 'field-error' }, e)),
    children.length === 0 || (g === 'not' && n.not === undefined) ? h('p', { className: 'muted' }, L.empty[lang]) : null,
    ...children.map((c, i) => {
      if (g === 'not' && c === undefined) return null;
      const cptr = g === 'not' ? `${ptr}/not` : `${ptr}/${g}/${i}`;
      const cerr = g === 'not' ? sub(errors, 'not') : sub(sub(errors, g), i);
      const replace = (v: unknown) => setChildren(children.map((x, j) => (j === i ? v : x)));
      const move = (d: -1 | 1) => {
        const next = [...children];
        [next[i], next[i + d]] = [next[i + d], next[i]];
        setChildren(next);
      };
      const childTools =
        g === 'not'
          ? null
          : h(
              'span',
              { className: 'cond-tools' },
              btn({ en: '↑', zh: '↑' }, () => move(-1), undefined, i === 0),
              btn({ en: '↓', zh: '↓' }, () => move(1), undefined, i === children.length - 1),
              h('button', { type: 'button', className: 'cond-btn', title: L.remove[lang], 'aria-label': `${L.remove[lang]} ${cptr}`, onClick: () => setChildren(children.filter((_, j) => j !== i)) }, '✕'),
            );
      return h(ConditionNode, { key: i, node: c, ptr: cptr, errors: cerr, facts, ctx, set: replace, tools: childTools, top: false });
    }),
    g === 'not' && n.not !== undefined
      ? null
      : h('div', { className: 'cond-add' }, btn(L.addRow, () => (g === 'not' ? set({ not: defaultLeaf(ctx, facts), ...rest }) : setChildren([...children, defaultLeaf(ctx, facts)])), 'cond-add-row'), btn(L.addGroup, () => (g === 'not' ? set({ not: { all: [] }, ...rest }) : setChildren([...children, { all: [] }])), 'cond-add-group')),
  );
}

function Leaf({ node, ptr, errors, facts, ctx, set, tools }: NodeProps): ReactNode {
  const lang = ctx.lang;
  const n = node as Node;
  const fact = typeof n.fact === 'string' ? n.fact : '';
  const op = typeof n.operator === 'string' ? n.operator : '';
  const spec = facts[fact];
  const ops = operatorsFor(ctx, spec);
  const value = n.value;
  const isParam = !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { param?: unknown }).param === 'string';
  const setKey = (k: string, v: unknown) => set({ ...n, [k]: v });
  const factNames = Object.keys(facts);
  const factSelect = h(
    'select',
    {
      className: 'cond-fact',
      'aria-label': `${ptr} ${L.fact[lang]}`,
      value: fact,
      title: spec ? `${spec.description[lang]}${spec.unit ? ` (${spec.unit[lang]})` : ''}` : '',
      onChange: (e: { target: { value: string } }) => {
        const s = facts[e.target.value];
        const nextOp = operatorsFor(ctx, s).includes(op) ? op : defaultOperator(ctx, s);
        set({ ...n, fact: e.target.value, operator: nextOp, value: fitValue(value, s, nextOp) });
      },
    },
    ...(spec || fact === '' ? [] : [h('option', { key: '?', value: fact }, `${fact} ${L.unknownFact[lang]}`)]),
    ...factNames.map((f) => h('option', { key: f, value: f }, `${f} — ${facts[f]!.description[lang]}`)),
  );
  const opSelect = h(
    'select',
    {
      className: 'cond-op',
      'aria-label': `${ptr} ${L.operator[lang]}`,
      value: op,
      onChange: (e: { target: { value: string } }) => set({ ...n, operator: e.target.value, value: fitValue(value, spec, e.target.value) }),
    },
    ...(ops.includes(op) ? [] : [h('option', { key: '?', value: op }, op)]),
    ...ops.map((o) => h('option', { key: o, value: o }, OP_LABEL[o]?.[lang] ?? o)),
  );
  const many = op === 'in' || op === 'notIn';
  const canParam = spec?.type.kind === 'number' && !many && ctx.params.length > 0;
  let valueEditor: ReactNode;
  const label = `${ptr} ${L.value[lang]}`;
  if (isParam) {
    const name = (value as { param: string }).param;
    valueEditor = h(
      'select',
      { className: 'cond-value', 'aria-label': label, value: name, onChange: (e: { target: { value: string } }) => setKey('value', { ...(value as Node), param: e.target.value }) },
      ...(ctx.params.includes(name) ? [] : [h('option', { key: '?', value: name }, name)]),
      ...ctx.params.map((p) => h('option', { key: p, value: p }, p)),
    );
  } else if (many && spec?.type.kind === 'enum') {
    const chosen = Array.isArray(value) ? (value as unknown[]) : [];
    valueEditor = h(
      'span',
      { className: 'cond-value cond-many', 'aria-label': label },
      ...spec.type.values.map((x) =>
        h('label', { key: x }, h('input', { type: 'checkbox', checked: chosen.includes(x), onChange: (e: { target: { checked: boolean } }) => setKey('value', e.target.checked ? [...chosen, x] : chosen.filter((y) => y !== x)) }), ` ${x}`),
      ),
    );
  } else if (many) {
    const list = Array.isArray(value) ? (value as unknown[]) : [];
    valueEditor = h('input', {
      className: 'cond-value',
      'aria-label': label,
      defaultValue: list.join(', '),
      placeholder: 'a, b, c',
      onBlur: (e: { target: { value: string } }) =>
        setKey(
          'value',
          e.target.value
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
            .map((x) => (spec?.type.kind === 'number' && x !== '' && !Number.isNaN(Number(x)) ? Number(x) : x)),
        ),
    });
  } else if (spec?.type.kind === 'boolean') {
    valueEditor = h('select', { className: 'cond-value', 'aria-label': label, value: String(value), onChange: (e: { target: { value: string } }) => setKey('value', e.target.value === 'true') }, h('option', { value: 'true' }, L.yes[lang]), h('option', { value: 'false' }, L.no[lang]));
  } else if (spec?.type.kind === 'enum') {
    valueEditor = h('select', { className: 'cond-value', 'aria-label': label, value: String(value), onChange: (e: { target: { value: string } }) => setKey('value', e.target.value) }, ...(spec.type.values.includes(String(value)) ? [] : [h('option', { key: '?', value: String(value) }, String(value))]), ...spec.type.values.map((x) => h('option', { key: x, value: x }, x)));
  } else if (spec?.type.kind === 'number') {
    const t = spec.type;
    valueEditor = h('input', {
      className: 'cond-value',
      'aria-label': label,
      type: 'number',
      step: 'any',
      ...(t.min !== undefined ? { min: t.min } : {}),
      ...(t.max !== undefined ? { max: t.max } : {}),
      value: typeof value === 'number' ? String(value) : '',
      onChange: (e: { target: { value: string } }) => setKey('value', e.target.value === '' ? null : Number(e.target.value)),
    });
  } else {
    valueEditor = h('input', { className: 'cond-value', 'aria-label': label, value: typeof value === 'string' ? value : JSON.stringify(value), onChange: (e: { target: { value: string } }) => setKey('value', e.target.value) });
  }
  const mode = canParam
    ? h(
        'select',
        { className: 'cond-mode', 'aria-label': `${ptr} ${L.param[lang]}`, value: isParam ? 'param' : 'literal', onChange: (e: { target: { value: string } }) => setKey('value', e.target.value === 'param' ? { param: ctx.params[0] } : defaultValue(spec, op)) },
        h('option', { value: 'literal' }, L.literal[lang]),
        h('option', { value: 'param' }, L.param[lang]),
      )
    : null;
  const unit = spec?.unit && !many && spec.type.kind === 'number' ? h('span', { className: 'muted cond-unit' }, spec.unit[lang]) : null;
  const range = spec?.type.kind === 'number' && (spec.type.min !== undefined || spec.type.max !== undefined) ? `${spec.type.min ?? '−∞'} … ${spec.type.max ?? '∞'}` : '';
  const errs = errorsBelow(errors);
  return h(
    'div',
    { className: `cond-leaf${errs.length ? ' has-error' : ''}`, 'data-cond': ptr },
    h('div', { className: 'cond-row' }, factSelect, opSelect, mode, valueEditor, unit, range ? h('span', { className: 'muted cond-range', title: range }, `[${range}]`) : null, tools ?? null),
    ...errs.map((e, i) => h('div', { key: i, className: 'field-error' }, e)),
  );
}

function ConditionNode(p: NodeProps): ReactNode {
  return groupOf(p.node) ? h(Group, p) : h(Leaf, p);
}

/** The RJSF field: `conditions` (facts of the file) or `match` (facts of the forEach collection's items). */
export function ConditionsField(props: FieldProps): ReactNode {
  const opts = (props.uiSchema?.['ui:options'] ?? {}) as { scope?: string; forEach?: string | null; params?: string[] };
  // the params of the rule that holds these conditions (also when the whole file is edited)
  const ctx = { ...(props.registry.formContext as ConditionsContext), ...(opts.params ? { params: opts.params } : {}) };
  const facts = (opts.scope === 'match' ? ctx.facts?.collections[opts.forEach ?? ''] : ctx.facts?.facts) ?? {};
  // `match` only means something with forEach: not offered without it
  if (opts.scope === 'match' && !opts.forEach && props.formData === undefined) return null;
  const value = props.formData ?? { all: [] };
  const top = groupOf(value) ? value : { all: [value] };
  const title = String(props.schema.title ?? props.name);
  return h(
    'fieldset',
    { className: 'conditions-field', id: props.fieldPathId.$id, 'data-testid': `conditions-${opts.scope ?? 'conditions'}` },
    h('legend', null, title),
    props.schema.description ? h('p', { className: 'field-description' }, String(props.schema.description)) : null,
    h(ConditionNode, { node: top, ptr: '', errors: props.errorSchema, facts, ctx, set: (v: unknown) => props.onChange(v as never, props.fieldPathId.path), top: true }),
  );
}

/// <reference lib="dom" />
/**
 * From a rule file's JSON Schema to the form of one rule: the part of the schema at the rule's
 * pointer, made friendly for a form (nullable numbers, const choices as lists, units and bounds in
 * the labels, params as named number fields with the range of the fact they are compared with),
 * and the uiSchema (band and ladder tables, conditions as JSON).
 */
// ParamInfo is the server's own type (type-only: nothing of the server is bundled into the page)
import type { ParamInfo } from '../server.ts';
export type { ParamInfo };

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Schema = Record<string, any>;
export interface Text {
  en: string;
  zh: string;
}
export type Lang = 'en' | 'zh';

export function segments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(v: unknown, pointer: string): unknown {
  return segments(pointer).reduce<unknown>((o, k) => (o === null || typeof o !== 'object' ? undefined : (o as Record<string, unknown>)[k]), v);
}

/** A copy of `root` with `value` at `pointer`. */
export function setAt<T>(root: T, pointer: string, value: unknown): T {
  const segs = segments(pointer);
  const rec = (o: unknown, i: number): unknown => {
    if (i === segs.length) return value;
    const copy = (Array.isArray(o) ? [...o] : { ...(o as object) }) as Record<string, unknown>;
    copy[segs[i]!] = rec(copy[segs[i]!], i + 1);
    return copy;
  };
  return rec(root, 0) as T;
}

function deref(s: Schema, root: Schema): Schema {
  let x = s;
  for (let i = 0; i < 20 && x && typeof x.$ref === 'string' && x.$ref.startsWith('#/'); i++) x = getAt(root, x.$ref.slice(1)) as Schema;
  return x;
}

/** The schema of the value at `pointer` (following properties, items, $ref and the anyOf option that has the key). */
export function schemaAt(root: Schema, pointer: string, value: unknown): Schema | null {
  let s: Schema | null = root;
  let v = value;
  for (const seg of segments(pointer)) {
    if (!s) return null;
    s = deref(s, root);
    if (s.anyOf) s = (s.anyOf as Schema[]).map((o) => deref(o, root)).find((o) => (Array.isArray(v) ? o.type === 'array' : o.properties && seg in o.properties)) ?? null;
    if (!s) return null;
    if (Array.isArray(v)) s = s.items ?? null;
    else s = s.properties?.[seg] ?? null;
    v = (v as Record<string, unknown> | undefined)?.[seg];
  }
  return s ? deref(s, root) : null;
}

/** Chinese names of the rule files' fields (the form shows "名称 name"; English shows the key). */
const FIELD_ZH: Record<string, string> = {
  aboveOrders: '日单量高于', amountCny: '金额', article: '文章', assumption: '假设', bands: '分档', billByDay: '出账日', category: '类目', clause: '条款',
  component: '费用项', conditions: '条件', coolingOffDays: '冷静期天数', coreSkus: '核心SKU数', daysAfterDelivery: '妥投后天数', description: '说明', document: '文件',
  documents: '文件', domainId: '事实编号', effect: '效果', effective: '生效日期', en: '英文', factor: '系数', feeCny: '费用', forEach: '逐项', fromLitres: '起始体积',
  id: '编号', kind: '类型', match: '匹配', maxSkus: 'SKU上限', message: '提示信息', name: '名称', newSellerWaivedMonths: '新卖家免收月数', params: '参数', payByDay: '付款日',
  period: '周期', priority: '优先级', rateCard: '运价表', reason: '原因', reasoning: '理由', ref: '引用', region: '区域', remedy: '解决办法', requires: '前置条件',
  schedules: '方案', severity: '严重级别', source: '来源', steps: '阶梯', target: '对象', title: '标题', toLitres: '截止体积', unpaidEffect: '未付影响', waitHours: '等待小时',
  zh: '中文', adjustments: '折扣与附加费', bandedFees: '分档费用', bannedCategories: '禁售类目', categories: '类目', certificateNumber: '证书编号', csv: 'CSV读取', cycle: '账期',
  defaultNewSellerReading: '默认解读', defaultSchedule: '默认方案', example: '示例', fact: '事实', headers: '表头', importBatch: '导入批次', ladders: '阶梯折扣', logistics: '物流',
  monthlyFees: '月费', network: '仓网', newSellerReadings: '新商家解读', no: '表示否的词', overseasWarehouseCountries: '海外仓国家', pattern: '格式', perOrderFees: '单笔费用',
  reading: '解读', rules: '规则', settlement: '结算', shareCharged: '收取比例', trial: '试行', yes: '表示是的词', operator: '运算符', value: '值',
};

/** The label of a field: its key, with the Chinese name first in Chinese. */
export function labelOf(key: string, lang: Lang): string {
  return lang === 'zh' && FIELD_ZH[key] ? `${FIELD_ZH[key]} ${key}` : key;
}

/** A field's unit, from the schema's `x-unit` keyword. */
export function unitOf(s: Schema): Text | null {
  const u = s['x-unit'];
  return u && typeof u.en === 'string' && typeof u.zh === 'string' ? u : null;
}

/** A field's description in the page's language, from the schema's `x-description` keyword (else its English `description`). */
export function descriptionOf(s: Schema, lang: Lang): string | undefined {
  const d = s['x-description'];
  return d && typeof d[lang] === 'string' ? d[lang] : s.description;
}

function bounds(s: Schema, lang: Lang): string {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? `>${s.exclusiveMinimum}` : undefined);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? `<${s.exclusiveMaximum}` : undefined);
  if (lo === undefined && hi === undefined) return '';
  if (hi === undefined) return typeof lo === 'string' ? lo : `≥ ${lo}`;
  if (lo === undefined) return typeof hi === 'string' ? hi : `≤ ${hi}`;
  return lang === 'zh' ? `${lo} 至 ${hi}` : `${lo} to ${hi}`;
}

const isPrimitiveSchema = (s: Schema) => ['number', 'integer', 'string', 'boolean'].includes(s.type) || (Array.isArray(s.type) && s.type.every((t: string) => ['number', 'integer', 'string', 'boolean', 'null'].includes(t))) || Array.isArray(s.enum);

export interface FormSpec {
  schema: Schema;
  uiSchema: Schema;
}

/**
 * The form of the value at `pointer` of a rule file. `paramKey(name)` looks up what a param means.
 */
export function formFor(root: Schema, pointer: string, fileValue: unknown, lang: Lang, params: Record<string, ParamInfo>, kind: string, widgets: { json: unknown; conditions: unknown; nullableNumber: unknown; table: unknown; row: unknown }, collections: string[] = []): FormSpec | null {
  const at = schemaAt(root, pointer, fileValue);
  if (!at) return null;
  const value = getAt(fileValue, pointer);
  const walk = (s0: Schema, v: unknown, key: string, ptr: string, pv?: unknown): FormSpec => {
    let s = deref(s0, root);
    const ui: Schema = {};
    if (key === 'conditions' || key === 'match' || s.$ref || (s.anyOf && (s.anyOf as Schema[]).some((o) => o.$ref || (deref(o, root).properties && ('all' in deref(o, root).properties || 'fact' in deref(o, root).properties))))) {
      return { schema: { title: labelOf(key, lang), description: descriptionOf(s, lang) }, uiSchema: { 'ui:field': key === 'conditions' || key === 'match' ? widgets.conditions : widgets.json, 'ui:options': { scope: key, forEach: (pv as { forEach?: unknown } | undefined)?.forEach ?? null, params: Object.keys(((pv as { params?: object } | undefined)?.params ?? {}) as object) } } };
    }
    if (s.anyOf) {
      const opts = (s.anyOf as Schema[]).map((o) => deref(o, root));
      if (opts.every((o) => o.const !== undefined)) s = { type: 'string', enum: opts.map((o) => o.const), description: s.description, 'x-description': s['x-description'] };
      else if (opts.length === 2 && opts.some((o) => o.type === 'null')) {
        const other = opts.find((o) => o.type !== 'null')!;
        s = { ...other, type: [other.type, 'null'], description: s.description ?? other.description, 'x-description': s['x-description'] ?? other['x-description'], 'x-unit': s['x-unit'] ?? other['x-unit'] };
        ui['ui:widget'] = widgets.nullableNumber;
      } else {
        const o = opts.find((x) => x.properties && v && typeof v === 'object' && Object.entries(x.properties as Schema).every(([k, ps]) => (ps as Schema).const === undefined || (v as Record<string, unknown>)[k] === (ps as Schema).const)) ?? opts[0]!;
        return walk(o, v, key, ptr);
      }
    }
    if (s.type === 'object') {
      const props: Schema = {};
      let pSchema = s.properties as Schema | undefined;
      if (key === 'params' && v && typeof v === 'object') {
        // params: one number field per name, with the range of the fact it is compared with
        pSchema = Object.fromEntries(Object.keys(v).map((n) => [n, { type: 'number' }]));
        for (const n of Object.keys(v)) {
          const info = params[`${kind}${ptr}/${n}`];
          const unit = info?.unit ?? null;
          const sch: Schema = { type: 'number', title: unit ? `${n} (${unit[lang]})` : n };
          if (info) {
            if (info.min !== null) sch.minimum = info.min;
            if (info.max !== null) sch.maximum = info.max;
            const b = bounds(sch, lang);
            sch.description = `${lang === 'zh' ? '与事实' : 'compared with'} ${info.fact}: ${info.description[lang]}${b ? ` — ${lang === 'zh' ? '范围' : 'range'} ${b}` : ''}`;
          }
          props[n] = sch;
        }
        return { schema: { type: 'object', title: labelOf(key, lang), description: descriptionOf(s, lang), properties: props, additionalProperties: { type: 'number' } }, uiSchema: ui };
      }
      for (const [k, ps] of Object.entries(pSchema ?? {})) {
        const sub = walk(ps as Schema, (v as Record<string, unknown> | undefined)?.[k], k, `${ptr}/${k}`, v);
        props[k] = sub.schema;
        if (Object.keys(sub.uiSchema).length) ui[k] = sub.uiSchema;
      }
      const out: Schema = { ...s, properties: props };
      delete out.patternProperties;
      out.title = labelOf(key, lang);
      out.description = descriptionOf(s, lang);
      return { schema: out, uiSchema: ui };
    }
    if (s.type === 'array') {
      const items = deref(s.items ?? {}, root);
      const first = Array.isArray(v) ? v[0] : undefined;
      const sub = walk(items, first, key, `${ptr}/0`);
      ui.items = sub.uiSchema;
      const itemSchema = sub.schema;
      if (itemSchema.type === 'object' && Object.values(itemSchema.properties ?? {}).every((p) => isPrimitiveSchema(p as Schema))) {
        // a table: one row per item, one column per field (bands, ladder steps)
        ui['ui:ArrayFieldTemplate'] = widgets.table;
        ui.items = { ...ui.items, 'ui:ObjectFieldTemplate': widgets.row };
        for (const k of Object.keys(itemSchema.properties ?? {})) ui.items[k] = { ...(ui.items[k] ?? {}), 'ui:label': false };
      }
      return { schema: { ...s, items: itemSchema, title: labelOf(key, lang), description: descriptionOf(s, lang) }, uiSchema: { ...ui, 'ui:options': { orderable: true, removable: true, addable: true } } };
    }
    // a leaf: unit and bounds in the label; long texts in a text area
    if (s.type === 'string' && /\/(description|message|remedy|reasoning)\/(en|zh)$/.test(ptr)) Object.assign(ui, { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } });
    const unit = unitOf(s);
    const b = bounds(s, lang);
    const d = descriptionOf(s, lang);
    const out: Schema = { ...s, title: unit ? `${labelOf(key, lang)} (${unit[lang]})` : labelOf(key, lang), description: d };
    // forEach names one of the file's collections (the conditions form then offers its items' facts)
    if (key === 'forEach' && collections.length) out.enum = [...new Set([...collections, ...(typeof v === 'string' ? [v] : [])])];
    if (b) out.description = `${d ? `${d} — ` : ''}${lang === 'zh' ? '范围' : 'range'} ${b}${unit ? ` ${unit[lang]}` : ''}`;
    return { schema: out, uiSchema: ui };
  };
  const spec = walk(at, value, segments(pointer).at(-1) ?? kind, pointer);
  const id = (value as { id?: unknown } | undefined)?.id;
  // the figures first, then the rest (texts, source, conditions)
  const props = Object.keys(spec.schema.properties ?? {});
  const figures = props.filter((k) => k === 'params' || k === 'bands' || k === 'steps' || k === 'effect' || k === 'severity' || (spec.schema.properties[k] as Schema).type === 'number' || (Array.isArray((spec.schema.properties[k] as Schema).type) && (spec.schema.properties[k] as Schema).type.includes('number')));
  if (props.length) spec.uiSchema['ui:order'] = [...figures, '*'];
  spec.schema = { ...spec.schema, title: typeof id === 'string' ? id : spec.schema.title, definitions: root.definitions };
  return spec;
}

/** Every rule (object with an id, a name and a source) of a file, with its pointer. */
export interface Entity {
  id: string;
  kind: string;
  pointer: string;
  value: Record<string, unknown>;
}

export function entitiesOf(kind: string, v: unknown, ptr = ''): Entity[] {
  const out: Entity[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...entitiesOf(kind, x, `${ptr}/${i}`)));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (ptr !== '' && typeof o.id === 'string' && o.name && typeof o.name === 'object' && o.source && typeof o.source === 'object') out.push({ id: o.id, kind, pointer: ptr, value: o });
    for (const [k, x] of Object.entries(o)) if (k !== 'conditions' && k !== 'match') out.push(...entitiesOf(kind, x, `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return out;
}

/** The current values of a rule in one line: "minPositiveRate 0.95", "4 bands: 0.8 / 1 / 1.2 / 1.5". */
export function summary(e: Entity, lang: Lang): string {
  const v = e.value;
  const parts: string[] = [];
  if (v.params && typeof v.params === 'object') for (const [k, x] of Object.entries(v.params as Record<string, unknown>)) parts.push(`${k} ${String(x)}`);
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number') parts.push(`${k} ${x}`);
  if (Array.isArray(v.bands)) parts.push(`${v.bands.length} ${lang === 'zh' ? '档' : 'bands'}: ${(v.bands as { feeCny?: number }[]).map((b) => b.feeCny).join(' / ')}`);
  if (Array.isArray(v.steps) && v.steps.every((s) => s && typeof s === 'object' && 'factor' in s)) parts.push((v.steps as { aboveOrders: number; factor: number }[]).map((s) => `>${s.aboveOrders}: ×${s.factor}`).join(', '));
  if (v.effect && typeof v.effect === 'object') parts.push(Object.entries(v.effect as Record<string, unknown>).map(([k, x]) => `${k} ${String(x)}`).join(', '));
  return parts.join(' · ');
}

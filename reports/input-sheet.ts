/**
 * The input sheet: every input of a run with its value (or distribution) and where it came from —
 * the page a client's finance team checks first. Values are formatted here in both languages, so
 * every renderer (HTML, Markdown, Excel) shows the same text.
 *
 * Sources are open-ended: a row's `source` has a `kind` (a stable id), a bilingual `label` and an
 * optional `ref` (file and hash, basis text) and `shipped` value. A new kind of source (a client
 * rate card, a calibration) is a new `kind` string and label; no renderer changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SERVICES, cellIndex, type RateCard } from '../sim/data/rate-card.ts';
import { TPL_PARAMS, WAREHOUSE_PARAMS } from '../sim/data/schema.ts';
import type { Lang, Text } from '../sim/i18n/index.ts';
import type { DistJson } from '../sim/random/dist.ts';
import type { SimPlan } from '../sim/engine/plan.ts';
import { dataBasis, rateBasis } from './basis.ts';
import { enumText, inputLabel, overrideLabel, withUnit, num, unitText } from './labels.ts';

/** Where a value came from. */
export interface InputSource {
  /** Stable id: `client-file`, `override`, `shipped-data`, `rate-card`, `rules` (more may come, e.g. `client-rate-card`, `calibration`). */
  kind: string;
  label: Text;
  /** File with its hash, and the basis text of a shipped figure (in both languages when the basis has a translation). */
  ref?: string | Text;
  /** For an override: the shipped value it replaces, with its basis. */
  shipped?: Text;
}

export interface InputRow {
  /** JSON pointer, parameter key or lane. */
  id: string;
  name: Text;
  value: Text;
  source: InputSource;
}

export interface InputSection {
  id: string;
  title: Text;
  rows: InputRow[];
}

const both = (f: (lang: Lang) => string): Text => ({ en: f('en'), zh: f('zh') });

/** A number or a distribution in words: "PERT 40 / 60 / 90 orders/day (min / mode / max)". */
export function distText(d: DistJson | number, unit: string | undefined, lang: Lang): string {
  const zh = lang === 'zh';
  const pct = unit === 'fraction' || unit === 'fraction/year';
  // numbers of a distribution share one unit, written once at the end (percentages keep their sign on each)
  const u = (x: number) => (pct ? withUnit(x, unit, lang) : withUnit(x, undefined, lang));
  const tail = pct || !unitText(unit, lang) ? '' : ` ${unitText(unit, lang)}`;
  if (typeof d === 'number') return withUnit(d, unit, lang);
  switch (d.dist) {
    case 'fixed':
      return withUnit(d.value, unit, lang);
    case 'uniform':
      return `${zh ? '均匀分布' : 'uniform'} ${u(d.min)} – ${u(d.max)}${tail}`;
    case 'triangular':
    case 'pert':
      return `${d.dist === 'pert' ? 'PERT' : zh ? '三角分布' : 'triangular'} ${u(d.min)} / ${u(d.mode)} / ${u(d.max)}${tail}${zh ? '（最小/最可能/最大）' : ' (min / mode / max)'}`;
    case 'normal':
      return `${zh ? '正态分布' : 'normal'} ${zh ? '均值' : 'mean'} ${u(d.mean)}, ${zh ? '标准差' : 'sd'} ${u(d.sd)}${d.min !== undefined && d.max !== undefined ? ` [${u(d.min)} – ${u(d.max)}]` : ''}${tail}`;
    case 'lognormal':
      return `${zh ? '对数正态分布' : 'lognormal'} ${zh ? '均值' : 'mean'} ${u(d.mean)}, ${zh ? '标准差' : 'sd'} ${u(d.sd)}${tail}`;
    case 'discrete':
      return `${zh ? '离散分布' : 'discrete'} ${d.values.map((v, i) => `${u(v)}${d.weights ? ` (${num(d.weights[i] ?? 0, lang, 2)})` : ''}`).join(', ')}${tail}`;
  }
}

const isDist = (v: unknown): v is DistJson => typeof v === 'object' && v !== null && 'dist' in v;
const SKIP = new Set(['$schema', '$comment', 'name', 'title', 'description', 'overrides']);
const fileHash = (file: string): string => {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  } catch {
    return '?';
  }
};

/** Every leaf of the scenario file as a row (values and distributions), named from data/scenario-inputs.json. */
function scenarioRows(plan: SimPlan, source: InputSource): InputRow[] {
  const spec = plan.scenario.spec;
  const rows: InputRow[] = [];
  const label = (pointer: string): { name: Text; unit?: string } => {
    const seg = pointer.split('/').filter(Boolean);
    if (seg[0] === 'destinations' && seg[1] !== undefined) {
      const cc = spec.destinations[Number(seg[1])]?.country ?? seg[1];
      const f = inputLabel(spec, plan.ctx.data, `/${seg.slice(2).join('/')}`);
      return { ...f, name: { en: `Destination ${cc}: ${f.name.en}`, zh: `目的国 ${cc}：${f.name.zh}` } };
    }
    if (seg[0] === 'store' && seg[1] === 'providers' && seg[2] !== undefined) {
      const who = spec.store?.providers[Number(seg[2])]?.name ?? seg[2];
      const f = inputLabel(spec, plan.ctx.data, `/${seg.slice(3).join('/')}`);
      return { ...f, name: { en: `Provider ${who}: ${f.name.en}`, zh: `服务商 ${who}：${f.name.zh}` } };
    }
    if (seg[0] === 'saturation' && seg[1] !== undefined && seg[2] !== 'share') {
      const f = inputLabel(spec, plan.ctx.data, `/${seg.slice(2).join('/')}`);
      const w = Number(seg[1]) + 1;
      return { ...f, name: { en: `Saturation window ${w}: ${f.name.en}`, zh: `饱和窗口${w}：${f.name.zh}` } };
    }
    if (seg[0] === 'warehouse' && seg[1] === 'sites' && seg[2]) return { name: { en: `Self-run warehouse in ${seg[2]} serves`, zh: `自营仓 ${seg[2]} 覆盖` } };
    if (seg[0] === 'correlations' && seg[1] !== undefined) {
      const c = spec.correlations?.[Number(seg[1])];
      const names = (c?.between ?? []).map((p) => inputLabel(spec, plan.ctx.data, p).name);
      return { name: { en: `Rank correlation: ${names.map((n) => n.en).join(' ~ ')}`, zh: `秩相关：${names.map((n) => n.zh).join(' ~ ')}` } };
    }
    return inputLabel(spec, plan.ctx.data, pointer);
  };
  const categories = { category: Object.fromEntries(plan.ctx.rules.files.catalogue.categories.map((c) => [c.id, c.name])) };
  const valueText = (v: unknown, unit: string | undefined, field = ''): Text | null => {
    if (isDist(v) || typeof v === 'number') return both((lang) => distText(v, unit, lang));
    if (typeof v === 'boolean') return { en: v ? 'yes' : 'no', zh: v ? '是' : '否' };
    if (typeof v === 'string') return enumText(field, v, categories);
    // modes switched off: each mode in words
    if (field === 'modesOff' && Array.isArray(v)) return both((lang) => v.map((x) => enumText('modesOff', String(x))[lang]).join(lang === 'zh' ? '、' : ', '));
    if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'string')) return both((lang) => v.map((x) => (typeof x === 'number' ? num(x, lang, 2) : x)).join(lang === 'zh' ? '、' : ', '));
    return null;
  };
  const walk = (v: unknown, pointer: string) => {
    const seg = pointer.split('/').filter(Boolean);
    const key = seg[seg.length - 1] ?? '';
    if (seg.length === 1 && SKIP.has(key)) return;
    if (key === 'reason' || key === '$comment') return; // explanations, not inputs
    if (seg[0] === 'correlations' && seg.length === 2) {
      const c = v as { rankCorrelation: number };
      rows.push({ id: pointer, ...pick(label(pointer)), value: both((l) => num(c.rankCorrelation, l, 2)), source });
      return;
    }
    // one element of a list (a destination, a SKU, a provider, a window): one row of "field value" pairs
    if (v && typeof v === 'object' && !Array.isArray(v) && !isDist(v) && /^\d+$/.test(key) && Object.values(v).every((x) => valueText(x, undefined) !== null || (x && typeof x === 'object' && 'en' in x))) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'name' && k !== 'id' && k !== 'reason' && !(k === 'country' && seg[0] === 'destinations'));
      const head = label(`${pointer}/${entries[0]?.[0] ?? ''}`).name;
      const strip = (t: string) => t.replace(/[:：][^:：]*$/, '');
      const parts = entries.map(([k, x]) => {
        const l = label(`${pointer}/${k}`);
        // a SKU's price and unit cost are in their own currency (priceCurrency / unitCostCurrency; CNY unless given)
        const own = v as Record<string, unknown>;
        const unit = k === 'priceCny' && typeof own.priceCurrency === 'string' ? own.priceCurrency : k === 'unitCostCny' && typeof own.unitCostCurrency === 'string' ? own.unitCostCurrency : l.unit;
        const val = valueText(x, unit, k) ?? { en: '', zh: '' };
        const fieldName = { en: l.name.en.replace(/^.*?: /, ''), zh: l.name.zh.replace(/^.*?：/, '') };
        return both((lang) => `${fieldName[lang]} ${val[lang]}`);
      });
      const sku = seg[0] === 'skus' ? spec.skus[Number(key)] : undefined;
      const skuName = sku?.name ? { en: ` (${sku.name.en})`, zh: `（${sku.name.zh}）` } : { en: '', zh: '' };
      rows.push({ id: pointer, name: both((lang) => `${strip(head[lang])}${skuName[lang]}`), value: both((lang) => parts.map((p) => p[lang]).join(' · ')), source });
      return;
    }
    const text = valueText(v, label(pointer).unit, key);
    if (text) rows.push({ id: pointer, name: label(pointer).name, value: text, source });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(spec, '');
  return rows;
}
const pick = (l: { name: Text }) => ({ name: l.name });

/** The shipped value of an override's target, with its basis (for the "shipped" column). */
function shippedOf(plan: SimPlan, key: string): Text {
  const data = plan.ctx.data;
  const parts = key.split('.');
  const param = parts[parts.length - 1]!;
  const market = parts[0] === 'warehouse' && parts.length === 3 ? data.warehouse.markets[parts[1]!]?.[param] : undefined;
  const p = parts[0] === 'modes' ? data.modes.params[param] : (market ?? data.warehouse.defaults[param]);
  if (!p) return { en: '—', zh: '—' };
  const unit = parts[0] === 'modes' ? p.unit : data.warehouse.defaults[param]?.unit;
  const basis = parts[0] === 'modes' ? dataBasis('modes.json', `/params/${param}/basis`, p.basis) : dataBasis('warehouse.json', market ? `/markets/${parts[1]}/${param}/basis` : `/defaults/${param}/basis`, p.basis);
  return both((lang) => `${typeof p.value === 'number' ? withUnit(p.value, unit, lang) : enumText(param, String(p.value))[lang]}${lang === 'zh' ? `（${basis.zh}）` : ` (${basis.en})`}`);
}

/** Builds the input sheet of a run. `scenarioFile` is the path shown; the hash is the scenario's canonical hash. */
export function buildInputSheet(plan: SimPlan, scenarioFile: string, rules: { fingerprint: string; files: { file: string; effective: string }[] }): InputSection[] {
  const sc = plan.scenario;
  const data = plan.ctx.data;
  const client: InputSource = { kind: 'client-file', label: { en: 'client file', zh: '客户文件' }, ref: `${scenarioFile} · sha256 ${sc.hash.slice(0, 12)}` };
  const sections: InputSection[] = [{ id: 'scenario', title: { en: 'Client scenario', zh: '客户场景' }, rows: scenarioRows(plan, client) }];

  const overrides = Object.entries(sc.spec.overrides ?? {}).map(([key, v]): InputRow => {
    const l = overrideLabel(data, key);
    return { id: key, name: l.name, value: both((lang) => distText(v as DistJson, l.unit, lang)), source: { kind: 'override', label: { en: 'override in the client file', zh: '客户文件中的覆盖值' }, ref: `${scenarioFile} /overrides/${key}`, shipped: shippedOf(plan, key) } };
  });
  if (overrides.length) sections.push({ id: 'overrides', title: { en: 'Overrides of shipped figures', zh: '覆盖的内置参数' }, rows: overrides });

  const overridden = new Set(Object.keys(sc.spec.overrides ?? {}));
  const shipped: InputRow[] = [];
  const modesRef = `data/modes.json · sha256 ${fileHash(new URL('../data/modes.json', import.meta.url).pathname)}`;
  for (const [k, p] of Object.entries(data.modes.params)) {
    if (k.startsWith('quote') || overridden.has(`modes.${k}`)) continue;
    const basis = dataBasis('modes.json', `/params/${k}/basis`, p.basis);
    shipped.push({ id: `modes.${k}`, name: p.name ?? { en: k, zh: k }, value: both((lang) => (typeof p.value === 'number' ? withUnit(p.value, p.unit, lang) : String(p.value))), source: { kind: 'shipped-data', label: p.basis.startsWith('source:') ? { en: 'shipped data, sourced', zh: '内置数据（有出处）' } : { en: 'shipped data, assumption', zh: '内置数据（假设）' }, ref: both((lang) => `${modesRef} — ${basis[lang]}`) } });
  }
  const whRef = `data/warehouse.json · sha256 ${fileHash(new URL('../data/warehouse.json', import.meta.url).pathname)}`;
  for (const site of sc.sites) {
    for (const k of WAREHOUSE_PARAMS) {
      if (overridden.has(`warehouse.${site}.${k}`) || overridden.has(`warehouse.${k}`)) continue;
      const market = data.warehouse.markets[site]?.[k];
      const p = market ?? data.warehouse.defaults[k];
      if (!p) continue;
      const def = data.warehouse.defaults[k];
      const unit = def?.unit;
      const name = def?.name ?? { en: k, zh: k };
      const basis = dataBasis('warehouse.json', market ? `/markets/${site}/${k}/basis` : `/defaults/${k}/basis`, p.basis);
      shipped.push({ id: `warehouse.${site}.${k}`, name: { en: `${name.en} (${site} warehouse)`, zh: `${name.zh}（${site}仓）` }, value: both((lang) => (typeof p.value === 'number' ? withUnit(p.value, unit, lang) : enumText(k, String(p.value))[lang])), source: { kind: 'shipped-data', label: market ? { en: `shipped data, ${site} market`, zh: `内置数据（${site}市场）` } : { en: 'shipped data, default', zh: '内置数据（默认值）' }, ref: both((lang) => `${whRef} — ${basis[lang]}`) } });
    }
  }
  // the 3PL tariff of each site: the client's quote where it gives a figure, else data/tpl.json
  const tplRef = `data/tpl.json · sha256 ${fileHash(new URL('../data/tpl.json', import.meta.url).pathname)}`;
  const tplClient = sc.tpl.client;
  sc.sites.forEach((site) => {
    for (const k of [...TPL_PARAMS, 'inboundUnit']) {
      const def = data.tpl.defaults[k];
      const unit = def?.unit;
      const name = def?.name ?? { en: k, zh: k };
      const fromClient = tplClient?.markets[site]?.[k] ?? tplClient?.defaults[k];
      const market = data.tpl.markets[site]?.[k];
      const p = fromClient ?? market ?? def;
      if (!p) continue;
      const value = both((lang) => (typeof p.value === 'number' ? withUnit(p.value, unit, lang) : enumText(k, String(p.value))[lang]));
      const id = `tpl.${site}.${k}`;
      const label = { en: `${name.en} (3PL, ${site})`, zh: `${name.zh}（第三方仓，${site}）` };
      if (fromClient) shipped.push({ id, name: label, value, source: { kind: 'client-file', label: { en: "client's 3PL quote", zh: '客户的第三方仓报价' }, ref: both(() => `${sc.tpl.file ?? ''} — ${fromClient.basis}`) } });
      else {
        const basis = dataBasis('tpl.json', market ? `/markets/${site}/${k}/basis` : `/defaults/${k}/basis`, p.basis);
        shipped.push({ id, name: label, value, source: { kind: 'shipped-data', label: market ? { en: `shipped data, ${site} market`, zh: `内置数据（${site}市场）` } : { en: 'shipped data, default', zh: '内置数据（默认值）' }, ref: both((lang) => `${tplRef} — ${basis[lang]}`) } });
      }
    }
  });
  sections.push({ id: 'shipped', title: { en: 'Shipped figures used (data/)', zh: '使用的内置数据（data/）' }, rows: shipped });

  const lanes: InputRow[] = [];
  const lane = (what: Text, card: RateCard, dest: string, service: string) => {
    const di = card.destIndex.get(dest);
    const si = SERVICES.indexOf(service as (typeof SERVICES)[number]);
    if (di === undefined || si < 0) return;
    const prices = Array.from(card.brackets, (b, bi) => ({ b, p: card.price[cellIndex(card, di, si, bi)]! })).filter((x) => Number.isFinite(x.p));
    const basis = card.basis[cellIndex(card, di, si, 0)] ?? '';
    const days = { min: card.daysMin[di * SERVICES.length + si]!, max: card.daysMax[di * SERVICES.length + si]! };
    lanes.push({
      id: `${card.file} ${dest} ${service}`,
      name: { en: `${what.en}: ${dest} ${enumText('service', service).en}`, zh: `${what.zh}：${dest} ${enumText('service', service).zh}` },
      value: both((lang) => `${prices.map((x) => `≤${num(x.b, lang, 2)} ${lang === 'zh' ? '千克' : 'kg'} ${num(x.p, lang, 2)}`).join(' · ')} ${lang === 'zh' ? '元' : 'CNY'}; ${num(days.min, lang)}–${num(days.max, lang)} ${lang === 'zh' ? '天' : 'days'}`),
      source: { kind: 'rate-card', label: basis.startsWith('source:') ? { en: 'rate card, sourced', zh: '运价表（有出处）' } : { en: 'rate card, assumption', zh: '运价表（假设）' }, ref: both((lang) => `${card.file} · sha256 ${fileHash(card.file)} — ${rateBasis(basis)[lang]}`) },
    });
  };
  for (const d of sc.spec.destinations) {
    const service = d.service ?? 'standard';
    lane({ en: 'JIT logistics', zh: 'JIT物流' }, sc.schedule.logistics, d.country, service);
    lane({ en: 'Direct shipping', zh: '直发物流' }, data.direct, d.country, service);
    lane({ en: 'Warehouse last mile', zh: '海外仓尾程' }, data.lastMile, d.country, service !== 'express' ? 'standard' : service);
  }
  // head-haul freight options of each warehouse site (the client's card or data/rates/warehouse-headhaul.csv)
  const OPTION: Record<string, Text> = { air: { en: 'air', zh: '空运' }, 'sea-lcl': { en: 'sea LCL', zh: '海运拼箱' }, 'sea-fcl': { en: 'sea FCL', zh: '海运整柜' }, rail: { en: 'rail', zh: '铁路' } };
  sc.sites.forEach((site, i) => {
    for (const o of sc.cards.headhaul[i] ?? []) {
      if (!o) continue;
      const basis = o.tiers[0]!.basis;
      const tier = (t: (typeof o.tiers)[number], lang: Lang) => {
        const cny = lang === 'zh' ? '元' : 'CNY';
        const price = t.cnyPerContainer > 0 ? `${num(t.cnyPerContainer, lang)} ${cny}/${lang === 'zh' ? '柜' : 'container'} (${num(t.containerM3, lang)} m³)` : `max(${num(t.cnyPerKg, lang, 2)} ${cny}/kg, ${num(t.cnyPerM3, lang)} ${cny}/m³)`;
        return `≥${num(t.minM3, lang)} m³: ${price}${t.minChargeCny > 0 ? `, ${lang === 'zh' ? '最低' : 'min.'} ${num(t.minChargeCny, lang)} ${cny}` : ''}`;
      };
      lanes.push({
        id: `${o.file} ${site} ${o.mode}`,
        name: { en: `Warehouse head-haul: China → ${site} by ${OPTION[o.mode]!.en}`, zh: `海外仓头程：中国→${site}（${OPTION[o.mode]!.zh}）` },
        value: both((lang) => `${o.tiers.map((t) => tier(t, lang)).join(' · ')}; ${num(o.daysMin, lang)}–${num(o.daysMax, lang)} ${lang === 'zh' ? '天' : 'days'}`),
        source: { kind: 'rate-card', label: basis.startsWith('source:') ? { en: 'rate card, sourced', zh: '运价表（有出处）' } : { en: 'rate card, assumption', zh: '运价表（假设）' }, ref: both((lang) => `${o.file} · sha256 ${fileHash(o.file)} — ${rateBasis(basis)[lang]}`) },
      });
    }
  });
  sections.push({ id: 'rate-cards', title: { en: 'Rate cards used, per lane', zh: '各线路使用的运价表' }, rows: lanes });

  const rulesSource: InputSource = { kind: 'rules', label: { en: 'rule files', zh: '规则文件' } };
  sections.push({
    id: 'rules',
    title: { en: 'Rules version', zh: '规则版本' },
    rows: [
      { id: 'rules.fingerprint', name: { en: 'Rules fingerprint (sha256)', zh: '规则指纹（sha256）' }, value: { en: rules.fingerprint, zh: rules.fingerprint }, source: rulesSource },
      { id: 'rules.feeSchedule', name: { en: 'Fee schedule', zh: '收费方案' }, value: { en: sc.schedule.id, zh: sc.schedule.id }, source: { ...rulesSource, ref: 'rules/fees.json' } },
      ...rules.files.map((f) => ({ id: `rules.${f.file}`, name: { en: `${f.file} effective`, zh: `${f.file} 生效日期` }, value: { en: f.effective, zh: f.effective }, source: { ...rulesSource, ref: `rules/${f.file}` } })),
    ],
  });
  return sections;
}

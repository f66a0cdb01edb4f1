/**
 * Loading stage for scenarios: data/scenarios/*.json ──parse, schema, meaning──▶ Scenario. Every
 * problem is reported at once as `file:line:col (JSON pointer): what — how`; a scenario that loads
 * is one the simulator can run. The store and catalogue checks (json-rules-engine) run here, once.
 */
import { batteryWithoutLithium } from '../battery/texts.ts';
import { BATTERY_CODE } from '../battery/data.ts';
import { M } from './messages.ts';
import { createHash } from 'node:crypto';
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { namedValidator, readJsonDocument, schemaDiagnostics, type JsonDocument } from '../io/index.ts';
import { toJsonSchema } from '../rules/schema/emit.ts';
import { canonicalJson } from '../rules/rule-set.ts';
import { SERVICES, bracketIndex } from '../data/rate-card.ts';
import { catalogRulesDuring, checkCatalog, type SkuFacts, hasCertificate } from '../checks/catalog.ts';
import { checkStore } from '../checks/store.ts';
import { cholesky, pearsonForSpearman, type CopulaFactor } from '../random/copula.ts';
import { compileDist, distProblems } from '../random/dist.ts';
import type { CompiledSchedule } from '../rules/compile-fees.ts';
import type { CostContext } from '../models/context.ts';
import { inputSpecs, type UncertainInput } from './inputs.ts';
import { defaultFx, landedProblems } from '../landed/scenario.ts';
import { parseOverrideKey, type OverrideTarget } from './overrides.ts';
import { RATE_CARD_LEGS, ScenarioSchema, type RateCardLeg, type ScenarioFile } from './schema.ts';
import { resolveRateCards, type ResolvedCards } from './rate-cards.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { resolveTpl, type ResolvedTpl } from './tpl-tariff.ts';
import { MODE_IDS } from './schema.ts';

/** A validated scenario, with what the checks found and the inputs compiled. */
export interface Scenario {
  file: string;
  doc: JsonDocument;
  spec: ScenarioFile;
  /** sha256 of the canonical JSON of the scenario. */
  hash: string;
  schedule: CompiledSchedule;
  inputs: UncertainInput[];
  /** Cholesky factor of the correlated inputs' normal-correlation matrix, or null when independent. */
  correlation: CopulaFactor | null;
  overrides: { inputIndex: number; target: OverrideTarget }[];
  /** Admission at the start: false when the store profile fails (JIT then unavailable: every order E117). */
  storeEligible: boolean;
  storeFailures: string[];
  /** What failed at the start, and how to remedy it. */
  storeFindings: { rule: string; message: Text; remedy: Text }[];
  /** Per month of the horizon: 1 when the store passes admission that month (time-dependent rules such as the ADM-6 freeze). */
  storeOkByMonth: Uint8Array;
  /** Per month: 1 when JIT can be used that month (the store passes admission and some SKU may use JIT). */
  jitOkByMonth: Uint8Array;
  /** JIT usable in at least one month, by at least one SKU. */
  jitAvailable: boolean;
  /** Per SKU: may it use JIT (tagged, not banned, certificates present) in at least one month of the horizon? */
  skuEligible: boolean[];
  /** Per month × SKU (index m·S + s): 1 when the SKU may use JIT that month (catalogue rules in force that month, by `effective` / `until`). */
  skuEligibleByMonth: Uint8Array;
  /** Per SKU: its month-by-month eligibility as a small id (SKUs with the same id have the same eligibility every month). */
  skuEligibilityPattern: Int32Array;
  /** Number of distinct eligibility patterns. */
  eligibilityPatterns: number;
  /** The blocking catalogue rules that fail for some SKU in some month, with their remedy. */
  catalogFindings: { rule: string; message: Text; remedy: Text }[];
  /** Per SKU: the catalogue rules that block it in some month of the horizon. */
  skuBlockedBy: string[][];
  /** Per SKU: banned from JIT by a product rule (no certificate or tag can lift it), as opposed to blocked by something the seller can fix. */
  skuBanned: boolean[];
  /** Per SKU: its lithium-battery class (sim/battery/data.ts BATTERY_CODE: 0 none, 1 UN3481, 2 UN3480); containsLithiumBattery without a class is UN3481. */
  skuBattery: Uint8Array;
  /** Destination → site index of the self-run warehouse serving it. */
  siteOf: number[];
  sites: string[];
  /** The rate cards this run prices with (client cards, fallback, lane factors) and which file priced each lane. */
  cards: ResolvedCards;
  /** Legs whose multiplier is the shipped card's default uncertainty (data/rate-uncertainty.json). */
  defaultUncertainty: RateCardLeg[];
  /** The 3PL overseas warehouse (mode 4): its tariff per site (sim/scenario/tpl-tariff.ts). */
  tpl: ResolvedTpl;
  /** Modes the scenario switches off (`modesOff`): no P(cheapest), no saving, shown as "switched off". */
  modesOff: (typeof MODE_IDS)[number][];
}

export const SCENARIO_SCHEMA_ID = 'https://jitsim.local/schema/scenario.schema.json';

/** The JSON Schema of scenario files, as published in data/schema/scenario.schema.json. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return toJsonSchema(ScenarioSchema, { id: SCENARIO_SCHEMA_ID, title: 'jitsim scenario file' });
}

/**
 * Reads, validates and compiles a scenario against the loaded rules and data.
 * @throws {DiagnosticsError} with every located problem; {UserInputError} when the file cannot be read.
 */
export async function loadScenario(file: string, ctx: CostContext): Promise<Scenario> {
  const doc = await readJsonDocument(file);
  const validate = namedValidator('scenario', scenarioJsonSchema);
  const schemaErrors = schemaDiagnostics(doc, validate);
  if (schemaErrors.length) throw new DiagnosticsError(schemaErrors);
  const spec = doc.value as ScenarioFile;
  const out: Diagnostic[] = [];
  const diag = (pointer: string, en: string, zh: string, remedyEn: string, remedyZh: string) => out.push(doc.diag(pointer, text(en, zh), text(remedyEn, remedyZh)));

  // the simulation runs in calendar months: a start inside a month would lose the days after the last one
  if (!spec.startDate.endsWith('-01')) {
    const [y, mo] = spec.startDate.split('-').map(Number) as [number, number];
    const next = `${mo === 12 ? y + 1 : y}-${String(mo === 12 ? 1 : mo + 1).padStart(2, '0')}-01`;
    out.push(doc.diag('/startDate', M.startMidMonth(spec.startDate), M.startMidMonthFix(spec.startDate.slice(0, 8) + '01', next)));
  }

  // lithium batteries: a battery class says the SKU holds one
  spec.skus.forEach((k, i) => {
    if (k.battery !== undefined && k.containsLithiumBattery === false) out.push(doc.diag(`/skus/${i}/battery`, ...batteryWithoutLithium()));
  });
  const skuBattery = Uint8Array.from(spec.skus, (k) => (k.battery ? BATTERY_CODE[k.battery] : k.containsLithiumBattery ? BATTERY_CODE.UN3481 : 0));

  // fee schedule
  const scheduleId = spec.feeSchedule ?? ctx.rules.files.fees.defaultSchedule;
  const schedule = ctx.schedules.get(scheduleId);
  if (!schedule) diag('/feeSchedule', `unknown fee schedule "${scheduleId}"`, `未知的收费方案 "${scheduleId}"`, `use one of: ${[...ctx.schedules.keys()].join(', ')}`, `请使用以下之一：${[...ctx.schedules.keys()].join('、')}`);

  // the reading of an ambiguous new-seller relief (FEE-A1 减免: waived or reduced)
  if (schedule && spec.newSellerFeeReading !== undefined) {
    const readings = [...new Set(schedule.monthly.flatMap((m) => Object.keys(m.readings)))];
    if (!readings.includes(spec.newSellerFeeReading)) diag('/newSellerFeeReading', `unknown reading "${spec.newSellerFeeReading}" of fee schedule ${schedule.id}`, `收费方案 ${schedule.id} 没有 "${spec.newSellerFeeReading}" 这种理解`, readings.length ? `use one of: ${readings.join(', ')}` : 'this schedule has no new-seller readings; remove the field', readings.length ? `请使用以下之一：${readings.join('、')}` : '该方案没有新卖家减免的不同理解；请删除该字段');
  }

  // distributions: parameters and support within the field's bounds
  const defaultUncertainty = RATE_CARD_LEGS.filter((l) => !spec.rateCards?.[l]?.file && spec.rateCards?.[l]?.multiplier === undefined);
  const specs = inputSpecs(spec, Object.fromEntries(defaultUncertainty.map((l) => [l, ctx.data.rateUncertainty.legs[l].multiplier])), defaultFx(ctx.data, spec));
  const inputs: UncertainInput[] = [];
  for (const s of specs) {
    const problems = distProblems(s.json);
    for (const p of problems) diag(`${s.pointer}/${p.field}`, p.en, p.zh, 'fix the distribution parameters (see data/scenarios/README.md)', '请修正分布参数（见 data/scenarios/README.md）');
    if (problems.length) continue;
    const dist = compileDist(s.json);
    const [lo, hi] = dist.support;
    // a lognormal never reaches 0, so (0, ∞) fits an exclusive minimum of 0
    const tooLow = s.exclusiveMin && dist.kind !== 'lognormal' ? lo <= s.min : lo < s.min;
    if (tooLow || hi > s.max) {
      const f = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : String(x));
      const range = `${s.exclusiveMin ? '(' : '['}${f(s.min)}, ${f(s.max)}${s.max === Infinity ? ')' : ']'}`;
      const normal = dist.kind === 'normal';
      diag(s.pointer, `values from ${f(lo)} to ${f(hi)} can fall outside the allowed range ${range}`, `取值范围 ${f(lo)} 至 ${f(hi)} 超出允许范围 ${range}`, normal ? 'add "min" and "max" to truncate the normal distribution, or use pert/triangular' : 'narrow the distribution to the allowed range', normal ? '请为正态分布添加 "min" 与 "max" 截断，或改用 pert/triangular' : '请把分布收窄到允许范围内');
      continue;
    }
    inputs.push({ ...s, dist });
  }

  // warehouse sites (before the rate cards: the head-haul is priced per site)
  const countries = spec.destinations.map((d) => d.country);
  const sites: string[] = [];
  const siteOf = countries.map(() => -1);
  if (spec.warehouse?.sites) {
    for (const [site, served] of Object.entries(spec.warehouse.sites)) {
      const si = sites.push(site) - 1;
      served.forEach((c, j) => {
        const d = countries.indexOf(c);
        if (d < 0) diag(`/warehouse/sites/${site}/${j}`, `${c} is not a destination of this scenario`, `${c} 不是本情景的目的地`, `use one of: ${countries.join(', ')}`, `请使用以下之一：${countries.join('、')}`);
        else if (siteOf[d]! >= 0) diag(`/warehouse/sites/${site}/${j}`, `${c} is already served by site ${sites[siteOf[d]!]}`, `${c} 已由 ${sites[siteOf[d]!]} 仓服务`, 'list each destination under one site only', '每个目的地只列在一个仓下');
        else siteOf[d] = si;
      });
    }
    countries.forEach((c, d) => {
      if (siteOf[d]! < 0) diag('/warehouse/sites', `destination ${c} is served by no site`, `目的地 ${c} 没有对应的仓`, `add "${c}" to the list of one site`, `请把 "${c}" 加入某个仓的列表`);
    });
  } else countries.forEach((c, d) => (siteOf[d] = sites.push(c) - 1));

  // destinations and rate cards (client cards replace the shipped ones where the scenario names them)
  // inputs by pointer (a catalogue of thousands of SKUs has thousands of inputs: no search per SKU)
  const inputAt = new Map(inputs.map((x) => [x.pointer, x] as const));
  const weightRange = spec.skus.map((_k, i) => (inputAt.get(`/skus/${i}/weightKg`)?.dist.support ?? [0, 0]) as [number, number]);
  const maxWeight = weightRange.map((r) => r[1]);
  // (an unknown fee schedule is reported above; its cards are then checked against the first schedule's)
  const cards = await resolveRateCards(doc, file, spec, ctx.data, (schedule ?? [...ctx.schedules.values()][0]!).logistics, sites, siteOf, weightRange, out);
  // a fixed freight option must exist for every warehouse site
  const freight = spec.warehouse?.freight ?? 'auto';
  if (freight !== 'auto') {
    const k = FREIGHT_MODES.indexOf(freight);
    const lacking = sites.filter((_s, i) => cards.headhaul[i] && !cards.headhaul[i]![k]);
    if (lacking.length) diag('/warehouse/freight', `no ${freight} freight to warehouse site(s) ${lacking.join(', ')} on the head-haul card`, `头程运价表中没有发往仓 ${lacking.join('、')} 的 ${freight} 运输`, `use "auto" or an option every site has, or add ${freight} rows for ${lacking.join(', ')} to the client's head-haul card`, `请用 "auto" 或各仓都有的方式，或在客户头程运价表中为 ${lacking.join('、')} 添加 ${freight} 行`);
  }
  // the 3PL warehouse stands at the same sites: its tariff per site (client quote, else data/tpl.json)
  const tpl = await resolveTpl(doc, file, spec, ctx.data, sites, out);
  // lanes of a client card that fall back to the shipped card carry the shipped card's default
  // uncertainty (data/rate-uncertainty.json), drawn per trial as /rateCards/<leg>/fallbackMultiplier
  for (const leg of RATE_CARD_LEGS) {
    if (!spec.rateCards?.[leg]?.file || !cards.lanes.some((l) => l.leg === leg && l.origin === 'shipped')) continue;
    const json = ctx.data.rateUncertainty.legs[leg].multiplier;
    inputs.push({ pointer: `/rateCards/${leg}/fallbackMultiplier`, json, min: 0, max: Infinity, exclusiveMin: true, dist: compileDist(json) });
  }
  for (const l of cards.lanes) {
    const own = inputs.some((x) => x.pointer === `/rateCards/${l.leg}/multiplier`);
    l.uncertainty = l.origin === 'shipped' && spec.rateCards?.[l.leg]?.file ? `/rateCards/${l.leg}/fallbackMultiplier` : own ? `/rateCards/${l.leg}/multiplier` : null;
  }
  spec.destinations.forEach((d, i) => {
    if (countries.indexOf(d.country) !== i) diag(`/destinations/${i}/country`, `${d.country} is listed twice`, `${d.country} 重复列出`, 'merge the two entries (add their shares)', '请合并两项（份额相加）');
    const legCards = [
      { card: schedule ? cards.jit : undefined, client: spec.rateCards?.jitLogistics?.file, service: d.service, what: 'JIT logistics', zh: 'JIT物流' },
      { card: cards.direct, client: spec.rateCards?.direct?.file, service: d.service, what: 'direct', zh: '直发' },
      { card: cards.lastMile, client: spec.rateCards?.warehouseLastMile?.file, service: d.service === 'express' ? 'express' : 'standard', what: 'warehouse last-mile', zh: '海外仓尾程' },
    ] as const;
    for (const c of legCards) {
      // a client card's missing lanes are reported once, at its `file` (sim/scenario/rate-cards.ts)
      if (!c.card || c.client) continue;
      const di = c.card.destIndex.get(d.country);
      if (di === undefined) {
        diag(`/destinations/${i}/country`, `no ${c.what} rates for ${d.country}`, `${c.zh}运价表中没有 ${d.country}`, `use one of: ${c.card.destinations.join(', ')} (or add its rows to ${c.card.file})`, `请使用以下之一：${c.card.destinations.join('、')}（或在 ${c.card.file} 中添加）`);
        continue;
      }
      const s = SERVICES.indexOf(c.service);
      if (Number.isNaN(c.card.price[(di * SERVICES.length + s) * c.card.brackets.length]!)) diag(`/destinations/${i}/service`, `no ${c.service} service to ${d.country} in the ${c.what} rate card`, `${c.zh}运价表中没有发往 ${d.country} 的 ${c.service} 服务`, 'choose another service', '请选择其他服务');
      maxWeight.forEach((w, k) => {
        if (bracketIndex(c.card!.brackets, w) < 0) diag(`/skus/${k}/weightKg`, `${w} kg is beyond the ${c.what} rate card (max ${c.card!.brackets[c.card!.brackets.length - 1]} kg)`, `${w} 千克超出${c.zh}运价表上限`, 'lower the weight or add heavier brackets to the rate card', '请降低重量或在运价表中添加更重的重量段');
      });
    }
  });

  // SKUs: unique ids, known categories, catalogue check (BAN-1..4, SKU-1..3) decides JIT eligibility
  const categories = ctx.rules.files.catalogue.categories.map((c: { id: string } | string) => (typeof c === 'string' ? c : c.id));
  const firstOfId = new Map<string, number>();
  spec.skus.forEach((k, i) => {
    if (!firstOfId.has(k.id)) firstOfId.set(k.id, i);
    if (firstOfId.get(k.id) !== i) diag(`/skus/${i}/id`, `SKU id "${k.id}" is used twice`, `SKU 编号 "${k.id}" 重复`, 'give every SKU its own id', '请为每个SKU使用不同编号');
    if (!categories.includes(k.category)) diag(`/skus/${i}/category`, `unknown category "${k.category}"`, `未知类目 "${k.category}"`, `use one of: ${categories.join(', ')}`, `请使用以下之一：${categories.join('、')}`);
  });

  // saturation windows
  (spec.saturation ?? []).forEach((w, i) => {
    if (!countries.includes(w.country)) diag(`/saturation/${i}/country`, `${w.country} is not a destination of this scenario`, `${w.country} 不是本情景的目的地`, `use one of: ${countries.join(', ')}`, `请使用以下之一：${countries.join('、')}`);
    if (w.to < w.from) diag(`/saturation/${i}/to`, `the window ends (${w.to}) before it starts (${w.from})`, `窗口结束日（${w.to}）早于开始日（${w.from}）`, 'swap the dates', '请交换日期');
  });

  // landed cost: currencies known, customs regimes, VAT and tariff rates cover the horizon
  out.push(...landedProblems(doc, ctx.data, spec));

  // overrides
  const overrides: Scenario['overrides'] = [];
  for (const key of Object.keys(spec.overrides ?? {})) {
    const pointer = `/overrides/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const t = parseOverrideKey(ctx.data, key);
    if ('error' in t) {
      out.push(doc.diag(pointer, t.error, t.remedy));
      continue;
    }
    const idx = inputs.findIndex((x) => x.pointer === pointer);
    if (idx < 0) continue;
    if (t.fraction && inputs[idx]!.dist.support[1] > 1) diag(pointer, `${key} is a fraction but can be ${inputs[idx]!.dist.support[1]}`, `${key} 为比率，但取值可达 ${inputs[idx]!.dist.support[1]}`, 'rates are fractions: write 10 % as 0.1', '比率用小数：10% 写作 0.1');
    if (t.file === 'warehouse' && t.param === 'startupAmortisationMonths' && !(inputs[idx]!.dist.support[0] > 0)) diag(pointer, 'startupAmortisationMonths must be above 0', 'startupAmortisationMonths 须大于 0', 'write a number of months ≥ 1', '请写 ≥ 1 的月数');
    if (t.file === 'warehouse' && t.param === 'stockDensityKgPerM3' && !(inputs[idx]!.dist.support[0] > 0)) diag(pointer, 'stockDensityKgPerM3 must be above 0', 'stockDensityKgPerM3 须大于 0', 'write a density in kg/m³, e.g. 150', '请写密度（千克/立方米），如 150');
    if (t.file === 'modes' && ['salesUpliftPerBusinessDay', 'salesUpliftPerBusinessDayMin', 'salesUpliftPerBusinessDayMax', 'businessDaysPerCalendarDay', 'salesEffectMaxBusinessDays'].includes(t.param) && spec.profit?.salesEffect === false) diag(pointer, `${key} drives the delivery-speed sales effect, which this scenario switches off (profit.salesEffect: false), so overriding it would change nothing`, `${key} 用于时效销量效应，而本情景已关闭该效应（profit.salesEffect: false），覆盖它不会改变任何结果`, 'remove the override, or remove "salesEffect": false', '请删除该覆盖，或删除 "salesEffect": false');
    if (t.file === 'modes' && t.param === 'jitReturnReductionVsDirect' && !(inputs[idx]!.dist.support[1] < 1)) diag(pointer, 'jitReturnReductionVsDirect must be below 1', 'jitReturnReductionVsDirect 须小于 1', 'write a fraction below 1, e.g. 0.41', '请写小于 1 的比率，如 0.41');
    overrides.push({ inputIndex: idx, target: t });
  }

  // correlations
  let correlation: CopulaFactor | null = null;
  // default correlations between shipped cards' multipliers (data/rate-uncertainty.json), unless the scenario sets its own
  const defaultPairs: [number, number, number][] = [];
  for (const leg of defaultUncertainty) {
    const c = ctx.data.rateUncertainty.legs[leg].correlation;
    if (!c || !defaultUncertainty.includes(c.with)) continue;
    const a = inputs.findIndex((x) => x.pointer === `/rateCards/${leg}/multiplier`);
    const b = inputs.findIndex((x) => x.pointer === `/rateCards/${c.with}/multiplier`);
    const named = (spec.correlations ?? []).some((x) => x.between.includes(`/rateCards/${leg}/multiplier`) && x.between.includes(`/rateCards/${c.with}/multiplier`));
    if (a >= 0 && b >= 0 && a !== b && !named && !inputs[a]!.dist.fixed && !inputs[b]!.dist.fixed) defaultPairs.push([a, b, c.rankCorrelation]);
  }
  if (spec.correlations?.length || defaultPairs.length) {
    // the factor covers only the inputs named in a correlation (the others are independent)
    const named = new Set<number>(defaultPairs.flatMap(([a, b]) => [a, b]));
    for (const c of spec.correlations ?? []) for (const p of c.between) {
      const k = inputs.findIndex((x) => x.pointer === p);
      if (k >= 0) named.add(k);
    }
    const idx = Int32Array.from([...named].sort((a, b) => a - b));
    const pos = new Map(Array.from(idx, (k, p) => [k, p]));
    const n = idx.length;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) m[i * n + i] = 1;
    for (const [a0, b0, r] of defaultPairs) {
      const a = pos.get(a0)!;
      const b = pos.get(b0)!;
      m[a * n + b] = m[b * n + a] = pearsonForSpearman(r);
    }
    (spec.correlations ?? []).forEach((c, ci) => {
      const idx = c.between.map((p, j) => {
        const k = inputs.findIndex((x) => x.pointer === p);
        if (k < 0 && specs.some((x) => x.pointer === p)) return k; // already reported above
        if (k < 0) diag(`/correlations/${ci}/between/${j}`, `"${p}" is not an uncertain input of this scenario`, `"${p}" 不是本情景的不确定输入`, `use the JSON pointer of a distribution field, e.g. ${inputs.filter((x) => !x.dist.fixed).slice(0, 3).map((x) => x.pointer).join(', ')}`, `请使用分布字段的 JSON 指针，如 ${inputs.filter((x) => !x.dist.fixed).slice(0, 3).map((x) => x.pointer).join('、')}`);
        else if (inputs[k]!.dist.fixed) diag(`/correlations/${ci}/between/${j}`, `"${p}" is a fixed value and cannot be correlated`, `"${p}" 为固定值，无法设置相关`, 'give it a distribution, or remove this correlation', '请为其设置分布，或删除该相关');
        return k;
      });
      const [a0, b0] = idx as [number, number];
      if (a0 >= 0 && b0 >= 0) {
        if (a0 === b0) diag(`/correlations/${ci}/between`, 'an input cannot be correlated with itself', '输入不能与自身相关', 'name two different inputs', '请填写两个不同的输入');
        const a = pos.get(a0)!;
        const b = pos.get(b0)!;
        m[a * n + b] = m[b * n + a] = pearsonForSpearman(c.rankCorrelation);
      }
    });
    if (!out.length) {
      const l = cholesky(m, n);
      correlation = l ? { n: inputs.length, idx, l } : null;
      if (!l) diag('/correlations', 'these rank correlations contradict each other (the matrix is not positive definite)', '这些秩相关彼此矛盾（矩阵非正定）', 'weaken some of them', '请减弱其中一些相关系数');
    }
  }
  if (out.length || !schedule) throw new DiagnosticsError(out);

  // eligibility: the store (ADM-1..6) and each SKU (catalogue rules), by json-rules-engine, once
  // time-dependent rules (an ADM-6 freeze ends) are evaluated month by month: at the scenario's start
  // (or the store's asOf), then on the first day of every later month
  let storeEligible = true;
  let storeFailures: string[] = [];
  let storeFindings: Scenario['storeFindings'] = [];
  const storeOkByMonth = new Uint8Array(spec.horizonMonths).fill(1);
  if (spec.store) {
    const first = spec.store.asOf ?? spec.startDate;
    const start = new Date(`${spec.startDate}T00:00:00Z`);
    for (let m = 0; m < spec.horizonMonths; m++) {
      const monthStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)).toISOString().slice(0, 10);
      const asOf = m === 0 || monthStart < first ? first : monthStart;
      const r = await checkStore(ctx.rules, spec.store, asOf);
      storeOkByMonth[m] = r.ok ? 1 : 0;
      if (m === 0) {
        storeEligible = r.ok;
        storeFailures = r.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
        storeFindings = r.findings.filter((f) => f.severity === 'error').map((f) => ({ rule: f.rule, message: f.message, remedy: f.remedy }));
      }
    }
  }
  const facts: SkuFacts[] = spec.skus.map((k, i) => ({
    sku: k.id,
    category: k.category,
    jitTagged: k.jitTagged,
    weightKg: inputAt.get(`/skus/${i}/weightKg`)!.dist.quantile(0.5),
    hasCompositionLabel: k.hasCompositionLabel ?? true,
    ceFccCert: k.ceFccCert ?? 'CE-ON-FILE',
    hasCeFccCert: k.ceFccCert === undefined ? true : hasCertificate(ctx.rules.files.catalogue, k.ceFccCert),
    medicalCert: k.medicalCert ?? false,
    containsLithiumBattery: k.containsLithiumBattery ?? k.battery !== undefined,
    line: doc.locate(`/skus/${i}`).line,
  }));
  // the catalogue month by month too: a rule counts in a month when it is in force on any day of it
  // (`effective`, `until`), so a ban starting on 15 March blocks March; months with the same rules share one check
  const S = spec.skus.length;
  const months = spec.horizonMonths;
  const skuEligibleByMonth = new Uint8Array(months * S);
  const skuBlockedBy: string[][] = spec.skus.map(() => []);
  const skuBanned: boolean[] = spec.skus.map(() => false);
  const catalogFindings = new Map<string, Scenario['storeFindings'][number]>();
  const byRules = new Map<readonly unknown[], Awaited<ReturnType<typeof checkCatalog>>>();
  {
    const start = new Date(`${spec.startDate}T00:00:00Z`);
    for (let m = 0; m < months; m++) {
      const from = m === 0 ? spec.startDate : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m + 1, 0)).toISOString().slice(0, 10);
      const list = catalogRulesDuring(ctx.rules.files.catalogue, { from, to });
      let catalog = byRules.get(list);
      if (!catalog) byRules.set(list, (catalog = await checkCatalog(ctx.rules, facts, [], { from, to })));
      catalog.skus.forEach((v, s) => {
        skuEligibleByMonth[m * S + s] = v.status !== 'blocked' ? 1 : 0;
        for (const id of [...v.banned, ...v.certificates, ...v.tagging]) if (!skuBlockedBy[s]!.includes(id)) skuBlockedBy[s]!.push(id);
        if (v.banned.length > 0) skuBanned[s] = true;
      });
      for (const f of catalog.findings) if (f.severity === 'error' && !catalogFindings.has(f.rule)) catalogFindings.set(f.rule, { rule: f.rule, message: f.message, remedy: f.remedy });
    }
  }
  const skuEligible = spec.skus.map((_, s) => {
    for (let m = 0; m < months; m++) if (skuEligibleByMonth[m * S + s] === 1) return true;
    return false;
  });
  // SKUs with the same month-by-month eligibility share a pattern (the engine's cost classes keep them apart from the others)
  const patterns = new Map<string, number>();
  const skuEligibilityPattern = Int32Array.from(spec.skus, (_, s) => {
    let k = '';
    for (let m = 0; m < months; m++) k += skuEligibleByMonth[m * S + s];
    let p = patterns.get(k);
    if (p === undefined) patterns.set(k, (p = patterns.size));
    return p;
  });
  // JIT can be used in a month when the store passes admission and some SKU may use it
  const jitOkByMonth = Uint8Array.from(storeOkByMonth, (ok, m) => {
    if (ok !== 1) return 0;
    for (let s = 0; s < S; s++) if (skuEligibleByMonth[m * S + s] === 1) return 1;
    return 0;
  });

  const jitAvailable = jitOkByMonth.some((x) => x === 1);
  const modesOff = spec.modesOff ?? [];
  // at least one mode must be left to compare: JIT switched on but unavailable does not count
  if (!MODE_IDS.some((m) => !modesOff.includes(m) && (m !== 'jit' || jitAvailable)))
    throw new DiagnosticsError([doc.diag('/modesOff', M.allModesOff, M.allModesOffFix)]);
  const hash = createHash('sha256').update(canonicalJson(spec)).update(cards.digest);
  if (tpl.digest) hash.update(`\ntpl\n${tpl.digest}`);
  return { file, doc, spec, hash: hash.digest('hex'), schedule, inputs, correlation, overrides, storeEligible, storeFailures, storeFindings, storeOkByMonth, jitOkByMonth, jitAvailable, skuEligible, skuEligibleByMonth, skuEligibilityPattern, eligibilityPatterns: patterns.size, catalogFindings: [...catalogFindings.values()], skuBlockedBy, skuBanned, skuBattery, siteOf, sites, cards, defaultUncertainty, tpl, modesOff };
}

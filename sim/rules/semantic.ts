/**
 * Semantic checks that a JSON Schema cannot express: duplicate ids, band tables that overlap, leave
 * gaps or are unsorted, discount factors outside (0, 1], unknown ISO country codes, dangling
 * references between files, and conditions that use unknown facts or operators.
 */
import { isCountryCode } from '../io/country-code.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { normaliseHeader, type JsonDocument } from '../io/index.ts';
import { checkCondition } from './conditions.ts';
import { placeholders } from './interpolate.ts';
import { EXIT_FACTS, FEE_FACTS, MATCH_COUNT, REENTRY_FACTS, ROUTING_FACTS, STORE_FACTS, skuFacts, type FactSpec, type Vocabulary } from './facts.ts';
import type { Band, ConditionRule, RuleFileKind } from './schema/index.ts';
import type { RuleFiles } from './rule-files.ts';

type Docs = Partial<Record<RuleFileKind, JsonDocument>>;

const MATCH_COUNT_FACT: Record<string, FactSpec> = { [MATCH_COUNT]: { type: { kind: 'number', min: 0 }, description: text('items that matched', '匹配的项数') } };

/** Checks a list of condition rules against a vocabulary, `forEach` included. */
export function checkConditionRules(doc: JsonDocument, rules: readonly ConditionRule[], base: string, vocab: Vocabulary): Diagnostic[] {
  const out: Diagnostic[] = [];
  rules.forEach((r, i) => {
    const p = `${base}/${i}`;
    for (const field of ['message', 'remedy'] as const) {
      for (const name of placeholders(r[field])) {
        if (r.params?.[name] === undefined) out.push(doc.diag(`${p}/${field}`, text(`placeholder {${name}} names no param of this rule`, `占位符 {${name}} 不是本规则的参数`), text(`add "${name}" to "params", or fix the placeholder (known: ${Object.keys(r.params ?? {}).join(', ') || 'none'})`, `请在 "params" 中添加 "${name}"，或改正占位符（已有：${Object.keys(r.params ?? {}).join('、') || '无'}）`)));
      }
    }
    if (r.forEach !== undefined) {
      const items = vocab.collections[r.forEach];
      if (!items) {
        out.push(doc.diag(`${p}/forEach`, text(`unknown collection "${r.forEach}"`, `未知集合 "${r.forEach}"`), text(`use one of: ${Object.keys(vocab.collections).join(', ') || '(none in this file)'}`, `请使用以下之一：${Object.keys(vocab.collections).join('、') || '（本文件无集合）'}`)));
        return;
      }
      if (!r.match) {
        out.push(doc.diag(p, text('a "forEach" rule needs a "match" condition', '"forEach" 规则需要 "match" 条件'), text('add "match": { "all": [ … ] } that selects the items to count', '请添加 "match": { "all": [ … ] } 以选出要计数的项')));
        return;
      }
      out.push(...checkCondition(doc, r.match, `${p}/match`, items, r.params));
      out.push(...checkCondition(doc, r.conditions, `${p}/conditions`, { ...vocab.facts, ...MATCH_COUNT_FACT }, r.params));
    } else {
      if (r.match) out.push(doc.diag(`${p}/match`, text('"match" is only used with "forEach"', '"match" 仅与 "forEach" 一起使用'), text('add "forEach": "<collection>" or remove "match"', '请添加 "forEach": "<集合>" 或删除 "match"')));
      out.push(...checkCondition(doc, r.conditions, `${p}/conditions`, vocab.facts, r.params));
    }
  });
  return out;
}

/** Checks a band table: sorted, starting at 0, no gaps, no overlaps, open-ended last band. */
export function checkBands(doc: JsonDocument, bands: readonly Band[], p: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = bands[0];
  if (first && first.fromLitres !== 0) out.push(doc.diag(`${p}/0/fromLitres`, text(`the first band starts at ${first.fromLitres}, not 0`, `第一档从 ${first.fromLitres} 开始，而非 0`), text('start the first band at "fromLitres": 0 so every parcel has a fee', '请让第一档从 "fromLitres": 0 开始，使每个包裹都有费率')));
  bands.forEach((b, i) => {
    if (b.toLitres !== null && b.toLitres <= b.fromLitres) out.push(doc.diag(`${p}/${i}/toLitres`, text(`band ${i + 1} is empty or reversed: toLitres ${b.toLitres} ≤ fromLitres ${b.fromLitres}`, `第 ${i + 1} 档为空或颠倒：toLitres ${b.toLitres} ≤ fromLitres ${b.fromLitres}`), text('toLitres (exclusive) must be greater than fromLitres', 'toLitres（不含）必须大于 fromLitres')));
    const prev = bands[i - 1];
    if (!prev) return;
    if (prev.toLitres === null) {
      out.push(doc.diag(`${p}/${i - 1}/toLitres`, text(`band ${i} is open-ended but is not the last band`, `第 ${i} 档无上限，但不是最后一档`), text('give it a "toLitres", or move it to the end', '请为其设置 "toLitres"，或移到最后')));
    } else if (b.fromLitres < prev.fromLitres) {
      out.push(doc.diag(`${p}/${i}/fromLitres`, text(`bands are not sorted: band ${i + 1} starts at ${b.fromLitres}, before band ${i} (${prev.fromLitres})`, `分档未排序：第 ${i + 1} 档从 ${b.fromLitres} 开始，早于第 ${i} 档（${prev.fromLitres}）`), text('sort the bands by fromLitres, ascending', '请按 fromLitres 升序排列')));
    } else if (b.fromLitres < prev.toLitres) {
      out.push(doc.diag(`${p}/${i}/fromLitres`, text(`band ${i + 1} overlaps band ${i}: it starts at ${b.fromLitres} but band ${i} runs to ${prev.toLitres}`, `第 ${i + 1} 档与第 ${i} 档重叠：从 ${b.fromLitres} 开始，而第 ${i} 档至 ${prev.toLitres}`), text(`start band ${i + 1} at ${prev.toLitres}`, `请让第 ${i + 1} 档从 ${prev.toLitres} 开始`)));
    } else if (b.fromLitres > prev.toLitres) {
      out.push(doc.diag(`${p}/${i}/fromLitres`, text(`gap between bands ${i} and ${i + 1}: parcels of ${prev.toLitres}–${b.fromLitres} L have no fee`, `第 ${i} 档与第 ${i + 1} 档之间有缺口：${prev.toLitres}–${b.fromLitres} 升的包裹无费率`), text(`start band ${i + 1} at ${prev.toLitres}`, `请让第 ${i + 1} 档从 ${prev.toLitres} 开始`)));
    }
  });
  const last = bands[bands.length - 1];
  if (last && last.toLitres !== null) out.push(doc.diag(`${p}/${bands.length - 1}/toLitres`, text(`the last band ends at ${last.toLitres} L: larger parcels have no fee`, `最后一档止于 ${last.toLitres}：更大的包裹无费率`), text('set "toLitres": null on the last band', '请把最后一档设为 "toLitres": null')));
  return out;
}

function checkFactor(doc: JsonDocument, factor: number, p: string): Diagnostic[] {
  return factor > 0 && factor <= 1
    ? []
    : [doc.diag(p, text(`discount factor ${factor} is outside (0, 1]`, `折扣系数 ${factor} 不在 (0, 1] 区间内`), text('a factor multiplies the fee: 0.9 means 10 % off; 1 means no discount', '系数乘以费用：0.9 表示九折；1 表示无折扣'))];
}

/** Every id a rule file defines, with its pointer. */
export function definedIds(kind: RuleFileKind, files: Partial<RuleFiles>): { id: string; pointer: string }[] {
  const ids: { id: string; pointer: string }[] = [];
  const add = (arr: readonly { id: string }[] | undefined, base: string) => arr?.forEach((x, i) => ids.push({ id: x.id, pointer: `${base}/${i}/id` }));
  switch (kind) {
    case 'admission':
      add(files.admission?.rules, '/rules');
      break;
    case 'catalogue': {
      const f = files.catalogue;
      add(f?.bannedCategories, '/bannedCategories');
      add(f?.rules, '/rules');
      if (f) ids.push({ id: f.importBatch.id, pointer: '/importBatch/id' });
      if (f?.trial) ids.push({ id: f.trial.id, pointer: '/trial/id' });
      break;
    }
    case 'fees': {
      const f = files.fees;
      f?.schedules.forEach((s, si) => {
        add(s.monthlyFees, `/schedules/${si}/monthlyFees`);
        add(s.perOrderFees, `/schedules/${si}/perOrderFees`);
        add(s.bandedFees, `/schedules/${si}/bandedFees`);
        ids.push({ id: s.logistics.id, pointer: `/schedules/${si}/logistics/id` });
      });
      add(f?.adjustments, '/adjustments');
      add(f?.ladders, '/ladders');
      break;
    }
    case 'routing':
      add(files.routing?.rules, '/rules');
      if (files.routing) ids.push({ id: files.routing.network.id, pointer: '/network/id' });
      break;
    case 'billing':
      if (files.billing) ids.push({ id: files.billing.cycle.id, pointer: '/cycle/id' }, { id: files.billing.settlement.id, pointer: '/settlement/id' });
      break;
    case 'exit':
      add(files.exit?.rules, '/rules');
      add(files.exit?.steps, '/steps');
      break;
    case 'reentry':
      add(files.reentry?.rules, '/rules');
      break;
  }
  return ids;
}

/**
 * All semantic diagnostics for the files that passed their schema. `projectDir` is the folder
 * that holds `rules/` and `data/`, against which rate-card paths are resolved.
 */
export function semanticDiagnostics(files: Partial<RuleFiles>, docs: Docs, projectDir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  // duplicate ids across all files
  // (located only when a duplicate is found: locating builds the file's position tree)
  const seen = new Map<string, { doc: JsonDocument; pointer: string }>();
  for (const kind of Object.keys(files) as RuleFileKind[]) {
    const doc = docs[kind];
    if (!doc) continue;
    for (const { id, pointer } of definedIds(kind, files)) {
      const first = seen.get(id);
      if (first) {
        const l = first.doc.locate(first.pointer);
        const where = `${l.file}:${l.line}`;
        out.push(doc.diag(pointer, text(`duplicate id "${id}" (already defined at ${where})`, `重复的 id "${id}"（已在 ${where} 定义）`), text('give every rule a unique id', '请为每条规则使用唯一的 id')));
      } else seen.set(id, { doc, pointer });
    }
  }
  const allIds = new Set(seen.keys());

  const { admission, catalogue, fees, routing, exit, reentry } = files;
  if (admission && docs.admission) out.push(...checkConditionRules(docs.admission, admission.rules, '/rules', STORE_FACTS));
  if (reentry && docs.reentry) out.push(...checkConditionRules(docs.reentry, reentry.rules, '/rules', REENTRY_FACTS));
  if (routing && docs.routing) {
    const doc = docs.routing;
    out.push(...checkConditionRules(doc, routing.rules, '/rules', ROUTING_FACTS));
    routing.rules.forEach((r, i) => {
      if (r.ref !== undefined && !allIds.has(r.ref)) out.push(doc.diag(`/rules/${i}/ref`, text(`"${r.ref}" is not defined in any rule file`, `"${r.ref}" 未在任何规则文件中定义`), text('point "ref" at an existing rule id (e.g. BIL-1 in billing.json)', '请让 "ref" 指向已有的规则 id（如 billing.json 中的 BIL-1）')));
    });
    const seenCountry = new Set<string>();
    routing.network.overseasWarehouseCountries.forEach((c, i) => {
      if (!isCountryCode(c) || c !== c.toUpperCase()) out.push(doc.diag(`/network/overseasWarehouseCountries/${i}`, text(`"${c}" is not an ISO 3166-1 alpha-2 country code`, `"${c}" 不是 ISO 3166-1 二位国家代码`), text('use two capital letters, e.g. ES for Spain, SA for Saudi Arabia', '请用两个大写字母，如 ES（西班牙）、SA（沙特阿拉伯）')));
      else if (seenCountry.has(c)) out.push(doc.diag(`/network/overseasWarehouseCountries/${i}`, text(`country "${c}" is listed twice`, `国家 "${c}" 重复列出`), text('remove the duplicate', '请删除重复项')));
      seenCountry.add(c);
    });
  }
  if (exit && docs.exit) {
    const doc = docs.exit;
    out.push(...checkConditionRules(doc, exit.rules, '/rules', EXIT_FACTS));
    const ruleIds = new Set(exit.rules.map((r) => r.id));
    exit.steps.forEach((s, i) =>
      s.requires.forEach((id, j) => {
        if (!ruleIds.has(id)) out.push(doc.diag(`/steps/${i}/requires/${j}`, text(`step requires "${id}", which is not a rule in this file`, `步骤依赖的 "${id}" 不是本文件中的规则`), text(`use one of: ${[...ruleIds].join(', ')}`, `请使用以下之一：${[...ruleIds].join('、')}`)));
      }),
    );
  }
  if (catalogue && docs.catalogue) {
    const doc = docs.catalogue;
    const catIds = new Set<string>();
    catalogue.categories.forEach((c, i) => {
      if (catIds.has(c.id)) out.push(doc.diag(`/categories/${i}/id`, text(`category "${c.id}" is listed twice`, `类目 "${c.id}" 重复列出`), text('remove the duplicate', '请删除重复项')));
      catIds.add(c.id);
    });
    const banned = new Set<string>();
    catalogue.bannedCategories.forEach((b, i) => {
      if (banned.has(b.category)) out.push(doc.diag(`/bannedCategories/${i}/category`, text(`category "${b.category}" is banned twice`, `类目 "${b.category}" 被重复禁售`), text('keep one entry per banned category', '每个禁售类目只保留一条')));
      banned.add(b.category);
      if (!catIds.has(b.category)) out.push(doc.diag(`/bannedCategories/${i}/category`, text(`banned category "${b.category}" is not in "categories"`, `禁售类目 "${b.category}" 不在 "categories" 中`), text(`add it to "categories" or use one of: ${[...catIds].join(', ')}`, `请将其加入 "categories"，或使用：${[...catIds].join('、')}`)));
    });
    out.push(...checkConditionRules(doc, catalogue.rules, '/rules', skuFacts([...catIds])));
    // a catalogue rule's "until" (exclusive end) comes after its "effective" date
    for (const [list, base] of [[catalogue.bannedCategories, '/bannedCategories'], [catalogue.rules, '/rules']] as const)
      list.forEach((r, i) => {
        if (r.until !== undefined && r.until <= r.effective) out.push(doc.diag(`${base}/${i}/until`, text(`"until" (${r.until}) is not after "effective" (${r.effective}): the rule would never apply`, `"until"（${r.until}）不晚于 "effective"（${r.effective}）：该规则永不适用`), text('set "until" to the first day the rule no longer applies, after "effective" (or remove it)', '请把 "until" 设为规则不再适用的第一天，且晚于 "effective"（或删除该字段）')));
      });
    const csv = catalogue.csv;
    if (csv && typeof csv === 'object') {
      // a header name means one column only; a word means yes or no, not both
      const owner = new Map<string, string>();
      for (const [column, names] of Object.entries(csv.headers ?? {})) {
        if (!Array.isArray(names)) continue;
        names.forEach((h, i) => {
          if (typeof h !== 'string') return;
          const n = normaliseHeader(h);
          const prev = owner.get(n) ?? (normaliseHeader(column) !== n && (Object.keys(csv.headers) as string[]).find((c) => normaliseHeader(c) === n));
          if (prev && prev !== column) out.push(doc.diag(`/csv/headers/${column}/${i}`, text(`header name "${h}" is also a name of the column ${prev}`, `表头名 "${h}" 同时是列 ${prev} 的名称`), text('give each header name to one column only', '每个表头名只能对应一列')));
          else owner.set(n, column);
        });
      }
      const yes = new Set((Array.isArray(csv.yes) ? csv.yes : []).filter((w): w is string => typeof w === 'string').map((w) => w.toLowerCase()));
      (Array.isArray(csv.no) ? csv.no : []).forEach((w, i) => {
        if (typeof w === 'string' && yes.has(w.toLowerCase())) out.push(doc.diag(`/csv/no/${i}`, text(`"${w}" is listed both as yes and as no`, `"${w}" 同时列为“是”和“否”`), text('keep the word in one list', '请只在一个列表中保留该词')));
      });
      const cert = csv.certificateNumber;
      if (cert && typeof cert.pattern === 'string') {
        let re: RegExp | undefined;
        try {
          re = new RegExp(cert.pattern, 'u');
        } catch (e) {
          out.push(doc.diag('/csv/certificateNumber/pattern', text(`not a valid regular expression: ${(e as Error).message}`, `不是有效的正则表达式：${(e as Error).message}`), text('write a JavaScript regular expression, e.g. ^[A-Z0-9-]+$', '请写 JavaScript 正则表达式，如 ^[A-Z0-9-]+$')));
        }
        if (re && typeof cert.example === 'string' && !re.test(cert.example)) out.push(doc.diag('/csv/certificateNumber/example', text(`the example "${cert.example}" does not match the pattern`, `示例 "${cert.example}" 不符合该模式`), text('give an example the pattern accepts, or fix the pattern', '请给出符合模式的示例，或修正模式')));
      }
    }
  }
  if (fees && docs.fees) {
    const doc = docs.fees;
    const scheduleIds = new Set<string>();
    fees.schedules.forEach((s, si) => {
      if (scheduleIds.has(s.id)) out.push(doc.diag(`/schedules/${si}/id`, text(`schedule "${s.id}" is defined twice`, `收费方案 "${s.id}" 重复定义`), text('give each schedule a unique id', '请为每个方案使用唯一 id')));
      scheduleIds.add(s.id);
      s.bandedFees.forEach((bf, bi) => out.push(...checkBands(doc, bf.bands, `/schedules/${si}/bandedFees/${bi}/bands`)));
      // each banded component must cover both regions exactly once
      const byComponent = new Map<string, string[]>();
      s.bandedFees.forEach((bf) => byComponent.set(bf.component, [...(byComponent.get(bf.component) ?? []), bf.region]));
      for (const [component, regions] of byComponent) {
        const ok = (regions.length === 1 && regions[0] === 'any') || (regions.length === 2 && regions.includes('domestic') && regions.includes('overseas'));
        if (!ok) out.push(doc.diag(`/schedules/${si}/bandedFees`, text(`component "${component}" must have one band table for "any" region, or one each for "domestic" and "overseas" (found: ${regions.join(', ')})`, `费用项 "${component}" 须有一个 "any" 区域分档表，或 "domestic" 与 "overseas" 各一个（现有：${regions.join('、')}）`), text('add or remove band tables so each region is priced exactly once', '请增删分档表，使每个区域恰好定价一次')));
      }
      const rateCard = join(projectDir, s.logistics.rateCard);
      if (!existsSync(rateCard)) out.push(doc.diag(`/schedules/${si}/logistics/rateCard`, text(`rate card "${s.logistics.rateCard}" does not exist (looked for ${rateCard})`, `运价表 "${s.logistics.rateCard}" 不存在（查找路径 ${rateCard}）`), text('give a path relative to the project folder, e.g. data/rates/jit-logistics.csv', '请填写相对项目目录的路径，如 data/rates/jit-logistics.csv')));
    });
    if (!scheduleIds.has(fees.defaultSchedule)) out.push(doc.diag('/defaultSchedule', text(`default schedule "${fees.defaultSchedule}" is not defined`, `默认方案 "${fees.defaultSchedule}" 未定义`), text(`use one of: ${[...scheduleIds].join(', ')}`, `请使用以下之一：${[...scheduleIds].join('、')}`)));
    const checkSchedules = (list: readonly string[], p: string) =>
      list.forEach((id, j) => {
        if (!scheduleIds.has(id)) out.push(doc.diag(`${p}/${j}`, text(`schedule "${id}" is not defined`, `方案 "${id}" 未定义`), text(`use one of: ${[...scheduleIds].join(', ')}`, `请使用以下之一：${[...scheduleIds].join('、')}`)));
      });
    fees.adjustments.forEach((a, i) => {
      checkSchedules(a.schedules, `/adjustments/${i}/schedules`);
      out.push(...checkCondition(doc, a.conditions, `/adjustments/${i}/conditions`, FEE_FACTS.facts, undefined));
      if (a.effect.kind === 'factor') out.push(...checkFactor(doc, a.effect.factor, `/adjustments/${i}/effect/factor`));
    });
    fees.ladders.forEach((l, i) => {
      checkSchedules(l.schedules, `/ladders/${i}/schedules`);
      l.steps.forEach((s, j) => {
        out.push(...checkFactor(doc, s.factor, `/ladders/${i}/steps/${j}/factor`));
        const prev = l.steps[j - 1];
        if (prev && s.aboveOrders <= prev.aboveOrders) out.push(doc.diag(`/ladders/${i}/steps/${j}/aboveOrders`, text(`ladder steps are not sorted: ${s.aboveOrders} after ${prev.aboveOrders}`, `阶梯未排序：${s.aboveOrders} 位于 ${prev.aboveOrders} 之后`), text('list the steps by "aboveOrders", strictly increasing', '请按 "aboveOrders" 严格递增排列')));
      });
    });
  }
  return out;
}

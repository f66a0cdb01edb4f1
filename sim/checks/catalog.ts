/** `jitsim check catalog`: which SKUs may use JIT (banned, missing certificate, not tagged, advice). */
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { CsvReader, normaliseHeader, readCsvTable, type CsvFormat, type CsvTable } from '../io/index.ts';
import { forEachLeaf, resolveParams } from '../rules/conditions.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import { skuFacts } from '../rules/facts.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { CATALOG_COLUMNS, type CatalogueFile, type Condition, type ConditionRule } from '../rules/schema/index.ts';
import { findingFor, formatSource, type Finding } from './finding.ts';

export { CATALOG_COLUMNS };

export type CatalogReason = 'banned' | 'certificate' | 'tagging' | 'advisory';

/** A catalogue rule as the engine sees it: the file's rules plus one rule per banned category. */
export type CatalogRule = ConditionRule & { reason: CatalogReason; until?: string };

/** One SKU of the catalogue, as facts. */
export interface SkuFacts {
  sku: string;
  category: string;
  jitTagged: boolean;
  weightKg: number;
  hasCompositionLabel: boolean;
  ceFccCert: string;
  hasCeFccCert: boolean;
  medicalCert: boolean;
  containsLithiumBattery: boolean;
  line: number;
}

export interface SkuVerdict {
  sku: string;
  category: string;
  line: number;
  /** `ok`: may use JIT; `blocked`: an error rule fails; `advisory`: usable, with advice; `cannot-check`: a cell of its row is unreadable. */
  status: 'ok' | 'blocked' | 'advisory' | 'cannot-check';
  banned: string[];
  certificates: string[];
  tagging: string[];
  advisories: string[];
}

export interface CatalogCheckResult {
  check: 'catalog';
  /** No error rule fails and every SKU could be checked. */
  ok: boolean;
  findings: Finding[];
  skus: SkuVerdict[];
  /** The located problems of the rows that could not be checked. */
  problems: Diagnostic[];
  summary: { total: number; ok: number; blocked: number; advisory: number; cannotCheck: number; byReason: Record<CatalogReason, number> };
  format?: CsvFormat;
}

/** A row whose cells could not all be read: its SKU (as far as known) and what is wrong. */
export interface UncheckedSku {
  sku: string;
  line: number;
  category: string;
  problems: Diagnostic[];
}

/** A catalogue read from CSV: the SKUs that can be checked, and those that cannot (with located problems). */
export interface Catalog {
  skus: SkuFacts[];
  unchecked: UncheckedSku[];
  format?: CsvFormat;
}

const cache = new WeakMap<CatalogueFile, CatalogRule[]>();

/** The catalogue rules, with each banned category turned into the rule "category ≠ X". */
export function catalogRules(file: CatalogueFile): CatalogRule[] {
  let rules = cache.get(file);
  if (!rules) {
    rules = [
      ...file.bannedCategories.map((b): CatalogRule => ({
        id: b.id,
        name: b.name,
        source: b.source,
        effective: b.effective,
        ...(b.until !== undefined ? { until: b.until } : {}),
        severity: 'error',
        reason: 'banned',
        conditions: { all: [{ fact: 'category', operator: 'notEqual', value: b.category }] },
        message: b.message,
        remedy: b.remedy,
      })),
      ...file.rules,
    ];
    cache.set(file, rules);
  }
  return rules;
}

/** A period of days (ISO dates, both inclusive) in which a rule counts as in force if it is in force on any day of it. */
export interface RulePeriod {
  from: string;
  to: string;
}

/** Whether a rule (`effective`, optional exclusive `until`) is in force on some day of the period. */
export function inForceDuring(rule: { effective: string; until?: string | undefined }, period: RulePeriod): boolean {
  return rule.effective <= period.to && (rule.until === undefined || rule.until > period.from);
}

const inForceCache = new WeakMap<CatalogueFile, Map<string, CatalogRule[]>>();

/** The catalogue rules in force on some day of the period (one list object per distinct set, so compiled engines are reused). */
export function catalogRulesDuring(file: CatalogueFile, period: RulePeriod): CatalogRule[] {
  const all = catalogRules(file);
  const subset = all.filter((r) => inForceDuring(r, period));
  if (subset.length === all.length) return all;
  let byKey = inForceCache.get(file);
  if (!byKey) inForceCache.set(file, (byKey = new Map()));
  const key = subset.map((r) => r.id).join('\u0000');
  let hit = byKey.get(key);
  if (!hit) byKey.set(key, (hit = subset));
  return hit;
}

/** The yes/no vocabulary of a catalogue file, lower-cased. */
function vocabulary(file: CatalogueFile): { yes: Set<string>; no: Set<string>; certificate: RegExp } {
  return { yes: new Set(file.csv.yes.map((w) => w.toLowerCase())), no: new Set(['', ...file.csv.no.map((w) => w.toLowerCase())]), certificate: new RegExp(file.csv.certificateNumber.pattern, 'u') };
}

/** What a certificate cell says: a certificate number, yes, no (a no word or empty) — or none of these. */
export function certificateCell(file: CatalogueFile, cell: string): 'number' | 'yes' | 'no' | 'invalid' {
  const v = vocabulary(file);
  const c = cell.trim();
  if (v.no.has(c.toLowerCase())) return 'no';
  if (v.yes.has(c.toLowerCase())) return 'yes';
  return v.certificate.test(c) ? 'number' : 'invalid';
}

/** Whether a certificate cell records a certificate (a number or a yes word). */
export function hasCertificate(file: CatalogueFile, cell: string | undefined): boolean {
  const k = certificateCell(file, cell ?? '');
  return k === 'number' || k === 'yes';
}

/** Header name (normalised) → column, from the catalogue file's `csv.headers` and the column names themselves. */
export function catalogHeaderAliases(file: CatalogueFile): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of CATALOG_COLUMNS) {
    m.set(normaliseHeader(c), c);
    for (const h of file.csv.headers[c]) m.set(normaliseHeader(h), c);
  }
  return m;
}

/** Reads a catalogue CSV file: encoding, delimiter and (Chinese) headers as the rule file allows. @throws {UserInputError} | {DiagnosticsError} for a file-level problem */
export async function readCatalogFile(path: string, file: CatalogueFile): Promise<Catalog> {
  return readCatalog(await readCsvTable(path, CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(file), rowWidth: 'keep' }), file);
}

/**
 * Reads SKU rows from a parsed CSV, checking every cell. A row with a bad cell becomes an
 * "unchecked" SKU with its located problems (file:line:col (row, column)); the other rows are read.
 */
export function readCatalog(table: CsvTable, file: CatalogueFile): Catalog {
  const r = new CsvReader(table);
  const v = vocabulary(file);
  const categoryOf = new Map<string, string>();
  for (const c of file.categories) for (const name of [c.id, c.name.en, c.name.zh]) categoryOf.set(name.toLowerCase(), c.id);
  const categoryIds = file.categories.map((c) => c.id);
  const yesWords = file.csv.yes.join('/');
  const noWords = file.csv.no.join('/');
  const at = new Map(table.header.map((h, i) => [h, i]));
  const cell = (row: CsvTable['rows'][number], column: string): string => row.cells[at.get(column) ?? -1] ?? '';
  const yesNo = (row: CsvTable['rows'][number], column: string): boolean => {
    const raw = cell(row, column);
    const c = raw.toLowerCase();
    if (v.yes.has(c)) return true;
    if (!v.no.has(c)) r.problem(row, column, text(`"${raw}" is not a yes/no value`, `"${raw}" 不是是/否取值`), text(`write yes (${yesWords}) or no (${noWords}, or leave empty)`, `请写“是”（${yesWords}）或“否”（${noWords}，或留空）`));
    return false;
  };
  const certificate = (row: CsvTable['rows'][number], column: string): boolean => {
    const raw = cell(row, column);
    const c = raw.toLowerCase();
    if (v.no.has(c)) return false;
    if (v.yes.has(c) || v.certificate.test(raw)) return true;
    r.problem(row, column, text(`"${raw}" is neither a certificate number nor yes/no`, `"${raw}" 既不是证书编号也不是是/否`), text(`write the certificate number (e.g. ${file.csv.certificateNumber.example}), yes (${yesWords}) or no (${noWords}, or leave empty)`, `请填写证书编号（如 ${file.csv.certificateNumber.example}）、是（${yesWords}）或否（${noWords}，或留空）`));
    return false;
  };
  const seen = new Map<string, number>();
  const skus: SkuFacts[] = [];
  const unchecked: UncheckedSku[] = [];
  for (const row of table.rows) {
    const before = r.diagnostics.length;
    if (row.cells.length !== table.header.length) {
      r.problem(row, 'sku', text(`the row has ${row.cells.length} cells where the header has ${table.header.length}`, `该行有 ${row.cells.length} 个单元格，表头为 ${table.header.length} 个`), text(`give every row ${table.header.length} cells; quote a cell that contains the delimiter`, `每行须有 ${table.header.length} 个单元格；含分隔符的单元格请加双引号`));
    }
    const sku = r.string(row, 'sku', { required: true });
    const prev = seen.get(sku);
    if (sku && prev !== undefined) r.problem(row, 'sku', text(`SKU "${sku}" is listed twice (first on line ${prev})`, `SKU "${sku}" 重复（首次出现在第 ${prev} 行）`), text('keep one row per SKU', '每个SKU只保留一行'));
    else if (sku) seen.set(sku, row.line);
    const rawCategory = r.raw(row, 'category');
    const category = categoryOf.get(rawCategory.toLowerCase());
    if (category === undefined) r.problem(row, 'category', text(`unknown category "${rawCategory}"`, `未知的类目 "${rawCategory}"`), text(`use one of: ${categoryIds.join(', ')} (or their names in rules/catalogue.json)`, `请使用以下之一：${categoryIds.join('、')}（或 rules/catalogue.json 中的类目名称）`));
    const ceFccCert = r.raw(row, 'ce_fcc_cert');
    const facts: SkuFacts = {
      sku,
      category: category ?? rawCategory,
      jitTagged: yesNo(row, 'jit_tagged'),
      weightKg: r.number(row, 'weight_kg', WEIGHT),
      hasCompositionLabel: yesNo(row, 'has_composition_label'),
      ceFccCert,
      hasCeFccCert: certificate(row, 'ce_fcc_cert'),
      medicalCert: certificate(row, 'medical_cert'),
      containsLithiumBattery: yesNo(row, 'contains_lithium_battery'),
      line: row.line,
    };
    if (r.diagnostics.length > before) unchecked.push({ sku, line: row.line, category: facts.category, problems: r.diagnostics.slice(before) });
    else skus.push(facts);
  }
  return { skus, unchecked, ...(table.format ? { format: table.format } : {}) };
}

/** How the weight cell is read (one object for every row). */
const WEIGHT = { exclusiveMin: 0, hint: text('write the weight in kg, e.g. 0.35', '请以千克填写重量，如 0.35') };

/** The engine facts of a SKU, in a fixed order (the memo key). */
const SKU_FACT_NAMES = Object.keys(skuFacts([]).facts) as (keyof SkuFacts)[];

/**
 * For each numeric fact, the thresholds the catalogue rules compare it with: values between (or at)
 * the same thresholds get the same verdict, so the engine runs once per cell, not once per weight.
 */
function numericThresholds(rules: readonly CatalogRule[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const rule of rules) {
    forEachLeaf(resolveParams(rule.conditions, rule.params as Record<string, number> | undefined) as Condition, '', (leaf) => {
      for (const x of Array.isArray(leaf.value) ? leaf.value : [leaf.value]) {
        if (typeof x !== 'number') continue;
        const list = out.get(leaf.fact) ?? [];
        list.push(x);
        out.set(leaf.fact, list);
      }
    });
  }
  for (const [k, list] of out) out.set(k, [...new Set(list)].sort((a, b) => a - b));
  return out;
}

/** 2j below threshold j, 2j+1 at it, 2k above all. */
function numberCell(thresholds: readonly number[], x: number): number {
  for (let j = 0; j < thresholds.length; j++) {
    if (x < thresholds[j]!) return 2 * j;
    if (x === thresholds[j]) return 2 * j + 1;
  }
  return 2 * thresholds.length;
}

/** Runs the catalogue rules (those in force during `period`, when given) on every SKU; SKUs that no rule can tell apart are evaluated once. */
export async function checkCatalog(rules: RuleSet, skus: readonly SkuFacts[], unchecked: readonly UncheckedSku[] = [], period?: RulePeriod): Promise<CatalogCheckResult> {
  const file = rules.files.catalogue;
  // with a period: only the rules in force on some day of it (`effective`, `until`); without: every rule
  const list = period ? catalogRulesDuring(file, period) : catalogRules(file);
  const thresholds = numericThresholds(list);
  type Verdict = Pick<SkuVerdict, 'status' | 'banned' | 'certificates' | 'tagging' | 'advisories'> & { failed: CatalogRule[] };
  const memo = new Map<number | string, Verdict>();
  const failing = new Map<string, { rule: CatalogRule; skus: string[] }>();
  const verdicts: SkuVerdict[] = [];
  const numeric = SKU_FACT_NAMES.map((f) => thresholds.get(f));
  const categoryIndex = new Map(file.categories.map((c, i) => [c.id, i]));
  for (const s of skus) {
    const { sku, line } = s;
    // the cell of every fact as one mixed-radix number (a string only for a category outside the list)
    let key: number | string = 0;
    for (let j = 0; j < SKU_FACT_NAMES.length; j++) {
      const x = s[SKU_FACT_NAMES[j]!];
      const t = numeric[j];
      if (typeof x === 'boolean') key = (key as number) * 2 + (x ? 1 : 0);
      else if (typeof x === 'number' && t) key = (key as number) * (2 * t.length + 1) + numberCell(t, x);
      else if (typeof x === 'string' && categoryIndex.has(x)) key = (key as number) * (categoryIndex.size + 1) + categoryIndex.get(x)!;
      else {
        key = `${JSON.stringify(SKU_FACT_NAMES.map((f) => s[f]))}`;
        break;
      }
    }
    let hit = memo.get(key);
    if (!hit) {
      const { line: _line, ...facts } = s;
      void _line;
      const failed = (await evaluateRules(list, facts)).filter((o) => !o.passed).map((o) => o.rule);
      const by = (reason: CatalogReason) => failed.filter((r) => r.reason === reason).map((r) => r.id);
      const status = failed.some((r) => r.severity === 'error') ? 'blocked' : failed.length > 0 ? 'advisory' : 'ok';
      hit = { failed, status, banned: by('banned'), certificates: by('certificate'), tagging: by('tagging'), advisories: by('advisory') };
      memo.set(key, hit);
    }
    for (const r of hit.failed) {
      let f = failing.get(r.id);
      if (!f) failing.set(r.id, (f = { rule: r, skus: [] }));
      f.skus.push(sku);
    }
    verdicts.push({ sku, category: s.category, line, status: hit.status, banned: hit.banned, certificates: hit.certificates, tagging: hit.tagging, advisories: hit.advisories });
  }
  for (const u of unchecked) verdicts.push({ sku: u.sku, category: u.category, line: u.line, status: 'cannot-check', banned: [], certificates: [], tagging: [], advisories: [] });
  if (unchecked.length > 0) verdicts.sort((a, b) => a.line - b.line);
  const findings: Finding[] = list.filter((r) => failing.has(r.id)).map((r) => {
    const f = failing.get(r.id)!;
    const base = findingFor({ rule: r, passed: false, matched: [] }, f.skus);
    return { ...base, message: text(`${base.message.en} (${f.skus.length} SKU${f.skus.length === 1 ? '' : 's'})`, `${base.message.zh}（${f.skus.length} 个SKU）`) };
  });
  const rowCount = skus.length + unchecked.length;
  if (rowCount > file.importBatch.maxSkus) {
    const batches = Math.ceil(rowCount / file.importBatch.maxSkus);
    findings.push({
      rule: file.importBatch.id,
      severity: 'warning',
      message: text(`${rowCount} SKUs exceed the ${file.importBatch.maxSkus}-SKU limit of one CSV bulk import.`, `${rowCount} 个SKU超过单次CSV批量导入上限 ${file.importBatch.maxSkus} 个。`),
      remedy: text(`Split the file into ${batches} imports of at most ${file.importBatch.maxSkus} SKUs.`, `请拆分为 ${batches} 次导入，每次不超过 ${file.importBatch.maxSkus} 个SKU。`),
      source: formatSource(file.importBatch.source),
    });
  }
  const byReason: Record<CatalogReason, number> = { banned: 0, certificate: 0, tagging: 0, advisory: 0 };
  for (const v of verdicts) {
    if (v.banned.length) byReason.banned++;
    if (v.certificates.length) byReason.certificate++;
    if (v.tagging.length) byReason.tagging++;
    if (v.advisories.length) byReason.advisory++;
  }
  const count = (status: SkuVerdict['status']) => verdicts.reduce((n, v) => n + (v.status === status ? 1 : 0), 0);
  return {
    check: 'catalog',
    ok: !findings.some((f) => f.severity === 'error') && unchecked.length === 0,
    findings,
    skus: verdicts,
    problems: unchecked.flatMap((u) => u.problems),
    summary: { total: verdicts.length, ok: count('ok'), blocked: count('blocked'), advisory: count('advisory'), cannotCheck: count('cannot-check'), byReason },
  };
}

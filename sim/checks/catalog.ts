/** `jitsim check catalog`: which SKUs may use JIT (banned, missing certificate, not tagged, advice). */
import type { Diagnostic } from '../errors.ts';
import { M } from './messages.ts';
import { cacheGet, cacheKey, cacheSet } from '../io/cache.ts';
import { CsvReader, normaliseHeader, readCsvTable, type CsvFormat, type CsvTable } from '../io/index.ts';
import { forEachLeaf, resolveParams } from '../rules/conditions.ts';
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
  /** The lithium-battery class of column contains_lithium_battery: UN3481 (in or with equipment; also yes/是), UN3480 (battery alone), '' none (no/否/empty). */
  battery?: '' | 'UN3481' | 'UN3480';
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
  const column = (name: string) => at.get(name) ?? -1;
  // what a cell's text means, decided once per distinct text (a catalogue repeats "yes", "false", "" …)
  const yesNoOf = new Map<string, boolean | null>();
  const yesNoValue = (raw: string): boolean | null => {
    let b = yesNoOf.get(raw);
    if (b === undefined) {
      const c = raw.toLowerCase();
      b = v.yes.has(c) ? true : v.no.has(c) ? false : null;
      if (yesNoOf.size < 1024) yesNoOf.set(raw, b);
    }
    return b;
  };
  const yesNo = (row: CsvTable['rows'][number], name: string, i: number): boolean => {
    const raw = row.cells[i] ?? '';
    const b = yesNoValue(raw);
    if (b !== null) return b;
    r.problem(row, name, M.notYesNo(raw), M.writeYesNo(yesWords, noWords));
    return false;
  };
  const certificate = (row: CsvTable['rows'][number], name: string, i: number): boolean => {
    const raw = row.cells[i] ?? '';
    const b = yesNoValue(raw);
    if (b !== null) return b;
    if (v.certificate.test(raw)) return true;
    r.problem(row, name, M.notCertificate(raw), M.writeCertificate(file.csv.certificateNumber.example, yesWords, noWords));
    return false;
  };
  const iCategory = column('category');
  const iJit = column('jit_tagged');
  const iLabel = column('has_composition_label');
  const iCe = column('ce_fcc_cert');
  const iMedical = column('medical_cert');
  const iBattery = column('contains_lithium_battery');
  // the battery cell: a class (UN3481 / UN3480) or yes/no as before (yes = UN3481: a battery in equipment)
  const batteryClass = (row: CsvTable['rows'][number]): '' | 'UN3481' | 'UN3480' => {
    const raw = row.cells[iBattery] ?? '';
    const c = raw.trim().toUpperCase().replace(/[\s-]/g, '');
    if (c === 'UN3481' || c === 'UN3480') return c;
    const b = yesNoValue(raw);
    if (b !== null) return b ? 'UN3481' : '';
    r.problem(row, 'contains_lithium_battery', M.notBattery(raw), M.writeBattery(yesWords, noWords));
    return '';
  };
  const seen = new Map<string, number>();
  const skus: SkuFacts[] = [];
  const unchecked: UncheckedSku[] = [];
  for (const row of table.rows) {
    const before = r.diagnostics.length;
    if (row.cells.length !== table.header.length) {
      r.problem(row, 'sku', M.rowWidth(row.cells.length, table.header.length), M.rowWidthFix(table.header.length));
    }
    const sku = r.string(row, 'sku', { required: true });
    const prev = seen.get(sku);
    if (sku && prev !== undefined) r.problem(row, 'sku', M.skuTwice(sku, prev), M.skuTwiceFix);
    else if (sku) seen.set(sku, row.line);
    const rawCategory = row.cells[iCategory] ?? '';
    const category = categoryOf.get(rawCategory) ?? categoryOf.get(rawCategory.toLowerCase());
    if (category === undefined) r.problem(row, 'category', M.unknownCategory(rawCategory), M.unknownCategoryFix(categoryIds));
    const ceFccCert = row.cells[iCe] ?? '';
    const facts: SkuFacts = {
      sku,
      category: category ?? rawCategory,
      jitTagged: yesNo(row, 'jit_tagged', iJit),
      weightKg: r.number(row, 'weight_kg', WEIGHT),
      hasCompositionLabel: yesNo(row, 'has_composition_label', iLabel),
      ceFccCert,
      hasCeFccCert: certificate(row, 'ce_fcc_cert', iCe),
      medicalCert: certificate(row, 'medical_cert', iMedical),
      containsLithiumBattery: false,
      battery: batteryClass(row),
      line: row.line,
    };
    facts.containsLithiumBattery = facts.battery !== '';
    if (r.diagnostics.length > before) unchecked.push({ sku, line: row.line, category: facts.category, problems: r.diagnostics.slice(before) });
    else skus.push(facts);
  }
  return { skus, unchecked, ...(table.format ? { format: table.format } : {}) };
}

/** How the weight cell is read (one object for every row). */
const WEIGHT = { exclusiveMin: 0, hint: M.weightHint };

/** The engine facts of a SKU, in a fixed order (the table index). */
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

/** How one SKU fact is cut into cells no catalogue rule can tell apart, with a value standing for each cell. */
interface FactCells {
  fact: keyof SkuFacts;
  kind: 'boolean' | 'enum' | 'number';
  /** enum values, or number thresholds (ascending) */
  values: readonly (string | number)[];
  count: number;
  representatives: (string | number | boolean)[];
}

/**
 * The catalogue rules compiled to tables: for each rule, whether it passes for every combination of
 * the cells of the facts it reads. json-rules-engine stays the evaluator of record — it fills each
 * table once per distinct case (a few dozen runs for the shipped file, cached on disk by the rules'
 * text) — and a SKU's verdict is then a few array reads, never an engine run per row.
 */
export interface CompiledCatalogue {
  cells: FactCells[];
  /** Per rule: the indices (into `cells`) of the facts it reads, and 1 where it passes (mixed radix, first fact most significant). */
  tables: { rule: CatalogRule; facts: number[]; passes: Uint8Array }[];
}

const compiledCache = new WeakMap<CatalogueFile, CompiledCatalogue>();

/** The catalogue rules of `file` as lookup tables (engine runs only on a cache miss). */
export async function compileCatalogue(file: CatalogueFile): Promise<CompiledCatalogue> {
  const hit = compiledCache.get(file);
  if (hit) return hit;
  const list = catalogRules(file);
  const thresholds = numericThresholds(list);
  const spec = skuFacts(file.categories.map((c) => c.id)).facts;
  const cells: FactCells[] = SKU_FACT_NAMES.map((fact) => {
    const type = spec[fact]!.type;
    if (type.kind === 'boolean') return { fact, kind: 'boolean', values: [], count: 2, representatives: [false, true] };
    if (type.kind === 'enum') return { fact, kind: 'enum', values: type.values, count: type.values.length, representatives: [...type.values] };
    const t = thresholds.get(fact) ?? [];
    const reps: number[] = [];
    t.forEach((x, j) => reps.push(j === 0 ? x - 1 : (t[j - 1]! + x) / 2, x));
    reps.push(t.length ? t[t.length - 1]! + 1 : 1);
    return { fact, kind: 'number', values: t, count: 2 * t.length + 1, representatives: reps };
  });
  const reads = list.map((rule) => {
    const used = new Set<string>();
    forEachLeaf(rule.conditions as Condition, '', (leaf) => used.add(leaf.fact));
    return cells.flatMap((c, i) => (used.has(c.fact) ? [i] : []));
  });
  const key = cacheKey('catalogue-passes', JSON.stringify(list.map((r) => [r.conditions, r.params ?? null])), JSON.stringify(cells));
  const cached = cacheGet<number[][]>(key);
  let tables: CompiledCatalogue['tables'];
  if (cached && cached.length === list.length && cached.every((t, i) => t.length === reads[i]!.reduce((n, j) => n * cells[j]!.count, 1))) {
    tables = list.map((rule, i) => ({ rule, facts: reads[i]!, passes: Uint8Array.from(cached[i]!) }));
  } else {
    // the engine is loaded only when the tables are not in the cache
    const { evaluateRules } = await import('../rules/evaluate.ts');
    tables = [];
    for (const [i, rule] of list.entries()) {
      const facts = reads[i]!;
      const size = facts.reduce((n, j) => n * cells[j]!.count, 1);
      const passes = new Uint8Array(size);
      const single = [rule];
      for (let k = 0; k < size; k++) {
        const values: Record<string, unknown> = {};
        let rest = k;
        for (let f = facts.length - 1; f >= 0; f--) {
          const c = cells[facts[f]!]!;
          values[c.fact] = c.representatives[rest % c.count];
          rest = Math.floor(rest / c.count);
        }
        passes[k] = (await evaluateRules(single, values))[0]!.passed ? 1 : 0;
      }
      tables.push({ rule, facts, passes });
    }
    cacheSet(key, tables.map((t) => [...t.passes]));
  }
  const compiled = { cells, tables };
  compiledCache.set(file, compiled);
  return compiled;
}

/** The cell of each fact of `s` (into `out`); false when a value is outside every table (an unknown category, a non-finite weight). */
function cellsOf(compiled: CompiledCatalogue, s: SkuFacts, out: Int32Array): boolean {
  const { cells } = compiled;
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j]!;
    const x = s[c.fact];
    if (c.kind === 'boolean') {
      if (typeof x !== 'boolean') return false;
      out[j] = x ? 1 : 0;
    } else if (c.kind === 'number') {
      if (typeof x !== 'number' || !Number.isFinite(x)) return false;
      out[j] = numberCell(c.values as number[], x);
    } else {
      const i = (c.values as string[]).indexOf(x as string);
      if (i < 0) return false;
      out[j] = i;
    }
  }
  return true;
}

/**
 * Runs the catalogue rules (those in force during `period`, when given) on every SKU through the
 * compiled tables; SKUs with the same cells share one verdict.
 */
export async function checkCatalog(rules: RuleSet, skus: readonly SkuFacts[], unchecked: readonly UncheckedSku[] = [], period?: RulePeriod): Promise<CatalogCheckResult> {
  const file = rules.files.catalogue;
  // with a period: only the rules in force on some day of it (`effective`, `until`); without: every rule
  const list = period ? catalogRulesDuring(file, period) : catalogRules(file);
  const compiled = await compileCatalogue(file);
  const inForce = new Set(list);
  const tables = compiled.tables.filter((t) => inForce.has(t.rule));
  type Verdict = Pick<SkuVerdict, 'status' | 'banned' | 'certificates' | 'tagging' | 'advisories'> & { failed: CatalogRule[] };
  const verdictOf = (failed: CatalogRule[]): Verdict => {
    const by = (reason: CatalogReason) => failed.filter((r) => r.reason === reason).map((r) => r.id);
    const status = failed.some((r) => r.severity === 'error') ? 'blocked' : failed.length > 0 ? 'advisory' : 'ok';
    return { failed, status, banned: by('banned'), certificates: by('certificate'), tagging: by('tagging'), advisories: by('advisory') };
  };
  const memo = new Map<number, Verdict>();
  const outside = new Map<string, Verdict>();
  const failing = new Map<string, { rule: CatalogRule; skus: string[] }>();
  const verdicts: SkuVerdict[] = [];
  const cell = new Int32Array(compiled.cells.length);
  for (const s of skus) {
    const { sku, line } = s;
    let hit: Verdict | undefined;
    if (cellsOf(compiled, s, cell)) {
      // the cells of every fact as one mixed-radix number: SKUs no rule can tell apart share a verdict
      let key = 0;
      for (let j = 0; j < cell.length; j++) key = key * compiled.cells[j]!.count + cell[j]!;
      hit = memo.get(key);
      if (!hit) {
        const failed: CatalogRule[] = [];
        for (const t of tables) {
          let k = 0;
          for (const j of t.facts) k = k * compiled.cells[j]!.count + cell[j]!;
          if (!t.passes[k]) failed.push(t.rule);
        }
        memo.set(key, (hit = verdictOf(failed)));
      }
    } else {
      // a value no table covers (a category outside the rule file's list, say): the engine decides
      const key = JSON.stringify(SKU_FACT_NAMES.map((f) => s[f]));
      hit = outside.get(key);
      if (!hit) {
        const { evaluateRules } = await import('../rules/evaluate.ts');
        const { line: _line, ...facts } = s;
        void _line;
        outside.set(key, (hit = verdictOf((await evaluateRules(list, facts)).filter((o) => !o.passed).map((o) => o.rule))));
      }
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
    return { ...base, message: M.withSkuCount(base.message, f.skus.length) };
  });
  const rowCount = skus.length + unchecked.length;
  if (rowCount > file.importBatch.maxSkus) {
    const batches = Math.ceil(rowCount / file.importBatch.maxSkus);
    findings.push({
      rule: file.importBatch.id,
      severity: 'warning',
      message: M.importBatch(rowCount, file.importBatch.maxSkus),
      remedy: M.importBatchFix(batches, file.importBatch.maxSkus),
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

/** `jitsim check catalog`: which SKUs may use JIT (banned, missing certificate, not tagged, advice). */
import { text } from '../i18n/index.ts';
import { CsvReader, type CsvTable } from '../io/index.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import { canonicalJson, type RuleSet } from '../rules/rule-set.ts';
import type { CatalogueFile, ConditionRule } from '../rules/schema/index.ts';
import { findingFor, formatSource, type Finding } from './finding.ts';

/** Columns of a catalogue CSV (input contract). */
export const CATALOG_COLUMNS = ['sku', 'category', 'jit_tagged', 'weight_kg', 'has_composition_label', 'ce_fcc_cert', 'medical_cert', 'contains_lithium_battery'] as const;

export type CatalogReason = 'banned' | 'certificate' | 'tagging' | 'advisory';

/** A catalogue rule as the engine sees it: the file's rules plus one rule per banned category. */
export type CatalogRule = ConditionRule & { reason: CatalogReason };

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
  /** `ok`: may use JIT; `blocked`: an error rule fails; `advisory`: usable, with advice. */
  status: 'ok' | 'blocked' | 'advisory';
  banned: string[];
  certificates: string[];
  tagging: string[];
  advisories: string[];
}

export interface CatalogCheckResult {
  check: 'catalog';
  ok: boolean;
  findings: Finding[];
  skus: SkuVerdict[];
  summary: { total: number; ok: number; blocked: number; advisory: number; byReason: Record<CatalogReason, number> };
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

/** Words that mean "no certificate" when typed in the certificate-number column. */
const NO_CERTIFICATE = /^(false|no|n|none|n\/a|na|-|0|无|否)$/i;

/** Whether a certificate cell holds a certificate number (not empty, and not a "no" written out). */
export function hasCertificate(cell: string): boolean {
  return cell.trim() !== '' && !NO_CERTIFICATE.test(cell.trim());
}

/**
 * Reads SKU rows from a parsed CSV, checking every cell.
 * @throws {DiagnosticsError} listing every bad cell (file:line:col (row, column)).
 */
export function readSkus(table: CsvTable, categories: readonly string[]): SkuFacts[] {
  const r = new CsvReader(table);
  const seen = new Map<string, number>();
  const skus = table.rows.map((row): SkuFacts => {
    const sku = r.string(row, 'sku', { required: true });
    const prev = seen.get(sku);
    if (sku && prev !== undefined) r.problem(row, 'sku', text(`SKU "${sku}" is listed twice (first on line ${prev})`, `SKU "${sku}" 重复（首次出现在第 ${prev} 行）`), text('keep one row per SKU', '每个SKU只保留一行'));
    seen.set(sku, row.line);
    const ceFccCert = r.string(row, 'ce_fcc_cert');
    return {
      sku,
      category: r.oneOf(row, 'category', categories),
      jitTagged: r.bool(row, 'jit_tagged'),
      weightKg: r.number(row, 'weight_kg', { exclusiveMin: 0, hint: text('write the weight in kg, e.g. 0.35', '请以千克填写重量，如 0.35') }),
      hasCompositionLabel: r.bool(row, 'has_composition_label'),
      ceFccCert,
      hasCeFccCert: hasCertificate(ceFccCert),
      medicalCert: r.bool(row, 'medical_cert'),
      containsLithiumBattery: r.bool(row, 'contains_lithium_battery'),
      line: row.line,
    };
  });
  r.throwIfErrors();
  return skus;
}

/** Runs the catalogue rules on every SKU; identical fact sets are evaluated once. */
export async function checkCatalog(rules: RuleSet, skus: readonly SkuFacts[]): Promise<CatalogCheckResult> {
  const file = rules.files.catalogue;
  const list = catalogRules(file);
  const memo = new Map<string, { failed: CatalogRule[] }>();
  const failing = new Map<string, { rule: CatalogRule; skus: string[] }>();
  const verdicts: SkuVerdict[] = [];
  for (const s of skus) {
    const { sku, line, ceFccCert, ...facts } = s;
    void ceFccCert;
    const key = canonicalJson(facts);
    let hit = memo.get(key);
    if (!hit) {
      const outcomes = await evaluateRules(list, { ...facts, sku, ceFccCert: s.ceFccCert });
      hit = { failed: outcomes.filter((o) => !o.passed).map((o) => o.rule) };
      memo.set(key, hit);
    }
    const by = (reason: CatalogReason) => hit.failed.filter((r) => r.reason === reason).map((r) => r.id);
    for (const r of hit.failed) {
      const f = failing.get(r.id) ?? { rule: r, skus: [] };
      f.skus.push(sku);
      failing.set(r.id, f);
    }
    const blocked = hit.failed.some((r) => r.severity === 'error');
    verdicts.push({ sku, category: s.category, line, status: blocked ? 'blocked' : hit.failed.length > 0 ? 'advisory' : 'ok', banned: by('banned'), certificates: by('certificate'), tagging: by('tagging'), advisories: by('advisory') });
  }
  const findings: Finding[] = list.filter((r) => failing.has(r.id)).map((r) => {
    const f = failing.get(r.id)!;
    const base = findingFor({ rule: r, passed: false, matched: [] }, f.skus);
    return { ...base, message: text(`${base.message.en} (${f.skus.length} SKU${f.skus.length === 1 ? '' : 's'})`, `${base.message.zh}（${f.skus.length} 个SKU）`) };
  });
  if (skus.length > file.importBatch.maxSkus) {
    const batches = Math.ceil(skus.length / file.importBatch.maxSkus);
    findings.push({
      rule: file.importBatch.id,
      severity: 'warning',
      message: text(`${skus.length} SKUs exceed the ${file.importBatch.maxSkus}-SKU limit of one CSV bulk import.`, `${skus.length} 个SKU超过单次CSV批量导入上限 ${file.importBatch.maxSkus} 个。`),
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
  return {
    check: 'catalog',
    ok: !findings.some((f) => f.severity === 'error'),
    findings,
    skus: verdicts,
    summary: { total: verdicts.length, ok: verdicts.filter((v) => v.status === 'ok').length, blocked: verdicts.filter((v) => v.status === 'blocked').length, advisory: verdicts.filter((v) => v.status === 'advisory').length, byReason },
  };
}

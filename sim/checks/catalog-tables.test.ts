/**
 * The catalogue rules compiled to tables (compileCatalogue) agree with json-rules-engine, the
 * evaluator of record, on every combination of cells and on random SKUs; values outside the tables
 * (a category the rule file does not list) still get the engine's verdict.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../io/index.ts';
import { Xoshiro128 } from '../random/rng.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import { loadRuleSet } from '../rules/rule-set.ts';
import { RULES_DIR } from '../testing/fixtures.ts';
import { CATALOG_COLUMNS, catalogHeaderAliases, catalogRules, checkCatalog, compileCatalogue, readCatalog, type SkuFacts } from './catalog.ts';

const rules = await loadRuleSet(RULES_DIR);
const file = rules.files.catalogue;

async function engineFailures(s: SkuFacts): Promise<string[]> {
  const { line: _line, ...facts } = s;
  void _line;
  return (await evaluateRules(catalogRules(file), facts)).filter((o) => !o.passed).map((o) => o.rule.id);
}

describe('catalogue rules as tables', () => {
  it('tabulates every rule over the facts it reads (the engine runs per cell, not per SKU)', async () => {
    const c = await compileCatalogue(file);
    expect(c.tables.map((t) => t.rule.id)).toEqual(catalogRules(file).map((r) => r.id));
    const fit = c.tables.find((t) => t.rule.id === 'FIT-1')!;
    expect(fit.facts.map((j) => c.cells[j]!.fact)).toEqual(['weightKg']);
    expect([...fit.passes]).toEqual([1, 0, 0]); // below, at and above maxLightKg
  });

  it('gives the verdict of json-rules-engine for 300 random SKUs, thresholds included', async () => {
    const rng = new Xoshiro128(15);
    const cats = file.categories.map((c) => c.id);
    const pick = () => rng.next() < 0.5;
    const skus: SkuFacts[] = Array.from({ length: 300 }, (_, i) => {
      const w = rng.next();
      return {
        sku: `S${i}`,
        category: cats[Math.floor(rng.next() * cats.length)]!,
        jitTagged: pick(),
        weightKg: w < 0.1 ? 2 : w < 0.2 ? 1.999 : 0.01 + rng.next() * 5,
        hasCompositionLabel: pick(),
        ceFccCert: '',
        hasCeFccCert: pick(),
        medicalCert: pick(),
        containsLithiumBattery: pick(),
        line: i + 2,
      };
    });
    const r = await checkCatalog(rules, skus);
    for (const [i, s] of skus.entries()) {
      const v = r.skus[i]!;
      expect([...v.banned, ...v.certificates, ...v.tagging, ...v.advisories].sort()).toEqual((await engineFailures(s)).sort());
    }
  });

  it('asks the engine for a value no table covers (a category outside the rule file)', async () => {
    const s: SkuFacts = { sku: 'X', category: 'toys', jitTagged: true, weightKg: 0.5, hasCompositionLabel: false, ceFccCert: '', hasCeFccCert: false, medicalCert: false, containsLithiumBattery: false, line: 2 };
    const r = await checkCatalog(rules, [s]);
    expect(r.skus[0]!.status).toBe('ok');
    expect(await engineFailures(s)).toEqual([]);
  });

  it('numbers lines right with and without line breaks inside quoted cells', () => {
    const head = CATALOG_COLUMNS.join(',');
    const read = (csv: string) => readCatalog(parseCsvTable('s.csv', csv, CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(file), rowWidth: 'keep' }), file);
    expect(read(`${head}\r\nA,home,true,0.3,,,,\r\nB,home,maybe,0.3,,,,\r\n`).unchecked[0]!.line).toBe(3);
    expect(read(`${head}\n"A\nwrapped",home,true,0.3,,,,\nB,home,maybe,0.3,,,,\n`).unchecked[0]!.line).toBe(4);
  });
});

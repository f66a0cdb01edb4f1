/**
 * Property-based tests: random and broken inputs to the loaders and checks either get an answer or
 * a located user-input error — never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogHeaderAliases, catalogRules, checkCatalog, CATALOG_COLUMNS, readCatalog } from '../checks/catalog.ts';
import { checkExit } from '../checks/exit.ts';
import { ExitInputSchema, ReentryInputSchema, StoreInputSchema, validateInput } from '../checks/inputs.ts';
import { checkReentry } from '../checks/reentry.ts';
import { checkStore } from '../checks/store.ts';
import { DiagnosticsError, UserInputError } from '../errors.ts';
import { loadRuleSet, readRuleSet } from '../rules/rule-set.ts';
import { RULES_DIR, copyRules, storeInput, writeRuleText } from '../testing/fixtures.ts';
import { parseCsvTable } from './csv-table.ts';
import { parseJsonDocument } from './json-document.ts';

const rules = await loadRuleSet(RULES_DIR);
const LOCATED = /^.+:\d+:\d+ \(.*\): .+ — .+$/m;

/** Runs `f`; a thrown error must be a user-input error whose every message is located. */
async function answersOrExplains(f: () => Promise<unknown> | unknown): Promise<'answer' | 'explained'> {
  try {
    await f();
    return 'answer';
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      expect(e.diagnostics.length).toBeGreaterThan(0);
      for (const line of e.message.split('\n')) expect(line).toMatch(LOCATED);
      return 'explained';
    }
    if (e instanceof UserInputError) return 'explained';
    throw e;
  }
}

const jsonish = fc.jsonValue({ maxDepth: 3 });

describe('loaders and checks never crash', () => {
  it('store check: arbitrary JSON text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), jsonish.map((v) => JSON.stringify(v))), async (text) => {
        await answersOrExplains(async () => {
          const doc = parseJsonDocument('store.json', text);
          await checkStore(rules, validateInput(StoreInputSchema, doc), '2024-07-01');
        });
      }),
      { numRuns: 300 },
    );
  });

  it('store check: a valid store with one field replaced by a random value', async () => {
    const fields = Object.keys(storeInput()) as (keyof ReturnType<typeof storeInput>)[];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), jsonish, async (field, value) => {
        const text = JSON.stringify({ ...storeInput(), [field]: value }, null, 2);
        const how = await answersOrExplains(async () => checkStore(rules, validateInput(StoreInputSchema, parseJsonDocument('s.json', text)), '2024-07-01'));
        expect(['answer', 'explained']).toContain(how);
      }),
      { numRuns: 300 },
    );
  });

  it('exit and reentry checks: arbitrary JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (value) => {
        // parsing is part of what must answer or explain: a `__proto__` member is refused with a located error
        await answersOrExplains(async () => checkExit(rules, validateInput(ExitInputSchema, parseJsonDocument('x.json', JSON.stringify(value))), '2024-07-01T00:00:00Z'));
        await answersOrExplains(async () => checkReentry(rules, validateInput(ReentryInputSchema, parseJsonDocument('x.json', JSON.stringify(value)))));
      }),
      { numRuns: 200 },
    );
  });

  it('catalog check: random CSV text and random cells', async () => {
    const cell = fc.oneof(fc.constantFrom('true', 'false', 'yes', '', '0.5', '-1', 'apparel', '3c', 'adult', 'x,y', '"q"', '=1+1'), fc.string({ maxLength: 8 }));
    const row = fc.array(cell, { minLength: 6, maxLength: 9 }).map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
    const csv = fc.oneof(fc.string(), fc.array(row, { maxLength: 6 }).map((rows) => [CATALOG_COLUMNS.join(','), ...rows].join('\n')));
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        await answersOrExplains(async () => {
          const file = rules.files.catalogue;
          const { skus, unchecked } = readCatalog(parseCsvTable('skus.csv', text, CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(file), rowWidth: 'keep' }), file);
          const r = await checkCatalog(rules, skus, unchecked);
          expect(r.summary.total).toBe(skus.length + unchecked.length);
        });
      }),
      { numRuns: 300 },
    );
    expect(catalogRules(rules.files.catalogue).length).toBeGreaterThan(0);
  });

  it('rule loader: a rule file with a random value at a random place gives located diagnostics', async () => {
    const { rulesDir } = await copyRules();
    const original = JSON.parse(JSON.stringify(rules.files.admission));
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(original, []);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths.filter((p) => p.length > 0)), jsonish, async (path, value) => {
        const copy = JSON.parse(JSON.stringify(original));
        let node = copy;
        for (const k of path.slice(0, -1)) node = node[k];
        node[path[path.length - 1]!] = value;
        await writeRuleText(rulesDir, 'admission', JSON.stringify(copy, null, 2));
        const { diagnostics, ruleSet } = await readRuleSet(rulesDir);
        for (const d of diagnostics) expect(d.location.line).toBeGreaterThan(0);
        if (!ruleSet) expect(diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('JSON members named "__proto__"', () => {
  it('are refused where they stand (also written with \\u escapes), never handed to the model', () => {
    for (const src of ['{"a": {"b": [1, {"__proto__": {"polluted": true}}]}}', '{"a": {"\\u005f_proto__": 1}}']) {
      try {
        parseJsonDocument('x.json', src);
        expect.unreachable('accepted a __proto__ member');
      } catch (e) {
        expect(e).toBeInstanceOf(DiagnosticsError);
        expect((e as DiagnosticsError).message).toMatch(LOCATED);
        expect((e as DiagnosticsError).message).toContain('__proto__');
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parseJsonDocument('x.json', '{"proto": 1, "a": "\\u0041"}').value).toEqual({ proto: 1, a: 'A' });
  });
});

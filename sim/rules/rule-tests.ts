/**
 * Rule tests for policy editors, in the spirit of `opa test`: each case gives the facts a check
 * receives and the verdict expected (ok, and exactly which rules fail or warn). The case runs
 * through the same check code the CLI uses, so a test proves the rule file AND its use.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCatalog, hasCertificate } from '../checks/catalog.ts';
import { checkExit } from '../checks/exit.ts';
import { ExitInputSchema, ReentryInputSchema, RoutingInputSchema, SkuInputSchema, StoreInputSchema, validateInput } from '../checks/inputs.ts';
import { checkReentry } from '../checks/reentry.ts';
import { checkRouting } from '../checks/routing.ts';
import { checkStore } from '../checks/store.ts';
import { DiagnosticsError, UserInputError, type Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { readValidJson, namedValidator, type JsonDocument } from '../io/index.ts';
import type { RuleSet } from './rule-set.ts';
import { ruleSchemaJson } from './schema/emit.ts';
import type { RuleTestCase, RuleTestFile } from './schema/index.ts';

/** The verdict a case produced. */
export interface Verdict {
  ok: boolean;
  failing: string[];
  warnings: string[];
  frozenUntil?: string;
}

export interface CaseResult {
  file: string;
  name: string;
  passed: boolean;
  expected: RuleTestCase['expect'];
  actual: Verdict;
}

const DEFAULT_AS_OF = '2024-07-01';

function verdictOf(r: { ok: boolean; findings: { rule: string; severity: string }[]; frozenUntil?: string }): Verdict {
  return {
    ok: r.ok,
    failing: r.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort(),
    warnings: r.findings.filter((f) => f.severity === 'warning').map((f) => f.rule).sort(),
    ...(r.frozenUntil ? { frozenUntil: r.frozenUntil } : {}),
  };
}

/** Runs one case through its check. Facts are validated as the CLI validates input files. */
export async function runCase(rules: RuleSet, doc: JsonDocument, c: RuleTestCase, index: number): Promise<Verdict> {
  const at = `/cases/${index}/facts`;
  switch (c.check) {
    case 'store': {
      const input = validateInput(StoreInputSchema, doc, c.facts, at);
      return verdictOf(await checkStore(rules, input, c.asOf ?? input.asOf ?? DEFAULT_AS_OF));
    }
    case 'sku': {
      const input = validateInput(SkuInputSchema, doc, c.facts, at);
      const categories = rules.files.catalogue.categories.map((k) => k.id);
      if (!categories.includes(input.category))
        throw new DiagnosticsError([doc.diag(`${at}/category`, text(`unknown category "${input.category}"`, `未知类目 "${input.category}"`), text(`use one of: ${categories.join(', ')}`, `请使用以下之一：${categories.join('、')}`))]);
      const r = await checkCatalog(rules, [{ ...input, sku: input.sku ?? c.name, hasCeFccCert: hasCertificate(rules.files.catalogue, input.ceFccCert), line: 0 }]);
      return verdictOf(r);
    }
    case 'exit': {
      const input = validateInput(ExitInputSchema, doc, c.facts, at);
      return verdictOf(await checkExit(rules, input, input.asOf ?? `${c.asOf ?? DEFAULT_AS_OF}T00:00:00Z`));
    }
    case 'reentry':
      return verdictOf(await checkReentry(rules, validateInput(ReentryInputSchema, doc, c.facts, at)));
    case 'routing':
      return verdictOf(await checkRouting(rules, validateInput(RoutingInputSchema, doc, c.facts, at)));
  }
}

function same(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a === undefined || (a.length === b.length && [...a].sort().every((x, i) => x === b[i]));
}

/** Whether a verdict meets a case's expectation (lists, when given, must match exactly). */
export function meets(expected: RuleTestCase['expect'], actual: Verdict): boolean {
  return expected.ok === actual.ok && same(expected.failing, actual.failing) && same(expected.warnings, actual.warnings) && (expected.frozenUntil === undefined || expected.frozenUntil === actual.frozenUntil);
}

/**
 * Runs every `*.json` test file of `<rulesDir>/tests`.
 * @throws {DiagnosticsError} when a test file is malformed (every problem, located).
 */
export async function runRuleTests(rules: RuleSet, testsDir: string, filter?: string): Promise<CaseResult[]> {
  let names: string[];
  try {
    names = (await readdir(testsDir)).filter((n) => n.endsWith('.json')).sort();
  } catch (cause) {
    throw new UserInputError(text(`cannot read the rule tests folder ${testsDir}`, `无法读取规则测试目录 ${testsDir}`), text('create it and add test files (see rules/tests/)', '请创建该目录并添加测试文件（参见 rules/tests/）'), { cause, code: 'CANNOT_READ' });
  }
  const validate = namedValidator('rules/rule-test', () => ruleSchemaJson('rule-test'));
  const problems: Diagnostic[] = [];
  const results: CaseResult[] = [];
  for (const name of names) {
    const file = join(testsDir, name);
    const { doc, valid } = await readValidJson(file, validate, problems);
    if (!doc || !valid) continue;
    const tf = doc.value as RuleTestFile;
    for (const [i, c] of tf.cases.entries()) {
      if (filter && !c.name.includes(filter)) continue;
      try {
        const actual = await runCase(rules, doc, c, i);
        results.push({ file, name: c.name, passed: meets(c.expect, actual), expected: c.expect, actual });
      } catch (e) {
        if (e instanceof DiagnosticsError) problems.push(...e.diagnostics);
        else throw e;
      }
    }
  }
  if (problems.length > 0) throw new DiagnosticsError(problems);
  return results;
}

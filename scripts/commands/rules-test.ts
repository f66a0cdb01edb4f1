/** `jitsim rules test [dir]`: the policy editors' rule tests, one line per case. */
import { join } from 'node:path';
import { runRuleTests, type Verdict } from '../../sim/rules/rule-tests.ts';
import type { RuleTestCase } from '../../sim/rules/schema/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { displayPath, loadRules } from './shared.ts';
import { M } from './messages.ts';

function show(v: RuleTestCase['expect'] | Verdict): string {
  return `ok=${v.ok}${v.failing ? ` failing=[${v.failing.join(',')}]` : ''}${v.warnings ? ` warnings=[${v.warnings.join(',')}]` : ''}${v.frozenUntil ? ` frozenUntil=${v.frozenUntil}` : ''}`;
}

export async function run(io: Io, [dir]: string[], opts: CommonOptions & { filter?: string }): Promise<number> {
  const rules = await loadRules(io, dir);
  const results = await runRuleTests(rules, join(rules.dir, 'tests'), opts.filter);
  const failed = results.filter((r) => !r.passed);
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ok: failed.length === 0, passed: results.length - failed.length, failed: failed.length, cases: results.map((r) => ({ ...r, file: displayPath(io, r.file) })) }, null, 2));
  } else {
    for (const r of results) {
      const tag = r.passed ? paint(io, 'green', M.testPass[lang]) : paint(io, 'red', M.testFail[lang]);
      const where = displayPath(io, r.file).replace(/^.*\//, '');
      io.out(`${tag} ${where} › ${r.name}${r.passed ? '' : `\n      ${M.testExpected[lang]}: ${show(r.expected)}\n      ${M.testActual[lang]}:   ${show(r.actual)}`}`);
    }
    io.out(M.testSummary(results.length - failed.length, failed.length)[lang]);
  }
  return failed.length === 0 ? EXIT.ok : EXIT.failed;
}

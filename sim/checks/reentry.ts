/** `jitsim check reentry`: may this store come back to JIT (RE-1..3)? */
import { evaluateRules } from '../rules/evaluate.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { findingFor, type Finding } from './finding.ts';
import type { ReentryInput } from './inputs.ts';

export interface ReentryCheckResult {
  check: 'reentry';
  ok: boolean;
  findings: Finding[];
  rules: { id: string; passed: boolean }[];
  coolingOffDays: number;
}

/** Runs the re-entry rules; providers still awaiting requalification are named. */
export async function checkReentry(rules: RuleSet, input: ReentryInput): Promise<ReentryCheckResult> {
  const outcomes = await evaluateRules(rules.files.reentry.rules, input);
  const findings = outcomes.filter((o) => !o.passed).map((o) => findingFor(o, o.matched.map((p) => String(p.name))));
  return {
    check: 'reentry',
    ok: !findings.some((f) => f.severity === 'error'),
    findings,
    rules: outcomes.map((o) => ({ id: o.rule.id, passed: o.passed })),
    coolingOffDays: rules.files.reentry.coolingOffDays,
  };
}

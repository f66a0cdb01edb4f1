/** Routing verdict for one order's circumstances: routed to JIT, or shipped direct and why. */
import { isBillOverdue } from '../rules/billing.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { findingFor, type Finding } from './finding.ts';
import type { RoutingInput } from './inputs.ts';

export interface RoutingCheckResult {
  check: 'routing';
  ok: boolean;
  /** `jit` when every routing rule passes, else `direct`. */
  route: 'jit' | 'direct';
  findings: Finding[];
  rules: { id: string; passed: boolean; effect: string }[];
}

/** Evaluates the routing rules (E117, SYNC-LATE, E203, UNPAID) on one case. */
export async function checkRouting(rules: RuleSet, input: RoutingInput): Promise<RoutingCheckResult> {
  const billOverdue = input.billOverdue ?? (input.unpaidBillMonth !== undefined && input.asOf !== undefined && isBillOverdue(rules.files.billing, input.unpaidBillMonth, input.asOf));
  const outcomes = await evaluateRules(rules.files.routing.rules, { ...input, billOverdue });
  const findings = outcomes.filter((o) => !o.passed).map((o) => findingFor(o));
  const ok = !findings.some((f) => f.severity === 'error');
  return {
    check: 'routing',
    ok,
    route: ok ? 'jit' : 'direct',
    findings,
    rules: outcomes.map((o) => ({ id: o.rule.id, passed: o.passed, effect: o.rule.effect })),
  };
}

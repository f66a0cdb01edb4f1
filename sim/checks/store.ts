/** `jitsim check store`: can this store join JIT (ADM-1..6)? */
import { M } from './messages.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { addDays, daysBetween } from './dates.ts';
import { findingFor, type Finding } from './finding.ts';
import type { StoreInput } from './inputs.ts';

/** The verdict of the store check. */
export interface StoreCheckResult {
  check: 'store';
  ok: boolean;
  asOf: string;
  findings: Finding[];
  rules: { id: string; passed: boolean }[];
  /** Set while admission is frozen (ADM-6): the first day the store may apply again. */
  frozenUntil?: string;
  qualifiedProviders: string[];
}

/** Number of days since the last failed review; when the date is unknown but reviews failed, 0 (assume it was today). */
function daysSinceLastFailure(input: StoreInput, asOf: string): number {
  if (input.failedReviews === 0) return Number.MAX_SAFE_INTEGER;
  if (!input.lastFailedReviewOn) return 0;
  return Math.max(0, daysBetween(input.lastFailedReviewOn, asOf));
}

/**
 * Runs the admission rules on a store profile.
 * @param asOf the day the check is for (YYYY-MM-DD); the CLI defaults it to today.
 */
export async function checkStore(rules: RuleSet, input: StoreInput, asOf: string): Promise<StoreCheckResult> {
  const facts = { ...input, daysSinceLastFailedReview: daysSinceLastFailure(input, asOf) };
  const outcomes = await evaluateRules(rules.files.admission.rules, facts);
  const findings: Finding[] = [];
  let frozenUntil: string | undefined;
  let qualifiedProviders: string[] = [];
  for (const o of outcomes) {
    if (o.rule.forEach === 'providers') qualifiedProviders = o.matched.map((p) => String(p.name));
    // a rule not yet in force on asOf (its `effective` date is later) does not apply
    if (o.passed || o.rule.effective > asOf) continue;
    const freezeDays = o.rule.params?.freezeDays;
    if (freezeDays !== undefined) {
      frozenUntil = input.lastFailedReviewOn ? addDays(input.lastFailedReviewOn, freezeDays) : undefined;
      const base = findingFor(o);
      findings.push({
        ...base,
        message: frozenUntil
          ? M.frozenUntil(base.message, frozenUntil)
          : M.frozenEndUnknown(base.message),
      });
      continue;
    }
    findings.push(findingFor(o));
  }
  return {
    check: 'store',
    ok: !findings.some((f) => f.severity === 'error'),
    asOf,
    findings,
    rules: outcomes.map((o) => ({ id: o.rule.id, passed: o.passed || o.rule.effective > asOf })),
    ...(frozenUntil ? { frozenUntil } : {}),
    qualifiedProviders,
  };
}

/** `jitsim check exit`: may this store leave JIT now (EXIT-1..4), and where is it in the four steps? */
import type { Text } from '../i18n/index.ts';
import { M } from './messages.ts';
import { evaluateRules } from '../rules/evaluate.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import { findingFor, formatSource, type Finding } from './finding.ts';
import type { ExitInput } from './inputs.ts';

export type StepStatus = 'done' | 'ready' | 'blocked' | 'waiting';

export interface ExitStep {
  id: string;
  name: Text;
  status: StepStatus;
  /** Rule ids that still block this step. */
  blockedBy: string[];
  /** For a waiting step: from when it can be done (ISO date-time). */
  availableFrom?: string;
}

export interface ExitCheckResult {
  check: 'exit';
  ok: boolean;
  asOf: string;
  findings: Finding[];
  rules: { id: string; passed: boolean }[];
  steps: ExitStep[];
  /** EXIT-2's stuck orders with their hours, for the text report. */
  stuckOrders: { id: string; hoursSinceCreated: number }[];
}

/**
 * Runs the exit rules and places the store in the four exit steps. Steps 1–2 are done when the
 * rules they require pass; step 3 when `jitSwitchedOffAt` is given; step 4 becomes possible
 * `waitHours` after the switch-off and is done when `verified` is true.
 * @param asOf now, as an ISO date-time.
 */
export async function checkExit(rules: RuleSet, input: ExitInput, asOf: string): Promise<ExitCheckResult> {
  const facts = { ...input, boundProviders: input.boundProviders.map((name) => ({ name })) };
  const outcomes = await evaluateRules(rules.files.exit.rules, facts);
  const failed = new Set(outcomes.filter((o) => !o.passed).map((o) => o.rule.id));
  const findings: Finding[] = outcomes
    .filter((o) => !o.passed)
    .map((o) => {
      const items = o.matched.map((m) => ('hoursSinceCreated' in m && o.rule.params?.stuckAfterHours !== undefined ? `${String(m.id)} (${String(m.hoursSinceCreated)} h)` : String(m.id ?? m.name)));
      return findingFor(o, items);
    });
  const stuckRule = outcomes.find((o) => o.rule.params?.stuckAfterHours !== undefined);
  const stuckOrders = (stuckRule?.matched ?? []).map((m) => ({ id: String(m.id), hoursSinceCreated: Number(m.hoursSinceCreated) }));

  const steps: ExitStep[] = [];
  const switchedOff = input.jitSwitchedOffAt;
  rules.files.exit.steps.forEach((s, i) => {
    const blockedBy = s.requires.filter((id) => failed.has(id));
    let status: StepStatus = blockedBy.length > 0 ? 'blocked' : 'done';
    let availableFrom: string | undefined;
    // Steps 3 and 4 are actions the seller takes in the seller centre: the rules make them possible,
    // the input says whether they were taken.
    if (i === 2) status = switchedOff ? 'done' : blockedBy.length > 0 ? 'blocked' : 'ready';
    if (i === 3) {
      if (!switchedOff) status = 'blocked';
      else {
        availableFrom = new Date(Date.parse(switchedOff) + (s.waitHours ?? 0) * 3_600_000).toISOString();
        status = input.verified ? 'done' : Date.parse(asOf) < Date.parse(availableFrom) ? 'waiting' : 'ready';
      }
    }
    steps.push({ id: s.id, name: s.name, status, blockedBy, ...(availableFrom ? { availableFrom } : {}) });
  });
  if (switchedOff && failed.size > 0) {
    findings.push({
      rule: 'EXIT-STEP-3',
      severity: 'error',
      message: M.switchedOffEarly,
      remedy: M.switchedOffEarlyFix,
      source: formatSource(rules.files.exit.steps[2]!.source),
    });
  }
  return {
    check: 'exit',
    ok: !findings.some((f) => f.severity === 'error'),
    asOf,
    findings,
    rules: outcomes.map((o) => ({ id: o.rule.id, passed: o.passed })),
    steps,
    stuckOrders,
  };
}

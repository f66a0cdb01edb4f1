/**
 * Evaluates condition rules with json-rules-engine, the evaluator of record. Engines are built once
 * per rule list and reused; `{ "param": … }` values are resolved first. A rule PASSES when its
 * conditions hold; a `forEach` rule first counts the items that match `match`.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import { MATCH_COUNT } from './facts.ts';
import { forEachLeaf, resolveParams } from './conditions.ts';
import type { Condition, ConditionRule, TopCondition } from './schema/index.ts';

/** A rule's verdict on one set of facts. */
export interface RuleOutcome<R extends ConditionRule = ConditionRule> {
  rule: R;
  passed: boolean;
  /** For `forEach` rules: the items that matched `match`. */
  matched: Record<string, unknown>[];
  /** The values of the facts the rule's conditions read (for messages: "positiveRate90d = 0.948"). */
  observed?: Record<string, unknown>;
}

/** The facts a condition reads, with their values in `facts`. */
function observedFacts(rule: ConditionRule, facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  forEachLeaf(rule.conditions as Condition, '', (leaf) => {
    if (leaf.fact in facts && leaf.fact !== MATCH_COUNT) out[leaf.fact] = facts[leaf.fact];
  });
  return out;
}

function newEngine(): Engine {
  return new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false });
}

function engineRule(name: string, conditions: TopCondition): RuleProperties {
  return { name, conditions: conditions as RuleProperties['conditions'], event: { type: 'pass', params: { rule: name } } };
}

interface Compiled<R extends ConditionRule> {
  /** One engine holding every plain rule. */
  plain: Engine;
  plainRules: Map<string, R>;
  /** Per forEach rule: an engine for `match`, one for `conditions`. */
  forEach: { rule: R; match: Engine; count: Engine }[];
  order: R[];
}

const cache = new WeakMap<readonly ConditionRule[], Compiled<ConditionRule>>();

function compile<R extends ConditionRule>(rules: readonly R[]): Compiled<R> {
  const hit = cache.get(rules);
  if (hit) return hit as unknown as Compiled<R>;
  const plain = newEngine();
  const plainRules = new Map<string, R>();
  const forEach: Compiled<R>['forEach'] = [];
  for (const r of rules) {
    if (r.forEach !== undefined && r.match) {
      const match = newEngine();
      match.addRule(engineRule(r.id, resolveParams(r.match, r.params)));
      const count = newEngine();
      count.addRule(engineRule(r.id, resolveParams(r.conditions, r.params)));
      forEach.push({ rule: r, match, count });
    } else {
      plain.addRule(engineRule(r.id, resolveParams(r.conditions, r.params)));
      plainRules.set(r.id, r);
    }
  }
  const compiled: Compiled<R> = { plain, plainRules, forEach, order: [...rules] };
  cache.set(rules, compiled as unknown as Compiled<ConditionRule>);
  return compiled;
}

/**
 * Evaluates every rule of a list on one set of facts; outcomes come back in the list's order.
 * @example await evaluateRules(admission.rules, { storeType: 'enterprise', … })
 */
export async function evaluateRules<R extends ConditionRule>(rules: readonly R[], facts: Record<string, unknown>): Promise<RuleOutcome<R>[]> {
  const c = compile(rules);
  const byId = new Map<string, RuleOutcome<R>>();
  if (c.plainRules.size > 0) {
    const { results, failureResults } = await c.plain.run(facts);
    for (const r of results) byId.set(r.name, { rule: c.plainRules.get(r.name)!, passed: true, matched: [] });
    for (const r of failureResults) {
      const rule = c.plainRules.get(r.name)!;
      byId.set(r.name, { rule, passed: false, matched: [], observed: observedFacts(rule, facts) });
    }
  }
  for (const f of c.forEach) {
    const items = facts[f.rule.forEach!];
    if (!Array.isArray(items)) throw new TypeError(`fact "${f.rule.forEach}" must be an array for rule ${f.rule.id}`);
    const matched: Record<string, unknown>[] = [];
    for (const item of items as Record<string, unknown>[]) {
      const { events } = await f.match.run({ ...item });
      if (events.length > 0) matched.push(item);
    }
    const { events } = await f.count.run({ ...facts, [MATCH_COUNT]: matched.length });
    byId.set(f.rule.id, { rule: f.rule, passed: events.length > 0, matched });
  }
  return c.order.map((r) => byId.get(r.id)!);
}

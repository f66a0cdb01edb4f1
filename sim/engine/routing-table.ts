/**
 * Compile stage for routing: rules/routing.json ──checkRouting (json-rules-engine), once per
 * distinct case──▶ a lookup table of routing outcomes for the hot loop. The facts are
 * storeQualified, skuTagged, syncMode, destinationSaturated (booleans/enums) and
 * uploadIntervalHours, cut into cells at the thresholds the rules mention (below, equal, above each).
 * Unpaid bills (UNPAID) are not simulated: the seller is assumed to pay on time.
 */
import { checkRouting } from '../checks/routing.ts';
import { forEachLeaf } from '../rules/conditions.ts';
import type { RuleSet } from '../rules/rule-set.ts';
import type { Condition } from '../rules/schema/index.ts';

/** Outcome codes: 0 routed to JIT, then one per routing rule (the first failing rule is the reason). */
export interface RoutingTable {
  /** Routing rule ids; outcome k > 0 is `ruleIds[k - 1]`. */
  ruleIds: string[];
  /** Ascending thresholds of uploadIntervalHours. */
  intervalThresholds: Float64Array;
  /** index = ((((storeQualified·2 + skuTagged)·2 + manualSync)·intervalCells + intervalCell)·2 + saturated) */
  outcome: Uint8Array;
  intervalCells: number;
  /** The distinct cases and their outcomes, for the differential test. */
  cases: { input: { storeQualified: boolean; skuTagged: boolean; syncMode: 'api' | 'manual'; uploadIntervalHours: number; destinationSaturated: boolean }; outcome: number }[];
}

/** Cell of an upload interval: 2j below threshold j, 2j+1 equal to it, 2k above all. */
export function intervalCell(t: Float64Array, hours: number): number {
  for (let j = 0; j < t.length; j++) {
    if (hours < t[j]!) return 2 * j;
    if (hours === t[j]) return 2 * j + 1;
  }
  return 2 * t.length;
}

/** Table index of a case (see {@link RoutingTable.outcome}). */
export function routingIndex(table: RoutingTable, storeQualified: boolean, skuTagged: boolean, manualSync: boolean, cell: number, saturated: boolean): number {
  return ((((storeQualified ? 1 : 0) * 2 + (skuTagged ? 1 : 0)) * 2 + (manualSync ? 1 : 0)) * table.intervalCells + cell) * 2 + (saturated ? 1 : 0);
}

/** Runs checkRouting on every distinct case and tabulates the outcome. */
export async function compileRouting(rules: RuleSet): Promise<RoutingTable> {
  const file = rules.files.routing;
  const thresholds: number[] = [];
  for (const r of file.rules) {
    forEachLeaf(r.conditions as Condition, '', (leaf) => {
      if (leaf.fact !== 'uploadIntervalHours') return;
      const v = leaf.value as unknown;
      const x = typeof v === 'object' && v !== null && 'param' in v ? (r.params as Record<string, unknown> | undefined)?.[(v as { param: string }).param] : v;
      if (typeof x === 'number') thresholds.push(x);
    });
  }
  const t = Float64Array.from([...new Set(thresholds)].sort((a, b) => a - b));
  const reps: number[] = [];
  t.forEach((x, j) => reps.push(j === 0 ? Math.max(0, x - 1) : (t[j - 1]! + x) / 2, x));
  reps.push(t.length ? t[t.length - 1]! + 1 : 0);
  const intervalCells = 2 * t.length + 1;
  const ruleIds = file.rules.map((r) => r.id);
  const table: RoutingTable = { ruleIds, intervalThresholds: t, outcome: new Uint8Array(2 * 2 * 2 * intervalCells * 2), intervalCells, cases: [] };
  for (const storeQualified of [false, true])
    for (const skuTagged of [false, true])
      for (const manual of [false, true])
        for (let cell = 0; cell < intervalCells; cell++)
          for (const saturated of [false, true]) {
            const input = { storeQualified, skuTagged, syncMode: manual ? ('manual' as const) : ('api' as const), uploadIntervalHours: reps[cell]!, destinationSaturated: saturated };
            const res = await checkRouting(rules, { ...input, billOverdue: false });
            const failed = res.rules.find((r) => !r.passed && res.findings.some((f) => f.rule === r.id && f.severity === 'error'));
            const outcome = res.route === 'jit' ? 0 : failed ? ruleIds.indexOf(failed.id) + 1 : ruleIds.length + 1;
            table.outcome[routingIndex(table, storeQualified, skuTagged, manual, cell, saturated)] = outcome;
            table.cases.push({ input, outcome });
          }
  return table;
}

/**
 * The per-SKU table a consultant acts on: each SKU's expected variable cost per order under each
 * mode, whether it may use JIT (banned, blocked, eligible) and which mode is cheapest for it.
 *
 * It is computed from the cost classes, not per SKU per trial of the main run: a short pass over
 * the run's first {@link SKU_COST_TRIALS} trials (same seed, so the same input draws) with
 * expected order counts prices each class once and keeps, per class, what its cost is linear in
 * (price for direct returns, weight for the head-haul, unit cost for capital, write-off and
 * returns). A SKU's cost is then its class's cost moved to the SKU's own values — exactly what
 * pricing the SKU on its own gives (sku-costs.test.ts checks it against a per-SKU pass). The pass
 * runs in the calling thread on fixed trial indices, so the table does not depend on workers or shards.
 *
 * Monthly fixed costs (JIT base fee, warehouse rent, system, start-up) do not depend on which SKU
 * is sold and are given once, per order of the whole catalogue (`fixedCnyPerOrder`).
 */
import { availableModes } from './available-modes.ts';
import { MODES, type Mode } from './layout.ts';
import type { SimPlan } from './plan.ts';
import { makeScratch, runTrial } from './trial.ts';

/** Trials of the per-SKU pass (the run's first ones; fewer when the run has fewer). */
export const SKU_COST_TRIALS = 256;

export interface SkuCostRow {
  id: string;
  /** Share of the scenario's orders. */
  share: number;
  jitEligible: boolean;
  /** Banned from JIT by a product rule (no certificate or tag lifts it). */
  banned: boolean;
  /** The rules that keep it from JIT (banned, certificates, tagging); empty when eligible. */
  blockedBy: string[];
  /** Share of its orders routed to a JIT warehouse under the JIT mode (the rest ship direct: saturation, late sync, not eligible). */
  jitRoutedShare: number;
  /** Expected variable cost per order under each mode, CNY (null for a SKU without orders). */
  cnyPerOrder: Record<Mode, number | null>;
  /** Cheapest mode for this SKU among those it may use (JIT only when the store and the SKU may); null without orders. */
  cheapest: Mode | null;
  /** CNY per order saved by its cheapest mode against the next one (null with fewer than two modes or no orders). */
  savingCnyPerOrder: number | null;
}

export interface SkuCostTable {
  /** Trials of the pass (the run's first ones, same seed). */
  trials: number;
  /** Cost classes found, mean over the pass's trials (how much pricing the classes saved). */
  meanClasses: number;
  /** Currency of every money figure (`…Cny` keep their names for compatibility): the scenario's currency.reporting; the class costs convert at each trial's level rate. */
  currency: string;
  /** Monthly fixed costs per order of the whole catalogue (not per SKU). */
  fixedCnyPerOrder: Record<Mode, number>;
  rows: SkuCostRow[];
}

/**
 * The per-SKU table of a plan for a seed.
 * @param perSku price every SKU on its own (the direct calculation the class result is checked against)
 */
export function skuCosts(plan: SimPlan, seed: number, runTrials: number, perSku = false): SkuCostTable {
  const S = plan.skuShare.length;
  const L = plan.layout;
  const sc = makeScratch(plan);
  const trials = Math.max(1, Math.min(SKU_COST_TRIALS, runTrials));
  const rec = new Float64Array(L.stride);
  // per SKU: orders, routed orders, variable cost under each mode (sums over the trials)
  const n = new Float64Array(S);
  const routed = new Float64Array(S);
  const cost = { jit: new Float64Array(S), warehouse: new Float64Array(S), direct: new Float64Array(S), tpl: new Float64Array(S) };
  const total = { jit: 0, warehouse: 0, direct: 0, tpl: 0 };
  const variable = { jit: 0, warehouse: 0, direct: 0, tpl: 0 };
  let orders = 0;
  let classes = 0;
  for (let t = 0; t < trials; t++) {
    runTrial(plan, sc, seed, t, rec, 0, { collectClasses: true, perSku });
    classes += sc.t.classes;
    // the class costs are in CNY; the record's totals in the reporting currency (sim/landed): convert at the trial's level rate
    const k = sc.landed.repKLevel;
    orders += rec[L.modes.jit.orders]!;
    for (const m of MODES) total[m] += rec[L.modes[m].total]!;
    for (let c = 0; c < sc.t.classes; c++) {
      variable.jit += k * sc.clsJ[c]!;
      variable.warehouse += k * sc.clsW[c]!;
      variable.direct += k * sc.clsD[c]!;
      variable.tpl += k * sc.clsT[c]!;
    }
    for (let s = 0; s < S; s++) {
      const c = sc.skuClass[s]!;
      const sh = sc.cShare[c]!;
      if (!(sh > 0)) continue;
      const f = (k * plan.skuShare[s]!) / sh;
      const dPrice = sc.price[s]! - sc.cPrice[c]!;
      n[s]! += (f / k) * sc.clsN[c]!;
      routed[s]! += (f / k) * sc.clsRouted[c]!;
      cost.jit[s]! += f * (sc.clsJ[c]! + sc.clsPriceJ[c]! * dPrice);
      cost.warehouse[s]! += f * (sc.clsW[c]! + sc.clsWeightW[c]! * (sc.weightKg[s]! - sc.cWeight[c]!) + sc.clsUnitCostW[c]! * (sc.unitCost[s]! - sc.cUnitCost[c]!));
      cost.direct[s]! += f * (sc.clsD[c]! + sc.clsPriceD[c]! * dPrice);
      cost.tpl[s]! += f * (sc.clsT[c]! + sc.clsWeightT[c]! * (sc.weightKg[s]! - sc.cWeight[c]!) + sc.clsUnitCostT[c]! * (sc.unitCost[s]! - sc.cUnitCost[c]!));
    }
  }
  const available = availableModes(plan);
  const spec = plan.scenario.spec;
  const rows: SkuCostRow[] = spec.skus.map((k, s) => {
    const has = n[s]! > 0;
    const per = Object.fromEntries(MODES.map((m) => [m, has ? cost[m][s]! / n[s]! : null])) as Record<Mode, number | null>;
    const eligible = plan.scenario.skuEligible[s]!;
    const may = available.filter((m) => m !== 'jit' || eligible);
    const ranked = has ? [...may].sort((a, b) => per[a]! - per[b]! || MODES.indexOf(a) - MODES.indexOf(b)) : [];
    return {
      id: k.id,
      share: plan.skuShare[s]!,
      jitEligible: eligible,
      banned: plan.scenario.skuBanned[s]!,
      blockedBy: plan.scenario.skuBlockedBy[s]!,
      jitRoutedShare: has ? routed[s]! / n[s]! : 0,
      cnyPerOrder: per,
      cheapest: ranked[0] ?? null,
      savingCnyPerOrder: ranked.length > 1 ? per[ranked[1]!]! - per[ranked[0]!]! : null,
    };
  });
  // what is left of each mode's total is its monthly fixed cost (0 for direct, up to rounding)
  const fixed = (m: Mode) => (orders > 0 && Math.abs(total[m] - variable[m]) > 1e-9 * Math.abs(total[m]) ? (total[m] - variable[m]) / orders : 0);
  const fixedCnyPerOrder = { jit: fixed('jit'), warehouse: fixed('warehouse'), direct: fixed('direct'), tpl: fixed('tpl') };
  return { trials, meanClasses: classes / trials, currency: plan.landed.currencies[plan.landed.reporting]!, fixedCnyPerOrder, rows };
}

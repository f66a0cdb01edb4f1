/**
 * The slow, obvious JIT fee: json-rules-engine run on every adjustment for one order, band tables
 * and the ladder read straight from the rule file. It is the yardstick the compiled tables are
 * proven against (differential test) and the "naive engine" baseline of `npm run bench`.
 */
import { Engine } from 'json-rules-engine';
import type { CompiledSchedule, FeeCase } from '../rules/compile-fees.ts';
import type { RuleSet } from '../rules/rule-set.ts';

/** Per-component JIT fee of one order (base fee excluded), evaluated by the engine. */
export async function referenceJitOrderCost(rules: RuleSet, schedule: CompiledSchedule, c: FeeCase, logisticsCny: number): Promise<Record<string, number>> {
  const s = rules.files.fees.schedules.find((x) => x.id === schedule.id)!;
  const out: Record<string, number> = { operation: 0, processing: 0, logistics: logisticsCny, operationDiscount: 0, logisticsDiscount: 0 };
  for (const bf of s.bandedFees) {
    if (bf.region !== 'any' && bf.region !== c.warehouseRegion) continue;
    const band = bf.bands.find((b) => c.parcelVolumeLitres >= b.fromLitres && (b.toLitres === null || c.parcelVolumeLitres < b.toLitres));
    out.operation! += band!.feeCny;
  }
  for (const f of s.perOrderFees) out.processing! += f.feeCny;
  let opFactor = 1;
  let logFactor = 1;
  for (const adj of rules.files.fees.adjustments) {
    if (!adj.schedules.includes(s.id)) continue;
    const engine = new Engine([{ conditions: adj.conditions as never, event: { type: 'fires' } }], { allowUndefinedFacts: false });
    const { events } = await engine.run({ ...c });
    if (events.length === 0) continue;
    if (adj.effect.kind === 'perOrder') out[adj.effect.component] = (out[adj.effect.component] ?? 0) + adj.effect.amountCny;
    else if (adj.effect.target === 'operation') opFactor *= adj.effect.factor;
    else logFactor *= adj.effect.factor;
  }
  for (const l of rules.files.fees.ladders) {
    if (!l.schedules.includes(s.id)) continue;
    const step = [...l.steps].reverse().find((x) => c.countryDailyOrders > x.aboveOrders);
    if (step) {
      if (l.target === 'operation') opFactor *= step.factor;
      else logFactor *= step.factor;
    }
  }
  out.operationDiscount = out.operation! * (opFactor - 1);
  out.logisticsDiscount = logisticsCny * (logFactor - 1);
  return out;
}

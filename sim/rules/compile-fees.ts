/**
 * Compile stage for fees: rules/fees.json ──json-rules-engine, once per distinct case──▶ typed-array
 * lookup tables for the hot path. json-rules-engine stays the evaluator of record: every
 * adjustment's conditions are run through it for each distinct combination of the facts they use
 * (booleans, enum values, and for numbers every interval between and at the thresholds the
 * conditions mention), and the answers are stored. The differential test proves the tables agree
 * with a direct engine evaluation.
 */
import type { Engine as EngineType } from 'json-rules-engine';
import { DiagnosticsError, type Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { cacheGet, cacheKey, cacheSet } from '../io/cache.ts';
import type { RateCard } from '../data/rate-card.ts';
import { forEachLeaf } from './conditions.ts';
import { FEE_FACTS, WAREHOUSE_REGIONS, type FactSpec } from './facts.ts';
import type { RuleSet } from './rule-set.ts';
import type { Adjustment, Condition, Schedule } from './schema/index.ts';

/** The fee facts, in a fixed order: the index of a fact in every compiled table. */
export const FEE_FACT_NAMES = Object.keys(FEE_FACTS.facts) as FeeFact[];
export type FeeFact = keyof FeeCase;

/** The facts of one order for fee purposes. */
export interface FeeCase {
  warehouseRegion: (typeof WAREHOUSE_REGIONS)[number];
  parcelVolumeLitres: number;
  designatedBox: boolean;
  returnRate: number;
  countryDailyOrders: number;
  oversize: boolean;
  nonPreferredWarehouse: boolean;
  newSeller: boolean;
}

/** How a fact's values are cut into cells that no condition can tell apart. */
export interface FactCells {
  fact: FeeFact;
  kind: 'boolean' | 'enum' | 'number';
  /** enum values, or number thresholds (ascending) */
  values: readonly (string | number)[];
  count: number;
  /** A value that stands for each cell, for the engine. */
  representatives: (string | number | boolean)[];
}

/** Cell of a value: booleans 0/1, enums their index, numbers 2j for below t_j, 2j+1 for = t_j, 2k above all. */
export function cellOf(cells: FactCells, v: unknown): number {
  if (cells.kind === 'boolean') return v ? 1 : 0;
  if (cells.kind === 'enum') return cells.values.indexOf(v as string);
  const t = cells.values as number[];
  const x = v as number;
  for (let j = 0; j < t.length; j++) {
    if (x < t[j]!) return 2 * j;
    if (x === t[j]) return 2 * j + 1;
  }
  return 2 * t.length;
}

function cellsFor(fact: FeeFact, spec: FactSpec, thresholds: number[]): FactCells {
  if (spec.type.kind === 'boolean') return { fact, kind: 'boolean', values: [false, true] as never, count: 2, representatives: [false, true] };
  if (spec.type.kind === 'enum') return { fact, kind: 'enum', values: spec.type.values, count: spec.type.values.length, representatives: [...spec.type.values] };
  const t = [...new Set(thresholds)].sort((a, b) => a - b);
  const reps: number[] = [];
  t.forEach((x, j) => {
    reps.push(j === 0 ? x - 1 : (t[j - 1]! + x) / 2, x);
  });
  reps.push(t.length ? t[t.length - 1]! + 1 : 0);
  return { fact, kind: 'number', values: t, count: 2 * t.length + 1, representatives: reps };
}

/** An adjustment compiled to a table: does it fire, for each combination of its facts' cells. */
export interface CompiledAdjustment {
  id: string;
  source: Adjustment;
  facts: FactCells[];
  /** 1 where the adjustment applies; index = mixed radix over `facts` (first fact most significant). */
  fires: Uint8Array;
  kind: 'perOrder' | 'factor';
  /** Index into the schedule's component list. */
  component: number;
  amountCny: number;
  factor: number;
  target: 'operation' | 'logistics' | null;
}

/** One fee schedule as lookup tables. */
export interface CompiledSchedule {
  id: string;
  source: Schedule;
  /** Component names; totals are the sum over these. */
  components: string[];
  monthly: { id: string; feeCny: number; waivedMonths: number; readings: Record<string, { shareCharged: number; reading: { en: string; zh: string } }>; defaultReading: string | null }[];
  processingCny: number;
  processingIds: string[];
  /** Union of every band table's boundaries (litres, ascending, first is 0). */
  volumeBreaks: Float64Array;
  /** [region × volume cell] → operation fee per order (CNY). */
  operationCny: Float64Array;
  operationIds: string[];
  logistics: RateCard;
  logisticsId: string;
  adjustments: CompiledAdjustment[];
  ladder: { id: string; target: 'operation' | 'logistics'; above: Float64Array; factor: Float64Array } | null;
}

export const COMPONENT = { baseFee: 0, operation: 1, processing: 2, logistics: 3, operationDiscount: 4, logisticsDiscount: 5 } as const;

/** Index of the volume cell of a parcel: the last break ≤ volume. */
export function volumeCell(breaks: Float64Array, litres: number): number {
  let i = 0;
  while (i + 1 < breaks.length && litres >= breaks[i + 1]!) i++;
  return i;
}

function bandFee(bands: Schedule['bandedFees'][number]['bands'], litres: number): number {
  for (const b of bands) if (litres >= b.fromLitres && (b.toLitres === null || litres < b.toLitres)) return b.feeCny;
  return NaN;
}

/** Most distinct cases one adjustment may need; beyond this the file is rejected. */
export const MAX_CASES = 100_000;

/**
 * Compiles every schedule of the fee file into lookup tables.
 * @param cards rate cards by path (from the data set).
 * @throws {DiagnosticsError} when a condition cannot be tabulated (too many distinct cases).
 */
export async function compileFees(rules: RuleSet, cards: ReadonlyMap<string, RateCard>): Promise<Map<string, CompiledSchedule>> {
  const fees = rules.files.fees;
  const doc = rules.docs.fees;
  const problems: Diagnostic[] = [];
  const compiledAdjustments: { adj: Adjustment; facts: FactCells[]; fires: Uint8Array }[] = [];
  for (const [ai, adj] of fees.adjustments.entries()) {
    const thresholds = new Map<FeeFact, number[]>();
    forEachLeaf(adj.conditions as Condition, '', (leaf) => {
      const f = leaf.fact as FeeFact;
      const list = thresholds.get(f) ?? [];
      for (const v of Array.isArray(leaf.value) ? leaf.value : [leaf.value]) if (typeof v === 'number') list.push(v);
      thresholds.set(f, list);
    });
    const facts = [...thresholds.keys()].sort((a, b) => FEE_FACT_NAMES.indexOf(a) - FEE_FACT_NAMES.indexOf(b)).map((f) => cellsFor(f, FEE_FACTS.facts[f]!, thresholds.get(f)!));
    const size = facts.reduce((n, c) => n * c.count, 1);
    if (size > MAX_CASES) {
      problems.push(doc.diag(`/adjustments/${ai}/conditions`, text(`the conditions of ${adj.id} have ${size} distinct cases, more than ${MAX_CASES} the compiler tabulates`, `${adj.id} 的条件有 ${size} 种不同情形，超过可制表上限 ${MAX_CASES}`), text('use fewer distinct thresholds, or split the adjustment in two', '请减少不同阈值，或将其拆分为两条')));
      continue;
    }
    // the same conditions over the same cells were tabulated before: the table comes from the cache
    const key = cacheKey('fee-fires', JSON.stringify(adj.conditions), JSON.stringify(facts));
    const hit = cacheGet<number[]>(key);
    if (hit && hit.length === size) {
      compiledAdjustments.push({ adj, facts, fires: Uint8Array.from(hit) });
      continue;
    }
    // the engine is loaded only when a table is not in the cache (most commands then never load it)
    const mod = (await import('json-rules-engine')) as { Engine?: typeof EngineType; default?: { Engine: typeof EngineType } };
    const Engine = mod.Engine ?? mod.default!.Engine; // a CommonJS package: bundled, its exports are the default
    const engine = new Engine([{ conditions: adj.conditions as never, event: { type: 'fires' } }], { allowUndefinedFacts: false });
    const fires = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const facts0: Record<string, unknown> = {};
      let rest = i;
      for (let k = facts.length - 1; k >= 0; k--) {
        const c = facts[k]!;
        facts0[c.fact] = c.representatives[rest % c.count];
        rest = Math.floor(rest / c.count);
      }
      fires[i] = (await engine.run(facts0)).events.length > 0 ? 1 : 0;
    }
    cacheSet(key, [...fires]);
    compiledAdjustments.push({ adj, facts, fires });
  }
  if (problems.length > 0) throw new DiagnosticsError(problems);

  const out = new Map<string, CompiledSchedule>();
  for (const s of fees.schedules) {
    const components = ['baseFee', 'operation', 'processing', 'logistics', 'operationDiscount', 'logisticsDiscount'];
    const adjustments: CompiledAdjustment[] = [];
    for (const { adj, facts, fires } of compiledAdjustments) {
      if (!adj.schedules.includes(s.id)) continue;
      let component: number;
      if (adj.effect.kind === 'perOrder') {
        component = components.indexOf(adj.effect.component);
        if (component < 0) component = components.push(adj.effect.component) - 1;
      } else component = adj.effect.target === 'operation' ? COMPONENT.operationDiscount : COMPONENT.logisticsDiscount;
      adjustments.push({
        id: adj.id,
        source: adj,
        facts,
        fires,
        kind: adj.effect.kind,
        component,
        amountCny: adj.effect.kind === 'perOrder' ? adj.effect.amountCny : 0,
        factor: adj.effect.kind === 'factor' ? adj.effect.factor : 1,
        target: adj.effect.kind === 'factor' ? adj.effect.target : null,
      });
    }
    const breaks = Float64Array.from([...new Set(s.bandedFees.flatMap((bf) => bf.bands.map((b) => b.fromLitres)))].sort((a, b) => a - b));
    const operationCny = new Float64Array(WAREHOUSE_REGIONS.length * breaks.length);
    const operationTables = s.bandedFees.filter((bf) => bf.component === 'operation');
    WAREHOUSE_REGIONS.forEach((region, r) => {
      breaks.forEach((from, v) => {
        operationCny[r * breaks.length + v] = operationTables.filter((bf) => bf.region === region || bf.region === 'any').reduce((sum, bf) => sum + bandFee(bf.bands, from), 0);
      });
    });
    const ladder = fees.ladders.find((l) => l.schedules.includes(s.id));
    const card = cards.get(s.logistics.rateCard);
    if (!card) throw new DiagnosticsError([doc.diag(`/schedules/${fees.schedules.indexOf(s)}/logistics/rateCard`, text(`rate card ${s.logistics.rateCard} is not loaded`, `运价表 ${s.logistics.rateCard} 未加载`), text('check the path', '请检查路径'))]);
    out.set(s.id, {
      id: s.id,
      source: s,
      components,
      monthly: s.monthlyFees.map((m) => ({ id: m.id, feeCny: m.feeCny, waivedMonths: m.newSellerWaivedMonths, readings: m.newSellerReadings ?? {}, defaultReading: m.defaultNewSellerReading ?? null })),
      processingCny: s.perOrderFees.reduce((sum, f) => sum + f.feeCny, 0),
      processingIds: s.perOrderFees.map((f) => f.id),
      volumeBreaks: breaks,
      operationCny,
      operationIds: operationTables.map((t) => t.id),
      logistics: card,
      logisticsId: s.logistics.id,
      adjustments,
      ladder: ladder ? { id: ladder.id, target: ladder.target, above: Float64Array.from(ladder.steps.map((x) => x.aboveOrders)), factor: Float64Array.from(ladder.steps.map((x) => x.factor)) } : null,
    });
  }
  return out;
}

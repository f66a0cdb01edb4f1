/**
 * What a report shows, in one typed value: the render stage's input. The simulation summary is
 * turned into this by `build-model.ts`; every chart, the HTML page, the Markdown summary and the
 * CSV are rendered from it alone.
 */
import type { ReportInputs } from './inputs.ts';
import type { Text } from '../sim/i18n/index.ts';
import type { Stats } from '../sim/stats/describe.ts';
import type { InputSection } from './input-sheet.ts';
import type { LandedSummary } from '../sim/landed/summary.ts';
import type { InventorySummary } from '../sim/inventory/summary.ts';
import type { BatterySummary } from '../sim/battery/summary.ts';

export const MODES = ['jit', 'warehouse', 'direct', 'tpl'] as const;
export type ModeKey = (typeof MODES)[number];

/**
 * The modes a report shows figures for: those the scenario does not switch off (`modesOff`), and JIT
 * only when the client can use it (otherwise a mode has no cost, P(cheapest), saving or break-even of its own).
 */
export function shownModes(m: { eligibility: { jitAvailable: boolean }; modesOff?: readonly ModeKey[] }): ModeKey[] {
  return MODES.filter((k) => !(m.modesOff ?? []).includes(k) && (k !== 'jit' || m.eligibility.jitAvailable));
}

export const MODE_LABEL: Record<ModeKey, Text> = {
  jit: { en: 'JIT', zh: 'JIT' },
  warehouse: { en: 'Self-run overseas warehouse', zh: '自营海外仓' },
  direct: { en: 'Direct shipping from China', zh: '中国直发' },
  tpl: { en: '3PL overseas warehouse', zh: '第三方海外仓' },
};

/** Distribution summary of a money figure over the trials (CNY): the simulator's statistics without n and CVaR. */
export type Stat = Omit<Stats, 'n' | 'cvar95'>;

export interface ModeResult {
  total: Stat;
  perOrder: Stat;
  /** Probability that this mode is the cheapest available mode, over the trials (ties split); null when the mode is not available. */
  pCheapest: number | null;
  /** Mean of the worst 5 % of trials (CNY). */
  cvar95: number;
  /** Peak cash tied up (start-up, stock) in CNY. */
  cashTiedUpCny: number;
  /** Mean total per component over the horizon (CNY). */
  components: Record<string, number>;
  /** Share of orders delivered in each number of days. */
  deliveryDays: { days: number; share: number }[];
  meanDeliveryDays: number;
  /** Mean number of returned orders over the horizon. */
  returns: number;
}

export interface PairResult {
  a: ModeKey;
  b: ModeKey;
  /** Paired difference a − b of the horizon total: mean and 95 % CI, and its 5/50/95 percentiles. */
  diff: Stat;
  /**
   * Orders/day at which a and b cost the same, across the trials: median (`ordersPerDay`), P5 and P95
   * of the crossing volume, and the share of trials with no crossing in the searched range; null when
   * most trials do not cross.
   */
  breakEven: { ordersPerDay: number; p5: number; p95: number; noCrossingShare: number } | null;
  /**
   * Rate levels at which a and b cost the same, per rate card (multiplier of the card's rates; exact
   * from the run's own trials, no re-run): median, P5, P95 over the trials, the mean multiplier the
   * run drew, and the mode cheaper below it. Only cards with a crossing in most trials.
   */
  rateBreakEven?: { leg: string; name: Text; p50: number; p5: number; p95: number; now: number; cheaperBelow: ModeKey }[];
}

export interface ReportModel {
  scenario: { name: string; file: string; description: Text; horizonMonths: number; startDate: string; sha256: string; ordersPerDay: number; skus: { id: string; name: string; category: string }[] };
  run: { seed: number; trials: number; toolVersion: string; rulesFingerprint: string; dataFingerprint: string; ruleFiles: { file: string; effective: string }[]; inputs: ReportInputs; sourceDate: string };
  eligibility: {
    /** null when the scenario has no store profile. */
    storeOk: boolean | null;
    storeFindings: { rule: string; message: Text; remedy: Text }[];
    blockedSkus: { sku: string; name: string; reasons: string[] }[];
    jitAvailable: boolean;
    /** Per month of the horizon: may the store use JIT (time-dependent rules such as the ADM-6 freeze)? */
    jitMonths?: boolean[];
  };
  meanOrders: number;
  /** Currency of every money figure of the report (the scenario's currency.reporting; absent = CNY): costs convert at each trial's own exchange-rate draw. */
  currency?: string;
  /** Modes the scenario switches off (`modesOff`): shown as "switched off", no P(cheapest), saving or break-even. */
  modesOff?: ModeKey[];
  modes: Record<ModeKey, ModeResult>;
  pairs: PairResult[];
  /** Mean cost per order against orders/day, per mode (common random numbers). */
  volumeCurve: { ordersPerDay: number; mode: ModeKey; perOrderCny: number }[];
  /**
   * Tornado: the per-order cost difference best − second-best available mode (tornadoPair) with one
   * input (or a group: one field of every SKU) at its P10 and P90, others at P50 — for the inputs
   * ranked first by their rank correlation with that difference over the run's trials.
   */
  tornado: {
    input: string;
    label: Text;
    /** Unit of the input (a key of data/scenario-inputs.json `units`). */
    unit?: string;
    /** An input, or a group of per-SKU inputs (each member at its own P10 and P90: no single value). */
    kind?: 'input' | 'group';
    /** The input's P10 and P90 values (null for a group). */
    lowInput: number | null;
    highInput: number | null;
    /** tornadoPair[0] − tornadoPair[1], CNY per order, with the input at P10, at P90, and every input at P50. */
    low: number;
    high: number;
    base: number;
    /** Spearman rank correlation of the input with the difference over the run's trials, and its standardised rank regression coefficient (what ranked it; null when the regression had no unique answer). */
    rankCorrelation?: number;
    regressionCoefficient?: number | null;
  }[];
  /** The tornado's difference is the per-order cost tornadoPair[0] − tornadoPair[1] (best − second-best available mode by mean cost per order). */
  tornadoPair?: [ModeKey, ModeKey];
  /** How the tornado was made: trials the ranking used, trials of each swing, and how many inputs were ranked in all. */
  tornadoMethod?: { rankTrials: number; swingTrials: number; ranked: number; by: 'rank-regression-main-run' | 'rank-correlation-main-run' };
  /** For a new seller: which reading of an ambiguous relief (FEE-A1 减免: waived or reduced) the run used. */
  feeReadings?: { fee: string; id: string; reading: Text }[];
  /** Per-trial totals (a deterministic subsample for charts). */
  trialTotals: { trial: number; mode: ModeKey; totalCny: number }[];
  /** Mean per month: cost and cash outlay. */
  monthly: { month: number; mode: ModeKey; costCny: number; cashOutCny: number }[];
  /** Mean orders per trial that failed routing, by code. */
  /** JIT orders that failed routing, per routing rule: its code, its name (rules/routing.json), mean orders per horizon. */
  routingFailures: { code: string; name: Text; orders: number }[];
  /** The input sheet: every input with its value and where it came from. */
  inputs: InputSection[];
  /** `basis` as written in data/ (`assumption:…`); `reasoning` when the file gives it in both languages. */
  assumptions: { id: string; name?: Text; value: number | string; unit?: string; basis: string; reasoning?: Text }[];
  ruleSources: { id: string; name: Text; source: string; effective: string; file: string }[];
  /** Revenue, duties, taxes and contribution per mode in the reporting currency; the customs-regime timeline (absent in models built before issue 12). */
  landed?: LandedSummary;
  /** The self-run warehouse's stock: stock-outs, fill rate, stock, capital tied up, unsold stock (absent in models built before it existed). */
  inventory?: InventorySummary;
  /** Calendar label (YYYY-MM) of each month of the horizon. */
  monthLabels?: string[];
  /** Lithium-battery SKUs: refused demand and surcharges per mode, each battery SKU's lanes (absent in models built before it existed). */
  battery?: BatterySummary;
}

/**
 * The landed-cost hook of a trial: per (destination, SKU) cell and month it adds revenue, unit cost,
 * duties and taxes of each mode; at the month's end it writes them, and the contribution
 * (revenue − unit cost − duties − taxes − the mode's fulfilment cost), into the record in the
 * reporting currency. Kept apart from the trial loop so that the loop calls three functions only.
 *
 * Per mode (one item per order):
 * - JIT and direct ship one parcel per order under the destination's parcel regime; the duty and
 *   any import-side tax are paid on every parcel shipped (not refunded on a return — assumption).
 * - Returns whose goods come back (JIT's routed orders, the warehouse) are refunded and restocked:
 *   no revenue, no unit cost, no VAT at sale. Returned direct orders (and JIT orders shipped direct)
 *   keep revenue and unit cost; the returns component already carries their refund
 *   (modes.directReturnCostShareOfPrice).
 * - The 3PL warehouse (mode 4) holds the same stock, imports it the same way and delivers in the same
 *   days as the warehouse (its sales factor is the warehouse's); it has its own monthly slots.
 * - The warehouse imports the units it sells in bulk under the site's regime: duty on the customs
 *   value (unit cost, + head-haul per unit for CIF), import VAT at entry (a cost, or when recoverable
 *   its financing at warehouse.capitalRateYear for the regime's vatRecoveryDays), then sells at the
 *   destination's VAT rate.
 * - Stock-outs (the warehouse and the 3PL, the share 1 − fill of a cell's orders): shipped direct,
 *   they are direct parcels — direct's duties and taxes, direct's delivery days in the sales factor
 *   (as JIT's routing failures), returns keeping revenue; lost, they bring no revenue, no unit cost,
 *   no duty and no tax, and the lost margin the cost view charges for them (component "stockout")
 *   is left out of the profit view (the sale is simply missing from revenue; counting both would
 *   count it twice).
 * - Lithium-battery refusals (`refusal`: REFUSED_DIRECT, REFUSED_WAREHOUSE): an order no lane of a
 *   mode takes is not sold in that mode — no revenue, unit cost, duty, tax or delivery (it does not
 *   count in the mode's orders or sales factor); the margin the cost view charges for it (component
 *   "batteryRefused") is left out of the profit view like a lost stock-out's. Direct refusing also
 *   refuses JIT's orders not routed through JIT and the warehouse's stock-outs (they would ship direct).
 * - The stock's own costs — head-haul freight, capital tied up, write-off and the end-of-horizon
 *   write-down, and the 3PL's storage fees — are variable in the profit view: the stock policy sizes
 *   the stock from the demand (cycle stock in proportion, safety stock roughly with its square root),
 *   so they follow the volume sold; they are scaled by the mode's order-weighted sales factor of the
 *   month like the per-order costs. Self-run rent (a lease, with its minimum), the system and the
 *   start-up stay fixed.
 */
import { bulkCharges, parcelCharges, type LandedTables } from './tables.ts';
import type { SalesPlan } from './sales.ts';

/**
 * Per mode (totals over the trial, reporting currency unless said): revenue, unitCost, duties, taxes,
 * vatPaidAtImport, contribution (revenue − unit cost − duties − taxes − variable fulfilment incl.
 * returns), orders (with the delivery-speed sales effect; a count), fulfilment (variable fulfilment
 * cost at those orders), fixed (the mode's fixed costs: JIT base fee, warehouse rent, system and
 * start-up), profit (contribution − fixed), upliftPerDay (this trial's sales uplift per business day,
 * a fraction); then four monthly series.
 */
export const LANDED_FIELDS = ['revenue', 'unitCost', 'duties', 'taxes', 'vatPaidAtImport', 'contribution', 'orders', 'fulfilment', 'fixed', 'profit', 'upliftPerDay'] as const;
export type LandedField = (typeof LANDED_FIELDS)[number];

export interface LandedModeLayout {
  /** Offset of LANDED_FIELDS[0]; the others follow in order. */
  fields: number;
  /** Monthly duties + taxes, contribution, revenue and profit (months each). */
  monthlyDutiesTaxes: number;
  monthlyContribution: number;
  monthlyRevenue: number;
  monthlyProfit: number;
}

/** Keyed like sim/engine/layout.ts MODES (not imported: layout.ts imports this module). */
export type LandedLayout = Record<'jit' | 'warehouse' | 'direct' | 'tpl', LandedModeLayout>;

/** Places the landed block at `at`; returns it and its size. */
export function makeLandedLayout(at: number, months: number): { layout: LandedLayout; size: number } {
  const start = at;
  const mode = (): LandedModeLayout => {
    const f = LANDED_FIELDS.length;
    const m = { fields: at, monthlyDutiesTaxes: at + f, monthlyContribution: at + f + months, monthlyRevenue: at + f + 2 * months, monthlyProfit: at + f + 3 * months };
    at += f + 4 * months;
    return m;
  };
  const layout = { jit: mode(), warehouse: mode(), direct: mode(), tpl: mode() };
  return { layout, size: at - start };
}

/** Working memory of the hook (allocated once per worker). */
export interface LandedScratch {
  /** CNY per unit of each currency in the month being costed (the trial's draw × the month's point of a monthly path). */
  fx: Float64Array;
  /** This trial's draw of each currency (a rate; the multiplier of a monthly path). */
  drawn: Float64Array;
  /** This trial's level rate of each currency (the draw × the path's mean): cost classes, price kinks and SKU prices in CNY. */
  level: Float64Array;
  /** The month's rate ÷ the level rate, per currency (1 without a monthly path). */
  ratio: Float64Array;
  /** Per month: reporting-currency units per CNY at that month's rate (1 / CNY per unit of the reporting currency). */
  repK: Float64Array;
  /** Reporting-currency units per CNY at the trial's level rate (figures with no month: cash tied up, stock values). */
  repKLevel: number;
  charge: Float64Array;
  bulk: Float64Array;
  /** This month's sums per mode (jit, warehouse, direct, tpl) × MONTH_SLOTS: revenue, unitCost, duties, taxes, vatPaid, orders, variable fulfilment with the sales effect, variable fulfilment without. */
  month: Float64Array;
  /** This trial's sales factor per mode × destination (jit, warehouse, direct; 1 = the baseline demand). The 3PL ships from the warehouse's sites with its last-mile card: the warehouse's factor. */
  sales: Float64Array;
  /** This trial's sales uplift per business day. */
  uplift: number;
  /** The destination being costed: per mode (jit, warehouse, direct, tpl), Σ orders × factor and Σ orders. */
  dest: Float64Array;
  /** This trial's price kinks in CNY, sorted (LandedTables.kinkValue at this trial's exchange rates). */
  kinks: Float64Array;
  /** The destination being costed: per mode (jit, warehouse, direct, tpl) the margin (price − unit cost, CNY) of its lost sales (lost stock-outs; orders a battery lane refused). */
  lostMargin: Float64Array;
}

export function makeLandedScratch(L: LandedTables): LandedScratch {
  const C = L.currencies.length;
  return { fx: new Float64Array(C), drawn: new Float64Array(C), level: new Float64Array(C), ratio: new Float64Array(C).fill(1), repK: new Float64Array(Math.max(1, L.months)).fill(1), repKLevel: 1, charge: new Float64Array(3), bulk: new Float64Array(4), month: new Float64Array(4 * MONTH_SLOTS), kinks: new Float64Array(L.kinkValue.length), sales: new Float64Array(4 * L.parcel.length), uplift: 0, dest: new Float64Array(8), lostMargin: new Float64Array(4) };
}

/**
 * Per mode: revenue, unitCost, duties, taxes, vatPaid, orders (with the sales factor), variable
 * fulfilment with the sales effect, variable fulfilment without, cost the profit view leaves out
 * (lost sales' margin), the stock's own (variable) costs, orders without the sales factor.
 */
const MONTH_SLOTS = 11;

/**
 * Sales factor of a mode at a destination: 1 + uplift × business days faster than the baseline
 * mode (capped at `capBusinessDays` either way; never below 0). Days are the lanes' mean calendar days.
 * @example salesFactor(0.015, 0.714, 7, 14, 7) // 1 + 0.015 × 5 ≈ 1.075: a mode 7 calendar days faster
 */
export function salesFactor(uplift: number, businessPerCalendar: number, capBusinessDays: number, baselineDays: number, modeDays: number): number {
  if (!Number.isFinite(baselineDays) || !Number.isFinite(modeDays)) return 1;
  const faster = Math.max(-capBusinessDays, Math.min(capBusinessDays, (baselineDays - modeDays) * businessPerCalendar));
  return Math.max(0, 1 + uplift * faster);
}

/**
 * Sets this trial's sales factors from its uplift per business day (drawn by the caller) and the mode
 * parameters; a mode's days = its dispatch time (JIT, warehouse, direct: data/modes.json dispatchDays…)
 * + its lane's mean transit days.
 */
export function beginSales(S: SalesPlan, ls: LandedScratch, uplift: number, businessPerCalendar: number, capBusinessDays: number, dispatchJit = 0, dispatchWarehouse = 0, dispatchDirect = 0, dispatchTpl = dispatchWarehouse): void {
  const D = S.days.length / 3;
  ls.uplift = uplift;
  const dBase = S.baseline === 0 ? dispatchJit : S.baseline === 1 ? dispatchWarehouse : dispatchDirect;
  // i: JIT, warehouse, direct, 3PL — the 3PL ships on the warehouse's last mile after its own handling time
  for (let i = 0; i < 4; i++) {
    const dMode = i === 0 ? dispatchJit : i === 1 ? dispatchWarehouse : i === 2 ? dispatchDirect : dispatchTpl;
    const lane = i === 3 ? 1 : i;
    for (let d = 0; d < D; d++) ls.sales[i * D + d] = S.enabled ? salesFactor(uplift, businessPerCalendar, capBusinessDays, S.days[S.baseline * D + d]! + dBase, S.days[lane * D + d]! + dMode) : 1;
  }
}

/** Sets the trial's exchange rates from its drawn inputs: the level of each currency, and the reporting factor of each month. */
export function beginLandedTrial(L: LandedTables, ls: LandedScratch, values: Float64Array): void {
  for (let c = 0; c < ls.fx.length; c++) {
    ls.drawn[c] = L.fxInput[c]! >= 0 ? values[L.fxInput[c]!]! : 1;
    ls.level[c] = ls.drawn[c]! * L.fxPathMean[c]!;
    ls.fx[c] = ls.level[c]!;
    ls.ratio[c] = 1;
  }
  const r = L.reporting;
  for (let m = 0; m < L.months; m++) ls.repK[m] = 1 / (ls.drawn[r]! * L.fxPath[r * L.months + m]!);
  ls.repKLevel = 1 / ls.level[r]!;
  for (let i = 0; i < ls.kinks.length; i++) ls.kinks[i] = L.kinkValue[i]! * ls.level[L.kinkCurrency[i]!]!;
  ls.kinks.sort();
}

/** Sets month m's exchange rates (a monthly path moves them month by month; without one they stay at the trial's level). */
export function beginLandedMonth(L: LandedTables, ls: LandedScratch, m: number): void {
  for (let c = 0; c < ls.fx.length; c++) {
    ls.fx[c] = ls.drawn[c]! * L.fxPath[c * L.months + m]!;
    ls.ratio[c] = ls.fx[c]! / ls.level[c]!;
  }
}

/** Which of this trial's price intervals (between the parcel regimes' kinks) a price in CNY falls in. */
export function priceCell(ls: LandedScratch, priceCny: number): number {
  const k = ls.kinks;
  let lo = 0;
  let hi = k.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (k[mid]! < priceCny) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** CNY per unit of a SKU's price currency and cost currency at this trial's level rates. */
export const priceFx = (L: LandedTables, ls: LandedScratch, s: number) => ls.level[L.priceCurrency[s]!]!;
export const costFx = (L: LandedTables, ls: LandedScratch, s: number) => ls.level[L.costCurrency[s]!]!;
/** This month's rate ÷ the level rate of a SKU's price currency and cost currency (1 without a monthly path). */
export const priceRatio = (L: LandedTables, ls: LandedScratch, s: number) => ls.ratio[L.priceCurrency[s]!]!;
export const costRatio = (L: LandedTables, ls: LandedScratch, s: number) => ls.ratio[L.costCurrency[s]!]!;

/** Bits of landedCell's `refusal`: no direct lane takes the SKU's battery class; no warehouse lane (last mile or head-haul) does. */
export const REFUSED_DIRECT = 1;
export const REFUSED_WAREHOUSE = 2;

/**
 * Adds one (destination, SKU) cell of month m: `nAll` orders; under the JIT mode `retRouted` of
 * those routed through JIT were returned; `retW` returned under the warehouse mode (of all nAll).
 * The warehouse (and the 3PL) served the share `fill` from stock; the rest was shipped direct or,
 * with `lost`, not sold. Prices and costs in CNY; `freightCny` is the head-haul per unit;
 * `capitalRate` the site's cost of capital; `refusal` the battery lanes' refusals (REFUSED_DIRECT | REFUSED_WAREHOUSE).
 */
export function landedCell(L: LandedTables, ls: LandedScratch, d: number, site: number, s: number, m: number, priceCny: number, unitCostCny: number, freightCny: number, capitalRate: number, nAll: number, retRouted: number, retW: number, nRouted: number, fill = 1, lost = false, refusal = 0): void {
  const D = L.parcel.length;
  const refD = (refusal & REFUSED_DIRECT) !== 0;
  const refW = (refusal & REFUSED_WAREHOUSE) !== 0;
  const margin = Math.max(0, priceCny - unitCostCny);
  // orders each mode sells: JIT's not routed go direct (refused with direct); the warehouse's stock-outs go direct unless lost or refused
  const nJ = refD ? nRouted : nAll;
  const nDir = refD ? 0 : nAll;
  const lostX = lost || refD;
  const nS = refW ? 0 : nAll * fill;
  const nX = refW ? 0 : nAll - nAll * fill;
  // (the warehouse's orders count its lost stock-outs, as before refusals existed; not its refused orders)
  const nW = refW ? 0 : nAll;
  const lostW = (refW ? nAll : lostX ? nX : 0) * margin;
  const lm = ls.lostMargin;
  lm[0]! += (nAll - nJ) * margin;
  lm[1]! += lostW;
  lm[2]! += (nAll - nDir) * margin;
  lm[3]! += lostW;
  // sales factors: JIT's routed orders at JIT's speed, its routing failures at direct's
  const fD = ls.sales[2 * D + d]!;
  // the warehouse: orders served from stock at its speed; stock-outs shipped direct at direct's (a lost or refused sale is not delivered)
  const fW0 = ls.sales[D + d]!;
  const fW = nW > 0 && !lostX ? (nS * fW0 + nX * fD) / nW : fW0;
  // the 3PL: the same stock and stock-outs, at its own speed (its handling time differs from the warehouse's)
  const fT0 = ls.sales[3 * D + d]!;
  const fT = nW > 0 && !lostX ? (nS * fT0 + nX * fD) / nW : fT0;
  const fJ = nJ > 0 ? (nRouted * ls.sales[d]! + (nJ - nRouted) * fD) / nJ : 1;
  const ds = ls.dest;
  ds[0]! += nJ * fJ;
  ds[1]! += nJ;
  ds[2]! += nW * fW;
  ds[3]! += nW;
  ds[4]! += nDir * fD;
  ds[5]! += nDir;
  ds[6]! += nW * fT;
  ds[7]! += nW;
  const ch = ls.charge;
  const mo = ls.month;
  let duty = 0;
  let importTax = 0;
  let saleTax = 0;
  const pp = L.parcel[d]![m]!;
  for (let i = 0; i < pp.length; i++) {
    const p = pp[i]!;
    parcelCharges(L, p, s, priceCny, ls.fx, ch);
    duty += p.weight * ch[0]!;
    importTax += p.weight * ch[1]!;
    saleTax += p.weight * ch[2]!;
  }
  // JIT: parcels; routed returns refunded and restocked
  const keptJ = (nJ - retRouted) * fJ;
  mo[0]! += priceCny * keptJ;
  mo[1]! += unitCostCny * keptJ;
  mo[2]! += duty * nJ * fJ;
  mo[3]! += importTax * nJ * fJ + saleTax * keptJ;
  mo[5]! += nJ * fJ;
  // direct: parcels; returns keep revenue (the refund is in the returns component)
  const D8 = 2 * MONTH_SLOTS;
  mo[D8]! += priceCny * nDir * fD;
  mo[D8 + 1]! += unitCostCny * nDir * fD;
  mo[D8 + 2]! += duty * nDir * fD;
  mo[D8 + 3]! += (importTax + saleTax) * nDir * fD;
  mo[D8 + 5]! += nDir * fD;
  // warehouse: bulk import of the units sold from stock (their returns restocked), VAT at sale at the destination's rate
  // its stock-outs: direct parcels (returns keep revenue, as direct), or lost sales
  let bDuty = 0;
  let bVatCost = 0;
  let bVatPaid = 0;
  const bp = L.bulk[site]![m]!;
  for (let i = 0; i < bp.length; i++) {
    const p = bp[i]!;
    bulkCharges(L, p, s, unitCostCny, freightCny, ls.bulk);
    bDuty += p.weight * ls.bulk[0]!;
    bVatPaid += p.weight * ls.bulk[1]!;
    // recoverable VAT costs its financing until recovery
    bVatCost += p.weight * (ls.bulk[2]! + (ls.bulk[1]! - ls.bulk[2]!) * capitalRate * (ls.bulk[3]! / 365));
  }
  const r = L.saleVat[d * L.months + m]!;
  // per unit of the sales factor (each figure computed once: the warehouse's at fW, the 3PL's at fT)
  const uKept = refW ? 0 : nS - retW * fill;
  const uX = lostX ? 0 : nX;
  const uRevenue = priceCny * (uKept + uX);
  const uUnitCost = unitCostCny * (uKept + uX);
  const uDuty = bDuty * uKept + duty * uX;
  const uTaxes = bVatCost * uKept + ((priceCny * r) / (1 + r)) * uKept + (importTax + saleTax) * uX;
  const uVatPaid = bVatPaid * uKept;
  const W8 = MONTH_SLOTS;
  mo[W8]! += uRevenue * fW;
  mo[W8 + 1]! += uUnitCost * fW;
  mo[W8 + 2]! += uDuty * fW;
  mo[W8 + 3]! += uTaxes * fW;
  mo[W8 + 4]! += uVatPaid * fW;
  mo[W8 + 5]! += nW * fW;
  mo[W8 + 10]! += nW;
  // 3PL warehouse: the same stock imported the same way, the same returns as the warehouse; its own delivery days
  const T8 = 3 * MONTH_SLOTS;
  mo[T8]! += uRevenue * fT;
  mo[T8 + 1]! += uUnitCost * fT;
  mo[T8 + 2]! += uDuty * fT;
  mo[T8 + 3]! += uTaxes * fT;
  mo[T8 + 4]! += uVatPaid * fT;
  mo[T8 + 5]! += nW * fT;
  mo[T8 + 10]! += nW;
  mo[10]! += nJ;
  mo[2 * MONTH_SLOTS + 10]! += nDir;
}

/**
 * Closes one destination of the month: each mode's variable fulfilment cost there (CNY, what the
 * cost view charged for the destination's orders) is scaled by the destination's order-weighted
 * sales factor of the mode. The lost sales' margin the cost view charged (lost stock-outs, battery
 * refusals) is left out (their revenue is already missing).
 */
export function landedDestination(ls: LandedScratch, varJit: number, varWarehouse: number, varDirect: number, varTpl: number): void {
  const ds = ls.dest;
  const mo = ls.month;
  const lm = ls.lostMargin;
  for (let i = 0; i < 4; i++) {
    mo[i * MONTH_SLOTS + 8]! += lm[i]!;
    const v = (i === 0 ? varJit : i === 1 ? varWarehouse : i === 2 ? varDirect : varTpl) - lm[i]!;
    const f = ds[2 * i + 1]! > 0 ? ds[2 * i]! / ds[2 * i + 1]! : 1;
    mo[i * MONTH_SLOTS + 6]! += v * f;
    mo[i * MONTH_SLOTS + 7]! += v;
  }
  ds.fill(0);
  lm.fill(0);
}

/**
 * The month's stock costs (CNY) of the warehouse and of the 3PL (head-haul, capital, write-off and
 * write-down; the 3PL's storage fees): variable in the profit view (see the module's comment).
 */
export function landedStock(ls: LandedScratch, warehouse: number, tpl: number): void {
  ls.month[MONTH_SLOTS + 9]! += warehouse;
  ls.month[3 * MONTH_SLOTS + 9]! += tpl;
}

/**
 * Writes month m (in the reporting currency, at the month's rate) with each mode's fulfilment cost of
 * the month (CNY; what is neither variable (landedDestination, landedStock) nor left out is the month's
 * fixed cost), and clears the month.
 */
export function endLandedMonth(_L: LandedTables, ls: LandedScratch, layout: LandedLayout, out: Float64Array, offset: number, m: number, costJit: number, costWarehouse: number, costDirect: number, costTpl: number): void {
  const k = ls.repK[m]!;
  const mo = ls.month;
  for (let i = 0; i < 4; i++) {
    const ml = i === 0 ? layout.jit : i === 1 ? layout.warehouse : i === 2 ? layout.direct : layout.tpl;
    const cost = i === 0 ? costJit : i === 1 ? costWarehouse : i === 2 ? costDirect : costTpl;
    const b = i * MONTH_SLOTS;
    // the stock's costs scale with the month's order-weighted sales factor of the mode
    const stockCost = mo[b + 9]!;
    const f = mo[b + 10]! > 0 ? mo[b + 5]! / mo[b + 10]! : 1;
    const variable = mo[b + 6]! + stockCost * f;
    const fixed = cost - mo[b + 7]! - mo[b + 8]! - stockCost;
    const contribution = mo[b]! - mo[b + 1]! - mo[b + 2]! - mo[b + 3]! - variable;
    const o = offset + ml.fields;
    out[o]! += mo[b]! * k;
    out[o + 1]! += mo[b + 1]! * k;
    out[o + 2]! += mo[b + 2]! * k;
    out[o + 3]! += mo[b + 3]! * k;
    out[o + 4]! += mo[b + 4]! * k;
    out[o + 5]! += contribution * k;
    out[o + 6]! += mo[b + 5]!;
    out[o + 7]! += variable * k;
    out[o + 8]! += fixed * k;
    out[o + 9]! += (contribution - fixed) * k;
    out[o + 10] = ls.uplift;
    out[offset + ml.monthlyDutiesTaxes + m] = (mo[b + 2]! + mo[b + 3]!) * k;
    out[offset + ml.monthlyContribution + m] = contribution * k;
    out[offset + ml.monthlyRevenue + m] = mo[b]! * k;
    out[offset + ml.monthlyProfit + m] = (contribution - fixed) * k;
  }
  mo.fill(0);
}

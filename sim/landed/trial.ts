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
 * - The 3PL warehouse (mode 4) holds the same stock and imports it the same way as the warehouse.
 * - The warehouse imports the units it sells in bulk under the site's regime: duty on the customs
 *   value (unit cost, + head-haul per unit for CIF), import VAT at entry (a cost, or when recoverable
 *   its financing at warehouse.capitalRateYear for the regime's vatRecoveryDays), then sells at the
 *   destination's VAT rate.
 */
import { bulkCharges, parcelCharges, type LandedTables } from './tables.ts';

/** Per mode: revenue, unitCost, duties, taxes, vatPaidAtImport, contribution (totals), then two monthly series. */
export const LANDED_FIELDS = ['revenue', 'unitCost', 'duties', 'taxes', 'vatPaidAtImport', 'contribution'] as const;
export type LandedField = (typeof LANDED_FIELDS)[number];

export interface LandedModeLayout {
  /** Offset of LANDED_FIELDS[0]; the others follow in order. */
  fields: number;
  /** Monthly duties + taxes, then monthly contribution (months each). */
  monthlyDutiesTaxes: number;
  monthlyContribution: number;
}

/** Keyed like sim/engine/layout.ts MODES (not imported: layout.ts imports this module). */
export type LandedLayout = Record<'jit' | 'warehouse' | 'direct' | 'tpl', LandedModeLayout>;

/** Places the landed block at `at`; returns it and its size. */
export function makeLandedLayout(at: number, months: number): { layout: LandedLayout; size: number } {
  const start = at;
  const mode = (): LandedModeLayout => {
    const m = { fields: at, monthlyDutiesTaxes: at + LANDED_FIELDS.length, monthlyContribution: at + LANDED_FIELDS.length + months };
    at += LANDED_FIELDS.length + 2 * months;
    return m;
  };
  const layout = { jit: mode(), warehouse: mode(), direct: mode(), tpl: mode() };
  return { layout, size: at - start };
}

/** Working memory of the hook (allocated once per worker). */
export interface LandedScratch {
  fx: Float64Array;
  charge: Float64Array;
  bulk: Float64Array;
  /** This month's sums per mode × [revenue, unitCost, duties, taxes, vatPaid]. */
  month: Float64Array;
  /** This trial's price kinks in CNY, sorted (LandedTables.kinkValue at this trial's exchange rates). */
  kinks: Float64Array;
}

export function makeLandedScratch(L: LandedTables): LandedScratch {
  return { fx: new Float64Array(L.currencies.length), charge: new Float64Array(3), bulk: new Float64Array(4), month: new Float64Array(4 * 5), kinks: new Float64Array(L.kinkValue.length) };
}

/** Sets the trial's exchange rates from its drawn inputs. */
export function beginLandedTrial(L: LandedTables, ls: LandedScratch, values: Float64Array): void {
  for (let c = 0; c < ls.fx.length; c++) ls.fx[c] = L.fxInput[c]! >= 0 ? values[L.fxInput[c]!]! : 1;
  for (let i = 0; i < ls.kinks.length; i++) ls.kinks[i] = L.kinkValue[i]! * ls.fx[L.kinkCurrency[i]!]!;
  ls.kinks.sort();
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

/** CNY per unit of a SKU's price currency and cost currency this trial. */
export const priceFx = (L: LandedTables, ls: LandedScratch, s: number) => ls.fx[L.priceCurrency[s]!]!;
export const costFx = (L: LandedTables, ls: LandedScratch, s: number) => ls.fx[L.costCurrency[s]!]!;

/**
 * Adds one (destination, SKU) cell of month m: `nAll` orders; under the JIT mode `retRouted` of
 * those routed through JIT were returned; `retW` returned under the warehouse mode.
 * Prices and costs in CNY; `freightCny` is the head-haul per unit; `capitalRate` the site's cost of capital.
 */
export function landedCell(L: LandedTables, ls: LandedScratch, d: number, site: number, s: number, m: number, priceCny: number, unitCostCny: number, freightCny: number, capitalRate: number, nAll: number, retRouted: number, retW: number): void {
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
  const keptJ = nAll - retRouted;
  mo[0]! += priceCny * keptJ;
  mo[1]! += unitCostCny * keptJ;
  mo[2]! += duty * nAll;
  mo[3]! += importTax * nAll + saleTax * keptJ;
  // direct: parcels; returns keep revenue (the refund is in the returns component)
  mo[10]! += priceCny * nAll;
  mo[11]! += unitCostCny * nAll;
  mo[12]! += duty * nAll;
  mo[13]! += (importTax + saleTax) * nAll;
  // warehouse: bulk import of the units sold, VAT at sale at the destination's rate
  const kept = nAll - retW;
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
  mo[5]! += priceCny * kept;
  mo[6]! += unitCostCny * kept;
  mo[7]! += bDuty * kept;
  mo[8]! += bVatCost * kept + ((priceCny * r) / (1 + r)) * kept;
  mo[9]! += bVatPaid * kept;
  // 3PL warehouse: the same stock imported the same way (its returns are the warehouse's)
  mo[15]! += priceCny * kept;
  mo[16]! += unitCostCny * kept;
  mo[17]! += bDuty * kept;
  mo[18]! += bVatCost * kept + ((priceCny * r) / (1 + r)) * kept;
  mo[19]! += bVatPaid * kept;
}

/** Writes month m (in the reporting currency) with each mode's fulfilment cost of the month (CNY), and clears the month. */
export function endLandedMonth(L: LandedTables, ls: LandedScratch, layout: LandedLayout, out: Float64Array, offset: number, m: number, costJit: number, costWarehouse: number, costDirect: number, costTpl = 0): void {
  const k = 1 / ls.fx[L.reporting]!;
  const mo = ls.month;
  for (let i = 0; i < 4; i++) {
    const ml = i === 0 ? layout.jit : i === 1 ? layout.warehouse : i === 2 ? layout.direct : layout.tpl;
    const cost = i === 0 ? costJit : i === 1 ? costWarehouse : i === 2 ? costDirect : costTpl;
    const b = i * 5;
    const contribution = mo[b]! - mo[b + 1]! - mo[b + 2]! - mo[b + 3]! - cost;
    const o = offset + ml.fields;
    out[o]! += mo[b]! * k;
    out[o + 1]! += mo[b + 1]! * k;
    out[o + 2]! += mo[b + 2]! * k;
    out[o + 3]! += mo[b + 3]! * k;
    out[o + 4]! += mo[b + 4]! * k;
    out[o + 5]! += contribution * k;
    out[offset + ml.monthlyDutiesTaxes + m] = (mo[b + 2]! + mo[b + 3]!) * k;
    out[offset + ml.monthlyContribution + m] = contribution * k;
  }
  mo.fill(0);
}

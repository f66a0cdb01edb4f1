/**
 * Duties and taxes of one order for `jitsim quote`: the parcel regime (JIT, direct) and the bulk
 * import (warehouse) in force at the destination on a date, at data/fx.json's central rates, each
 * with the ids of the regimes applied. Reported beside the fulfilment cost, not inside it.
 */
import type { DataSet } from '../data/data-set.ts';
import { UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { bulkCharges, compileLanded, parcelCharges } from './tables.ts';

export interface LandedQuote {
  date: string;
  category: string;
  parcel: { regimes: string[]; dutyCny: number; importTaxCny: number; saleVatCny: number };
  warehouse: { regimes: string[]; dutyCny: number; importVatPaidCny: number; importVatCostCny: number; saleVatCny: number; vatRecoveryDays: number };
  fx: { currency: string; cnyPerUnit: number; date: string }[];
}

const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

export function landedQuote(data: DataSet, dest: string, date: string, category: string, priceCny: number, unitCostCny: number, freightCny: number, capitalRate: number): LandedQuote {
  const L = compileLanded({ customs: data.customs, fx: data.fx, dayIso: [date], monthOf: Int32Array.of(0), season: Float64Array.of(1), months: 1, destinations: [dest], sites: [dest], categories: [category], priceCurrencies: ['CNY'], costCurrencies: ['CNY'], reporting: 'CNY', fxInput: {}, vatRegistered: true });
  const fx = Float64Array.from(L.currencies.map((c) => (c === 'CNY' ? 1 : data.fx.rates[c]!.cnyPerUnit)));
  const p = L.parcel[0]![0]![0]!;
  const b = L.bulk[0]![0]![0]!;
  const missing = () => new UserInputError(text(`no customs regime, VAT or tariff rate for ${dest} on ${date} (category ${category})`, `${dest} 在 ${date} 没有海关制度、增值税率或关税税率（类目 ${category}）`), text('choose another --date or --category, or add the row to data/customs-regimes.json with its source', '请换一个 --date 或 --category，或在 data/customs-regimes.json 中补充并注明来源'));
  const pc = new Float64Array(4);
  parcelCharges(L, p, 0, priceCny, fx, pc);
  const bc = new Float64Array(4);
  bulkCharges(L, b, 0, unitCostCny, freightCny, bc);
  if (![...pc.subarray(0, 3), ...bc].every(Number.isFinite)) throw missing();
  const saleVat = (priceCny * L.saleVat[0]!) / (1 + L.saleVat[0]!);
  if (!Number.isFinite(saleVat)) throw missing();
  // the parcel's base regime (the first that admits the value) and the surcharges whose ceiling admits it
  const base = L.regimes[pc[3]!]!;
  const net = base.vat === 1 ? priceCny / (1 + (Number.isNaN(base.vatRate) ? p.vatRate : base.vatRate)) : priceCny;
  const parcelIds = [base.id, ...p.regimes.map((i) => L.regimes[i]!).filter((r) => r.surcharge && net / fx[r.currency]! <= r.valueMax).map((r) => r.id)];
  const used = (ids: number[]) => ids.map((i) => L.regimes[i]!.id);
  return {
    date,
    category,
    parcel: { regimes: parcelIds, dutyCny: r2(pc[0]!), importTaxCny: r2(pc[1]!), saleVatCny: r2(pc[2]!) },
    warehouse: { regimes: used(b.regimes), dutyCny: r2(bc[0]!), importVatPaidCny: r2(bc[1]!), importVatCostCny: r2(bc[2]! + (bc[1]! - bc[2]!) * capitalRate * (bc[3]! / 365)), saleVatCny: r2(saleVat), vatRecoveryDays: bc[3]! },
    fx: L.currencies.slice(1).map((c) => ({ currency: c, cnyPerUnit: data.fx.rates[c]!.cnyPerUnit, date: data.fx.date })),
  };
}

export interface OrderProfit {
  revenueCny: number;
  unitCostCny: number;
  fulfilmentCny: number;
  dutiesCny: number;
  taxesCny: number;
  /** revenue − unit cost − fulfilment − duties − taxes, for one kept order (its expected returns cost is inside fulfilment). */
  contributionCny: number;
}

/**
 * Contribution of one order per mode: the price, less the unit cost, the mode's fulfilment cost of
 * the order (the quote's total), the duties and the taxes (JIT and direct: the parcel's import tax
 * and the VAT inside the price; the warehouse and the 3PL warehouse, which import the same stock the
 * same way: the bulk import VAT's cost and the VAT inside the price). The 3PL only when its fulfilment is given.
 * @example orderProfit(q, 90, 30, { jit: 20, warehouse: 25, direct: 22, tpl: 27 }).tpl?.contributionCny
 */
export function orderProfit(l: LandedQuote, priceCny: number, unitCostCny: number, fulfilment: Record<'jit' | 'warehouse' | 'direct', number> & { tpl?: number }): Record<'jit' | 'warehouse' | 'direct', OrderProfit> & { tpl?: OrderProfit } {
  const one = (f: number, duty: number, taxes: number): OrderProfit => ({ revenueCny: r2(priceCny), unitCostCny: r2(unitCostCny), fulfilmentCny: r2(f), dutiesCny: r2(duty), taxesCny: r2(taxes), contributionCny: r2(priceCny - unitCostCny - f - duty - taxes) });
  const parcelTax = l.parcel.importTaxCny + l.parcel.saleVatCny;
  return {
    jit: one(fulfilment.jit, l.parcel.dutyCny, parcelTax),
    warehouse: one(fulfilment.warehouse, l.warehouse.dutyCny, l.warehouse.importVatCostCny + l.warehouse.saleVatCny),
    direct: one(fulfilment.direct, l.parcel.dutyCny, parcelTax),
    ...(fulfilment.tpl === undefined ? {} : { tpl: one(fulfilment.tpl, l.warehouse.dutyCny, l.warehouse.importVatCostCny + l.warehouse.saleVatCny) }),
  };
}

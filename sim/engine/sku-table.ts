/** skus.csv's table from the per-SKU cost pass (kept apart from sku-costs.ts so that worker threads, which run the pass, never load arquero). */
import * as aq from 'arquero';
import { csvSafe } from '../io/safe-text.ts';
import type { SkuCostTable } from './sku-costs.ts';

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/** skus.csv: one row per SKU (ids neutralised for spreadsheets), money to 0.0001 of the reporting currency (named in the `currency` column and in the money columns' names, e.g. jitEurPerOrder). */
export function skuTable(t: SkuCostTable): aq.ColumnTable {
  const rows = t.rows;
  const cur = t.currency.charAt(0) + t.currency.slice(1).toLowerCase();
  return aq.table({
    sku: rows.map((r) => csvSafe(r.id)),
    share: rows.map((r) => r4(r.share)),
    jitEligible: rows.map((r) => r.jitEligible),
    banned: rows.map((r) => r.banned),
    blockedBy: rows.map((r) => r.blockedBy.join(' ')),
    jitRoutedShare: rows.map((r) => r4(r.jitRoutedShare)),
    currency: rows.map(() => t.currency),
    [`jit${cur}PerOrder`]: rows.map((r) => r4(r.cnyPerOrder.jit)),
    [`warehouse${cur}PerOrder`]: rows.map((r) => r4(r.cnyPerOrder.warehouse)),
    [`direct${cur}PerOrder`]: rows.map((r) => r4(r.cnyPerOrder.direct)),
    [`tpl${cur}PerOrder`]: rows.map((r) => r4(r.cnyPerOrder.tpl)),
    cheapest: rows.map((r) => r.cheapest ?? ''),
    [`saving${cur}PerOrder`]: rows.map((r) => r4(r.savingCnyPerOrder)),
  });
}

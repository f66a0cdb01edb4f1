/** Billing calendar from rules/billing.json (BIL-1): when a month's JIT bill is issued and due. */
import type { BillingFile } from './schema/index.ts';

/** Issue and due dates of the bill for calendar month `month` (YYYY-MM): days of the next month. */
export function billDates(billing: BillingFile, month: string): { billBy: string; payBy: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)); // month is 1-based, so this is the 1st of the next month
  const day = (d: number) => new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), d)).toISOString().slice(0, 10);
  return { billBy: day(billing.cycle.billByDay), payBy: day(billing.cycle.payByDay) };
}

/**
 * Whether the bill of `month`, still unpaid on `asOf` (YYYY-MM-DD), is overdue: paying on the due
 * day itself is on time.
 * @example isBillOverdue(billing, '2024-06', '2024-07-11') // => true with payByDay 10
 */
export function isBillOverdue(billing: BillingFile, month: string, asOf: string): boolean {
  return asOf > billDates(billing, month).payBy;
}

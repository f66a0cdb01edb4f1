/** Calendar-day arithmetic on ISO dates (UTC, so no time zone moves a day). */

/** Today as YYYY-MM-DD (UTC). Only the CLI calls this, for a default `asOf`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). @example daysBetween('2024-01-01', '2024-01-31') // => 30 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` plus `days` calendar days. @example addDays('2024-01-01', 30) // => '2024-01-31' */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

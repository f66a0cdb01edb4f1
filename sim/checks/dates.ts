/** Calendar-day arithmetic on ISO dates (UTC, so no time zone moves a day). */
import { UserInputError } from '../errors.ts';
import { M } from './messages.ts';

/** Today as YYYY-MM-DD (UTC). Only the CLI calls this, for a default `asOf`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). @example daysBetween('2024-01-01', '2024-01-31') // => 30 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * `date` plus `days` calendar days. @example addDays('2024-01-01', 30) // => '2024-01-31'
 * @throws {UserInputError} when the result is beyond the calendar (a day count in a rule file far too large).
 */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  // JavaScript dates end 8.64e15 ms from 1970; the ISO form has four-digit years
  if (!Number.isFinite(t) || Math.abs(t) > 253_402_300_799_000) {
    throw new UserInputError(
      M.notCalendarDate(days, date),
      M.notCalendarDateFix,
      { code: 'BAD_DATE' },
    );
  }
  return new Date(t).toISOString().slice(0, 10);
}

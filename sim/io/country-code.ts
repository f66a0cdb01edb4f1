/**
 * `isCountryCode(code)`: exactly i18n-iso-countries' `isValid` (an ISO 3166-1 alpha-2, alpha-3 or
 * numeric code, any case), from the package's own code table — without loading the package's main
 * module, which builds its diacritics tables at import (a visible share of every command's start-up).
 */
import { createRequire } from 'node:module';

let known: Set<string> | undefined;

export function isCountryCode(code: string | number | null | undefined): boolean {
  if (!code) return false;
  if (!known) {
    const codes = createRequire(import.meta.url)('i18n-iso-countries/codes.json') as [string, string, string, ...string[]][];
    known = new Set(codes.flatMap(([a2, a3, num]) => [a2, a3, num]));
  }
  return known.has(code.toString().toUpperCase());
}

import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from './country-code.ts';

describe('isCountryCode', () => {
  it('answers exactly as i18n-iso-countries.isValid', () => {
    const codes = createRequire(import.meta.url)('i18n-iso-countries/codes.json') as string[][];
    const probes = ['', 'XX', 'EU', 'UK', 'es', 'Es', 'esp', '724', '0', '999', 'ESPA', ' ES', 'ES ', '__proto__', 'constructor', 'hasOwnProperty'];
    for (const c of codes) probes.push(c[0]!, c[1]!, c[2]!, c[0]!.toLowerCase(), c[1]!.toLowerCase());
    for (const p of probes) expect([p, isCountryCode(p)]).toEqual([p, countries.isValid(p)]);
  });
});

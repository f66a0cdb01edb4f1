/**
 * Destination cells of an order export → ISO 3166-1 alpha-2: codes (ES, ESP), English names
 * ("Spain", "United States"), Chinese names (西班牙, 美国) and "English(中文)" pairs, resolved with
 * i18n-iso-countries (its en and zh name lists, aliases included). Results are cached per distinct
 * cell, so a million rows cost a few map look-ups each.
 */
import countries, { type LocaleData } from 'i18n-iso-countries';
import { createRequire } from 'node:module';

// the name lists are JSON files of the package, loaded the same way from the source and the bundle
const require = createRequire(import.meta.url);
const en = require('i18n-iso-countries/langs/en.json') as LocaleData;
const zh = require('i18n-iso-countries/langs/zh.json') as LocaleData;

countries.registerLocale(en);
countries.registerLocale(zh);

/** Common short forms the name lists do not carry. */
const EXTRA: Record<string, string> = { uk: 'GB', 'great britain': 'GB', england: 'GB', usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'korea': 'KR', 'south korea': 'KR', 'uae': 'AE', 'russia': 'RU', 'czechia': 'CZ', 'holland': 'NL', '荷兰王国': 'NL', '韩国': 'KR', '阿联酋': 'AE', '沙特': 'SA', '沙特阿拉伯': 'SA' };

function one(s: string): string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const up = t.toUpperCase();
  if (/^[A-Z]{2}$/.test(up)) return up === 'UK' ? 'GB' : countries.isValid(up) ? up : undefined;
  if (/^[A-Z]{3}$/.test(up)) {
    const a2 = countries.alpha3ToAlpha2(up);
    if (a2) return a2;
  }
  const lower = t.toLowerCase();
  return EXTRA[lower] ?? countries.getAlpha2Code(t, 'en') ?? countries.getAlpha2Code(t, 'zh');
}

/** A resolver with its own cache: cell → ISO code, or undefined when the country is unknown. */
export function countryResolver(): (cell: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (cell) => {
    if (cache.has(cell)) return cache.get(cell);
    let code = one(cell);
    if (code === undefined) {
      // "Spain(西班牙)", "西班牙 / Spain"
      for (const part of cell.split(/[()（）/|,，]/)) {
        code = one(part);
        if (code) break;
      }
    }
    cache.set(cell, code);
    return code;
  };
}

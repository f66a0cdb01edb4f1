/**
 * The benchmark catalogue of `npm run bench` (issue 15: 100,000 rows in under 1 s and 300 MB), also
 * as a file for profiling:
 *
 *   npx tsx bench/catalogue-csv.ts 100000 big.csv
 *   node --cpu-prof dist/jitsim.mjs check catalog big.csv
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG_COLUMNS } from '../sim/checks/catalog.ts';
import { Xoshiro128 } from '../sim/random/rng.ts';

/** A catalogue of `n` SKUs as a European Excel saves it: semicolons, every weight distinct, some quoted cells. */
export function catalogueCsv(n: number): string {
  const cats = ['apparel', '3c', 'home', 'beauty', 'medical-device', 'other', 'adult'];
  const rng = new Xoshiro128(7);
  const rows = [CATALOG_COLUMNS.join(';')];
  for (let i = 0; i < n; i++) {
    const c = cats[i % cats.length]!;
    const cert = c === '3c' ? (i % 3 ? `CE-${i}` : 'no') : '';
    const med = c === 'medical-device' ? (i % 2 ? `MDR-${i}` : '否') : '';
    rows.push([`"SKU;${i}"`, c, i % 9 ? 'true' : 'false', (0.01 + rng.next() * 4).toFixed(4), i % 3 ? 'yes' : '', cert, med, i % 11 ? 'false' : 'true'].join(';'));
  }
  return rows.join('\r\n') + '\r\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, out] = process.argv.slice(2);
  if (!n || !out || !(Number(n) > 0)) {
    console.error('usage: npx tsx bench/catalogue-csv.ts <rows> <file.csv>');
    process.exit(2);
  }
  writeFileSync(out, catalogueCsv(Number(n)));
}

/**
 * Input hygiene for the checks: SKU ids, names and other text cells holding control characters
 * (ESC, BEL …) or bidirectional overrides are reported as a finding, each with its line, so the
 * user can clean the source file. The text is shown through `visible()`, never raw.
 */
import { M } from './messages.ts';
import type { CsvTable, JsonDocument } from '../io/index.ts';
import { hasUnsafeText, unsafeChars, visible } from '../io/safe-text.ts';
import type { Finding } from './finding.ts';

/** The finding id (an input check of jitsim, not a platform rule). */
export const UNSAFE_TEXT_ID = 'INPUT-TEXT';

function finding(items: string[]): Finding[] {
  if (items.length === 0) return [];
  return [
    {
      rule: UNSAFE_TEXT_ID,
      severity: 'warning',
      message: M.unsafeText(items.length),
      remedy: M.unsafeTextFix,
      source: 'jitsim input check',
      items,
    },
  ];
}

/** Every CSV cell (header included) with unsafe characters: `line 7, column sku: "A\u001b[31m" (\u001b)`. */
export function csvTextFindings(table: CsvTable, headerLine = 1): Finding[] {
  const items: string[] = [];
  table.header.forEach((h) => {
    if (unsafeChars(h).length) items.push(`line ${headerLine}, header: "${visible(h)}" (${unsafeChars(h).join(' ')})`);
  });
  for (const row of table.rows) {
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (!hasUnsafeText(c)) continue; // one regular-expression test per clean cell (a 100,000-row catalogue has 800,000)
      items.push(`line ${row.line}, column ${visible(table.header[i] ?? String(i + 1))}: "${visible(c)}" (${unsafeChars(c).join(' ')})`);
    }
  }
  return finding(items);
}

/** Every string (and property name) of a JSON document with unsafe characters, with its line and pointer. */
export function jsonTextFindings(doc: JsonDocument): Finding[] {
  const items: string[] = [];
  const walk = (v: unknown, at: string) => {
    if (typeof v === 'string') {
      const bad = unsafeChars(v);
      if (bad.length) {
        const loc = doc.locate(at);
        items.push(`line ${loc.line} (${visible(at) || '/'}): "${visible(v)}" (${bad.join(' ')})`);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const bad = unsafeChars(k);
        if (bad.length) items.push(`line ${doc.locate(p).line} (property name): "${visible(k)}" (${bad.join(' ')})`);
        walk(x, p);
      }
  };
  walk(doc.value, '');
  return finding(items);
}

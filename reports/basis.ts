/**
 * The Chinese of the shipped data's basis texts (data/basis.zh.json), for the Chinese report.
 * JSON data files: one translation per JSON pointer, valid only while the English it was made from
 * is unchanged. Rate cards (data/rates/*.csv, generated from a few templates): by pattern.
 * A text without a translation (a client's own rate card, a changed basis) is shown as written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lang, Text } from '../sim/i18n/index.ts';

interface Catalogue {
  files: Record<string, Record<string, { en: string; zh: string }>>;
  rateCards: { patterns: { en: string; zh: string }[]; terms: Record<string, string>; phrases: [string, string][] };
}

/** data/basis.zh.json. */
export const BASIS_ZH: Catalogue = JSON.parse(readFileSync(fileURLToPath(new URL('../data/basis.zh.json', import.meta.url)), 'utf8')) as Catalogue;

const PATTERNS = BASIS_ZH.rateCards.patterns.map((p) => ({ re: new RegExp(p.en), zh: p.zh }));
const PHRASES = BASIS_ZH.rateCards.phrases.map(([re, zh]) => [new RegExp(re, 'g'), zh] as const);
const PHRASED = new Set(['svc', 'days', 'carrier']);

/** "source:" / "assumption:" in Chinese. */
const prefixZh = (en: string) => (en.startsWith('source:') ? '出处：' : en.startsWith('assumption:') ? '假设：' : '');

/** The Chinese of the basis at `pointer` of data/`file` (e.g. `modes.json`, `/params/x/basis`), or undefined when it has none for this English text. */
export function dataBasisZh(file: string, pointer: string, en: string): string | undefined {
  const e = BASIS_ZH.files[file]?.[pointer];
  return e && e.en === en ? `${prefixZh(en)}${e.zh}` : undefined;
}

/** The Chinese of a rate-card row's basis, or undefined when no pattern (or term) covers it. */
export function rateBasisZh(en: string): string | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(en);
    if (!m) continue;
    let missing = false;
    const groups = m.groups ?? {};
    const tr = (name: string, v: string): string => {
      if (name === 'note') {
        const t = BASIS_ZH.rateCards.terms[v];
        if (t === undefined) missing = true;
        return t ?? v;
      }
      return PHRASED.has(name) ? PHRASES.reduce((s, [re, zh]) => s.replace(re, zh), v) : v;
    };
    const out = p.zh.replace(/\$<(\w+)>|\$(\d+)/g, (_, name: string | undefined, idx: string | undefined) => (name ? tr(name, groups[name] ?? '') : (m[Number(idx)] ?? '')));
    return missing ? undefined : out;
  }
  return undefined;
}

/** A data file's basis in both languages (the English as written when no translation). */
export const dataBasis = (file: string, pointer: string, en: string): Text => ({ en, zh: dataBasisZh(file, pointer, en) ?? en });
/** A rate-card row's basis in both languages. */
export const rateBasis = (en: string): Text => ({ en, zh: rateBasisZh(en) ?? en });
/** Without its `source:` / `assumption:` / 出处： / 假设： marker (tables that say it in a column of their own). */
export const stripMarker = (t: Text): Text => ({ en: t.en.replace(/^(source|assumption):/, ''), zh: t.zh.replace(/^(source:|assumption:|出处：|假设：)/, '') });

/** An input-sheet source's reference (file, hash, basis) in a language. */
export const refText = (s: { ref?: string | Text }, lang: Lang): string => (s.ref === undefined ? '' : typeof s.ref === 'string' ? s.ref : s.ref[lang]);

/**
 * Every basis text of the shipped data has a Chinese translation (data/basis.zh.json) made from the
 * English as it is now: a figure added or re-sourced without one fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BASIS_ZH, dataBasisZh, rateBasisZh } from './basis.ts';

const DATA = new URL('../data/', import.meta.url);
const bases = (v: unknown, at: string, out: [string, string][]) => {
  if (Array.isArray(v)) v.forEach((x, i) => bases(x, `${at}/${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) bases(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  else if (typeof v === 'string' && at.endsWith('/basis')) out.push([at, v]);
  return out;
};
const hasHan = /\p{Script=Han}/u;

describe('Chinese of the data basis texts', () => {
  const jsonFiles = readdirSync(DATA).filter((f) => f.endsWith('.json') && f !== 'basis.zh.json' && f !== 'scenario-inputs.json');

  it('covers every basis of data/*.json, made from the current English', () => {
    let n = 0;
    for (const f of jsonFiles) {
      for (const [pointer, en] of bases(JSON.parse(readFileSync(new URL(f, DATA), 'utf8')), '', [])) {
        n++;
        expect(dataBasisZh(f, pointer, en), `${f}#${pointer}: no Chinese for "${en}" — add it to data/basis.zh.json`).toMatch(hasHan);
      }
    }
    expect(n).toBeGreaterThan(150);
    // no stale entries: every translated pointer still exists
    for (const [f, entries] of Object.entries(BASIS_ZH.files)) {
      const now = new Map(bases(JSON.parse(readFileSync(new URL(f, DATA), 'utf8')), '', []));
      for (const p of Object.keys(entries)) expect(now.has(p), `${f}#${p} is in data/basis.zh.json but not in data/${f}`).toBe(true);
    }
  });

  it('covers every row of every shipped rate card', () => {
    const cards = readdirSync(new URL('rates/', DATA)).filter((f) => f.endsWith('.csv'));
    expect(cards.length).toBeGreaterThanOrEqual(4);
    for (const f of cards) {
      const rows = parse(readFileSync(new URL(`rates/${f}`, DATA), 'utf8'), { columns: true, skip_empty_lines: true }) as { basis: string }[];
      for (const en of new Set(rows.map((r) => r.basis))) {
        const zh = rateBasisZh(en);
        expect(zh, `rates/${f}: no Chinese for "${en}"`).toBeDefined();
        // translated, not copied: the English connecting words are gone
        expect(zh!, `rates/${f}: "${zh}"`).not.toMatch(/\b(assumption|source|per-kg|lane index|above|small-shipper|local standard|parcel from|days)\b/);
      }
    }
  });

  it('says so when a text has no translation, instead of guessing', () => {
    expect(dataBasisZh('modes.json', '/params/jitReturnReductionVsDirect/basis', 'source:something else')).toBeUndefined();
    expect(rateBasisZh('assumption:a client card written by hand')).toBeUndefined();
  });
});

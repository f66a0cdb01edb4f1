/**
 * The message catalogues (sim/i18n/catalogue.ts): every entry of every area renders in both
 * languages (Chinese text in zh, each shown value in both), every key the code uses exists and every
 * entry is used; command files keep no inline bilingual literal (except the ones listed as not yet
 * moved).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../testing/fixtures.ts';
import { messageAreas, type Message, type MessageFn } from './catalogue.ts';

/** Every catalogue module of the project (files named messages.ts) and the code files beside them. */
const CATALOGUES = ['scripts/commands/messages.ts', 'sim/checks/messages.ts', 'sim/models/messages.ts', 'sim/scenario/messages.ts', 'sim/inventory/messages.ts', 'sim/battery/messages.ts', 'sim/landed/messages.ts'];
/** The area each catalogue registers. */
const AREA_OF: Record<string, string> = { 'scripts/commands/messages.ts': 'commands', 'sim/checks/messages.ts': 'checks', 'sim/models/messages.ts': 'models', 'sim/scenario/messages.ts': 'scenario', 'sim/inventory/messages.ts': 'inventory', 'sim/battery/messages.ts': 'battery', 'sim/landed/messages.ts': 'landed' };
/**
 * Command files that still print Chinese text of their own (to move into scripts/commands/messages.ts;
 * issue 15): none left. Every other command file holds no Chinese character at all: its texts come from the catalogue.
 */
const COMMANDS_NOT_YET_MOVED: string[] = [];
/** Longest literal (characters between the quotes) a `text('…', '…')` pair may have outside a catalogue. */
const MAX_INLINE = 60;
/**
 * sim/ modules with longer inline pairs, not yet moved into a catalogue of their area (issue 15),
 * with how many each holds today: the count may only go down (move a message, lower the number).
 */
const SIM_NOT_YET_MOVED: Record<string, number> = {
  'sim/models/quote.ts': 20, 'sim/rules/semantic.ts': 20, 'sim/rules/conditions.ts': 9, 'sim/data/rate-card.ts': 8, 'sim/io/json-document.ts': 8,
  'sim/shard.ts': 8, 'sim/calibrate/orders.ts': 7, 'sim/calibrate/scenario.ts': 8, 'sim/io/csv-table.ts': 7,
  'sim/scenario/rate-cards.ts': 7, 'sim/calibrate/calibrate.ts': 6, 'sim/io/output-folder.ts': 6, 'sim/io/schema-check.ts': 5, 'sim/rules/rule-set.ts': 5,
  'sim/landed/scenario.ts': 4, 'sim/landed/data.ts': 3, 'sim/queue.ts': 3, 'sim/scenario/overrides.ts': 3, 
  'sim/data/data-set.ts': 2, 'sim/landed/quote.ts': 2, 'sim/portfolio.ts': 2, 'sim/rules/compile-fees.ts': 2, 
  'sim/diff/rule-source.ts': 1, 'sim/editor/server.ts': 1, 'sim/editor/workspace.ts': 1, 'sim/engine/summarise.ts': 1,
};

/** A string literal: '…', "…" or `…` (a template literal without nested backticks). */
const LITERAL = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|` + '`(?:[^`\\\\]|\\\\.)*`)';
/** `text(<literal>, <literal>)`: an inline bilingual pair. */
const INLINE_PAIR = new RegExp(String.raw`\btext\(\s*(` + LITERAL + String.raw`)\s*,\s*(` + LITERAL + String.raw`)\s*\)`, 'g');

/** The inline pairs of a source text whose longer literal exceeds MAX_INLINE characters. */
export function longInlinePairs(src: string): string[] {
  return [...src.matchAll(INLINE_PAIR)].filter((m) => Math.max(m[1]!.length, m[2]!.length) - 2 > MAX_INLINE).map((m) => m[0].slice(0, 100));
}

const HAN = /\p{Script=Han}/u;
const render = (m: Message) => (typeof m === 'function' ? (m as MessageFn)(...(m as MessageFn).sample) : m);
const shown = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : Array.isArray(v) ? v.flatMap(shown) : []);

describe('message catalogues', async () => {
  for (const c of CATALOGUES) await import(join(PROJECT_DIR, c));
  const areas = messageAreas();

  it('are registered per area', () => {
    expect([...areas.keys()]).toEqual(expect.arrayContaining(Object.values(AREA_OF)));
  });

  it('every entry renders in both languages: Chinese in zh (or the same word in both), every shown value in both', () => {
    const bad: string[] = [];
    for (const [area, entries] of areas) {
      for (const [key, m] of Object.entries(entries)) {
        const t = render(m);
        if (!t.en.trim() || !t.zh.trim()) bad.push(`${area}.${key}: an empty language`);
        if (!HAN.test(t.zh) && t.zh !== t.en) bad.push(`${area}.${key}: zh has no Chinese: ${t.zh}`);
        if (typeof m === 'function') for (const v of shown((m as MessageFn).sample)) for (const lang of ['en', 'zh'] as const) if (!t[lang].includes(v)) bad.push(`${area}.${key}: ${lang} does not show ${JSON.stringify(v)}: ${t[lang]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every key the code uses exists, and every entry is used (per catalogue: the code beside it that imports it as M)', () => {
    const problems: string[] = [];
    for (const c of CATALOGUES) {
      const area = AREA_OF[c]!;
      const entries = areas.get(area)!;
      const dir = join(PROJECT_DIR, dirname(c));
      const used = new Set<string>();
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
        const src = readFileSync(join(dir, name), 'utf8');
        if (!/import \{ M \} from '\.\/messages\.ts'/.test(src)) continue;
        for (const [, key] of src.matchAll(/\bM\.(\w+)/g)) {
          used.add(key!);
          if (!Object.hasOwn(entries, key!)) problems.push(`${dirname(c)}/${name}: M.${key} is not in ${c}`);
        }
      }
      for (const k of Object.keys(entries)) if (!used.has(k)) problems.push(`${area}.${k} is not used`);
    }
    expect(problems).toEqual([]);
  });

  it('command code keeps no Chinese text: every text of a command comes from its catalogue', () => {
    const dir = join(PROJECT_DIR, 'scripts/commands');
    const inline: string[] = [];
    const stillInline = new Set<string>();
    for (const name of readdirSync(dir)) {
      const rel = `scripts/commands/${name}`;
      if (!name.endsWith('.ts') || name.endsWith('.test.ts') || CATALOGUES.includes(rel)) continue;
      readFileSync(join(dir, name), 'utf8').split('\n').forEach((line, i) => {
        if (!HAN.test(line) && !/\btext\(\s*[`'"]/.test(line)) return;
        if (COMMANDS_NOT_YET_MOVED.includes(rel)) stillInline.add(rel);
        else inline.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(inline).toEqual([]);
    // a file whose texts were all moved leaves the list
    expect(COMMANDS_NOT_YET_MOVED.filter((f) => !stillInline.has(f))).toEqual([]);
  });

  it(`sim/ modules hold no inline text('…', '…') pair longer than ${MAX_INLINE} characters outside a catalogue (the listed files only fewer)`, () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && e.name !== 'messages.ts' && !p.includes(`${join('sim', 'testing')}`)) files.push(p);
      }
    };
    walk(join(PROJECT_DIR, 'sim'));
    const over: string[] = [];
    for (const f of files) {
      const rel = relative(PROJECT_DIR, f).split('\\').join('/');
      const pairs = longInlinePairs(readFileSync(f, 'utf8'));
      const allowed = SIM_NOT_YET_MOVED[rel] ?? 0;
      if (pairs.length > allowed) over.push(`${rel}: ${pairs.length} long inline pairs (allowed ${allowed}; move them into the area's messages.ts): ${pairs.slice(0, 3).join(' | ')}`);
    }
    expect(over).toEqual([]);
  });

  it('the inline-pair rule sees a long pair and lets a short one and a catalogue entry pass', () => {
    expect(longInlinePairs(`x(text('the header lacks the column sku: add it to the first line of the file please', '表头缺少列'))`)).toHaveLength(1);
    expect(longInlinePairs(`x(text('empty', '空'))`)).toEqual([]);
    expect(longInlinePairs(`x(M.badDate(date))`)).toEqual([]);
  });
});

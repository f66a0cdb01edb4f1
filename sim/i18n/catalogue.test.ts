/**
 * The message catalogues (sim/i18n/catalogue.ts): every entry of every area renders in both
 * languages (Chinese text in zh, each shown value in both), every key the code uses exists and every
 * entry is used; command files keep no inline bilingual literal (except the ones listed as not yet
 * moved).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../testing/fixtures.ts';
import { messageAreas, type Message, type MessageFn } from './catalogue.ts';

/** Every catalogue module of the project (files named messages.ts) and the code files beside them. */
const CATALOGUES = ['scripts/commands/messages.ts'];
/** Command files whose texts are not yet in the catalogue (to move; see issue 15). */
const NOT_YET_MOVED = ['scripts/commands/quote.ts', 'scripts/commands/report.ts', 'scripts/commands/init.ts', 'scripts/commands/shared.ts'];

const HAN = /\p{Script=Han}/u;
const render = (m: Message) => (typeof m === 'function' ? (m as MessageFn)(...(m as MessageFn).sample) : m);
const shown = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : Array.isArray(v) ? v.flatMap(shown) : []);

describe('message catalogues', async () => {
  for (const c of CATALOGUES) await import(join(PROJECT_DIR, c));
  const areas = messageAreas();

  it('are registered per area', () => {
    expect([...areas.keys()]).toEqual(expect.arrayContaining(['commands']));
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

  it('every key the code uses exists, and every entry is used', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    for (const top of ['scripts', 'sim', 'reports']) walk(join(PROJECT_DIR, top));
    const entries = areas.get('commands')!;
    const used = new Set<string>();
    const unknown: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      if (!/import \{ M \} from '\.\/messages\.ts'/.test(src)) continue;
      for (const [, key] of src.matchAll(/\bM\.(\w+)/g)) {
        used.add(key!);
        if (!Object.hasOwn(entries, key!)) unknown.push(`${relative(PROJECT_DIR, f)}: M.${key}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(Object.keys(entries).filter((k) => !used.has(k))).toEqual([]);
  });

  it('command code keeps no inline bilingual literal', () => {
    const dir = join(PROJECT_DIR, 'scripts/commands');
    const inline: string[] = [];
    for (const name of readdirSync(dir)) {
      const rel = `scripts/commands/${name}`;
      if (!name.endsWith('.ts') || CATALOGUES.includes(rel) || NOT_YET_MOVED.includes(rel)) continue;
      readFileSync(join(dir, name), 'utf8').split('\n').forEach((line, i) => {
        if (/\btext\(\s*[`'"]|=== 'zh' \?|\bzh: ['`]/.test(line)) inline.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(inline).toEqual([]);
  });
});

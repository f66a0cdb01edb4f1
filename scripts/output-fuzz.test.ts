/**
 * Property-based companions of output-safety.test.ts and hostile-input.test.ts (issue 18): random
 * user-file trees are never touched by a refused `report`/`simulate`, and random text with control
 * and bidirectional characters never reaches stdout or stderr raw.
 */
import fc from 'fast-check';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SCENARIO = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json');
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

async function jitsim(argv: string[], color = false) {
  const io = memoryIo(PROJECT_DIR);
  io.color = color;
  const code = await main(argv, io);
  return { code, out: io.stdout + io.stderr };
}

async function snapshot(dir: string, rel = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = join(rel, e.name);
    if (e.isDirectory()) {
      out.set(r + sep, 'dir');
      for (const [k, v] of await snapshot(dir, r)) out.set(k, v);
    } else out.set(r, (await readFile(join(dir, r))).toString('base64'));
  }
  return out;
}

/** A user entry: a file with random bytes, or a folder of such files; names a report or simulate would use. */
const NAMES = ['apparel-europe', 'trials.csv', 'summary.json', 'monthly.csv', 'manifest.json', 'index.html', 'notes'];
const entry = fc.record({
  name: fc.constantFrom(...NAMES),
  folder: fc.boolean(),
  content: fc.uint8Array({ maxLength: 64 }),
  inner: fc.subarray(NAMES, { maxLength: 3 }),
  lookalike: fc.boolean(),
});

async function build(root: string, entries: { name: string; folder: boolean; content: Uint8Array; inner: string[]; lookalike: boolean }[]): Promise<void> {
  // something of the user's always sits where the report goes (so `report` must refuse)
  for (const e of [{ name: 'apparel-europe', folder: true, content: new Uint8Array([1]), inner: ['notes'], lookalike: false }, ...entries]) {
    const p = join(root, e.name);
    try {
      if (e.folder) {
        await mkdir(p, { recursive: true });
        for (const n of e.inner) await writeFile(join(p, n), e.content, { flag: 'wx' }).catch(() => {});
        if (e.lookalike) await writeFile(join(p, 'manifest.json'), JSON.stringify({ tool: 'jitsim', kind: 'report', files: {} })).catch(() => {});
      } else await writeFile(p, e.content, { flag: 'wx' });
    } catch {
      /* a name already taken by an earlier entry: keep the earlier one */
    }
  }
}

describe('fuzz: random user-file trees', () => {
  it('report and simulate into them are refused (exit 2), every user file left byte for byte', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), fc.constantFrom('report', 'simulate', 'simulate-inner'), async (entries, how) => {
        const root = await tempDir('jitsim-fuzztree-');
        await build(root, entries);
        const before = await snapshot(root);
        const argv =
          how === 'report'
            ? ['report', SCENARIO, '--out', root, '--trials', '3', '--workers', '1']
            : ['simulate', SCENARIO, '--out', how === 'simulate' ? root : join(root, 'apparel-europe'), '--trials', '3', '--workers', '1'];
        const r = await jitsim(argv);
        expect(r.code, r.out).toBe(2);
        expect(r.out).toMatch(/apparel-europe|is not empty/);
        expect(await snapshot(root)).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });
});

describe('fuzz: hostile text', () => {
  const hostileChar = fc.constantFrom('\u001b', '\u0007', '\u009b', '\u202e', '\u2066', '\u200f', '\u0000', '\r', '\u001b]8;;http://x\u0007', '\u001b[2J', 'a', '菜', ' ');
  const hostile = fc.array(hostileChar, { minLength: 1, maxLength: 12 }).map((a) => `S${a.join('')}`);
  it('a random SKU id or store name never reaches stdout or stderr raw (with colours on or off)', { timeout: 300_000 }, async () => {
    const dir = await tempDir('jitsim-fuzztext-');
    const skus = (await readFile(join(PROJECT_DIR, 'data/samples/skus.csv'), 'utf8')).trimEnd();
    const store = JSON.parse(await readFile(join(PROJECT_DIR, 'data/samples/store.json'), 'utf8'));
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), fc.boolean(), async (s, color, json) => {
        const cell = `"${s.replace(/"/g, '""')}"`;
        await writeFile(join(dir, 'skus.csv'), `${skus}\n${cell},3c,true,0.5,true,${cell},false,false\n`);
        await writeFile(join(dir, 'store.json'), JSON.stringify({ ...store, providers: [{ ...store.providers[0], name: s }] }));
        for (const argv of [['check', 'catalog', join(dir, 'skus.csv')], ['check', 'store', join(dir, 'store.json')]]) {
          const r = await jitsim([...argv, ...(json ? ['--json'] : [])], color);
          expect(r.out.replace(/\u001b\[(?:0|1|2|31|32|33)m/g, ''), JSON.stringify(s)).not.toMatch(RAW);
          if (json) JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1));
        }
      }),
      { numRuns: 40 },
    );
  });
});

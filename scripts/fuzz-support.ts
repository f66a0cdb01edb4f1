/**
 * Support of the CLI fuzz suite (scripts/fuzz*.test.ts): runs the CLI in process (`main(argv,
 * memoryIo())`) and checks the contract — exit 0, 1 or 2, never 3, no stack trace, no prototype
 * polluted — and builds broken files: JSON documents mutated from their JSON Schema
 * (sim/testing/schema-mutations.ts) and then, sometimes, corrupted as text (truncation, random
 * bytes, deep nesting, 1e999).
 *
 * Reproducible: every property runs with one seed, printed with the case count at the end;
 * `FUZZ_SEED=<seed>` replays a run, `FUZZ_RUNS=<k>` multiplies the number of cases (default 1 = the
 * CI budget, < 15 s per file on an idle 2-core machine).
 */
import fc from 'fast-check';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { applyMutations, schemaMutations, type Json, type SchemaMutation } from '../sim/testing/schema-mutations.ts';
import { namedSchemas } from './build.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

export type { Json };

const SCALE = Number(process.env.FUZZ_RUNS ?? 1) || 1;
/** The seed of every property of this run (FUZZ_SEED replays one). */
// A fixed seed by default, so that `npm test` (and CI) is reproducible: a red run is red again on
// replay. Exploring new cases is explicit: FUZZ_SEED=random (with FUZZ_RUNS=k for more cases).
const FIXED_SEED = 20261129;
export const SEED =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== '' ? Number(process.env.FUZZ_SEED) : FIXED_SEED;

/** A test's time limit: the CI one × FUZZ_RUNS. */
export const fuzzTimeout = (ms = 60_000) => Math.round(ms * Math.max(1, SCALE));

/** fast-check options: the CI number of runs × FUZZ_RUNS, this run's seed. */
export const runs = (n: number): fc.Parameters<unknown> => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED, endOnFailure: true });

/** Counts of the cases tried, by kind, and of their exit codes. */
export class FuzzTally {
  readonly tried: Record<string, number> = {};
  readonly exits: Record<string, [number, number, number]> = {};
  constructor(readonly file: string) {}
  line(): string {
    const total = Object.values(this.tried).reduce((a, b) => a + b, 0);
    return `fuzz ${this.file}: ${total} cases tried, seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run scripts/${this.file}) — ${Object.entries(this.tried).map(([k, n]) => `${k} ${n} (exit 0/1/2: ${this.exits[k]!.join('/')})`).join(', ')}`;
  }

  /** Runs the CLI and checks the contract: exit 0/1/2, no stack trace, nothing polluted. */
  async run(kind: string, argv: string[], cwd = PROJECT_DIR): Promise<number> {
    this.tried[kind] = (this.tried[kind] ?? 0) + 1;
    const io = memoryIo(cwd);
    const code = await main(argv, io);
    const context = `${kind} (seed ${SEED}): jitsim ${argv.join(' ')}\n${io.stderr.slice(0, 2000)}`;
    expect([0, 1, 2], context).toContain(code);
    (this.exits[kind] ??= [0, 0, 0])[code]! += 1;
    expect(io.stderr + io.stdout, context).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError|SyntaxError: /);
    expect(({} as Record<string, unknown>).polluted, context).toBeUndefined();
    return code;
  }
}

/** Every file below `dir` (relative paths), to check nothing was written outside --out. */
export async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      // test-output/: other test files (running in parallel) build bundles and screenshots there
      if (e.name === 'node_modules' || e.name === '.git' || (d === dir && e.name === 'test-output')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  };
  await walk(dir);
  return out.sort();
}

export const readJson = async (p: string) => JSON.parse(await readFile(join(PROJECT_DIR, p), 'utf8')) as Json;

/** A sample document and every mutation its schema implies. */
export interface Mutable {
  name: string;
  doc: Json;
  mutations: SchemaMutation[];
}

/** The mutations of a shipped file, from the named JSON Schema (see scripts/build.ts `namedSchemas`). */
export async function mutable(schemaName: string, path: string): Promise<Mutable> {
  const schema = namedSchemas()[schemaName];
  if (!schema) throw new Error(`no schema ${schemaName}`);
  const doc = await readJson(path);
  return { name: path, doc, mutations: schemaMutations(schema(), doc) };
}

const DEEP = '\u0000DEEP\u0000';

/** A text-level corruption, applied (sometimes) after the schema mutations. */
const textCorruption = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('bytes' as const), cut: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ op: fc.constant('deep' as const), depth: fc.integer({ min: 100, max: 20_000 }) }),
  fc.record({ op: fc.constant('infinity' as const) }),
  fc.record({ op: fc.constant('random' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
);

/** A broken file: 1–3 schema mutations (by index, modulo the list), then at times a text corruption. */
export const brokenJson = fc.record({
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  text: fc.option(textCorruption, { freq: 3 }),
});
export type BrokenJson = typeof brokenJson extends fc.Arbitrary<infer T> ? T : never;

/** The bytes of a broken file made from `m` by `b`. */
export function brokenBytes(m: Mutable, b: BrokenJson): Buffer {
  const picked = m.mutations.length ? b.picks.map((i) => m.mutations[i % m.mutations.length]!) : [];
  let doc = applyMutations(m.doc, picked);
  const t = b.text;
  if (t?.op === 'random' || t?.op === 'deep') {
    // replace one member of the top-level object (or the whole document)
    const keys = doc && typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc) : [];
    const v = t.op === 'random' ? (t.value as Json) : DEEP;
    if (keys.length) (doc as Record<string, Json>)[keys[b.picks[0]! % keys.length]!] = v;
    else doc = v;
  }
  let text = JSON.stringify(doc, null, 2);
  if (t?.op === 'deep') text = text.replace(JSON.stringify(DEEP), '['.repeat(t.depth) + ']'.repeat(t.depth));
  if (t?.op === 'truncate') text = text.slice(0, Math.floor(text.length * t.cut));
  if (t?.op === 'infinity') text = text.replace(/(":\s*)-?\d+(\.\d+)?/, '$11e999');
  const bytes = Buffer.from(text);
  if (t?.op === 'bytes') {
    const at = Math.floor(bytes.length * t.cut);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(t.bytes), bytes.subarray(at)]);
  }
  return bytes;
}

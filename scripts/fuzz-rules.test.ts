/**
 * Fuzzing the CLI with broken rule files: each kind of rule file mutated from its JSON Schema (every
 * field: wrong types, out of range, enum non-members, missing and extra members, `__proto__`), at
 * times corrupted as text, in a copied rules folder; then `rules validate`, `rules test`, a check
 * and a quote run on it. Exit 0, 1 or 2 only (see scripts/fuzz-support.ts for the seed and scale).
 */
import fc from 'fast-check';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { brokenBytes, brokenJson, FuzzTally, fuzzTimeout, mutable, runs } from './fuzz-support.ts';

const tally = new FuzzTally('fuzz-rules.test.ts');
afterAll(() => console.log(tally.line()));

describe('fuzzing the CLI with rule files mutated from their schemas', () => {
  it('every kind, in a copied rules folder: validate, test, a check and a quote', async () => {
    const dir = await tempDir('jitsim-fuzz-');
    const rulesDir = join(dir, 'rules');
    await cp(join(PROJECT_DIR, 'rules'), rulesDir, { recursive: true });
    const kinds = ['admission', 'catalogue', 'fees', 'routing', 'billing', 'exit', 'reentry'];
    const files = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await mutable(`rules/${k}`, `rules/${k}.json`)] as const)));
    for (const k of kinds) expect(files[k]!.mutations.length, k).toBeGreaterThan(100);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...kinds), brokenJson, fc.nat(3), async (kind, b, cmd) => {
        const file = join(rulesDir, `${kind}.json`);
        await writeFile(file, brokenBytes(files[kind]!, b));
        try {
          const argv = [
            ['rules', 'validate', rulesDir, '--json'],
            ['rules', 'test', rulesDir, '--json'],
            ['check', 'store', 'data/samples/store.json', '--rules', rulesDir, '--json'],
            ['quote', '--dest', 'ES', '--weight', '0.5', '--rules', rulesDir, '--json'],
          ][cmd]!;
          await tally.run(`rules (${argv.slice(0, 2).join(' ')})`, argv);
        } finally {
          await writeFile(file, JSON.stringify(files[kind]!.doc, null, 2));
        }
      }),
      runs(60),
    );
  }, fuzzTimeout());
});

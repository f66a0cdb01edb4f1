import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPortfolio, portfolioShard } from './portfolio.ts';
import { tempDir } from './testing/fixtures.ts';

describe('portfolio (folder, glob, list file) and --shard k/n', () => {
  it('expands every form to the same sorted, de-duplicated list, and shards cover it exactly once', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'clients', 'eu'), { recursive: true });
    const names = ['clients/b.json', 'clients/a.json', 'clients/eu/c.json', 'clients/eu/d.json'];
    for (const n of names) await writeFile(join(dir, n), '{}');
    await writeFile(join(dir, 'clients', 'notes.md'), 'not a scenario');
    await writeFile(join(dir, 'list.txt'), '# the portfolio\nclients/b.json\n\nclients/a.json  # first client\nclients/eu/*.json\nclients/a.json\n');
    const want = names.map((n) => join(dir, n)).sort();
    expect(await expandPortfolio(dir, ['list.txt'])).toEqual(want);
    expect(await expandPortfolio(dir, ['clients/**/*.json'])).toEqual(want);
    expect(await expandPortfolio(dir, ['clients', 'clients/eu', 'clients/a.json'])).toEqual(want);
    for (const n of [1, 2, 3, 7]) {
      const shards = Array.from({ length: n }, (_, k) => portfolioShard(want, { k: k + 1, n }));
      expect(shards.flat().sort()).toEqual(want);
      expect(Math.max(...shards.map((s) => s.length)) - Math.min(...shards.map((s) => s.length))).toBeLessThanOrEqual(1);
    }
  });

  it('explains a missing path, an empty folder and a glob that matches nothing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'empty'));
    await expect(expandPortfolio(dir, ['nope'])).rejects.toThrow(/cannot read nope/);
    await expect(expandPortfolio(dir, ['empty'])).rejects.toThrow(/holds no scenario/);
    await expect(expandPortfolio(dir, ['x/*.json'])).rejects.toThrow(/no file matches/);
  });
});

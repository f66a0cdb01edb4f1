/** `jitsim simulate --shard k/n` + `jitsim merge`: byte-identical to a single run for any n. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const SCENARIO = 'data/scenarios/apparel-europe.json';
const RUN = ['--trials', '21', '--seed', '5', '--workers', '1'];
const FILES = ['summary.json', 'trials.csv', 'monthly.csv', 'skus.csv'];

describe('shards and merge', () => {
  it('merges n = 1, 2, 3 and 7 shards into files byte-identical to a single run (break-even and tornado on)', async () => {
    const dir = await tempDir();
    const single = await cli('simulate', SCENARIO, ...RUN, '--out', join(dir, 'single'));
    expect(single.code).toBe(0);
    const want = await Promise.all(FILES.map((f) => readFile(join(dir, 'single', f), 'utf8')));
    expect(JSON.parse(want[0]!).breakEven).not.toBeNull();
    expect(JSON.parse(want[0]!).sensitivity.tornado.length).toBeGreaterThan(0);
    for (const n of [1, 2, 3, 7]) {
      const parts = join(dir, `parts-${n}`);
      // shards in reverse order, to show the order they run in does not matter
      for (let k = n; k >= 1; k--) expect((await cli('simulate', SCENARIO, ...RUN, '--shard', `${k}/${n}`, '--out', parts)).code).toBe(0);
      const files = (await readdir(parts)).map((f) => join(parts, f));
      expect(files).toHaveLength(n);
      const merged = await cli('merge', ...files, '--out', join(dir, `merged-${n}`));
      expect(merged.code, merged.stderr).toBe(0);
      for (const [i, f] of FILES.entries()) expect(await readFile(join(dir, `merged-${n}`, f), 'utf8'), `n = ${n}: ${f}`).toBe(want[i]);
    }
    // 14 CLI runs in one process (each a few seconds on a busy machine): more than the default 60 s
  }, 240_000);

  it('refuses missing, duplicate and mismatched partials, and bad --shard values, with exit 2', async () => {
    const dir = await tempDir();
    for (const k of [1, 2, 3]) await cli('simulate', SCENARIO, ...RUN, '--shard', `${k}/3`, '--out', join(dir, 'a'));
    await cli('simulate', SCENARIO, '--trials', '21', '--seed', '6', '--workers', '1', '--shard', '3/3', '--out', join(dir, 'b'));
    const a = (k: number) => join(dir, 'a', `apparel-europe.shard-${k}-of-3.partial`);
    const missing = await cli('merge', a(1), a(3));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard\(s\) 2\/3/);
    const twice = await cli('merge', a(1), a(2), a(2), a(3));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/given twice/);
    const other = await cli('merge', a(1), a(2), join(dir, 'b', 'apparel-europe.shard-3-of-3.partial'));
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/different run/);
    const junk = await cli('merge', join(PROJECT_DIR, 'data/samples/store.json'));
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/not a jitsim partial result/);
    for (const bad of ['0/3', '4/3', 'two', '1/0']) expect((await cli('simulate', SCENARIO, '--shard', bad)).code).toBe(2);
    expect((await cli('simulate', SCENARIO, '--shard', '1/2', '--precision', '1%')).code).toBe(2);
  });
});

import { readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { PROJECT_DIR, RULES_DIR, tempDir } from '../testing/fixtures.ts';
import { assertMergeFits } from '../shard.ts';
import { assertTrialsFit, runFootprint, trialLimit } from './limits.ts';
import { preparePlan } from './prepare.ts';
import { keptWidth } from './store.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

describe('trial limit', () => {
  it('derives the most trials from what a run keeps per trial and the memory budget', () => {
    const f = { bytesPerTrial: 250, fixedBytes: 1e9 };
    const l = trialLimit(f, 1e9 + 250e6);
    expect(l.bytesPerTrial).toBe(250);
    expect(l.maxTrials).toBe(1_000_000);
    expect(() => assertTrialsFit(1_000_000, f, '--trials', l)).not.toThrow();
    expect(() => assertTrialsFit(1_000_001, f, '--trials', l)).toThrow(/--trials 1,000,001 cannot fit in memory.*at most 1,000,000 trials/);
    // never beyond one typed array, however much memory there is
    expect(trialLimit(f, 1e18).maxTrials).toBe(2 ** 32 - 1);
    // the message names the shards that would fit, the queue and --precision
    expect(() => assertTrialsFit(2_500_000, f, '--trials', l)).toThrow(expect.objectContaining({ remedy: expect.objectContaining({ en: expect.stringMatching(/--shard 1\/3 … --shard 3\/3 .*jitsim merge — or --queue .*--precision/), zh: expect.stringMatching(/--shard 1\/3 … --shard 3\/3.*jitsim merge.*--queue.*--precision/) }) }));
    expect(() => assertMergeFits(1_000_000, f, l)).not.toThrow();
    expect(() => assertMergeFits(1_000_001, f, l)).toThrow(/merging 1,000,001 trials cannot fit in memory here/);
  });

  it('what a run keeps per trial does not grow with the months, the cost components or the catalogue (a million trials fit in well under 1 GB)', async () => {
    const dir = await tempDir();
    const spec = JSON.parse(await readFile(join(PROJECT_DIR, 'data/scenarios/apparel-europe.json'), 'utf8'));
    const at = async (months: number, skus: number) => {
      const s = { ...spec, horizonMonths: months, skus: Array.from({ length: skus }, (_, i) => ({ ...spec.skus[i % spec.skus.length], id: `S${i}`, share: 1 / skus })) };
      const file = join(dir, `s-${months}-${skus}.json`);
      await writeFile(file, JSON.stringify(s));
      const plan = await preparePlan({ rulesDir: RULES_DIR, scenarioFile: file });
      return { stride: plan.layout.stride, kept: keptWidth(plan), perTrial: runFootprint(plan).bytesPerTrial };
    };
    const small = await at(3, 4);
    const large = await at(36, 40);
    // the trial record grows with the months (and the catalogue's inputs) …
    expect(large.stride).toBeGreaterThan(small.stride);
    // … what is kept of it per trial does not
    expect(large.kept).toBe(small.kept);
    expect(large.perTrial).toBe(small.perTrial);
    expect(small.kept).toBeLessThan(60);
    expect(1_000_000 * small.perTrial).toBeLessThan(500e6);
  });

  it('simulate --trials 1000000000 ends with exit 2 naming the limit and the alternatives, before any trial, writing nothing', async () => {
    const out = await tempDir();
    for (const argv of [
      ['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000000', '--workers', '1', '--out', `${out}/s`],
      ['simulate', 'data/scenarios/apparel-europe.json', '--precision', '0.1%', '--max-trials', '1000000000', '--workers', '1', '--out', `${out}/s`],
      ['report', 'data/scenarios/apparel-europe.json', '--trials', '1000000000', '--workers', '1', '--out', `${out}/r`],
    ]) {
      const io = memoryIo(PROJECT_DIR);
      const t0 = Date.now();
      const code = await main(argv, io);
      expect(code, io.stderr).toBe(2);
      expect(io.stderr).toMatch(/(?:--trials|--max-trials) 1,000,000,000 cannot fit in memory: each trial keeps about [\d,]+ bytes .* at most [\d,]+ trials of this scenario — run it in shards of at most [\d,]+ trials: --shard 1\/(\d+) … --shard \1\/\1 .*then jitsim merge — or --queue redis:\/\/… .*jitsim serve-worker.*--precision/);
      expect(io.stderr).not.toMatch(/RangeError|internal error|\n\s+at /);
      expect(Date.now() - t0).toBeLessThan(45_000);
    }
    // a shard that itself cannot fit names how many shards would
    const sio = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000000', '--shard', '1/1', '--workers', '1', '--out', `${out}/p`], sio), sio.stderr).toBe(2);
    expect(sio.stderr).toMatch(/--shard 1\/1 of --trials 1,000,000,000 runs 1,000,000,000 trials, which cannot fit in memory here .* split the run into at least \d+ shards/);
    expect(await readdir(out)).toEqual([]);
  });
});

import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { PROJECT_DIR, tempDir } from '../testing/fixtures.ts';
import { assertMergeFits } from '../shard.ts';
import { assertTrialsFit, trialLimit } from './limits.ts';

describe('trial limit', () => {
  it('derives the most trials from the record size and the memory budget', () => {
    const l = trialLimit({ stride: 250 }, 8e9);
    expect(l.bytesPerTrial).toBe(250 * 8 * 4);
    expect(l.maxTrials).toBe(1_000_000);
    expect(() => assertTrialsFit(1_000_000, { stride: 250 }, '--trials', l)).not.toThrow();
    expect(() => assertTrialsFit(1_000_001, { stride: 250 }, '--trials', l)).toThrow(/--trials 1,000,001 cannot fit in memory.*at most 1,000,000 trials/);
    // never beyond one typed array, however much memory there is
    expect(trialLimit({ stride: 300 }, 1e15).maxTrials).toBe(Math.floor((2 ** 32 - 1) / 300));
    // the message names the shards that would fit, the queue and --precision
    expect(() => assertTrialsFit(2_500_000, { stride: 250 }, '--trials', l)).toThrow(expect.objectContaining({ remedy: expect.objectContaining({ en: expect.stringMatching(/--shard 1\/3 … --shard 3\/3 .*jitsim merge — or --queue .*--precision/), zh: expect.stringMatching(/--shard 1\/3 … --shard 3\/3.*jitsim merge.*--queue.*--precision/) }) }));
    // the merge of shards holds every trial: refused up front, naming where to merge
    expect(() => assertMergeFits(1_000_000, 250, l)).not.toThrow();
    expect(() => assertMergeFits(1_000_001, 250, l)).toThrow(/merging 1,000,001 trials cannot fit in memory here/);
  });

  it('simulate --trials 1000000 (the flag cap) ends with exit 2 naming the limit and the alternatives, before any trial, writing nothing', async () => {
    const out = await tempDir();
    for (const argv of [
      ['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000', '--workers', '1', '--out', `${out}/s`],
      ['simulate', 'data/scenarios/apparel-europe.json', '--precision', '0.1%', '--max-trials', '1000000', '--workers', '1', '--out', `${out}/s`],
      ['report', 'data/scenarios/apparel-europe.json', '--trials', '1000000', '--workers', '1', '--out', `${out}/r`],
    ]) {
      const io = memoryIo(PROJECT_DIR);
      const t0 = Date.now();
      const code = await main(argv, io);
      expect(code, io.stderr).toBe(2);
      expect(io.stderr).toMatch(/(?:--trials|--max-trials) 1,000,000 cannot fit in memory: each trial keeps about [\d,]+ bytes .* at most [\d,]+ trials of this scenario — run it in shards of at most [\d,]+ trials: --shard 1\/(\d+) … --shard \1\/\1 .*then jitsim merge — or --queue redis:\/\/… .*jitsim serve-worker.*--precision/);
      expect(io.stderr).not.toMatch(/RangeError|internal error|\n\s+at /);
      expect(Date.now() - t0).toBeLessThan(45_000);
    }
    // a shard that itself cannot fit names how many shards would
    const sio = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000', '--shard', '1/1', '--workers', '1', '--out', `${out}/p`], sio), sio.stderr).toBe(2);
    expect(sio.stderr).toMatch(/--shard 1\/1 of --trials 1,000,000 runs 1,000,000 trials, which cannot fit in memory here .* split the run into at least \d+ shards/);
    expect(await readdir(out)).toEqual([]);
    // beyond the flag's cap the answer is the flag's range, also exit 2
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000000', '--workers', '1', '--out', `${out}/s`], io)).toBe(2);
    expect(io.stderr).not.toMatch(/RangeError|internal error/);
  });
});

import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { PROJECT_DIR, tempDir } from '../testing/fixtures.ts';
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
      expect(io.stderr).toMatch(/(--trials|--max-trials) 1,000,000 cannot fit in memory: each trial keeps about [\d,]+ bytes .* at most [\d,]+ trials of this scenario — use --precision .* or shard the run/);
      expect(io.stderr).not.toMatch(/RangeError|internal error|\n\s+at /);
      expect(Date.now() - t0).toBeLessThan(45_000);
    }
    expect(await readdir(out)).toEqual([]);
    // beyond the flag's cap the answer is the flag's range, also exit 2
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', 'data/scenarios/apparel-europe.json', '--trials', '1000000000', '--workers', '1', '--out', `${out}/s`], io)).toBe(2);
    expect(io.stderr).not.toMatch(/RangeError|internal error/);
  });
});

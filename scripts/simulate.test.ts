import { tempDir } from '../sim/testing/fixtures.ts';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioSpec, writeScenario } from '../sim/scenario/testing.ts';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const sample = join(PROJECT_DIR, 'data', 'scenarios', 'beauty-middle-east.json');

async function simulateTo(args: string[]): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = await tempDir('jitsim-sim-');
  const io = memoryIo(PROJECT_DIR);
  const code = await main(['simulate', ...args, '--out', dir], io);
  return { code, out: io.stdout, err: io.stderr, dir };
}

describe('jitsim simulate', () => {
  it('writes byte-identical files with --workers 1 and --workers 2 (same seed)', async () => {
    // 24 trials: 12 per worker with --workers 2, enough to prove the split changes nothing (break-even and
    // sensitivity run on as many trials as the main run, up to 100, so this count sets the file's cost)
    const args = [sample, '--trials', '24', '--seed', '42'];
    const one = await simulateTo([...args, '--workers', '1']);
    const two = await simulateTo([...args, '--workers', '2']);
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect((await readdir(one.dir)).sort()).toEqual(['manifest.json', 'monthly.csv', 'skus.csv', 'summary.json', 'trials.csv']); // manifest.json: jitsim's marker
    for (const f of ['summary.json', 'trials.csv', 'monthly.csv', 'skus.csv']) expect(await readFile(join(two.dir, f), 'utf8'), f).toBe(await readFile(join(one.dir, f), 'utf8'));
    expect(one.out).toMatch(/Break-even/);
    expect(one.out).toMatch(/Sensitivity/);
    expect(one.out).toMatch(/95 % CI/);
    // a different seed gives different numbers (the trials: break-even and sensitivity are not needed for that)
    const other = await simulateTo([sample, '--trials', '24', '--seed', '43', '--workers', '1', '--no-break-even', '--no-sensitivity']);
    expect(await readFile(join(other.dir, 'trials.csv'), 'utf8')).not.toBe(await readFile(join(one.dir, 'trials.csv'), 'utf8'));
  }, 120_000);

  it('runs every sample scenario and prints CIs, break-even and sensitivities', async () => {
    const dir = join(PROJECT_DIR, 'data', 'scenarios');
    for (const f of (await readdir(dir)).filter((x) => x.endsWith('.json'))) {
      const r = await simulateTo([join(dir, f), '--trials', '20', '--seed', '1', '--workers', '1']);
      expect(r.code, `${f}: ${r.err}`).toBe(0);
      expect(r.out, f).toMatch(/95 % CI/);
      expect(r.out, f).toMatch(/Break-even/);
      expect(r.out, f).toMatch(/Sensitivity/);
    }
  }, 120_000);

  it('prints the summary in Chinese and as JSON', async () => {
    const zh = await simulateTo([sample, '--trials', '30', '--workers', '1', '--lang', 'zh', '--no-break-even', '--no-sensitivity']);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/模拟：beauty-middle-east/);
    expect(zh.out).toMatch(/E203/);
    const json = await simulateTo([sample, '--trials', '30', '--workers', '1', '--json', '--no-break-even', '--no-sensitivity']);
    const s = JSON.parse(json.out);
    expect(s.trials).toBe(30);
    expect(s.modes.jit.totalCny.mean).toBeGreaterThan(0);
    expect(s.routing.find((r: { code: string }) => r.code === 'E203').meanOrders).toBeGreaterThan(0);
  });

  it('--precision adds trials until every mode’s CI half-width is below the target', async () => {
    const r = await simulateTo([sample, '--precision', '2%', '--workers', '1', '--json', '--no-break-even', '--no-sensitivity']);
    const s = JSON.parse(r.out);
    expect(s.precision.reached).toBe(true);
    for (const m of ['jit', 'warehouse', 'direct']) expect(s.precision.relativeHalfWidth[m]).toBeLessThan(0.02);
    // it started with 200 trials and had to add more
    expect(s.trials).toBeGreaterThan(200);
    expect(s.trials % 250 === 0 || s.trials === 100_000).toBe(true);
  });

  it('a bad scenario: located messages and exit 2', async () => {
    const bad = JSON.stringify(scenarioSpec({ destinations: [{ country: 'ES', share: 1, service: 'standard' }, { country: 'ES', share: 1, service: 'standard' }], overrides: { 'modes.noSuchThing': 1 } }), null, 2);
    const file = await writeScenario(bad, 'bad.json');
    const r = await simulateTo([file, '--trials', '5', '--workers', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:\d+:\d+ \(\/destinations\/1\/country\): ES is listed twice — merge the two entries/);
    expect(r.err).toMatch(/bad\.json:\d+:\d+ \(\/overrides\/modes\.noSuchThing\): unknown parameter "noSuchThing" in data\/modes\.json — did you mean /);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    const flags = await simulateTo([sample, '--trials', '5', '--precision', '1%']);
    expect(flags.code).toBe(2);
    expect(flags.err).toMatch(/--trials and --precision cannot be used together/);
  });
});

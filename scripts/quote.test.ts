import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('jitsim quote', () => {
  it('answers for all four modes in JSON; total is the sum of the components, rounded to 0.01', async () => {
    const r = await cli('quote', '--dest', 'ES', '--weight', '0.5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.modes)).toEqual(['jit', 'warehouse', 'direct', 'tpl']);
    // the 3PL in ES (data/tpl.json defaults): pick & pack 7, label 1.5; the self-run warehouse's head-haul and last mile
    expect(out.modes.tpl.components).toMatchObject({ pickPack: 7, label: 1.5, headhaul: out.modes.warehouse.components.headhaul, lastMile: out.modes.warehouse.components.lastMile });
    expect(Object.keys(out.modes.tpl.components)).toEqual(['headhaul', 'inbound', 'storage', 'longTermStorage', 'pickPack', 'label', 'lastMile', 'capital', 'writeOff', 'returns']);
    expect(out.modes.jit.components.logistics).toBe(14.2);
    expect(out.modes.direct.components.logistics).toBe(18.44);
    for (const m of Object.values(out.modes) as { total: number; components: Record<string, number> }[]) {
      const sum = Object.values(m.components).reduce((a, b) => a + b, 0);
      expect(Math.abs(m.total - sum)).toBeLessThan(1e-9);
      for (const v of [m.total, ...Object.values(m.components)]) expect(Math.round(v * 100) / 100).toBe(v);
    }
  });

  it('takes every flag of the contract', async () => {
    const r = await cli('quote', '--dest', 'es', '--weight', '0.5', '--dims', '30x20x5', '--service', 'standard', '--warehouse', 'domestic', '--designated-box', '--return-rate', '0.015', '--country-daily-orders', '60', '--non-preferred-warehouse', '--oversize', '--new-seller', '--schedule', 'B', '--json', '--lang', 'zh');
    expect(r.code).toBe(0);
    const jit = JSON.parse(r.stdout).modes.jit;
    expect(jit.components).toMatchObject({ designatedBox: -0.3, oversize: 0.5, crossWarehouse: 0.6, processing: 0.3, baseFee: 0, operation: 1.3 });
    expect(jit.components.operationDiscount).toBeCloseTo(-0.13, 2);
    expect(jit.lines[0].explanation).toMatch(/[方案月费]/);
  });

  it('--items prices the 3PL pick & pack per extra item; a bad --items is bad input', async () => {
    const r = await cli('quote', '--dest', 'US', '--weight', '0.5', '--items', '3', '--json');
    expect(r.code).toBe(0);
    // data/tpl.json US (eFulfillment Service): 18.11 per order + 2 extra items × 4.44
    expect(JSON.parse(r.stdout).modes.tpl.components.pickPack).toBeCloseTo(18.11 + 2 * 4.44, 9);
    expect((await cli('quote', '--dest', 'US', '--weight', '0.5', '--items', '0')).code).toBe(2);
  });

  it('explains each component in text, in both languages', async () => {
    const en = await cli('quote', '--dest', 'ES', '--weight', '0.5');
    expect(en.stdout).toMatch(/logistics\s+14\.20\s+ES standard ≤ 0\.5 kg/);
    expect(en.stdout).toMatch(/Direct shipping from China: 20\.\d\d/);
    const zh = await cli('quote', '--dest', 'ES', '--weight', '0.5', '--lang', 'zh');
    expect(zh.stdout).toMatch(/中国直发/);
  });

  it.each([
    [['--dest', 'XX', '--weight', '0.5'], /unknown country "XX"/],
    [['--dest', 'NZ', '--weight', '0.5'], /no JIT logistics rate for destination NZ/],
    [['--dest', 'ES', '--weight', '0'], /weight must be above 0 kg/],
    [['--dest', 'ES', '--weight', '-1'], /weight must be above 0 kg/],
    [['--dest', 'ES', '--weight', '45'], /beyond the JIT logistics rate card/],
    [['--dest', 'ES', '--weight', 'abc'], /--weight abc is not a valid number/],
    [['--dest', 'ES', '--weight', '0.5', '--return-rate', '1.5'], /rates are fractions/],
    [['--dest', 'ES', '--weight', '0.5', '--dims', '30x20'], /--dims 30x20 is not LxWxH/],
    [['--dest', 'ES', '--weight', '0.5', '--schedule', 'Z'], /unknown fee schedule "Z"/],
    [['--dest', 'ES'], /required option '--weight <kg>' not specified/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const r = await cli('quote', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rules validate reports a broken rate card with its row', async () => {
    const { root, rulesDir } = await copyRules();
    await rm(`${root}/data`);
    await cp(`${PROJECT_DIR}/data`, `${root}/data`, { recursive: true });
    const csv = await readFile(`${root}/data/rates/direct.csv`, 'utf8');
    await writeFile(`${root}/data/rates/direct.csv`, csv.replace('\nES,0.5,standard,18.44,', '\nES,0.5,standard,-18.44,').replace('\nFR,', '\nZZ,'));
    const r = await cli('rules', 'validate', rulesDir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/direct\.csv:14:4 \(row 14, column price_cny\): -18\.44 is out of range \(must be ≥ 0\)/);
    expect(r.stdout).toMatch(/direct\.csv:\d+:1 \(row \d+, column destination\): "ZZ" is not an ISO 3166-1 alpha-2 country code/);
  });
});

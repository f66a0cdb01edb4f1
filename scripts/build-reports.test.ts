import { tempDir } from '../sim/testing/fixtures.ts';
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { buildReports, staleReasons } from './build-reports.ts';
import { memoryIo } from './io.ts';

describe('npm run reports', () => {
  it('rebuilds only what changed, and says why', async () => {
    const root = await tempDir('jitsim-reports-');
    await cp(join(PROJECT_DIR, 'rules'), join(root, 'rules'), { recursive: true });
    await mkdir(join(root, 'data', 'scenarios'), { recursive: true });
    for (const f of (await readdir(join(PROJECT_DIR, 'data'))).filter((f) => f !== 'scenarios')) await symlink(join(PROJECT_DIR, 'data', f), join(root, 'data', f));
    await cp(join(PROJECT_DIR, 'data/scenarios/apparel-europe.json'), join(root, 'data/scenarios/apparel-europe.json'));
    const args = ['--trials', '12', '--lang', 'en', '--workers', '1'];
    const run = async () => {
      const io = memoryIo(root);
      expect(await buildReports(io, root, args)).toBe(0);
      return io.stdout;
    };
    expect(await run()).toMatch(/rebuild apparel-europe\.json: no previous report[\s\S]*1 rebuilt, 0 unchanged/);
    expect(await run()).toMatch(/skip    apparel-europe\.json: unchanged[\s\S]*0 rebuilt, 1 unchanged/);
    const fees = join(root, 'rules/fees.json');
    await writeFile(fees, (await readFile(fees, 'utf8')).replace('"amountCny": 0.6', '"amountCny": 0.8'));
    expect(await run()).toMatch(/rebuild apparel-europe\.json: rules changed: SUR-2\n/);
    // a change to the exit rules changes no cost: no report is rebuilt
    const exit = join(root, 'rules/exit.json');
    await writeFile(exit, (await readFile(exit, 'utf8')).replace(/"stuckAfterHours": \d+/, '"stuckAfterHours": 999'));
    expect(await run()).toMatch(/skip    apparel-europe\.json: unchanged[\s\S]*0 rebuilt, 1 unchanged/);
    // a data key is named
    await rm(join(root, 'data/modes.json'));
    const modes = JSON.parse(await readFile(join(PROJECT_DIR, 'data/modes.json'), 'utf8'));
    modes.params.volumetricLitresPerKg.value += 0.1;
    await writeFile(join(root, 'data/modes.json'), JSON.stringify(modes, null, 2));
    expect(await run()).toMatch(/rebuild apparel-europe\.json: data changed: modes\.volumetricLitresPerKg\n/);
  }, 240_000);
});

describe('the report cache key', () => {
  const inputs = { ruleFiles: ['admission.json'], rules: { 'ADM-1': 'a1', 'ADM-3': 'a3', 'admission.json': 'f' }, data: { 'modes.usdCny': 'u', 'data/rates/direct.csv': 'd' } };
  const key = { toolVersion: '0.1.0', code: 'c1', inputs, scenario: 's', seed: 1, trials: 10, languages: ['en'] };
  const manifest = { toolVersion: '0.1.0', code: 'c1', inputs, scenario: { sha256: 's' }, seed: 1, trials: 10, languages: ['en'] };
  it('names each input that changed: rule ids and data keys, not fingerprints', () => {
    expect(staleReasons(key, manifest)).toEqual([]);
    expect(staleReasons({ ...key, code: 'c2' }, manifest)).toEqual(['jitsim code changed']);
    expect(staleReasons({ ...key, scenario: 't', trials: 20 }, manifest)).toEqual(['scenario changed', 'report options changed']);
    expect(staleReasons(key, null)).toEqual(['no previous report']);
    const changed = { ...inputs, rules: { 'ADM-1': 'a1', 'ADM-3': 'x', 'ADM-7': 'n' }, data: { 'modes.usdCny': 'v', 'data/rates/direct.csv': 'd' } };
    expect(staleReasons({ ...key, inputs: changed }, manifest)).toEqual(['rules changed: ADM-3, +ADM-7, −admission.json', 'data changed: modes.usdCny']);
    expect(staleReasons(key, { ...manifest, inputs: undefined })).toEqual(['the previous report does not list the rules and data it read (built by an older jitsim)']);
  });
});

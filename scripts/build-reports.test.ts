import { tempDir } from '../sim/testing/fixtures.ts';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
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
    for (const f of ['rates', 'schema', 'modes.json', 'warehouse.json', 'rate-uncertainty.json']) await symlink(join(PROJECT_DIR, 'data', f), join(root, 'data', f));
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
    expect(await run()).toMatch(/rebuild apparel-europe\.json: rules changed \([0-9a-f]{8} → [0-9a-f]{8}\)/);
  });
});

describe('the report cache key', () => {
  const key = { toolVersion: '0.1.0', code: 'c1', rules: 'r'.repeat(64), data: 'd'.repeat(64), scenario: 's', seed: 1, trials: 10, languages: ['en'] };
  const manifest = { toolVersion: '0.1.0', code: 'c1', rules: { fingerprint: key.rules }, data: { fingerprint: key.data }, scenario: { sha256: 's' }, seed: 1, trials: 10, languages: ['en'] };
  it('names each input that changed', () => {
    expect(staleReasons(key, manifest)).toEqual([]);
    expect(staleReasons({ ...key, code: 'c2' }, manifest)).toEqual(['jitsim code changed']);
    expect(staleReasons({ ...key, scenario: 't', trials: 20 }, manifest)).toEqual(['scenario changed', 'report options changed']);
    expect(staleReasons(key, null)).toEqual(['no previous report']);
  });
});

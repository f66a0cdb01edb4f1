import { tempDir } from '../sim/testing/fixtures.ts';
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../sim/testing/fixtures.ts';
import { buildReports, portfolioFolderNames, staleReasons } from './build-reports.ts';
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

describe('npm run reports --portfolio <folder> --shard k/n (a CI matrix job, a Kubernetes Indexed Job)', () => {
  // 4 reports of 12 trials (charts rendered to SVG and PNG each: the slow part): the least that shows
  // a sharded portfolio equals one unsharded run byte for byte; shard 3/3 of two scenarios is empty
  it('the shards together rebuild every scenario exactly once, into files identical to an unsharded run; a bad --shard is exit 2', async () => {
    const root = await tempDir('jitsim-reports-shard-');
    await cp(join(PROJECT_DIR, 'rules'), join(root, 'rules'), { recursive: true });
    await mkdir(join(root, 'data'), { recursive: true });
    for (const f of (await readdir(join(PROJECT_DIR, 'data'))).filter((f) => f !== 'scenarios')) await symlink(join(PROJECT_DIR, 'data', f), join(root, 'data', f));
    const names = ['beauty-middle-east', 'home-latam'];
    await mkdir(join(root, 'clients'), { recursive: true });
    for (const n of names) await cp(join(PROJECT_DIR, `data/scenarios/${n}.json`), join(root, `clients/${n}.json`));
    const common = ['--portfolio', 'clients', '--trials', '12', '--lang', 'en', '--workers', '1'];
    const run = async (...args: string[]) => {
      const io = memoryIo(root);
      const code = await buildReports(io, root, [...common, ...args]);
      return { code, out: io.stdout, err: io.stderr };
    };
    const rebuilt = (out: string) => [...out.matchAll(/^rebuild (\S+)\.json:/gm)].map((m) => m[1]!);

    const seen: string[] = [];
    for (const k of [1, 2, 3]) {
      const r = await run('--shard', `${k}/3`, '--out', 'sharded');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`shard ${k}/3: ${k === 3 ? 0 : 1} of 2 scenarios`);
      seen.push(...rebuilt(r.out));
    }
    expect(seen.sort()).toEqual(names); // each once, none twice

    const all = await run('--out', resolve(root, 'whole')); // an absolute --out works as well
    expect(all.code, all.err).toBe(0);
    expect(rebuilt(all.out).sort()).toEqual(names);
    const files = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
    const sharded = await files(join(root, 'sharded'));
    expect(sharded).toEqual(await files(join(root, 'whole')));
    expect(sharded.filter((f) => f.endsWith('index.html'))).toHaveLength(2);
    for (const f of sharded) expect((await readFile(join(root, 'sharded', f))).equals(await readFile(join(root, 'whole', f))), f).toBe(true);
    // a shard run again finds its report current
    expect((await run('--shard', '1/3', '--out', 'sharded')).out).toMatch(/0 rebuilt, 1 unchanged/);

    for (const bad of [['--shard', '0/3'], ['--shard', '4/3'], ['--shard', 'two'], ['--shard=1/0'], ['--shard']]) {
      const r = await run(...bad, '--out', 'sharded');
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.err).toMatch(/--shard/);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
  }, 300_000);
});

describe('report folders of a portfolio', () => {
  it('the base name when it is unique; the path from the project when two scenarios share it (jitsim init folders)', () => {
    const root = '/p';
    const files = ['/p/clients/acme/scenario.json', '/p/clients/beta_co/scenario.json', '/p/data/scenarios/home-latam.json', '/elsewhere/x/scenario.json'];
    expect([...portfolioFolderNames(root, files).values()]).toEqual(['clients-acme-scenario', 'clients-beta-co-scenario', 'home-latam', 'elsewhere-x-scenario']);
    expect([...portfolioFolderNames(root, ['/p/a/s.json', '/p/a-s.json']).values()]).toEqual(['s', 'a-s']);
    const names = [...portfolioFolderNames(root, ['/p/a/b.json', '/p/a-b/x.json', '/p/a-b.json', '/p/c/x.json']).values()];
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/);
  });
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

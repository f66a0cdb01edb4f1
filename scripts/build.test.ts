/**
 * The bundled CLI (scripts/build.ts), as vitest's globalSetup hands it to the tests (sim/testing/bundle.ts):
 * dist/ when it is newer than every source file (as after `npm ci`), else a bundle built fresh for the
 * run — so no test depends on a stale dist/. Every answer of the bundle must equal the source's, its
 * validators must be the ones generated at build time (ajv is never loaded), and its worker threads must run.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_DIR, copyRules, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const OUT = dirname(inject('jitsimBundle'));
let NO_AJV: string;
let cacheDir: string;

async function source(argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function bundle(argv: string[], cwd = PROJECT_DIR) {
  try {
    const r = await promisify(execFile)(process.execPath, ['--require', NO_AJV, join(OUT, 'jitsim.mjs'), ...argv], { cwd, env: { ...process.env, JITSIM_CACHE_DIR: cacheDir, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  NO_AJV = join(await tempDir('jitsim-no-ajv-'), 'no-ajv.cjs');
  // fails the run if anything loads ajv: the bundle must use its pre-generated validators
  await writeFile(NO_AJV, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (/^ajv(-formats)?($|\\/)/.test(r)) throw new Error('ajv loaded at run time: ' + r); return load.call(this, r, ...a); };\n");
  cacheDir = await tempDir('jitsim-cache-');
});

describe('the bundled CLI (dist/)', () => {
  const commands = [
    ['--help'],
    ['quote', '--dest', 'ES', '--weight', '0.5', '--json'],
    ['quote', '--dest', 'XX', '--weight', '0.5'],
    ['check', 'store', 'data/samples/store.json'],
    ['check', 'store', 'data/samples/store-frozen.json', '--lang', 'zh', '--json'],
    ['check', 'catalog', 'data/samples/skus.csv', '--json'],
    ['rules', 'validate'],
    ['rules', 'test'],
    // loads the report chunk (fonts, charts, PDF, Excel): a package that cannot run bundled fails here (exit 3)
    ['report', 'data/scenarios/no-such-client.json', '--lang', 'zh'],
  ];
  it('answers every command exactly as the source does, with a cold and a warm cache', async () => {
    const want = await Promise.all(commands.map((argv) => source(argv)));
    for (const pass of ['cold', 'warm']) {
      const got = await Promise.all(commands.map((argv) => bundle(argv)));
      commands.forEach((argv, i) => expect({ pass, argv, ...got[i] }).toEqual({ pass, argv, ...want[i] }));
    }
  });

  it('reports a broken rule file and a broken store with the same located messages as the source', async () => {
    const { rulesDir } = await copyRules((f) => {
      f.admission.rules[2].params.minPositiveRate = '95%';
      f.fees.schedules[0].monthlyFees[0].feeCny = -1;
    });
    const dir = await tempDir();
    const store = join(dir, 'store.json');
    await writeFile(store, JSON.stringify({ storeType: 'shop', realNameVerified: 'yes', positiveRate90d: 95, providers: [] }, null, 2));
    for (const argv of [['rules', 'validate', rulesDir, '--json'], ['check', 'store', store]]) {
      const want = await source(argv);
      expect(want.code).toBeGreaterThan(0);
      expect(await bundle(argv)).toEqual(want);
    }
  });

  it('makes the package bin executable (npx jitsim runs it directly)', async () => {
    const r = await promisify(execFile)(join(OUT, 'jitsim.mjs'), ['--version'], { cwd: PROJECT_DIR });
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ends quietly with exit 0 when the reader closes the pipe (jitsim … | head -2)', async () => {
    for (const argv of [['simulate', '--help'], ['quote', '--dest', 'ES', '--weight', '0.5', '--json']]) {
      // stdout closed before the command writes: its first write fails with EPIPE
      const child = spawn(process.execPath, [join(OUT, 'jitsim.mjs'), ...argv], { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect({ argv, code, stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
  });

  it('finds the rules shipped with jitsim when run outside the project', async () => {
    const r = await bundle(['rules', 'validate', '--json'], await tempDir());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });

  it('writes a report from the bundle (fonts, charts, spreadsheet: the packages that load files of their own)', async () => {
    const out = await tempDir();
    const r = await bundle(['report', 'data/scenarios/apparel-europe.json', '--trials', '10', '--lang', 'en', '--format', 'xlsx', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = await readFile(join(out, 'apparel-europe', 'index.html'), 'utf8');
    expect(html).toMatch(/@font-face\{font-family:"Noto Sans Hans";[^}]*src:url\(data:font\/woff2;base64,/);
    expect((await readFile(join(out, 'apparel-europe', 'charts', 'cost-breakdown.png'))).subarray(1, 4).toString()).toBe('PNG');
    expect((await readFile(join(out, 'apparel-europe', 'report.xlsx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('runs the simulator on worker threads from the bundle, byte-identical to the source', async () => {
    const dir = await tempDir();
    const argv = (out: string, workers: string) => ['simulate', 'data/scenarios/home-latam.json', '--trials', '300', '--seed', '7', '--workers', workers, '--out', out, '--no-sensitivity', '--no-break-even'];
    const a = await source(argv(join(dir, 'src'), '1'));
    const b = await bundle(argv(join(dir, 'bundle'), '2'));
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    for (const f of ['summary.json', 'trials.csv', 'monthly.csv', 'skus.csv']) expect(await readFile(join(dir, 'bundle', f), 'utf8')).toBe(await readFile(join(dir, 'src', f), 'utf8'));
  });
});


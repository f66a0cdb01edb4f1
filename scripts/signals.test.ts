/**
 * Issue 18, "Done when": no leftovers. The real CLI is spawned and stopped while its working folder
 * exists: SIGTERM removes it at once (exit 143); after SIGKILL it stays, and the next run removes it
 * with a one-line note. A previous report moved aside by a killed run is moved back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { sweepStale } from '../sim/io/output-folder.ts';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SCENARIO = 'data/scenarios/apparel-europe.json';
const FAST = ['--trials', '3', '--workers', '1', '--lang', 'en'];

/** Spawns `jitsim report` (one node process running the bundled CLI, so the signal reaches jitsim itself) and stops it while its working folder exists. */
async function stopWhileWorking(out: string, signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT'): Promise<{ code: number | null; signal: string | null; stderr: string; held: string }> {
  const child = spawn(process.execPath, [inject('jitsimBundle'), 'report', SCENARIO, '--out', out, ...FAST], {
    cwd: PROJECT_DIR,
    env: { ...process.env, JITSIM_TEST_HOLD_WORK_MS: '120000', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let held = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /holding (.+)\n/.exec(stderr);
      if (m && !held) {
        held = m[1]!;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr, held }));
  });
}

const working = async (dir: string) => (await readdir(dir)).filter((n) => /\.(building|old|tmp)$/.test(n));

describe('working folders: cleaned on signals, swept by the next run', () => {
  it('SIGTERM and SIGINT: the run removes its working folder and exits 143 / 130; the previous report stays', { timeout: 600_000 }, async () => {
    const out = await tempDir('jitsim-sigterm-');
    expect((await main(['report', SCENARIO, '--out', out, ...FAST], memoryIo(PROJECT_DIR)))).toBe(0);
    const before = await readFile(join(out, 'apparel-europe', 'manifest.json'));
    for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const r = await stopWhileWorking(out, sig);
      expect(r.held, r.stderr).toMatch(/\.apparel-europe\.jitsim-\d+-.+\.building$/);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`stopped by ${sig}; removed 1 working folder`);
      expect(await working(out)).toEqual([]);
      expect((await readFile(join(out, 'apparel-europe', 'manifest.json'))).equals(before)).toBe(true);
    }
  });

  it('SIGKILL mid-write: the previous report stays intact, the working folder stays; the next run removes it, saying so in one line', { timeout: 600_000 }, async () => {
    const out = await tempDir('jitsim-sigkill-');
    expect(await main(['report', SCENARIO, '--out', out, ...FAST], memoryIo(PROJECT_DIR))).toBe(0);
    const previous = new Map<string, Buffer>();
    for (const f of await readdir(join(out, 'apparel-europe'), { recursive: true })) {
      const p = join(out, 'apparel-europe', f);
      if ((await lstat(p)).isFile()) previous.set(f, await readFile(p));
    }
    const r = await stopWhileWorking(out, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(await working(out)).toHaveLength(1);
    // killed with the new report half-way in place of the old one: the old one is still there, byte for byte
    expect(previous.size).toBeGreaterThan(2);
    for (const [f, bytes] of previous) expect((await readFile(join(out, 'apparel-europe', f))).equals(bytes), f).toBe(true);
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['report', SCENARIO, '--out', out, ...FAST], io)).toBe(0);
    expect(io.stderr).toMatch(/^removed 1 leftover working folder\(s\)\/file\(s\) of stopped jitsim runs in .*jitsim-sigkill-.*: \.apparel-europe\.jitsim-\d+-.*\.building\n$/);
    expect(await working(out)).toEqual([]);
    expect(existsSync(join(out, 'apparel-europe', 'manifest.json'))).toBe(true);
  });
});

describe('sweepStale', () => {
  it('removes only dead processes\' working folders of this host, and moves a report set aside back', async () => {
    const dir = await tempDir('jitsim-sweep-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const host = hostname().replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
    await mkdir(join(dir, `.client.jitsim-${dead}-${host}.building`));
    await mkdir(join(dir, `.client.jitsim-${dead}-${host}.old`));
    await writeFile(join(dir, `.client.jitsim-${dead}-${host}.old`, 'manifest.json'), '{}');
    await mkdir(join(dir, `.other.jitsim-${dead}-another-host.building`)); // another machine's: left alone
    await mkdir(join(dir, `.alive.jitsim-${process.pid}-${host}.building`)); // a running process: left alone
    await mkdir(join(dir, `.legacy.${dead}.building`)); // written by jitsim before the host was recorded
    await writeFile(join(dir, `.legacy.${dead}.building`, 'manifest.json'), '{"tool":"jitsim","files":{}}');
    await mkdir(join(dir, `.backup.${dead}.old`)); // the user's, named alike: no jitsim manifest, left alone
    await writeFile(join(dir, `trials.csv.${dead}.tmp`), 'x');
    await mkdir(join(dir, 'user-folder.building')); // not a jitsim name
    const swept = await sweepStale(dir);
    expect(swept.sort()).toEqual([`.client.jitsim-${dead}-${host}.building`, `.client.jitsim-${dead}-${host}.old`, `.legacy.${dead}.building`, `trials.csv.${dead}.tmp`].sort());
    expect((await readdir(dir)).sort()).toEqual([`.alive.jitsim-${process.pid}-${host}.building`, `.backup.${dead}.old`, `.other.jitsim-${dead}-another-host.building`, 'client', 'user-folder.building'].sort());
    // the report a killed run had moved aside is back in place
    expect(await readFile(join(dir, 'client', 'manifest.json'), 'utf8')).toBe('{}');
  });
});

describe('simulate after a stopped run', () => {
  it('removes the stopped run\'s staged files first, then writes (a folder holding only leftovers is not the user\'s)', { timeout: 120_000 }, async () => {
    const out = await tempDir('jitsim-simleft-');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const host = hostname().replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
    await writeFile(join(out, `.trials.csv.jitsim-${dead}-${host}.tmp`), 'half written');
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['simulate', SCENARIO, '--out', out, '--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity'], io)).toBe(0);
    expect(io.stderr).toMatch(/^removed 1 leftover working folder\(s\)\/file\(s\) of stopped jitsim runs in .*: \.trials\.csv\.jitsim-\d+-.*\.tmp\n$/);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'monthly.csv', 'skus.csv', 'summary.json', 'trials.csv']);
    // a run stopped after its manifest was renamed but before its files were: the old files still count as jitsim's
    const m = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const stale = { ...m, files: { ...m.files, 'trials.csv': 'f'.repeat(64) }, previous: { 'trials.csv': m.files['trials.csv'] } };
    await writeFile(join(out, 'manifest.json'), JSON.stringify(stale));
    expect(await main(['simulate', SCENARIO, '--out', out, '--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity'], memoryIo(PROJECT_DIR))).toBe(0);
  });
});

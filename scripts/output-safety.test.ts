/**
 * Issue 18, "Done when": jitsim never destroys what it did not write. A folder tree of user files
 * (folders and files named like scenarios, trials.csv, summary.json, a look-alike manifest, a
 * read-only file) receives `report` and `simulate` in every combination; every user file must still
 * be there byte for byte, and each refusal must be exit 2, before any work, with the path named.
 */
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const SCENARIO = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json');
const FAST_REPORT = ['--trials', '3', '--workers', '1', '--lang', 'en'];
const FAST_SIM = ['--trials', '3', '--workers', '1', '--no-break-even', '--no-sensitivity'];

async function jitsim(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every file under `dir` (relative path → bytes); folders are listed with a trailing separator. */
async function snapshot(dir: string, rel = ''): Promise<Map<string, Buffer | 'dir'>> {
  const out = new Map<string, Buffer | 'dir'>();
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = join(rel, e.name);
    if (e.isDirectory()) {
      out.set(r + sep, 'dir');
      for (const [k, v] of await snapshot(dir, r)) out.set(k, v);
    } else out.set(r, await readFile(join(dir, r)));
  }
  return out;
}

function expectAllStillThere(before: Map<string, Buffer | 'dir'>, after: Map<string, Buffer | 'dir'>) {
  for (const [k, v] of before) {
    expect(after.has(k), `${k} is gone`).toBe(true);
    if (v !== 'dir') expect((after.get(k) as Buffer).equals(v), `${k} changed`).toBe(true);
  }
}

/** The user's tree: nothing in it was written by jitsim. */
async function userTree(): Promise<string> {
  const t = await tempDir('jitsim-usertree-');
  await mkdir(join(t, 'apparel-europe'));
  await writeFile(join(t, 'apparel-europe', 'thesis.docx'), 'my thesis, years of work');
  await writeFile(join(t, 'apparel-europe', 'index.html'), '<p>my own page</p>');
  await writeFile(join(t, 'client'), 'a file named like a scenario');
  await writeFile(join(t, 'trials.csv'), 'my,own\n1,2\n');
  await writeFile(join(t, 'summary.json'), '{"mine":true}\n');
  await mkdir(join(t, 'simout'));
  await writeFile(join(t, 'simout', 'trials.csv'), 'trial,mine\n1,2\n');
  await writeFile(join(t, 'simout', 'summary.json'), '{"mine":true}\n');
  await mkdir(join(t, 'partial'));
  await writeFile(join(t, 'partial', 'monthly.csv'), 'month,mine\n');
  // a look-alike: claims to be jitsim's but lists nothing of what is there
  await mkdir(join(t, 'lookalike'));
  await writeFile(join(t, 'lookalike', 'manifest.json'), '{"tool":"jitsim","kind":"report","files":{}}\n');
  await writeFile(join(t, 'lookalike', 'data.xlsx'), 'precious');
  await mkdir(join(t, 'compare-new-a-vs-b'));
  await writeFile(join(t, 'compare-new-a-vs-b', 'x.txt'), 'x');
  await writeFile(join(t, 'readonly.txt'), 'do not touch');
  await chmod(join(t, 'readonly.txt'), 0o444);
  await mkdir(join(t, 'empty'));
  return t;
}

describe('output safety: a tree of user files', () => {
  let t: string;
  let before: Map<string, Buffer | 'dir'>;
  let scenarioB: string;
  beforeAll(async () => {
    t = await userTree();
    before = await snapshot(t);
    const dir = await tempDir('jitsim-scn-');
    scenarioB = join(dir, 'b.json');
    await writeFile(scenarioB, await readFile(SCENARIO));
  });

  const refusals: [string, () => string[], RegExp | (() => RegExp)][] = [
    ['report over a user folder named like the scenario', () => ['report', SCENARIO, '--out', t], /apparel-europe/],
    ['report over a user file named like the output', () => ['report', SCENARIO, '--out', t, '--name', 'client'], /client/],
    ['report over a read-only user file', () => ['report', SCENARIO, '--out', t, '--name', 'readonly.txt'], /readonly\.txt/],
    ['report over a user folder with trials.csv and summary.json', () => ['report', SCENARIO, '--out', t, '--name', 'simout'], /simout/],
    ['report over a look-alike manifest', () => ['report', SCENARIO, '--out', t, '--name', 'lookalike'], /lookalike.*data\.xlsx/],
    ['report --compare over a user folder', () => ['report', SCENARIO, scenarioB, '--compare', '--out', t, '--name', 'new-a', '--name', 'b'], /compare-new-a-vs-b/],
    ['report with --out a file', () => ['report', SCENARIO, '--out', join(t, 'readonly.txt')], /readonly\.txt/],
    ['report with --out /', () => ['report', SCENARIO, '--out', '/'], /filesystem root/],
    ['simulate --out the user tree itself', () => ['simulate', SCENARIO, '--out', t], () => new RegExp(`${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not empty`)],
    ['simulate --out a user folder with trials.csv and summary.json', () => ['simulate', SCENARIO, '--out', join(t, 'simout')], /simout/],
    ['simulate --out a user folder with monthly.csv', () => ['simulate', SCENARIO, '--out', join(t, 'partial')], /partial/],
    ['simulate --out a user folder named like the scenario', () => ['simulate', SCENARIO, '--out', join(t, 'apparel-europe')], /apparel-europe/],
    ['simulate --out a look-alike', () => ['simulate', SCENARIO, '--out', join(t, 'lookalike')], /lookalike/],
    ['simulate --out a read-only file', () => ['simulate', SCENARIO, '--out', join(t, 'readonly.txt')], /readonly\.txt/],
    ['simulate --out /', () => ['simulate', SCENARIO, '--out', '/'], /filesystem root/],
  ];
  for (const [what, argv, named] of refusals) {
    it(`refuses ${what}: exit 2, the path named, nothing simulated`, { timeout: 120_000 }, async () => {
      const args = argv();
      const r = await jitsim(...args, ...(args[0] === 'report' ? FAST_REPORT : FAST_SIM));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(typeof named === 'function' ? named() : named);
      expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
      expect(r.stdout).toBe('');
      if (args[0] === 'report') expect(r.stderr).toMatch(/--name|--out/);
      expectAllStillThere(before, await snapshot(t));
    });
  }

  it('report: writes a new folder, replaces its own report, and refuses once a user file is added or a file edited', { timeout: 600_000 }, async () => {
    expect((await jitsim('report', SCENARIO, '--out', t, '--name', 'mine-report', ...FAST_REPORT)).code).toBe(0);
    const manifest = JSON.parse(await readFile(join(t, 'mine-report', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ tool: 'jitsim', kind: 'report', toolVersion: expect.any(String) });
    expect((await jitsim('report', SCENARIO, '--out', t, '--name', 'mine-report', ...FAST_REPORT, '--seed', '2')).code).toBe(0);
    // the user adds a note into the report folder: jitsim will not delete it
    await writeFile(join(t, 'mine-report', 'notes.txt'), 'my notes');
    let r = await jitsim('report', SCENARIO, '--out', t, '--name', 'mine-report', ...FAST_REPORT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mine-report.*notes\.txt/);
    expect(await readFile(join(t, 'mine-report', 'notes.txt'), 'utf8')).toBe('my notes');
    await rm(join(t, 'mine-report', 'notes.txt'));
    // the user edits the Markdown summary: not overwritten either
    await writeFile(join(t, 'mine-report', 'summary.md'), '# edited by hand');
    r = await jitsim('report', SCENARIO, '--out', t, '--name', 'mine-report', ...FAST_REPORT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/changed since jitsim wrote them \(summary\.md\)/);
    expect(await readFile(join(t, 'mine-report', 'summary.md'), 'utf8')).toBe('# edited by hand');
    // an empty folder may be used
    expect((await jitsim('report', SCENARIO, '--out', t, '--name', 'empty', ...FAST_REPORT)).code).toBe(0);
    await rm(join(t, 'empty'), { recursive: true });
    await mkdir(join(t, 'empty'));
    expectAllStillThere(before, await snapshot(t));
    expect((await readdir(t)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('simulate: writes into an empty folder with its marker, rewrites its own output, never a user file', { timeout: 300_000 }, async () => {
    const out = join(t, 'sim-here');
    await mkdir(out);
    expect((await jitsim('simulate', SCENARIO, '--out', out, ...FAST_SIM)).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'monthly.csv', 'skus.csv', 'summary.json', 'trials.csv']);
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ tool: 'jitsim', kind: 'simulate' });
    // a user file beside jitsim's output stays; jitsim's own files are rewritten
    await writeFile(join(out, 'analysis.xlsx'), 'mine');
    expect((await jitsim('simulate', SCENARIO, '--out', out, ...FAST_SIM, '--seed', '3')).code).toBe(0);
    expect(await readFile(join(out, 'analysis.xlsx'), 'utf8')).toBe('mine');
    // an edited trials.csv is the user's now: refused
    await writeFile(join(out, 'trials.csv'), 'edited');
    const r = await jitsim('simulate', SCENARIO, '--out', out, ...FAST_SIM);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sim-here.*trials\.csv/);
    expect(await readFile(join(out, 'trials.csv'), 'utf8')).toBe('edited');
    // simulate never writes into a report folder, nor report over a simulate folder
    expect((await jitsim('simulate', SCENARIO, '--out', join(t, 'mine-report'), ...FAST_SIM)).code).toBe(2);
    expect((await jitsim('report', SCENARIO, '--out', t, '--name', 'sim-here', ...FAST_REPORT)).code).toBe(2);
    expectAllStillThere(before, await snapshot(t));
  });

  it('refuses an output folder it cannot write to, before any work', async () => {
    const locked = join(t, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    // root ignores permission bits (CI runs as root): /proc takes no new folders from anyone
    const asRoot = process.getuid?.() === 0;
    const target = asRoot ? '/proc/jitsim-no-such-dir/reports' : join(locked, 'reports');
    const r = await jitsim('report', SCENARIO, '--out', target, ...FAST_REPORT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(asRoot ? /cannot write.*\/proc/ : /cannot write.*locked/);
    const s = await jitsim('simulate', SCENARIO, '--out', target, ...FAST_SIM);
    expect(s.code).toBe(2);
    await chmod(locked, 0o755);
  });
});

describe('distinct output names', () => {
  it('two inputs named alike: exit 2 before any work, both files listed, how to name them apart', { timeout: 600_000 }, async () => {
    const a = join(await tempDir('jitsim-a-'), 'client.json');
    const b = join(await tempDir('jitsim-b-'), 'client.json');
    await writeFile(a, await readFile(SCENARIO));
    await writeFile(b, await readFile(SCENARIO));
    const out = await tempDir('jitsim-out-');
    const r = await jitsim('report', a, b, '--out', out, ...FAST_REPORT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(a);
    expect(r.stderr).toContain(b);
    expect(r.stderr).toMatch(/--name .*--name-from-scenario/);
    expect(await readdir(out)).toEqual([]);
    // named apart with --name: two reports
    expect((await jitsim('report', a, b, '--out', out, '--name', 'client-a', '--name', 'client-b', ...FAST_REPORT)).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['client-a', 'client-b']);
    // the scenario's "name" field is the same in both copies: still refused, before any work
    const r2 = await jitsim('report', a, b, '--out', out, '--name-from-scenario', ...FAST_REPORT);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/apparel-europe/);
    // --name must be a plain folder name, one per scenario
    expect((await jitsim('report', a, '--out', out, '--name', '../escape', ...FAST_REPORT)).code).toBe(2);
    expect((await jitsim('report', a, b, '--out', out, '--name', 'only-one', ...FAST_REPORT)).code).toBe(2);
  });
});

/**
 * The issue-14 targets, as a user runs jitsim (`./jitsim …`, the README's way): median wall time of 5
 * runs (after one warm-up run) of each command, next to `node -e 0` and `npx jitsim --help` (what npm
 * itself costs), the figures before (bench/baseline.json) and the target; then the default report
 * scenario through `simulate` with its peak memory; then scaling: trials per second per core, one
 * process against two (shards), and the projected time of a portfolio on N machines. Prints a
 * Markdown table (the one the README quotes) and writes bench/last.json. Figures are wall times:
 * on a machine other people are using they are noisy — the load average is printed with them.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueCsv } from './catalogue-csv.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JITSIM = join(ROOT, 'jitsim');
const SCENARIO = 'data/scenarios/apparel-europe.json';
const RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** GNU time, when installed: gives each run's CPU time (user + system, children included). */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time (ms) and CPU time (user + system, ms; NaN without /usr/bin/time) of one run; throws on a crash (exit 3 or a signal). */
function once(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; cpuMs: number; rssMb: number; stdout: string } {
  const t = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'jitsim-bench-cpu %U %S %M', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1', ...env } })
    : spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - t;
  if (r.status === null || r.status >= 3) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const cpu = /jitsim-bench-cpu ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, rssMb: cpu ? Number(cpu[3]) / 1024 : NaN, stdout: r.stdout };
}

function medianOf(cmd: string, args: string[], runs = RUNS, env: Record<string, string> = {}): { ms: number; cpuMs: number; rssMb: number; all: number[]; stdout: string } {
  let last = once(cmd, args, env); // warm-up (file cache, the jitsim cache)
  const all: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = once(cmd, args, env);
    all.push(last.ms);
    cpu.push(last.cpuMs);
    rss.push(last.rssMb);
  }
  return { ms: median(all), cpuMs: median(cpu), rssMb: Math.max(...rss), all, stdout: last.stdout };
}

/** Runs several commands at once; returns the wall time until the last one ends. */
async function concurrently(cmds: [string, string[]][]): Promise<number> {
  const t = performance.now();
  await Promise.all(cmds.map(([c, a]) => new Promise<void>((resolve, reject) => spawn(c, a, { cwd: ROOT, stdio: 'ignore' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${c} ${a.join(' ')}: exit ${code}`)))))));
  return performance.now() - t;
}

const s = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

export async function targets(): Promise<void> {
  const baseline = JSON.parse(readFileSync(join(ROOT, 'bench/baseline.json'), 'utf8')) as { wallMs: Record<string, number>; date: string };
  // the previous run's figures (bench/last.json), printed beside this run's
  type Previous = { date: string; loadAverage?: number[]; rows: { what: string; ms: number }[] };
  let previous: Previous | null = null;
  try {
    previous = JSON.parse(readFileSync(join(ROOT, 'bench/last.json'), 'utf8')) as Previous;
  } catch {
    previous = null;
  }
  const prevMs = (what: string) => previous?.rows.find((r) => r.what === what)?.ms;
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const loadBefore = loadavg()[0]!;
  console.log(`jitsim targets — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${machine}; load average ${loadBefore.toFixed(2)} at the start`);
  console.log(`median of ${RUNS} runs (after a warm-up run), wall time, invoked as the README says (./jitsim …)\n`);
  once(JITSIM, ['--help']); // builds the bundle first if the code changed
  const n0 = medianOf(process.execPath, ['-e', '0']);
  const node0 = n0.ms;
  const rows: { what: string; ms: number; cpuMs?: number; before?: number; target?: number; note?: string }[] = [];
  rows.push({ what: 'node -e 0', ms: node0, cpuMs: n0.cpuMs, before: baseline.wallMs['node -e 0'] });
  const cmds: [string, string[], number][] = [
    ['jitsim --help', ['--help'], 300],
    ['jitsim quote --dest ES --weight 0.5', ['quote', '--dest', 'ES', '--weight', '0.5'], 300],
    ['jitsim check store data/samples/store.json', ['check', 'store', 'data/samples/store.json'], 300],
    ['jitsim check catalog data/samples/skus.csv', ['check', 'catalog', 'data/samples/skus.csv'], 300],
    ['jitsim rules validate', ['rules', 'validate'], 300],
  ];
  for (const [what, args, target] of cmds) {
    const m = medianOf(JITSIM, args);
    rows.push({ what, ms: m.ms, cpuMs: m.cpuMs, before: baseline.wallMs[what], target });
  }
  // quote with no cache at all (JITSIM_CACHE=0: no snapshot, no cached rate cards, schema passes or fee
  // tables): the upper bound of a first run (after an edit only the changed files' entries are missed)
  const cold = medianOf(JITSIM, ['quote', '--dest', 'ES', '--weight', '0.5'], RUNS, { JITSIM_CACHE: '0' });
  rows.push({ what: 'jitsim quote --dest ES --weight 0.5 with no cache (JITSIM_CACHE=0)', ms: cold.ms, cpuMs: cold.cpuMs });
  const npx = medianOf('npx', ['jitsim', '--help']);
  rows.push({ what: 'npx jitsim --help (npm start-up included)', ms: npx.ms, cpuMs: npx.cpuMs, note: 'npx adds npm' });
  const out = mkdtempSync(join(tmpdir(), 'jitsim-bench-'));
  const catalogueDir = mkdtempSync(join(tmpdir(), 'jitsim-bench-catalogue-'));
  try {
    // the whole `check catalog` command on 100,000 SKUs (bench/catalogue-csv.ts): start-up, rules, reading, checking, printing
    // (beside `out`, not in it: simulate below writes only into an empty folder)
    const big = join(catalogueDir, 'skus-100k.csv');
    writeFileSync(big, catalogueCsv(100_000));
    for (const json of [false, true]) {
      const c = medianOf(JITSIM, ['check', 'catalog', big, ...(json ? ['--json'] : [])], 3);
      rows.push({ what: `jitsim check catalog, 100,000 SKUs${json ? ' --json' : ''}`, ms: c.ms, cpuMs: c.cpuMs, target: 1000, note: `peak memory ${Math.round(c.rssMb)} MB, target < 300 MB; median of 3` });
    }
    const simArgs = ['simulate', SCENARIO, '--trials', '10000', '--seed', '1', '--out', out, '--json'];
    const sim = medianOf(JITSIM, simArgs);
    const peak = (JSON.parse(sim.stdout) as { peakMemoryMb?: number }).peakMemoryMb;
    if (typeof peak !== 'number') throw new Error(`simulate did not run: ${sim.stdout.slice(0, 500)}`);
    const simWhat = 'jitsim simulate (default report scenario, 10,000 trials, break-even + tornado)';
    rows.push({ what: `${simWhat.replace('jitsim simulate', `jitsim simulate, ${availableParallelism()} worker threads`)}`, ms: sim.ms, cpuMs: sim.cpuMs, before: baseline.wallMs[simWhat], target: 2500, note: `peak memory ${peak} MB` });

    // npm test: the whole suite as CI runs it (type check, vitest, rules validate, rules test); minutes,
    // so measured only when asked for (`npm run bench -- --npm-test`), once (no median)
    const testWhat = 'npm test (tsc, vitest, rules validate, rules test)';
    if (process.argv.includes('--npm-test')) {
      const t = performance.now();
      const r = spawnSync(TIME ?? 'npm', [...(TIME ? ['-f', 'jitsim-bench-cpu %U %S', 'npm'] : []), 'test'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, CI: 'true' } });
      const cpu = /jitsim-bench-cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
      rows.push({ what: testWhat, ms: performance.now() - t, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN, before: baseline.wallMs['npm test'], target: 90_000, note: r.status === 0 ? 'one run, CI=true' : `one run, **exit ${r.status}**` });
    } else rows.push({ what: testWhat, ms: NaN, before: baseline.wallMs['npm test'], target: 90_000, note: 'not measured: npm run bench -- --npm-test' });
    const prevWhen = previous ? `${previous.date.slice(0, 16).replace('T', ' ')} UTC${previous.loadAverage ? `, load ${previous.loadAverage.map((x) => x.toFixed(1)).join('–')}` : ''}` : 'none';
    console.log(`| command | median wall | CPU user+sys | × node -e 0 | previous run (${prevWhen}) | before | speed-up | target | met |`);
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|:---:|');
    const measured = (ms: number) => Number.isFinite(ms);
    for (const r of rows) {
      const prev = prevMs(r.what);
      console.log(`| \`${r.what}\`${r.note ? ` (${r.note})` : ''} | ${measured(r.ms) ? s(r.ms) : '—'} | ${r.cpuMs !== undefined && measured(r.cpuMs) ? s(r.cpuMs) : '—'} | ${measured(r.ms) ? `${(r.ms / node0).toFixed(1)}×` : '—'} | ${prev !== undefined && measured(prev) ? s(prev) : '—'} | ${r.before ? s(r.before) : '—'} | ${r.before && measured(r.ms) ? `${(r.before / r.ms).toFixed(1)}×` : '—'} | ${r.target ? `< ${s(r.target)}` : '—'} | ${r.target ? (!measured(r.ms) ? '?' : r.ms < r.target ? 'yes' : '**no**') : ''} |`);
    }
    const missed = rows.filter((r) => r.target && measured(r.ms) && r.ms >= r.target);
    console.log(`\n${rows.filter((r) => r.target && measured(r.ms)).length - missed.length} of ${rows.filter((r) => r.target).length} targets met${missed.length ? `; not met: ${missed.map((r) => r.what).join('; ')}` : ''}${rows.some((r) => r.target && !measured(r.ms)) ? '; not measured: npm test' : ''} (${machine}, ${new Date().toISOString().slice(0, 10)})`);

    // scaling: trials only (no break-even/tornado), one worker thread per process
    const trials = 4000;
    const plain = ['--seed', '1', '--no-break-even', '--no-sensitivity', '--workers', '1'];
    const one = medianOf(JITSIM, ['simulate', SCENARIO, '--trials', String(trials), ...plain, '--out', join(out, 'one')], 3).ms;
    const start = medianOf(JITSIM, ['simulate', SCENARIO, '--trials', '1', ...plain, '--out', join(out, 'start')], 3).ms;
    const perCore = trials / ((one - start) / 1000);
    const twoThreads = medianOf(JITSIM, ['simulate', SCENARIO, '--trials', String(trials), '--seed', '1', '--no-break-even', '--no-sensitivity', '--workers', '2', '--out', join(out, 'threads')], 3).ms;
    const twoProcs: number[] = [];
    for (let i = 0; i < 3; i++) twoProcs.push(await concurrently([1, 2].map((k) => [JITSIM, ['simulate', SCENARIO, '--trials', String(trials), ...plain, '--shard', `${k}/2`, '--out', join(out, 'shards')]] as [string, string[]])));
    const two = median(twoProcs);
    const merge = medianOf(JITSIM, ['merge', join(out, 'shards', 'apparel-europe.shard-1-of-2.partial'), join(out, 'shards', 'apparel-europe.shard-2-of-2.partial'), '--out', join(out, 'merged')], 3).ms;
    console.log(`\nScaling (${SCENARIO}, ${trials} trials, trials only):`);
    console.log(`- one process, one worker thread: ${s(one)} wall; start-up, loading and writing ${s(start)} → **${Math.round(perCore)} trials/s per core**`);
    console.log(`- one process, 2 worker threads: ${s(twoThreads)} (${(one / twoThreads).toFixed(2)}× one thread)`);
    console.log(`- 2 processes at once (--shard 1/2 and 2/2, one thread each): ${s(two)} (${(one / two).toFixed(2)}× one process), + merge ${s(merge)}`);
    const perScenario = sim.ms;
    console.log(`\nProjected portfolio time (measured: ${s(perScenario)} per default scenario on one ${availableParallelism()}-core machine, incl. start-up; scenarios spread by --shard k/N):`);
    console.log('| scenarios | 1 machine | 4 machines | 16 machines | 64 machines |');
    console.log('|---:|---:|---:|---:|---:|');
    for (const n of [100, 500]) console.log(`| ${n} | ${[1, 4, 16, 64].map((m) => s(Math.ceil(n / m) * perScenario)).join(' | ')} |`);
    const tail = 1_000_000;
    console.log(`\nOne 1,000,000-trial study: ${s((tail / (perCore * availableParallelism())) * 1000)} of trials on one ${availableParallelism()}-core machine at the measured rate; with --shard k/N on N machines ≈ that ÷ N, plus one start-up (${s(start)}) per machine and the merge.`);
    console.log(`\nload average at the end: ${loadavg()[0]!.toFixed(2)} (above ${availableParallelism()} means other work shared the cores: the figures are then pessimistic)\n`);
    writeFileSync(join(ROOT, 'bench/last.json'), JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: [loadBefore, loadavg()[0]], rows, scaling: { trials, oneProcessMs: one, startMs: start, trialsPerSecondPerCore: perCore, twoThreadsMs: twoThreads, twoProcessesMs: two, mergeMs: merge } }, null, 2) + '\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(catalogueDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await targets();

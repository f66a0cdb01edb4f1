/**
 * `npm run bench`: first the issue-14 targets (bench/targets.ts: start-up of the commands, the
 * default simulate, scaling over processes), then the speed of the simulator's engine (not a test —
 * tests check correctness only). `npm run bench -- --targets-only` stops after the targets.
 * Prints simulated orders/second of (1) jitsim's Poisson-split loop, (2) a naive per-order
 * json-rules-engine evaluation (referenceJitOrderCost, one engine run per order), (3) a minimal
 * hand-written per-order loop (the practical limit of per-order simulation); their ratios; the wall
 * time of the default scenario at 10,000 trials × 12 months (the CLI, all cores); and the peak
 * memory (maxRSS) at two order volumes, each in its own process; and 1,000,000 orders calibrated
 * (`jitsim calibrate`: wall time, CPU time, peak memory). `npm run bench -- --calibrate` runs only the last.
 * Then issue 19's catalogue curve (bench/catalogue-curve.ts; alone: `npm run bench -- --catalogue-curve`).
 * Then issue 15's memory target: `jitsim simulate` of 1,000,000 trials × 12 months (the CLI, all cores,
 * every output written) under 1 GB peak memory (alone: `npm run bench -- --million`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCatalog, readCatalogFile } from '../sim/checks/catalog.ts';
import { referenceJitOrderCost } from '../sim/models/jit-reference.ts';
import { loadRuleSet } from '../sim/rules/rule-set.ts';
import type { FeeCase } from '../sim/rules/compile-fees.ts';
import { bracketIndex } from '../sim/data/rate-card.ts';
import { Xoshiro128 } from '../sim/random/rng.ts';
import { preparePlan } from '../sim/engine/prepare.ts';
import { column } from '../sim/engine/records.ts';
import { createRunner } from '../sim/engine/runner.ts';
import { catalogueCsv } from './catalogue-csv.ts';
import { catalogueCurve } from './catalogue-curve.ts';
import { targets } from './targets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIO = 'data/scenarios/apparel-europe.json';
const source = { rulesDir: join(ROOT, 'rules'), scenarioFile: join(ROOT, SCENARIO) };
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function child(multiplier: number, trials: number): Promise<void> {
  const plan = await preparePlan(source);
  const recs = await createRunner(plan, null).run(1, 0, trials, { volumeMultiplier: multiplier });
  const orders = column(recs, plan.layout, plan.layout.modes.jit.orders).reduce((a, b) => a + b, 0);
  process.stdout.write(JSON.stringify({ orders, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

/** Child process: read and check a 100,000-row catalogue; prints wall, CPU and peak memory. */
async function catalogChild(file: string): Promise<void> {
  const rules = await loadRuleSet(join(ROOT, 'rules'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const catalog = await readCatalogFile(file, rules.files.catalogue);
  const result = await checkCatalog(rules, catalog.skus, catalog.unchecked);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ rows: result.summary.total, unchecked: result.summary.cannotCheck, blocked: result.summary.blocked, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

/** (0) `jitsim check catalog` on 100,000 SKUs: target < 1 s and < 300 MB. */
function catalogueBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'jitsim-bench-catalog-'));
  try {
    const file = join(dir, 'skus-100k.csv');
    writeFileSync(file, catalogueCsv(100_000));
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--catalog', file], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const x = JSON.parse(r.stdout.trim().split('\n').pop()!) as { rows: number; unchecked: number; blocked: number; ms: number; cpuMs: number; maxRssMb: number };
    console.log(`catalogue check, ${fmt(x.rows)} SKUs (semicolon CSV, every weight distinct): read + check ${x.ms.toFixed(0)} ms wall, ${x.cpuMs.toFixed(0)} ms CPU (target < 1,000 ms); peak memory maxRSS ${x.maxRssMb.toFixed(0)} MB (target < 300 MB); ${fmt(x.blocked)} blocked, ${x.unchecked} cannot check`);
    // the whole command as a user runs it (the bundle: start-up, rules, every blocked SKU listed), CPU and peak memory by GNU time
    for (const json of [false, true]) {
      const time = '/usr/bin/time';
      const args = [join(ROOT, 'dist/jitsim.mjs'), 'check', 'catalog', file, ...(json ? ['--json'] : [])];
      const t = performance.now();
      const cli = existsSync(time) ? spawnSync(time, ['-f', 'cpu_s=%U+%S maxrss_kb=%M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
      const cliMs = performance.now() - t;
      if (cli.status !== 1) throw new Error(`check catalog exited ${cli.status}: ${cli.stderr.slice(0, 500)}`);
      const m = /cpu_s=([\d.]+)\+([\d.]+) maxrss_kb=(\d+)/.exec(cli.stderr);
      const usage = m ? `, ${((Number(m[1]) + Number(m[2])) * 1000).toFixed(0)} ms CPU, peak memory ${(Number(m[3]) / 1024).toFixed(0)} MB` : '';
      console.log(`  the whole CLI (node dist/jitsim.mjs check catalog${json ? ' --json' : ''}: start-up, rules, ${json ? 'JSON of every SKU' : 'every blocked SKU listed'}): ${cliMs.toFixed(0)} ms wall${usage}`);
    }
    console.log('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  catalogueBench();
  const plan = await preparePlan(source);
  const runner = createRunner(plan, null);
  const L = plan.layout;
  console.log(`jitsim bench — ${SCENARIO}; Node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})\n`);

  // (1) jitsim, one thread
  await runner.run(1, 0, 500); // warm-up (JIT compilation)
  let t = performance.now();
  const trials = 3000;
  const recs = await runner.run(1, 0, trials);
  let ms = performance.now() - t;
  const orders = column(recs, L, L.modes.jit.orders).reduce((a, b) => a + b, 0);
  const jitsimRate = orders / (ms / 1000);
  console.log(`jitsim (Poisson splitting, 1 thread): ${fmt(orders)} orders in ${trials} trials, ${ms.toFixed(0)} ms → ${fmt(jitsimRate)} orders/s (all three modes costed)`);
  t = performance.now();
  const big = await runner.run(1, 0, 1000, { volumeMultiplier: 100 });
  ms = performance.now() - t;
  const bigOrders = column(big, L, L.modes.jit.orders).reduce((a, b) => a + b, 0);
  const bigRate = bigOrders / (ms / 1000);
  console.log(`jitsim at 100× the volume:           ${fmt(bigOrders)} orders in 1000 trials, ${ms.toFixed(0)} ms → ${fmt(bigRate)} orders/s (time per trial does not grow with orders)`);

  // (2) naive: json-rules-engine per order (JIT fees only: the engine part of the model)
  const rules = plan.ctx.rules;
  const schedule = plan.scenario.schedule;
  const card = schedule.logistics;
  const fc: FeeCase = { warehouseRegion: 'overseas', parcelVolumeLitres: 2, designatedBox: true, returnRate: 0.02, countryDailyOrders: 20, oversize: false, nonPreferredWarehouse: false, newSeller: true };
  const rng = new Xoshiro128(1);
  const naiveN = 1500;
  t = performance.now();
  for (let i = 0; i < naiveN; i++) {
    fc.nonPreferredWarehouse = rng.next() < 0.05;
    fc.parcelVolumeLitres = 1 + rng.next() * 8;
    await referenceJitOrderCost(rules, schedule, fc, 14.2);
  }
  ms = performance.now() - t;
  const naiveRate = naiveN / (ms / 1000);
  console.log(`naive per-order json-rules-engine:   ${fmt(naiveN)} orders, ${ms.toFixed(0)} ms → ${fmt(naiveRate)} orders/s (JIT fees only)`);

  // (3) minimal hand-written per-order loop: draw destination, SKU, return; add a precomputed price
  const D = plan.destShare.length;
  const S = plan.skuShare.length;
  const price = new Float64Array(D * S);
  for (let d = 0; d < D; d++) for (let s = 0; s < S; s++) price[d * S + s] = card.price[plan.jitLane[d]! * card.brackets.length + bracketIndex(card.brackets, 0.5)]! + 2.7;
  const minimalN = 20_000_000;
  let sum = 0;
  t = performance.now();
  for (let i = 0; i < minimalN; i++) {
    const u = rng.next();
    let d = 0;
    for (let c = plan.destShare[0]!; u >= c && d < D - 1; c += plan.destShare[++d]!);
    const s = Math.floor(rng.next() * S);
    sum += price[d * S + s]! + (rng.next() < 0.02 ? 15 : 0);
  }
  ms = performance.now() - t;
  const minimalRate = minimalN / (ms / 1000);
  console.log(`minimal per-order loop (limit):      ${fmt(minimalN)} orders, ${ms.toFixed(0)} ms → ${fmt(minimalRate)} orders/s (one mode, no calendar; checksum ${sum.toFixed(0)})`);
  console.log(`\nratios: jitsim / naive engine = ${fmt(jitsimRate / naiveRate)}×; jitsim / minimal loop = ${(jitsimRate / minimalRate).toFixed(2)}×; at 100× volume jitsim / minimal = ${(bigRate / minimalRate).toFixed(2)}× (per-order loops cannot beat their limit, Poisson splitting is not bound by it)`);

  // (5) peak memory at two volumes (separate processes)
  console.log('');
  for (const mult of [1, 100]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(mult)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const x = JSON.parse(r.stdout.trim().split('\n').pop()!) as { orders: number; maxRssMb: number };
    console.log(`peak memory, volume ×${mult}: ${fmt(x.orders)} orders simulated in 2000 trials, maxRSS ${x.maxRssMb.toFixed(0)} MB`);
  }
}

/** `jitsim simulate` (the bundled CLI) of 1,000,000 trials × 12 months: wall time, peak memory (target < 1 GB), size of trials.csv. */
function millionBench(trials = 1_000_000): void {
  const dir = mkdtempSync(join(tmpdir(), 'jitsim-bench-million-'));
  try {
    const t = performance.now();
    const r = spawnSync('sh', [join(ROOT, 'jitsim'), 'simulate', SCENARIO, '--trials', String(trials), '--json', '--out', join(dir, 'out')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    const wall = performance.now() - t;
    if (r.status !== 0) throw new Error(`simulate exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    const x = JSON.parse(r.stdout) as { trials: number; scenario: { horizonMonths: number }; peakMemoryMb: number };
    const csv = statSync(join(dir, 'out', 'trials.csv')).size;
    console.log(`
simulate ${fmt(x.trials)} trials × ${x.scenario.horizonMonths} months (${SCENARIO}, break-even and tornado on, all cores): ${(wall / 1000).toFixed(0)} s wall; peak memory maxRSS ${fmt(x.peakMemoryMb)} MB (target < 1,024 MB: statistics in streaming form, trials.csv written as the trials run — ${(csv / 1e6).toFixed(0)} MB on disk)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Child process of the calibrate benchmark: `jitsim calibrate` (CLI code path) on one file; prints its resource use. */
async function calibrateChild(file: string, out: string): Promise<void> {
  const { main: cli } = await import('../scripts/cli.ts');
  const { memoryIo } = await import('../scripts/io.ts');
  const { loadCostContext } = await import('../sim/models/context.ts');
  const { calibrate } = await import('../sim/calibrate/calibrate.ts');
  // the work of calibrate alone (rules and data already loaded), then the whole command as a user runs it
  const ctx = await loadCostContext(join(ROOT, 'rules'));
  const c0 = process.resourceUsage();
  let t = performance.now();
  await calibrate(ctx, { file, shownFile: file });
  const coreMs = performance.now() - t;
  const c1 = process.resourceUsage();
  t = performance.now();
  const io = memoryIo(ROOT);
  const code = await cli(['calibrate', file, '--out', out, '--force'], io);
  if (code !== 0) throw new Error(io.stderr);
  const cliMs = performance.now() - t;
  const ru = process.resourceUsage();
  process.stdout.write(JSON.stringify({ coreMs, coreCpuMs: (c1.userCPUTime + c1.systemCPUTime - c0.userCPUTime - c0.systemCPUTime) / 1000, cliMs, maxRssMb: ru.maxRSS / 1024 }) + '\n');
}

/** (6) 1,000,000 orders calibrated: the file is generated in a temporary folder, calibrated in a fresh process. */
async function benchCalibrate(): Promise<void> {
  const { mkdtempSync, openSync, writeSync, closeSync, rmSync, statSync } = await import('node:fs');
  const { SAMPLE_PARAMS, writeSynthOrders } = await import('../sim/calibrate/synth.ts');
  const dir = mkdtempSync(join(tmpdir(), 'jitsim-bench-calibrate-'));
  try {
    const file = join(dir, 'orders-1m.csv');
    const fd = openSync(file, 'w');
    let buf: string[] = [];
    // the sample's parameters at 1,760 orders/day: just over 1,000,000 orders over 15 months
    const n = writeSynthOrders({ ...SAMPLE_PARAMS, ordersPerDay: 1760 }, () => 20, (l) => {
      buf.push(l);
      if (buf.length >= 20000) {
        writeSync(fd, buf.join('\n') + '\n');
        buf = [];
      }
    });
    writeSync(fd, buf.join('\n') + '\n');
    closeSync(fd);
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--calibrate-child', file, join(dir, 'scenario.json')], { cwd: ROOT, encoding: 'utf8' });
    const wall = performance.now() - t;
    if (r.status !== 0) throw new Error(r.stderr);
    const x = JSON.parse(r.stdout.trim().split('\n').pop()!) as { coreMs: number; coreCpuMs: number; cliMs: number; maxRssMb: number };
    console.log(`\ncalibrate, ${fmt(n)} orders (${(statSync(file).size / 1e6).toFixed(0)} MB CSV): read + fit + scenario ${(x.coreMs / 1000).toFixed(1)} s wall (${(x.coreCpuMs / 1000).toFixed(1)} s CPU); the whole command (loading rules and data, writing and validating the scenario) ${(x.cliMs / 1000).toFixed(1)} s; peak memory maxRSS ${x.maxRssMb.toFixed(0)} MB; child process ${(wall / 1000).toFixed(1)} s incl. tsx start-up and both runs (target < 10 s, < 1 GB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf('--child');
const c = process.argv.indexOf('--calibrate-child');
const k = process.argv.indexOf('--catalog');
if (i >= 0) await child(Number(process.argv[i + 1]), 2000);
else if (c >= 0) await calibrateChild(process.argv[c + 1]!, process.argv[c + 2]!);
else if (k >= 0) await catalogChild(process.argv[k + 1]!);
else if (process.argv.includes('--calibrate')) await benchCalibrate();
else if (process.argv.includes('--only-catalog')) catalogueBench();
else if (process.argv.includes('--catalogue-curve')) catalogueCurve();
else if (process.argv.includes('--million')) millionBench();
else {
  await targets();
  if (!process.argv.includes('--targets-only')) {
    await main();
    await benchCalibrate();
    catalogueCurve();
    millionBench();
  }
}

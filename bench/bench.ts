/**
 * `npm run bench`: first the issue-14 targets (bench/targets.ts: start-up of the commands, the
 * default simulate, scaling over processes), then the speed of the simulator's engine (not a test —
 * tests check correctness only). `npm run bench -- --targets-only` stops after the targets.
 * Prints simulated orders/second of (1) jitsim's Poisson-split loop, (2) a naive per-order
 * json-rules-engine evaluation (referenceJitOrderCost, one engine run per order), (3) a minimal
 * hand-written per-order loop (the practical limit of per-order simulation); their ratios; the wall
 * time of the default scenario at 10,000 trials × 12 months (the CLI, all cores); and the peak
 * memory (maxRSS) at two order volumes, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceJitOrderCost } from '../sim/models/jit-reference.ts';
import type { FeeCase } from '../sim/rules/compile-fees.ts';
import { bracketIndex } from '../sim/data/rate-card.ts';
import { Xoshiro128 } from '../sim/random/rng.ts';
import { preparePlan } from '../sim/sim/prepare.ts';
import { column } from '../sim/sim/records.ts';
import { createRunner } from '../sim/sim/runner.ts';
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

async function main(): Promise<void> {
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

const i = process.argv.indexOf('--child');
if (i >= 0) await child(Number(process.argv[i + 1]), 2000);
else {
  await targets();
  if (!process.argv.includes('--targets-only')) await main();
}

/**
 * Issue 19's curve: `jitsim simulate` at 4, 50, 500 and 5,000 SKUs × 10,000 trials × 12 months,
 * break-even and tornado on (the command's defaults), each in its own process: wall time and peak
 * memory (maxRSS, GNU time), run as the README tells users (`./jitsim`, the bundled CLI), and the ratio 5,000 SKUs vs 4. The catalogues are made here, not
 * committed: data/scenarios/home-latam.json's SKUs repeated with varied weights (and volumes), the
 * same total demand split evenly over the copies.
 *
 *   npx tsx bench/catalogue-curve.ts                    # the curve (also part of `npm run bench`)
 *   npx tsx bench/catalogue-curve.ts --write 5000 f.json   # just write a 5,000-SKU scenario
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioFile } from '../sim/scenario/schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE = 'data/scenarios/home-latam.json';

type Sku = ScenarioFile['skus'][number];
type Num = Sku['weightKg'];

/** A number or a distribution scaled by f (its location and bounds; a normal's sd too). */
function scale(x: Num, f: number): Num {
  if (typeof x === 'number') return Math.round(x * f * 1e4) / 1e4;
  const r = (v: number) => Math.round(v * f * 1e4) / 1e4;
  const o = { ...x } as Record<string, unknown>;
  for (const k of ['min', 'mode', 'max', 'mean', 'sd', 'value']) if (typeof o[k] === 'number') o[k] = r(o[k] as number);
  return o as Num;
}

/**
 * Weight factors of the copies: 16 values over 0.5–1.5. Bounded on purpose: every distinct PERT
 * distribution costs a 4,097-knot quantile table at start-up (sim/random/dist.ts, ~33 KB, computed
 * or read from the cache, and sent to each worker), a cost that grows with the number of distinct
 * distributions, not with the engine's work; the curve measures the engine. (Measured 2026-11-30 at
 * load average ~20: 5,000 SKUs whose weights and volumes are all distinct PERTs — 3,333 tables — took
 * 41 s CPU to build the plan with an empty cache, and 411 MB in one thread: not solved yet.)
 */
const WEIGHT_FACTORS = Array.from({ length: 16 }, (_, j) => 0.5 + ((j * 7) % 16) / 15);

/**
 * `n` SKUs: copy i of the base scenario's SKU (i mod its SKU count), its weight (and volume) scaled
 * by one of {@link WEIGHT_FACTORS} (deterministic), its share divided
 * among the copies so that each base SKU keeps its share of the demand.
 */
export function repeatCatalogue(base: ScenarioFile, n: number): ScenarioFile {
  const k = base.skus.length;
  const skus = Array.from({ length: n }, (_, i) => {
    const b = base.skus[i % k]!;
    const copies = Math.floor(n / k) + (i % k < n % k ? 1 : 0);
    const f = i < k ? 1 : WEIGHT_FACTORS[Math.floor(i / k) % WEIGHT_FACTORS.length]!;
    return { ...b, id: `${b.id}-${i + 1}`, share: b.share / copies, weightKg: scale(b.weightKg, f), ...(b.volumeLitres !== undefined ? { volumeLitres: scale(b.volumeLitres, f) } : {}) } as Sku;
  });
  return { ...base, name: `${base.name}-${n}-skus`, skus };
}

function baseScenario(): ScenarioFile {
  const doc = JSON.parse(readFileSync(join(ROOT, BASE), 'utf8')) as ScenarioFile & { $schema?: string };
  delete doc.$schema;
  return doc;
}

/** Runs the curve and prints it. */
export function catalogueCurve(sizes = [4, 50, 500, 5000], trials = 10_000): void {
  const time = '/usr/bin/time';
  if (!existsSync(time)) {
    console.log(`\ncatalogue curve: not measured — it needs GNU time (${time}, Debian package "time") for the peak memory`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jitsim-curve-'));
  const rows: { n: number; wall: number; cpu: number; rssMb: number; classes: number | null }[] = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `home-latam-${n}.json`);
      writeFileSync(file, JSON.stringify(repeatCatalogue(baseScenario(), n), null, 1) + '\n');
      const out = join(dir, `out-${n}`);
      const load0 = loadavg()[0]!;
      const t0 = performance.now();
      const r = spawnSync(time, ['-f', 'maxrss_kb=%M cpu_s=%U+%S', join(ROOT, 'jitsim'), 'simulate', file, '--trials', String(trials), '--seed', '1', '--out', out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
      const wall = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`simulate of ${n} SKUs failed (${r.status}): ${r.stderr.slice(-2000)}`);
      const rss = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
      // CPU time (user + system, all threads): the honest figure on a machine shared with other work
      const cpuM = /cpu_s=([\d.]+)\+([\d.]+)/.exec(r.stderr);
      const cpu = cpuM ? Number(cpuM[1]) + Number(cpuM[2]) : NaN;
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { skuCosts?: { meanClasses: number } };
      rows.push({ n, wall, cpu, rssMb: rss, classes: summary.skuCosts?.meanClasses ?? null });
      console.log(`catalogue curve: ${n.toLocaleString('en-US').padStart(5)} SKUs × ${trials.toLocaleString('en-US')} trials × 12 months, break-even + tornado: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, peak memory ${rss.toFixed(0)} MB (maxRSS, incl. worker threads); ${rows.at(-1)!.classes?.toFixed(1) ?? '?'} cost classes per trial; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} (on a shared machine compare the CPU times)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const first = rows[0]!;
  const last = rows.at(-1)!;
  console.log(`catalogue curve: ${last.n.toLocaleString('en-US')} SKUs vs ${first.n}: wall ×${(last.wall / first.wall).toFixed(2)} (target ≤ 3×), CPU ×${(last.cpu / first.cpu).toFixed(2)}, peak memory ${last.rssMb.toFixed(0)} MB (target < 1,024 MB)`);
}

const w = process.argv.indexOf('--write');
if (w >= 0) writeFileSync(process.argv[w + 2]!, JSON.stringify(repeatCatalogue(baseScenario(), Number(process.argv[w + 1])), null, 1) + '\n');
else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) catalogueCurve();

/**
 * `jitsim simulate <scenario> --shard k/n` (run one shard, write a partial result) and
 * `jitsim simulate <scenario> --queue redis://…` (enqueue the shards for `jitsim serve-worker`,
 * wait, merge). Loaded only for those options.
 */
import { basename, join } from 'node:path';
import { assertShardFits, parseShard, runShard, writePartial } from '../../sim/shard.ts';
import { preparePlan, type PlanSource } from '../../sim/engine/prepare.ts';
import { createRunner, startPool } from '../../sim/engine/runner.ts';
import { EXIT } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { displayPath, progressBar, userPath, wholeNumber } from './shared.ts';
import { slug } from '../../reports/render/safe.ts';
import { checkSimulateOut, peakMemoryMb, writeAndPrint, type SimulateCliOptions } from './simulate-common.ts';
import { M } from './messages.ts';

export interface ShardCliOptions extends Omit<SimulateCliOptions, 'trials' | 'seed' | 'workers'> {
  trials: number;
  /** --tornado-top, checked. */
  sensitivityTop?: number;
  seed: number;
  workers: number;
}

export async function runSharded(io: Io, file: string, source: PlanSource, o: ShardCliOptions): Promise<number> {
  const zh = o.lang === 'zh';
  if (o.queue !== undefined) {
    const { runOnQueue } = await import('../../sim/queue.ts');
    const shards = o.shards !== undefined ? wholeNumber('--shards', o.shards, 1) : undefined;
    const plan = await preparePlan(source);
    const outDir = userPath(io, o.out ?? join('reports', 'out', 'simulate', slug(plan.scenario.spec.name || basename(file, '.json'))));
    await checkSimulateOut(io, outDir, o.out ?? displayPath(io, outDir), o.lang);
    const result = await runOnQueue(o.queue, plan, source, {
      seed: o.seed,
      trials: o.trials,
      ...(shards !== undefined ? { shards } : {}),
      breakEven: o.breakEven !== false,
      sensitivity: o.sensitivity !== false,
      ...(o.sensitivityTop !== undefined ? { sensitivityTop: o.sensitivityTop } : {}),
      ...(io.progress && !o.json ? { onProgress: progressBar(io, M.queueProgress[zh ? 'zh' : 'en']) } : {}),
      log: (en, zhText) => io.err(zh ? zhText : en),
    });
    return writeAndPrint(io, result, o, outDir);
  }
  const shard = parseShard(o.shard!);
  const pool = startPool(source, o.workers);
  let plan;
  try {
    plan = await preparePlan(source);
  } catch (e) {
    await pool?.pool.destroy();
    throw e;
  }
  const runner = createRunner(plan, pool);
  const name = slug(plan.scenario.spec.name || basename(file, '.json'));
  const path = join(userPath(io, o.out ?? join('reports', 'out', 'simulate', name, 'shards')), `${name}.shard-${shard.k}-of-${shard.n}.partial`);
  assertShardFits(plan, { trials: o.trials, shard });
  let partial;
  try {
    // the records go to the partial file batch by batch as they run (never all in memory)
    partial = await writePartial(path, async (write) => {
      const p = await runShard(plan, runner, { seed: o.seed, trials: o.trials, shard, breakEven: o.breakEven !== false, sensitivity: o.sensitivity !== false, ...(o.sensitivityTop !== undefined ? { sensitivityTop: o.sensitivityTop } : {}), scenarioFile: source.scenarioFile, ...(io.progress && !o.json ? { onProgress: progressBar(io) } : {}) }, write);
      return { header: p.header, value: p };
    });
  } finally {
    await runner.close();
  }
  const h = partial.header;
  if (o.json) io.out(JSON.stringify({ ok: true, partial: displayPath(io, path), shard: h.shard, trials: { from: h.from, to: h.to, of: h.trials }, seed: h.seed, peakMemoryMb: peakMemoryMb() }, null, 2));
  else {
    io.out(M.shardDone(shard.k, shard.n, h.from, h.to - 1, h.trials, h.seed, Boolean(h.side))[o.lang]);
    io.out(M.shardWrote(displayPath(io, path), shard.n)[o.lang]);
  }
  return EXIT.ok;
}

/**
 * `jitsim simulate <scenario> --shard k/n` (run one shard, write a partial result) and
 * `jitsim simulate <scenario> --queue redis://…` (enqueue the shards for `jitsim serve-worker`,
 * wait, merge). Loaded only for those options.
 */
import { basename, join } from 'node:path';
import { text } from '../../sim/i18n/index.ts';
import { parseShard, runShard, writePartial } from '../../sim/shard.ts';
import { preparePlan, type PlanSource } from '../../sim/sim/prepare.ts';
import { createRunner, startPool } from '../../sim/sim/runner.ts';
import { EXIT } from '../exit-codes.ts';
import type { Io } from '../io.ts';
import { displayPath, progressBar, userPath, wholeNumber } from './shared.ts';
import { slug } from '../../reports/render/safe.ts';
import { checkSimulateOut, peakMemoryMb, writeAndPrint, type SimulateCliOptions } from './simulate-common.ts';

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
      ...(io.progress && !o.json ? { onProgress: progressBar(io, zh ? '队列 ' : 'queue ') } : {}),
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
  let partial;
  try {
    partial = await runShard(plan, runner, { seed: o.seed, trials: o.trials, shard, breakEven: o.breakEven !== false, sensitivity: o.sensitivity !== false, ...(o.sensitivityTop !== undefined ? { sensitivityTop: o.sensitivityTop } : {}), scenarioFile: source.scenarioFile, ...(io.progress && !o.json ? { onProgress: progressBar(io) } : {}) });
  } finally {
    await runner.close();
  }
  const name = slug(plan.scenario.spec.name || basename(file, '.json'));
  const path = join(userPath(io, o.out ?? join('reports', 'out', 'simulate', name, 'shards')), `${name}.shard-${shard.k}-of-${shard.n}.partial`);
  await writePartial(path, partial);
  const h = partial.header;
  if (o.json) io.out(JSON.stringify({ ok: true, partial: displayPath(io, path), shard: h.shard, trials: { from: h.from, to: h.to, of: h.trials }, seed: h.seed, peakMemoryMb: peakMemoryMb() }, null, 2));
  else {
    io.out(text(`Shard ${shard.k}/${shard.n}: trials ${h.from}–${h.to - 1} of ${h.trials} (seed ${h.seed})${h.side ? ', with the break-even runs (the sensitivity is computed at the merge)' : ''}`, `分片 ${shard.k}/${shard.n}：第 ${h.from}–${h.to - 1} 次试验，共 ${h.trials} 次（种子 ${h.seed}）${h.side ? '，含盈亏平衡分析（敏感性在合并时计算）' : ''}`)[o.lang]);
    io.out(text(`Wrote: ${displayPath(io, path)} — combine all ${shard.n} with: jitsim merge <partials…>`, `已写入：${displayPath(io, path)} — 全部 ${shard.n} 个分片用 jitsim merge <分片文件…> 合并`)[o.lang]);
  }
  return EXIT.ok;
}

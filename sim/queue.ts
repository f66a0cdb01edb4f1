/**
 * The queue runner: simulation shards as BullMQ jobs on Redis. `runOnQueue` (jitsim simulate
 * … --queue) enqueues the n shards of a run, waits for them (progress from the workers' reports) and
 * merges them exactly as `jitsim merge` does; `serveWorker` (jitsim serve-worker) takes shard jobs
 * one at a time on any number of machines. A shard whose worker dies is not lost: its lock expires,
 * BullMQ's stalled-job check puts it back in the queue and another worker runs it again — a shard's
 * records depend only on (scenario, rules, data, seed, trial indices), so the result is unchanged.
 *
 * A job carries the scenario's text and the plan key (scenario hash, data and rules fingerprints);
 * a worker whose rules or data differ refuses the job (it fails for good, with the reason) rather
 * than compute something else.
 */
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserInputError } from './errors.ts';
import { text } from './i18n/index.ts';
import { runFootprint } from './engine/limits.ts';
import { assertMergeFits, checkPartials, decodePartial, encodePartial, mergePartials, planKey, runShard, type ShardOptions } from './shard.ts';
import type { SimPlan } from './engine/plan.ts';
import { preparePlan, type PlanSource } from './engine/prepare.ts';
import { createRunner, startPool, type WorkerPool } from './engine/runner.ts';
import type { SimulationResult } from './simulate.ts';

export const QUEUE_NAME = 'jitsim-shards';

/** What a shard job carries. */
export type ShardJobData = Omit<ShardOptions, 'onProgress'> & {
  scenarioText: string;
  planKey: string;
};

/** ioredis options from a redis:// URL. @throws {UserInputError} */
export function redisOptions(url: string): { host: string; port: number; db: number; username?: string; password?: string; maxRetriesPerRequest: null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    u = new URL('invalid://');
  }
  if (u.protocol !== 'redis:' || !u.hostname)
    throw new UserInputError(text(`--queue ${url} is not a redis:// URL`, `--queue ${url} 不是 redis:// 地址`), text('write e.g. --queue redis://127.0.0.1:6379 (or redis://user:password@host:port/db)', '请写成如 --queue redis://127.0.0.1:6379'));
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

export interface QueueRunOptions {
  seed: number;
  trials: number;
  /** Number of shards (default: 4 per connected worker, 4 to 64). */
  shards?: number;
  breakEven: boolean;
  sensitivity: boolean;
  /** Entries of the sensitivity ranking given a swing (default 5; the swings run at the merge). */
  sensitivityTop?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  log?: (en: string, zh: string) => void;
  /** Give up waiting after this many ms (default: no limit). */
  timeoutMs?: number;
}

/** Enqueues the shards of a run, waits for every one, merges. */
export async function runOnQueue(url: string, plan: SimPlan, source: PlanSource, o: QueueRunOptions): Promise<SimulationResult> {
  // the shards' answers (every trial's record, base64) are held here until the merge replays them:
  // refused before any shard is queued when they cannot fit here
  const f = runFootprint(plan);
  assertMergeFits(o.trials, { ...f, bytesPerTrial: f.bytesPerTrial + plan.layout.stride * 8 * 3 });
  const connection = redisOptions(url);
  const queue = new Queue<ShardJobData>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const workers = await queue.getWorkersCount();
    const n = Math.max(1, Math.min(o.trials, o.shards ?? Math.min(64, Math.max(4, 4 * workers))));
    if (workers === 0) o.log?.(`no jitsim serve-worker is connected to ${url} yet: the ${n} shards wait in the queue`, `尚无 jitsim serve-worker 连接到 ${url}：${n} 个分片在队列中等待`);
    const run = randomBytes(6).toString('hex');
    const scenarioText = await readFile(source.scenarioFile, 'utf8');
    const key = planKey(plan);
    const jobs = await queue.addBulk(
      Array.from({ length: n }, (_, i) => ({
        name: 'shard',
        data: { scenarioFile: source.scenarioFile, scenarioText, planKey: key, seed: o.seed, trials: o.trials, shard: { k: i + 1, n }, breakEven: o.breakEven, sensitivity: o.sensitivity, ...(o.sensitivityTop !== undefined ? { sensitivityTop: o.sensitivityTop } : {}) },
        opts: { jobId: `${run}-${i + 1}`, attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false },
      })),
    );
    const ids = new Set(jobs.map((j) => j.id!));
    const share = new Map<string, number>();
    const trialsOf = (id: string) => {
      const k = Number(id.slice(run.length + 1));
      return Math.floor((k * o.trials) / n) - Math.floor(((k - 1) * o.trials) / n);
    };
    const report = () => o.onProgress?.(Math.round([...share].reduce((s, [id, f]) => s + f * trialsOf(id), 0)), o.trials, 'trials');
    events.on('progress', ({ jobId, data }) => {
      if (!ids.has(jobId) || typeof data !== 'number') return;
      share.set(jobId, Math.max(share.get(jobId) ?? 0, data));
      report();
    });
    events.on('completed', ({ jobId }) => {
      if (!ids.has(jobId)) return;
      share.set(jobId, 1);
      report();
    });
    let results: string[];
    try {
      results = (await Promise.all(jobs.map((j) => j.waitUntilFinished(events, o.timeoutMs)))) as string[];
    } catch (e) {
      throw new UserInputError(text(`a shard failed on the queue: ${e instanceof Error ? e.message : String(e)}`, `队列中有分片失败：${e instanceof Error ? e.message : String(e)}`), text('check the serve-worker logs; a worker must run the same rules and data as this machine', '请检查 serve-worker 的日志；工作进程须使用与本机相同的规则和数据'), { cause: e, code: 'SHARD_FAILED' });
    }
    const parts = results.map((r, i) => ({ file: `job ${jobs[i]!.id}`, p: decodePartial(`job ${jobs[i]!.id}`, Buffer.from(r, 'base64')) }));
    const merged = await mergePartials(plan, checkPartials(parts));
    await Promise.all(jobs.map((j) => j.remove().catch(() => {})));
    return merged;
  } finally {
    await events.close();
    await queue.close();
  }
}

export interface ServeOptions {
  rulesDir: string;
  /** Worker threads per shard. */
  workers: number;
  /** Lock time of a job (ms): a job whose worker stops renewing it is retried after this (default 30 s). */
  lockDurationMs?: number;
  log?: (en: string, zh: string) => void;
}

/** Processes shard jobs until `stop` is called; returns the BullMQ worker and a stop function. */
export async function serveWorker(url: string, o: ServeOptions): Promise<{ worker: Worker; stop: () => Promise<void> }> {
  const connection = redisOptions(url);
  const dir = await mkdtemp(join(tmpdir(), 'jitsim-worker-'));
  const plans = new Map<string, { plan: SimPlan; pool: WorkerPool | null }>();
  const processor = async (job: Job<ShardJobData>): Promise<string> => {
    const d = job.data;
    let entry = plans.get(d.planKey);
    if (!entry) {
      const file = join(dir, `${randomBytes(4).toString('hex')}-${basename(d.scenarioFile)}`);
      await writeFile(file, d.scenarioText);
      const source = { rulesDir: o.rulesDir, scenarioFile: file };
      const plan = await preparePlan(source);
      if (planKey(plan) !== d.planKey) throw new UnrecoverableError(`this worker's rules or data differ from the enqueuing side's (plan ${planKey(plan).slice(0, 24)}… ≠ ${d.planKey.slice(0, 24)}…): run the same jitsim checkout on both`);
      for (const [k, v] of plans) {
        await v.pool?.pool.destroy();
        plans.delete(k);
      }
      entry = { plan, pool: startPool(source, o.workers) };
      plans.set(d.planKey, entry);
    }
    o.log?.(`shard ${d.shard.k}/${d.shard.n} of ${d.scenarioFile} (job ${job.id}, attempt ${job.attemptsMade + 1})`, `分片 ${d.shard.k}/${d.shard.n}：${d.scenarioFile}（任务 ${job.id}，第 ${job.attemptsMade + 1} 次尝试）`);
    // tests only: hold the shard here so that a test can kill this worker mid-shard, on any machine speed
    const hold = Number(process.env.JITSIM_TEST_HOLD_SHARD_MS);
    if (hold > 0) await new Promise((r) => setTimeout(r, hold));
    const runner = createRunner(entry.plan, entry.pool);
    const total = Math.floor((d.shard.k * d.trials) / d.shard.n) - Math.floor(((d.shard.k - 1) * d.trials) / d.shard.n);
    let last = 0;
    const partial = await runShard(entry.plan, runner, {
      seed: d.seed,
      trials: d.trials,
      shard: d.shard,
      breakEven: d.breakEven,
      sensitivity: d.sensitivity,
      ...(d.sensitivityTop !== undefined ? { sensitivityTop: d.sensitivityTop } : {}),
      scenarioFile: d.scenarioFile,
      onProgress: (done) => {
        const f = done / Math.max(1, total);
        if (f - last >= 0.05 || done === total) {
          last = f;
          void job.updateProgress(f).catch(() => {});
        }
      },
    });
    return encodePartial(partial).toString('base64');
  };
  const lockDuration = o.lockDurationMs ?? 30_000;
  const worker = new Worker<ShardJobData, string>(QUEUE_NAME, processor, { connection, concurrency: 1, lockDuration, stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)), maxStalledCount: 3 });
  worker.on('failed', (job, err) => o.log?.(`job ${job?.id ?? '?'} failed: ${err.message}`, `任务 ${job?.id ?? '?'} 失败：${err.message}`));
  await worker.waitUntilReady();
  return {
    worker,
    stop: async () => {
      await worker.close();
      for (const v of plans.values()) await v.pool?.pool.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

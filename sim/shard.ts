/**
 * Shards of a simulation: shard k of n runs a contiguous range of the trial indices (every trial
 * seeds its own generator from (seed, trial index), so a trial's result does not depend on where it
 * runs) and writes a partial result; merging the n partials puts the records back in trial order
 * and finishes exactly as a single run does (`assembleResult`), so summary.json, trials.csv and
 * monthly.csv (and skus.csv) are byte-identical to a single-machine run of the same scenario and seed, for any n.
 *
 * Shard 1 also runs the break-even search (it uses its own first trials, not the main ones). The
 * sensitivity ranks inputs on every trial, so it is computed at the merge, from the merged records
 * (with its few one-at-a-time swings run there, in this thread), exactly as a single run computes it.
 *
 * A partial file: one line of JSON (the header), then the records as little-endian float64.
 */
import { open, readFile, rename, mkdir } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { UserInputError } from './errors.ts';
import { text } from './i18n/index.ts';
import { assembleResult, sensitivityOf, sideAnalyses, type SideResults, type SimulationResult } from './simulate.ts';
import { trialLimit } from './engine/limits.ts';
import { createRunner } from './engine/runner.ts';
import type { SimPlan } from './engine/plan.ts';
import type { Runner } from './engine/runner.ts';

export const PARTIAL_FORMAT = 'jitsim-partial-1';

/** Shard k (1-based) of n. */
export interface ShardSpec {
  k: number;
  n: number;
}

/** Everything a merge needs to check that partials belong together, and to finish the run. */
export interface PartialHeader {
  format: typeof PARTIAL_FORMAT;
  /** Scenario file as given to the shard run (the merge loads it again), its name, and the plan key (scenario hash, data and rules fingerprints). */
  scenarioFile: string;
  scenarioName: string;
  planKey: string;
  seed: number;
  trials: number;
  shard: ShardSpec;
  /** Trial indices from..to-1. */
  from: number;
  to: number;
  stride: number;
  breakEven: boolean;
  sensitivity: boolean;
  /** Entries of the sensitivity ranking given a swing (computed at the merge). */
  sensitivityTop?: number;
  /** Shard 1 only: the break-even results. */
  side: SideResults | null;
}

export interface PartialResult {
  header: PartialHeader;
  records: Float64Array;
}

/** "k/n" → { k, n }. @throws {UserInputError} */
export function parseShard(v: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(k >= 1) || k > n) throw new UserInputError(text(`--shard ${v} is not of the form k/n with 1 ≤ k ≤ n`, `--shard ${v} 不是 k/n 形式（1 ≤ k ≤ n）`), text('write e.g. --shard 2/4 for the second of four shards', '请写成如 --shard 2/4（四个分片中的第二个）'));
  return { k, n };
}

/** The trial range of shard k of n over `trials` trials: as equal as possible, in order. */
export function shardRange(trials: number, s: ShardSpec): { from: number; to: number } {
  return { from: Math.floor(((s.k - 1) * trials) / s.n), to: Math.floor((s.k * trials) / s.n) };
}

/** The key that identifies a plan's inputs: scenario, data and rules. */
export function planKey(plan: SimPlan): string {
  return `${plan.scenario.hash}:${plan.ctx.data.fingerprint}:${plan.ctx.rules.fingerprint}`;
}

export interface ShardOptions {
  seed: number;
  trials: number;
  shard: ShardSpec;
  breakEven: boolean;
  sensitivity: boolean;
  sensitivityTop?: number;
  scenarioFile: string;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Runs one shard. The side analyses use the same number of trials as a single run (min(trials, 100)). */
export async function runShard(plan: SimPlan, runner: Runner, o: ShardOptions): Promise<PartialResult> {
  const { from, to } = shardRange(o.trials, o.shard);
  // before any work: this shard's records must fit here (the merge is checked where it runs)
  const limit = trialLimit(plan.layout);
  if (to - from > limit.maxTrials) {
    const count = (n: number) => n.toLocaleString('en-US');
    const need = Math.ceil(o.trials / limit.maxTrials);
    throw new UserInputError(
      text(`--shard ${o.shard.k}/${o.shard.n} of --trials ${count(o.trials)} runs ${count(to - from)} trials, which cannot fit in memory here (at most ${count(limit.maxTrials)} trials of this scenario, about ${count(limit.bytesPerTrial)} bytes each)`, `--trials ${count(o.trials)} 的分片 ${o.shard.k}/${o.shard.n} 需运行 ${count(to - from)} 次试验，超出本机内存上限（本场景最多 ${count(limit.maxTrials)} 次，每次约 ${count(limit.bytesPerTrial)} 字节）`),
      text(`split the run into at least ${need} shards (--shard k/${need})`, `请至少分成 ${need} 片（--shard k/${need}）`),
      { code: 'TOO_MANY_TRIALS' },
    );
  }
  const records = await runner.run(o.seed, from, to, {}, (done) => o.onProgress?.(done, to - from, 'trials'));
  const side = o.shard.k === 1 ? await sideAnalyses(plan, runner, o.seed, Math.min(o.trials, 100), o) : null;
  return {
    header: { format: PARTIAL_FORMAT, scenarioFile: o.scenarioFile, scenarioName: plan.scenario.spec.name, planKey: planKey(plan), seed: o.seed, trials: o.trials, shard: o.shard, from, to, stride: plan.layout.stride, breakEven: o.breakEven, sensitivity: o.sensitivity, ...(o.sensitivityTop !== undefined ? { sensitivityTop: o.sensitivityTop } : {}), side },
    records,
  };
}

/** JSON that keeps NaN, ±Infinity and -0 (plain JSON would turn them into null and 0). */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { $num: Object.is(v, -0) ? '-0' : String(v) } : v));
}

export function parseExactJson<T>(s: string): T {
  return JSON.parse(s, (_k, v) => (v !== null && typeof v === 'object' && typeof (v as { $num?: unknown }).$num === 'string' && Object.keys(v).length === 1 ? Number((v as { $num: string }).$num) : v)) as T;
}

/** The partial as bytes: a JSON header line, then the records (little-endian float64). */
export function encodePartial(p: PartialResult): Buffer {
  if (endianness() !== 'LE') throw new Error('partial results are written on little-endian machines only');
  const head = Buffer.from(exactJson(p.header) + '\n');
  return Buffer.concat([head, Buffer.from(p.records.buffer, p.records.byteOffset, p.records.byteLength)]);
}

/** Reads bytes written by {@link encodePartial}. @throws {UserInputError} when they are not a partial result. */
export function decodePartial(file: string, bytes: Buffer): PartialResult {
  const nl = bytes.indexOf(10);
  let header: PartialHeader | undefined;
  try {
    header = nl > 0 ? parseExactJson<PartialHeader>(bytes.subarray(0, nl).toString('utf8')) : undefined;
  } catch {
    header = undefined;
  }
  const body = bytes.subarray(nl + 1);
  const expected = header ? (header.to - header.from) * header.stride * 8 : -1;
  if (!header || header.format !== PARTIAL_FORMAT || body.length !== expected)
    throw new UserInputError(text(`${file} is not a jitsim partial result (or it is truncated)`, `${file} 不是 jitsim 分片结果（或已截断）`), text('give the files written by `jitsim simulate … --shard k/n`', '请给出 `jitsim simulate … --shard k/n` 写出的文件'), { code: 'BAD_PARTIAL' });
  const records = new Float64Array(body.length / 8);
  Buffer.from(records.buffer).set(body);
  return { header, records };
}

/** Writes a partial atomically. */
export async function writePartial(path: string, p: PartialResult): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(encodePartial(p));
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

export async function readPartial(path: string): Promise<PartialResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new UserInputError(text(`cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取 ${path}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`), text('check the path of the partial result', '请检查分片结果的路径'), { cause, code: 'CANNOT_READ' });
  }
  return decodePartial(path, bytes);
}

/**
 * Checks that the partials are the n shards of one run (same plan, seed, trials, options; each
 * shard once) and returns them in shard order. @throws {UserInputError} naming what does not fit.
 */
export function checkPartials(parts: readonly { file: string; p: PartialResult }[]): PartialResult[] {
  const bad = (en: string, zh: string) => new UserInputError(text(en, zh), text('merge the partials of one `jitsim simulate … --shard k/n` run: same scenario, rules, data, seed, --trials and options, each k from 1 to n once', '请合并同一次 `jitsim simulate … --shard k/n` 运行的分片：相同的情景、规则、数据、种子、--trials 与选项，k 从 1 到 n 各一次'), { code: 'BAD_PARTIALS' });
  if (parts.length === 0) throw bad('no partial results given', '未给出分片结果');
  const first = parts[0]!.p.header;
  const same = (h: PartialHeader) => h.planKey === first.planKey && h.seed === first.seed && h.trials === first.trials && h.shard.n === first.shard.n && h.breakEven === first.breakEven && h.sensitivity === first.sensitivity && h.sensitivityTop === first.sensitivityTop && h.stride === first.stride;
  for (const { file, p } of parts) {
    if (!same(p.header)) throw bad(`${file} is from a different run than ${parts[0]!.file} (scenario, rules, data, seed, trials, n or options differ)`, `${file} 与 ${parts[0]!.file} 不属于同一次运行（情景、规则、数据、种子、试验次数、n 或选项不同）`);
  }
  const byK = new Map<number, PartialResult>();
  for (const { file, p } of parts) {
    if (byK.has(p.header.shard.k)) throw bad(`shard ${p.header.shard.k}/${first.shard.n} is given twice (${file})`, `分片 ${p.header.shard.k}/${first.shard.n} 重复给出（${file}）`);
    byK.set(p.header.shard.k, p);
  }
  const missing = Array.from({ length: first.shard.n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  if (missing.length) throw bad(`missing shard(s) ${missing.map((k) => `${k}/${first.shard.n}`).join(', ')}`, `缺少分片 ${missing.map((k) => `${k}/${first.shard.n}`).join('、')}`);
  return [...byK.keys()].sort((a, b) => a - b).map((k) => byK.get(k)!);
}

/**
 * The merge holds every trial's record, as a single run does: refused up front (exit 2) when they
 * cannot fit here, naming the limit — the shards may run on small machines, the merge needs one
 * with the memory of the whole run.
 */
export function assertMergeFits(trials: number, stride: number, limit = trialLimit({ stride })): void {
  if (trials <= limit.maxTrials) return;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new UserInputError(
    text(`merging ${count(trials)} trials cannot fit in memory here: each trial keeps about ${count(limit.bytesPerTrial)} bytes, at most ${count(limit.maxTrials)} trials of this scenario fit on this machine`, `合并 ${count(trials)} 次试验超出本机内存上限：每次试验约占 ${count(limit.bytesPerTrial)} 字节，本机最多可容纳本场景 ${count(limit.maxTrials)} 次试验`),
    text(`merge on a machine with more memory (the shards can run anywhere), or run fewer trials (at most ${count(limit.maxTrials)})`, `请在内存更大的机器上合并（分片可在任何机器上运行），或减少试验次数（不超过 ${count(limit.maxTrials)}）`),
    { code: 'TOO_MANY_TRIALS' },
  );
}

/** Merges checked partials (in shard order) of `plan` into the result a single run gives. */
export async function mergePartials(plan: SimPlan, parts: readonly PartialResult[]): Promise<SimulationResult> {
  const head = parts[0]!.header;
  if (planKey(plan) !== head.planKey)
    throw new UserInputError(text(`the scenario, rules or data changed since the shards ran (${head.scenarioFile})`, `分片运行后情景、规则或数据已更改（${head.scenarioFile}）`), text('run the shards again with the current files, or merge where they ran', '请用当前文件重新运行分片，或在分片运行的环境中合并'), { code: 'PLAN_CHANGED' });
  assertMergeFits(head.trials, head.stride);
  const recs = new Float64Array(head.trials * head.stride);
  for (const p of parts) recs.set(p.records, p.header.from * head.stride);
  const side = parts.find((p) => p.header.shard.k === 1)!.header.side ?? { breakEven: null };
  let sens = null;
  if (head.sensitivity) {
    const runner = createRunner(plan, null);
    try {
      sens = await sensitivityOf(plan, recs, runner, head.seed, Math.min(head.trials, 100), head.sensitivityTop);
    } finally {
      await runner.close();
    }
  }
  return assembleResult(plan, recs, head.seed, null, side, sens);
}

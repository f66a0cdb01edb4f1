/**
 * Shards of a simulation: shard k of n runs a contiguous range of the trial indices (every trial
 * seeds its own generator from (seed, trial index), so a trial's result does not depend on where it
 * runs) and writes a partial result (its trials' records, streamed to the file as they run); merging
 * the n partials replays the records in trial order, batch by batch, into the same store and trials.csv
 * writer a single run feeds (sim/engine/store.ts: sums added in trial order, per-mode totals kept), and
 * finishes exactly as a single run does (`assembleResult`), so summary.json, trials.csv and monthly.csv
 * (and skus.csv) are byte-identical to a single-machine run of the same scenario and seed, for any n —
 * without the merge ever holding more than a batch of records.
 *
 * Shard 1 also runs the break-even search (it uses its own first trials, not the main ones). The
 * sensitivity ranks inputs on the run's kept trials, so it is computed at the merge, from the merged store
 * (with its few one-at-a-time swings run there, in this thread), exactly as a single run computes it.
 *
 * A partial file: one line of JSON (the header), then the records as little-endian float64.
 */
import { open, rename, mkdir, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { UserInputError } from './errors.ts';
import { text } from './i18n/index.ts';
import { assembleResult, runSink, sensitivityOf, sideAnalyses, type SideResults, type SimulationResult } from './simulate.ts';
import { runFootprint, trialLimit, type RunFootprint } from './engine/limits.ts';
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
  /** The records in memory (a queue job), or null when they are in `file` after the header line. */
  records: Float64Array | null;
  file?: string;
  bodyOffset?: number;
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

/** @throws {UserInputError} (exit 2) before any work when this shard's trials cannot fit here. */
export function assertShardFits(plan: SimPlan, o: Pick<ShardOptions, 'trials' | 'shard'>): void {
  const { from, to } = shardRange(o.trials, o.shard);
  // before any work: this shard's records must fit here (the merge is checked where it runs)
  const limit = trialLimit(runFootprint(plan));
  if (to - from > limit.maxTrials) {
    const count = (n: number) => n.toLocaleString('en-US');
    const need = Math.ceil(o.trials / limit.maxTrials);
    throw new UserInputError(
      text(`--shard ${o.shard.k}/${o.shard.n} of --trials ${count(o.trials)} runs ${count(to - from)} trials, which cannot fit in memory here (at most ${count(limit.maxTrials)} trials of this scenario, about ${count(limit.bytesPerTrial)} bytes each)`, `--trials ${count(o.trials)} 的分片 ${o.shard.k}/${o.shard.n} 需运行 ${count(to - from)} 次试验，超出本机内存上限（本场景最多 ${count(limit.maxTrials)} 次，每次约 ${count(limit.bytesPerTrial)} 字节）`),
      text(`split the run into at least ${need} shards (--shard k/${need})`, `请至少分成 ${need} 片（--shard k/${need}）`),
      { code: 'TOO_MANY_TRIALS' },
    );
  }
}

/**
 * Runs one shard. The side analyses use the same number of trials as a single run (min(trials, 100)).
 * With `writeRecords` the records go there batch by batch in trial order (the partial file's body) and
 * the result holds none; without, they are returned in memory (a queue job's answer).
 */
export async function runShard(plan: SimPlan, runner: Runner, o: ShardOptions, writeRecords?: (recs: Float64Array) => Promise<void>): Promise<PartialResult> {
  assertShardFits(plan, o);
  const { from, to } = shardRange(o.trials, o.shard);
  let records: Float64Array | null = null;
  if (writeRecords) {
    let writing = Promise.resolve();
    await runner.stream(o.seed, from, to, (recs) => void (writing = writing.then(() => writeRecords(recs))), {}, (done) => o.onProgress?.(done, to - from, 'trials'));
    await writing;
  } else records = await runner.run(o.seed, from, to, {}, (done) => o.onProgress?.(done, to - from, 'trials'));
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

/** The partial as bytes: a JSON header line, then the records (little-endian float64); records in memory only. */
export function encodePartial(p: PartialResult): Buffer {
  if (endianness() !== 'LE') throw new Error('partial results are written on little-endian machines only');
  if (!p.records) throw new Error('encodePartial: the records are in a file');
  const head = Buffer.from(exactJson(p.header) + '\n');
  return Buffer.concat([head, Buffer.from(p.records.buffer, p.records.byteOffset, p.records.byteLength)]);
}

const notPartial = (file: string) => new UserInputError(text(`${file} is not a jitsim partial result (or it is truncated)`, `${file} 不是 jitsim 分片结果（或已截断）`), text('give the files written by `jitsim simulate … --shard k/n`', '请给出 `jitsim simulate … --shard k/n` 写出的文件'), { code: 'BAD_PARTIAL' });

function parseHeader(line: Buffer | null): PartialHeader | undefined {
  try {
    const h = line ? parseExactJson<PartialHeader>(line.toString('utf8')) : undefined;
    return h && typeof h === 'object' && h.format === PARTIAL_FORMAT && Number.isSafeInteger(h.from) && Number.isSafeInteger(h.to) && Number.isSafeInteger(h.stride) && h.to >= h.from && h.stride > 0 ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Reads bytes written by {@link encodePartial}. @throws {UserInputError} when they are not a partial result. */
export function decodePartial(file: string, bytes: Buffer): PartialResult {
  const nl = bytes.indexOf(10);
  const header = parseHeader(nl > 0 ? bytes.subarray(0, nl) : null);
  const body = bytes.subarray(nl + 1);
  if (!header || body.length !== (header.to - header.from) * header.stride * 8) throw notPartial(file);
  const records = new Float64Array(body.length / 8);
  Buffer.from(records.buffer).set(body);
  return { header, records };
}

/**
 * Writes a partial atomically: the header line, then the records, which `fill` writes batch by batch
 * (through the function it is given) — never all in memory. Returns what `fill` returned.
 */
export async function writePartial<T>(path: string, fill: (write: (recs: Float64Array) => Promise<void>) => Promise<{ header: PartialHeader; value: T }>): Promise<T> {
  if (endianness() !== 'LE') throw new Error('partial results are written on little-endian machines only');
  await mkdir(dirname(path), { recursive: true });
  const body = `${path}.${process.pid}.body.tmp`;
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fb = await open(body, 'w');
    let got;
    try {
      got = await fill(async (recs) => void (await fb.write(new Uint8Array(recs.buffer, recs.byteOffset, recs.byteLength))));
    } finally {
      await fb.close();
    }
    const fh = await open(tmp, 'w');
    try {
      await fh.write(exactJson(got.header) + '\n');
      const src = await open(body, 'r');
      try {
        const buf = Buffer.alloc(1 << 22);
        for (;;) {
          const { bytesRead } = await src.read(buf, 0, buf.length);
          if (bytesRead === 0) break;
          await fh.write(buf.subarray(0, bytesRead));
        }
      } finally {
        await src.close();
      }
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    return got.value;
  } finally {
    await rm(body, { force: true });
    await rm(tmp, { force: true });
  }
}

/** Reads a partial's header; its records stay in the file until the merge streams them. */
export async function readPartial(path: string): Promise<PartialResult> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (cause) {
    throw new UserInputError(text(`cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, `无法读取 ${path}：${(cause as NodeJS.ErrnoException).code ?? String(cause)}`), text('check the path of the partial result', '请检查分片结果的路径'), { cause, code: 'CANNOT_READ' });
  }
  try {
    const size = (await fh.stat()).size;
    // the header line: read until its line break (it holds the break-even results, a few kB)
    const chunks: Buffer[] = [];
    let at = 0;
    let nl = -1;
    while (nl < 0 && at < size && at < 64 << 20) {
      const buf = Buffer.alloc(Math.min(1 << 16, size - at));
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      if (bytesRead === 0) break;
      const k = buf.subarray(0, bytesRead).indexOf(10);
      chunks.push(buf.subarray(0, k >= 0 ? k : bytesRead));
      if (k >= 0) nl = at + k;
      at += bytesRead;
    }
    const header = parseHeader(nl > 0 ? Buffer.concat(chunks) : null);
    if (!header || size - (nl + 1) !== (header.to - header.from) * header.stride * 8) throw notPartial(path);
    return { header, records: null, file: path, bodyOffset: nl + 1 };
  } finally {
    await fh.close();
  }
}

/** A partial's records in order, `batch` trials at a time (from memory or streamed from its file). */
async function* partialRecords(p: PartialResult, batch: number): AsyncGenerator<{ recs: Float64Array; from: number }> {
  const { from, to, stride } = p.header;
  if (p.records) {
    for (let a = from; a < to; a += batch) yield { recs: p.records.subarray((a - from) * stride, (Math.min(to, a + batch) - from) * stride), from: a };
    return;
  }
  const fh = await open(p.file!, 'r');
  try {
    for (let a = from; a < to; a += batch) {
      const n = Math.min(to, a + batch) - a;
      const recs = new Float64Array(n * stride);
      const bytes = new Uint8Array(recs.buffer);
      let got = 0;
      while (got < bytes.length) {
        const { bytesRead } = await fh.read(bytes, got, bytes.length - got, p.bodyOffset! + (a - from) * stride * 8 + got);
        if (bytesRead === 0) throw notPartial(p.file!);
        got += bytesRead;
      }
      yield { recs, from: a };
    }
  } finally {
    await fh.close();
  }
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
 * The merge keeps what a single run keeps (a few numbers per trial, sim/engine/store.ts), never the
 * records: refused up front (exit 2) only when even that cannot fit here, naming the limit.
 */
export function assertMergeFits(trials: number, footprint: RunFootprint, limit = trialLimit(footprint)): void {
  if (trials <= limit.maxTrials) return;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new UserInputError(
    text(`merging ${count(trials)} trials cannot fit in memory here: each trial keeps about ${count(limit.bytesPerTrial)} bytes, at most ${count(limit.maxTrials)} trials of this scenario fit on this machine`, `合并 ${count(trials)} 次试验超出本机内存上限：每次试验约占 ${count(limit.bytesPerTrial)} 字节，本机最多可容纳本场景 ${count(limit.maxTrials)} 次试验`),
    text(`merge on a machine with more memory (the shards can run anywhere), or run fewer trials (at most ${count(limit.maxTrials)})`, `请在内存更大的机器上合并（分片可在任何机器上运行），或减少试验次数（不超过 ${count(limit.maxTrials)}）`),
    { code: 'TOO_MANY_TRIALS' },
  );
}

/** Trials replayed per step of a merge. */
const MERGE_BATCH = 500;

/** Merges checked partials (in shard order) of `plan` into the result a single run gives. */
export async function mergePartials(plan: SimPlan, parts: readonly PartialResult[]): Promise<SimulationResult> {
  const head = parts[0]!.header;
  if (planKey(plan) !== head.planKey)
    throw new UserInputError(text(`the scenario, rules or data changed since the shards ran (${head.scenarioFile})`, `分片运行后情景、规则或数据已更改（${head.scenarioFile}）`), text('run the shards again with the current files, or merge where they ran', '请用当前文件重新运行分片，或在分片运行的环境中合并'), { code: 'PLAN_CHANGED' });
  if (head.stride !== plan.layout.stride) throw notPartial(parts[0]!.file ?? 'the partial');
  assertMergeFits(head.trials, runFootprint(plan));
  const sink = runSink(plan, head.trials);
  try {
    // the records in trial order, into the store and trials.csv a single run feeds
    for (const p of parts) for await (const { recs, from } of partialRecords(p, MERGE_BATCH)) sink.add(recs, from);
    if (sink.store.n !== head.trials) throw notPartial(parts[0]!.file ?? 'the partial');
    const side = parts.find((p) => p.header.shard.k === 1)!.header.side ?? { breakEven: null };
    let sens = null;
    if (head.sensitivity) {
      const runner = createRunner(plan, null);
      try {
        sens = await sensitivityOf(plan, sink.store, runner, head.seed, Math.min(head.trials, 100), head.sensitivityTop);
      } finally {
        await runner.close();
      }
    }
    return assembleResult(plan, sink, head.seed, null, side, sens);
  } catch (e) {
    sink.trials.dispose();
    throw e;
  }
}

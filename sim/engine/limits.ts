/**
 * Up-front memory limit of a simulation run: what the run keeps per trial (sim/engine/store.ts: a few
 * numbers per mode, {@link keptWidth} in all, whatever the months, components or catalogue) and the
 * per-trial columns the statistics sort must fit in memory, beside a fixed part (the sample of the
 * first trials' inputs and months). Checked before any trial runs, so a run that cannot fit ends with
 * exit 2 and the alternatives, never with a RangeError after minutes of work.
 */
import { totalmem } from 'node:os';
import v8 from 'node:v8';
import { UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import type { SimPlan } from './plan.ts';
import { SAMPLE_TRIALS, keptWidth, sampleWidth } from './store.ts';

/**
 * Numbers per trial beyond the kept ones while the statistics are computed: a sorted copy of one
 * column and its array (describe), the per-order costs, a paired difference and the sensitivity's copies.
 */
export const WORKING_COLUMNS = 6;

/** Memory held whatever the number of trials: the process itself and its worker threads. */
export const BASE_BYTES = 300e6;

/** The largest typed array V8 allows, in elements (2^32 − 1 on 64-bit Node 20; each kept column is one array). */
const MAX_TYPED_ARRAY_ELEMENTS = 2 ** 32 - 1;

/** What a run keeps per trial, and what it keeps whatever the number of trials (bytes). */
export interface RunFootprint {
  bytesPerTrial: number;
  fixedBytes: number;
}

/** The footprint of a plan's runs: 8 bytes per kept number per trial; the sample (and its ranks) fixed. */
export function runFootprint(plan: Pick<SimPlan, 'layout' | 'at' | 'landed'>): RunFootprint {
  return { bytesPerTrial: (keptWidth(plan) + WORKING_COLUMNS) * 8, fixedBytes: BASE_BYTES + SAMPLE_TRIALS * sampleWidth(plan.layout) * 8 * 3 };
}

export interface TrialLimit {
  /** The most trials a run of this plan may have on this machine. */
  maxTrials: number;
  bytesPerTrial: number;
  /** Memory a run may use: the smaller of the JavaScript heap limit and half of the machine's memory. */
  budgetBytes: number;
}

/** How many trials of this footprint fit in memory here. */
export function trialLimit(f: RunFootprint, budgetBytes = Math.min(v8.getHeapStatistics().heap_size_limit, totalmem() / 2)): TrialLimit {
  const maxTrials = Math.max(1, Math.min(Math.floor((budgetBytes - f.fixedBytes) / f.bytesPerTrial), MAX_TYPED_ARRAY_ELEMENTS));
  return { maxTrials, bytesPerTrial: f.bytesPerTrial, budgetBytes };
}

const size = (bytes: number) => (bytes >= 1e12 ? `${(bytes / 1e12).toFixed(1)} TB` : bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * @param flag the option that set the number (`--trials`, or `--max-trials` for a `--precision` run)
 * @throws {UserInputError} (exit 2) naming the limit and the alternatives when `trials` cannot fit.
 */
export function assertTrialsFit(trials: number, footprint: RunFootprint, flag: string, limit = trialLimit(footprint)): void {
  if (trials <= limit.maxTrials) return;
  const need = trials * limit.bytesPerTrial;
  const shards = Math.ceil(trials / limit.maxTrials);
  throw new UserInputError(
    text(
      `${flag} ${count(trials)} cannot fit in memory: each trial keeps about ${count(limit.bytesPerTrial)} bytes (${count(trials)} trials ≈ ${size(need)}), and a run may use ${size(limit.budgetBytes)} here — at most ${count(limit.maxTrials)} trials of this scenario`,
      `${flag} ${count(trials)} 超出内存上限：每次试验约占 ${count(limit.bytesPerTrial)} 字节（${count(trials)} 次约 ${size(need)}），本机单次运行可用 ${size(limit.budgetBytes)}——本场景最多 ${count(limit.maxTrials)} 次试验`,
    ),
    text(
      `run it in shards of at most ${count(limit.maxTrials)} trials: --shard 1/${shards} … --shard ${shards}/${shards} (same --trials and --seed, on this or other machines), then jitsim merge — or --queue redis://… to hand the shards to jitsim serve-worker processes; or use --precision (e.g. --precision 0.5%) to run only the trials the precision needs (--max-trials ≤ ${count(limit.maxTrials)})`,
      `请分片运行，每片不超过 ${count(limit.maxTrials)} 次试验：--shard 1/${shards} … --shard ${shards}/${shards}（相同的 --trials 与 --seed，可在本机或其他机器上运行），再用 jitsim merge 合并；或用 --queue redis://… 把分片交给 jitsim serve-worker 进程；或改用 --precision（如 --precision 0.5%），只运行达到精度所需的试验（--max-trials 不超过 ${count(limit.maxTrials)}）`,
    ),
    { code: 'TOO_MANY_TRIALS' },
  );
}

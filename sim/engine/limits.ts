/**
 * Up-front memory limit of a simulation run: the trial records (one Float64Array row of
 * `layout.stride` numbers per trial) and the per-trial tables built from them must fit in memory.
 * Checked before any trial runs, so a run that cannot fit ends with exit 2 and the alternatives,
 * never with a RangeError after minutes of work.
 */
import { totalmem } from 'node:os';
import v8 from 'node:v8';
import { UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import type { Layout } from './layout.ts';

/**
 * Bytes held per trial, as a multiple of its record: the record itself, the per-trial × mode rows
 * of trials.csv and the columns the statistics extract. Measured: 40,000 − 5,000 trials of
 * apparel-europe (stride 290, 2,320 bytes/record) grew the peak RSS by 270 MB, 3.3 records per trial.
 */
export const RECORD_COPIES = 4;

/** The largest typed array V8 allows, in elements (2^32 − 1 on 64-bit Node 20; the records are one array). */
const MAX_TYPED_ARRAY_ELEMENTS = 2 ** 32 - 1;

export interface TrialLimit {
  /** The most trials a run of this layout may have on this machine. */
  maxTrials: number;
  bytesPerTrial: number;
  /** Memory a run may use: the smaller of the JavaScript heap limit and half of the machine's memory. */
  budgetBytes: number;
}

/** How many trials of this layout fit in memory here. */
export function trialLimit(layout: Pick<Layout, 'stride'>, budgetBytes = Math.min(v8.getHeapStatistics().heap_size_limit, totalmem() / 2)): TrialLimit {
  const bytesPerTrial = layout.stride * 8 * RECORD_COPIES;
  const maxTrials = Math.max(1, Math.min(Math.floor(budgetBytes / bytesPerTrial), Math.floor(MAX_TYPED_ARRAY_ELEMENTS / layout.stride)));
  return { maxTrials, bytesPerTrial, budgetBytes };
}

const size = (bytes: number) => (bytes >= 1e12 ? `${(bytes / 1e12).toFixed(1)} TB` : bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * @param flag the option that set the number (`--trials`, or `--max-trials` for a `--precision` run)
 * @throws {UserInputError} (exit 2) naming the limit and the alternatives when `trials` cannot fit.
 */
export function assertTrialsFit(trials: number, layout: Pick<Layout, 'stride'>, flag: string, limit = trialLimit(layout)): void {
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

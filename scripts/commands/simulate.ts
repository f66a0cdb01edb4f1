/** `jitsim simulate <scenario>`: Monte-Carlo cost of the three modes for a client scenario, with CIs, break-even and sensitivities. */
import { basename, join } from 'node:path';
import { UserInputError } from '../../sim/errors.ts';
import { preparePlan } from '../../sim/engine/prepare.ts';
import { startPool } from '../../sim/engine/runner.ts';
import { simulate } from '../../sim/simulate.ts';
import { slug } from '../../reports/render/safe.ts';
import type { Io } from '../io.ts';
import { displayPath, progressBar, resolveRulesDir, userPath, wholeNumber, workerCount, MAX_TRIALS } from './shared.ts';
import { checkSimulateOut, writeAndPrint, parsePrecision, type SimulateCliOptions } from './simulate-common.ts';
import { M } from './messages.ts';

export { checkSimulateOut, formatSummary, parsePrecision, peakMemoryMb, writeAndPrint, type SimulateCliOptions } from './simulate-common.ts';

export async function run(io: Io, [file]: string[], o: SimulateCliOptions): Promise<number> {
  if (o.trials !== undefined && o.precision !== undefined) throw new UserInputError(M.trialsWithPrecision, M.trialsWithPrecisionFix);
  const trials = o.trials !== undefined ? wholeNumber('--trials', o.trials, 1, MAX_TRIALS) : undefined;
  const precision = o.precision !== undefined ? parsePrecision(o.precision) : undefined;
  const maxTrials = o.maxTrials !== undefined ? wholeNumber('--max-trials', o.maxTrials, 1, MAX_TRIALS) : undefined;
  const seed = wholeNumber('--seed', o.seed, 0);
  const tornadoTop = o.tornadoTop !== undefined ? wholeNumber('--tornado-top', o.tornadoTop, 0, 1000) : undefined;
  const workers = workerCount(io, o.workers, o.lang);
  const scenarioFile = displayPath(io, userPath(io, file!));
  const source = { rulesDir: resolveRulesDir(io, o.rules), scenarioFile };
  if (o.shard !== undefined || o.queue !== undefined) {
    if (precision !== undefined) throw new UserInputError(M.precisionNoShards, M.precisionNoShardsFix);
    const { runSharded } = await import('./simulate-shard.ts');
    return runSharded(io, file!, source, { ...o, trials: trials ?? 1000, seed, workers, ...(tornadoTop !== undefined ? { sensitivityTop: tornadoTop } : {}) });
  }
  // before any work: an output folder jitsim may write into (the default one is named after the scenario)
  if (o.out !== undefined) await checkSimulateOut(io, userPath(io, o.out), o.out, o.lang);
  // the worker threads load the same files while this thread does
  const pool = startPool(source, workers);
  let plan;
  let outDir: string;
  try {
    plan = await preparePlan(source);
    outDir = userPath(io, o.out ?? join('reports', 'out', 'simulate', slug(plan.scenario.spec.name || basename(file!, '.json'))));
    if (o.out === undefined) await checkSimulateOut(io, outDir, displayPath(io, outDir), o.lang);
  } catch (e) {
    await pool?.pool.destroy();
    throw e;
  }
  const result = await simulate(plan, source, {
    pool,
    seed,
    ...(trials !== undefined ? { trials } : {}),
    ...(precision !== undefined ? { precision } : {}),
    ...(maxTrials !== undefined ? { maxTrials } : {}),
    breakEven: o.breakEven !== false,
    sensitivity: o.sensitivity !== false,
    ...(tornadoTop !== undefined ? { sensitivityTop: tornadoTop } : {}),
    ...(io.progress && !o.json ? { onProgress: progressBar(io) } : {}),
  });
  return writeAndPrint(io, result, o, outDir);
}

/** Refuses an output folder jitsim may not write simulate files into (after sweeping a stopped run's leftovers). */

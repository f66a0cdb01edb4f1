/**
 * Memory of the statistics layer for 1,000,000 trials × 12 months without the hours of CPU the trials
 * take on a shared machine: 1,000 real trials of the default scenario, replayed 1,000 times (as
 * consecutive trials) through exactly what a run does with its records — the TrialStore, trials.csv
 * written as they pass — then the summary, monthly.csv, the rate break-evens and the sensitivity
 * ranking. Prints wall time and peak memory (maxRSS). `npx tsx bench/million-memory.ts [trials]`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePlan } from '../sim/engine/prepare.ts';
import { createRunner } from '../sim/engine/runner.ts';
import { monthlyTable, summarise } from '../sim/engine/summarise.ts';
import { rateBreakEvens } from '../sim/sensitivity/rate-break-even.ts';
import { rankInputs, samplesFromStore, sensitivityPair } from '../sim/sensitivity/index.ts';
import { runSink } from '../sim/simulate.ts';
import { statSync } from 'node:fs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const trials = Number(process.argv[2] ?? 1_000_000);
const plan = await preparePlan({ rulesDir: join(ROOT, 'rules'), scenarioFile: join(ROOT, 'data/scenarios/apparel-europe.json') });
const block = await createRunner(plan, null).run(1, 0, 1000);
const t0 = performance.now();
const sink = runSink(plan, trials);
for (let a = 0; a < trials; a += 1000) sink.add(block.subarray(0, Math.min(1000, trials - a) * plan.layout.stride), a);
sink.trials.close();
const fed = performance.now() - t0;
const s = summarise(plan, sink.store, 1);
const monthly = monthlyTable(plan, sink.store);
const rate = rateBreakEvens(plan, sink.store);
const samples = samplesFromStore(sink.store);
const ranking = rankInputs(plan, samples, sensitivityPair(plan, samples));
const ms = performance.now() - t0;
const csv = statSync(sink.trials.path).size;
sink.trials.dispose();
console.log(JSON.stringify({ trials: s.trials, months: plan.layout.months, recordNumbers: plan.layout.stride, monthlyRows: monthly.numRows(), rateBreakEvens: rate.length, ranked: ranking.ranking.length, feedSeconds: +(fed / 1000).toFixed(1), seconds: +(ms / 1000).toFixed(1), trialsCsvMb: Math.round(csv / 1e6), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));

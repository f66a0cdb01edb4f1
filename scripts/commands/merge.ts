/** `jitsim merge <partials…>`: combines the partial results of `jitsim simulate … --shard k/n` into the files of a single run. */
import { basename, join } from 'node:path';
import { checkPartials, mergePartials, readPartial } from '../../sim/shard.ts';
import { preparePlan } from '../../sim/engine/prepare.ts';
import type { CommonOptions, Io } from '../io.ts';
import { resolveRulesDir, userPath, displayPath } from './shared.ts';
import { slug } from '../../reports/render/safe.ts';
import { checkSimulateOut, writeAndPrint } from './simulate.ts';

export interface MergeCliOptions extends CommonOptions {
  out?: string;
  rules?: string;
}

export async function run(io: Io, files: string[], o: MergeCliOptions): Promise<number> {
  const parts = await Promise.all(files.map(async (f) => ({ file: displayPath(io, userPath(io, f)), p: await readPartial(userPath(io, f)) })));
  const ordered = checkPartials(parts);
  const head = ordered[0]!.header;
  const plan = await preparePlan({ rulesDir: resolveRulesDir(io, o.rules), scenarioFile: displayPath(io, userPath(io, head.scenarioFile)) });
  const outDir = userPath(io, o.out ?? join('reports', 'out', 'simulate', slug(head.scenarioName || basename(head.scenarioFile, '.json'))));
  await checkSimulateOut(io, outDir, o.out ?? displayPath(io, outDir), o.lang);
  const result = await mergePartials(plan, ordered);
  return writeAndPrint(io, result, o, outDir);
}

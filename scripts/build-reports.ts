/**
 * `npm run reports`: rebuild the report of every scenario in data/scenarios/ into reports/out/,
 * skipping a scenario whose inputs (rules fingerprint, data fingerprint, scenario hash, tool
 * version and code fingerprint, seed, trials, languages) are those recorded in its last report's manifest.json. Prints
 * what it rebuilt and why. `--portfolio <folder|glob|list>` (repeatable) names other scenarios, `--shard k/n` takes
 * every n-th of them (a CI matrix job); other arguments are passed to `jitsim report` (e.g. `-- --trials 2000`).
 */
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../reports/build-model.ts';
import { codeFingerprint } from '../reports/code-fingerprint.ts';
import { installSignalCleanup, readManifest } from '../sim/io/output-folder.ts';
import { loadCostContext } from '../sim/models/context.ts';
import { loadScenario } from '../sim/scenario/load.ts';
import { main } from './cli.ts';
import { UserInputError } from '../sim/errors.ts';
import { expandPortfolio, portfolioShard } from '../sim/portfolio.ts';
import { parseShard, type ShardSpec } from '../sim/shard.ts';
import { REPORT_TRIALS, reportFolderName } from './commands/report.ts';
import { processIo, type Io } from './io.ts';

interface Key {
  toolVersion: string;
  code: string;
  rules: string;
  data: string;
  scenario: string;
  seed: number;
  trials: number;
  languages: string[];
}

function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** Why a report must be rebuilt (empty when it is up to date). */
export function staleReasons(want: Key, manifest: Record<string, any> | null): string[] {
  if (!manifest) return ['no previous report'];
  const have: Key = { toolVersion: manifest.toolVersion, code: manifest.code, rules: manifest.rules?.fingerprint, data: manifest.data?.fingerprint, scenario: manifest.scenario?.sha256, seed: manifest.seed, trials: manifest.trials, languages: manifest.languages };
  const reasons: string[] = [];
  if (have.rules !== want.rules) reasons.push(`rules changed (${String(have.rules).slice(0, 8)} → ${want.rules.slice(0, 8)})`);
  if (have.data !== want.data) reasons.push(`data changed (${String(have.data).slice(0, 8)} → ${want.data.slice(0, 8)})`);
  if (have.scenario !== want.scenario) reasons.push('scenario changed');
  if (have.toolVersion !== want.toolVersion) reasons.push(`jitsim ${have.toolVersion} → ${want.toolVersion}`);
  else if (have.code !== want.code) reasons.push('jitsim code changed');
  if (have.seed !== want.seed || have.trials !== want.trials || JSON.stringify(have.languages) !== JSON.stringify(want.languages)) reasons.push('report options changed');
  return reasons;
}

/** Rebuilds what changed; returns the exit code. */
export async function buildReports(io: Io, projectDir: string, args: readonly string[] = []): Promise<number> {
  try {
    return await buildPortfolioReports(io, projectDir, args);
  } catch (e) {
    if (e instanceof UserInputError) {
      io.err(`error ${e.text.en} — ${e.remedy.en}`);
      return 2;
    }
    throw e;
  }
}

async function buildPortfolioReports(io: Io, projectDir: string, args: readonly string[]): Promise<number> {
  const out = option(args, '--out', 'reports/out');
  const lang = option(args, '--lang', 'both');
  const want0 = { seed: Number(option(args, '--seed', '1')), trials: Number(option(args, '--trials', String(REPORT_TRIALS))), languages: lang === 'both' ? ['en', 'zh'] : [lang] };
  const ctx = await loadCostContext(join(projectDir, 'rules'));
  // --portfolio (repeatable; default data/scenarios) and --shard k/n are ours; the rest goes to `jitsim report`
  const specs: string[] = [];
  let shard: ShardSpec | null = null;
  const reportArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--portfolio' && args[i + 1] !== undefined) specs.push(args[++i]!);
    else if (args[i] === '--shard' && args[i + 1] !== undefined) shard = parseShard(args[++i]!);
    else reportArgs.push(args[i]!);
  }
  args = reportArgs;
  const all = await expandPortfolio(projectDir, specs.length ? specs : [join('data', 'scenarios')]);
  const files = portfolioShard(all, shard);
  if (shard) io.out(`shard ${shard.k}/${shard.n}: ${files.length} of ${all.length} scenarios`);
  let rebuilt = 0;
  for (const file of files) {
    const name = basename(file);
    const scenario = await loadScenario(file, ctx);
    const want: Key = { toolVersion: TOOL_VERSION, code: codeFingerprint(), rules: ctx.rules.fingerprint, data: ctx.data.fingerprint, scenario: scenario.hash, ...want0 };
    // only jitsim's own manifest counts (a user's folder of that name makes `report` refuse, exit 2)
    const manifest = ((await readManifest(join(projectDir, out, reportFolderName(name)))) ?? null) as Record<string, unknown> | null;
    const reasons = staleReasons(want, manifest);
    if (reasons.length === 0) {
      io.out(`skip    ${name}: unchanged`);
      continue;
    }
    io.out(`rebuild ${name}: ${reasons.join('; ')}`);
    const code = await main(['report', relative(projectDir, file) || file, ...args], { ...io, cwd: projectDir });
    if (code !== 0) return code;
    rebuilt++;
  }
  io.out(`${rebuilt} rebuilt, ${files.length - rebuilt} unchanged`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installSignalCleanup((line) => process.stderr.write(line + '\n'));
  process.exitCode = await buildReports(processIo(), process.cwd(), process.argv.slice(2));
}

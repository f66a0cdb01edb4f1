/**
 * `npm run reports`: rebuild the report of every scenario in data/scenarios/ into reports/out/,
 * skipping a scenario whose inputs are those recorded in its last report's manifest.json: the rule
 * entities and data keys the report read (`inputs`, see reports/inputs.ts — a change to the exit
 * rules rebuilds no cost report), the scenario hash, the tool version and code fingerprint, seed,
 * trials and languages. Prints what it rebuilt and why, naming the rule ids and data keys that
 * changed. `--portfolio <folder|glob|list>` (repeatable) names other scenarios, `--shard k/n` takes
 * every n-th of them (a CI matrix job); other arguments are passed to `jitsim report` (e.g. `-- --trials 2000`).
 */
import { basename, join, relative, resolve } from 'node:path';
import { slug } from '../reports/render/safe.ts';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../reports/build-model.ts';
import { codeFingerprint } from '../reports/code-fingerprint.ts';
import { installSignalCleanup, readManifest } from '../sim/io/output-folder.ts';
import { changedKeys, reportInputs, type ReportInputs } from '../reports/inputs.ts';
import { loadCostContext } from '../sim/models/context.ts';
import { loadScenario } from '../sim/scenario/load.ts';
import { main } from './cli.ts';
import { UserInputError } from '../sim/errors.ts';
import { text } from '../sim/i18n/index.ts';
import { expandPortfolio, portfolioShard } from '../sim/portfolio.ts';
import { parseShard, type ShardSpec } from '../sim/shard.ts';
import { REPORT_TRIALS, reportFolderName } from './commands/report.ts';
import { processIo, type Io } from './io.ts';

interface Key {
  toolVersion: string;
  code: string;
  inputs: ReportInputs;
  scenario: string;
  seed: number;
  trials: number;
  languages: string[];
}

function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const MAX_NAMED = 12;
const named = (keys: string[]) => (keys.length > MAX_NAMED ? `${keys.slice(0, MAX_NAMED).join(', ')} … (+${keys.length - MAX_NAMED})` : keys.join(', '));

/** Why a report must be rebuilt (empty when it is up to date), naming the rule ids and data keys that changed. */
export function staleReasons(want: Key, manifest: Record<string, any> | null): string[] {
  if (!manifest) return ['no previous report'];
  const reasons: string[] = [];
  const have = manifest.inputs as Partial<ReportInputs> | undefined;
  if (!have?.rules || !have.data) reasons.push('the previous report does not list the rules and data it read (built by an older jitsim)');
  else {
    const rules = changedKeys(have.rules, want.inputs.rules);
    const data = changedKeys(have.data, want.inputs.data);
    if (rules.length) reasons.push(`rules changed: ${named(rules)}`);
    if (data.length) reasons.push(`data changed: ${named(data)}`);
  }
  if (manifest.scenario?.sha256 !== want.scenario) reasons.push('scenario changed');
  if (manifest.toolVersion !== want.toolVersion) reasons.push(`jitsim ${manifest.toolVersion} → ${want.toolVersion}`);
  else if (manifest.code !== want.code) reasons.push('jitsim code changed');
  if (manifest.seed !== want.seed || manifest.trials !== want.trials || JSON.stringify(manifest.languages) !== JSON.stringify(want.languages)) reasons.push('report options changed');
  return reasons;
}

/** The report folder of each scenario of a portfolio: its base name, or its path from the project when the base name is not unique. */
export function portfolioFolderNames(projectDir: string, files: readonly string[]): Map<string, string> {
  const base = files.map((f) => reportFolderName(f));
  const out = new Map<string, string>();
  const used = new Set<string>();
  files.forEach((f, i) => {
    const wanted = base.indexOf(base[i]!) === base.lastIndexOf(base[i]!) ? base[i]! : slug(relative(projectDir, resolve(projectDir, f)).replace(/\.json$/i, '').split(/[\\/]/).filter((p) => p && p !== '..').join('-')).replace(/_/g, '-').replace(/^[^a-z0-9]+/, '') || 'scenario';
    // still taken (a path cut at 80 characters): numbered, in the portfolio's sorted order
    let name = wanted;
    for (let k = 2; used.has(name); k++) name = `${wanted.slice(0, 75)}-${k}`;
    used.add(name);
    out.set(f, name);
  });
  return out;
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
  // --portfolio (repeatable; default data/scenarios) and --shard k/n are ours; the rest goes to `jitsim report`
  const specs: string[] = [];
  let shard: ShardSpec | null = null;
  const reportArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = a.startsWith('--portfolio') ? '--portfolio' : a.startsWith('--shard') ? '--shard' : null;
    if (flag && (a === flag || a.startsWith(`${flag}=`))) {
      const v = a === flag ? args[++i] : a.slice(flag.length + 1);
      if (v === undefined || v === '') throw new UserInputError(text(`${flag} needs a value`, `${flag} 需要一个值`), flag === '--shard' ? text('write e.g. --shard 2/4 for the second of four shards', '请写成如 --shard 2/4（四个分片中的第二个）') : text('give a folder, a quoted glob or a list file, e.g. --portfolio data/scenarios', '请给出目录、带引号的通配符或清单文件，如 --portfolio data/scenarios'));
      if (flag === '--portfolio') specs.push(v);
      else shard = parseShard(v);
    } else reportArgs.push(a);
  }
  args = reportArgs;
  const ctx = await loadCostContext(join(projectDir, 'rules'));
  const all = await expandPortfolio(projectDir, specs.length ? specs : [join('data', 'scenarios')]);
  const files = portfolioShard(all, shard);
  // report folder names over the whole portfolio (so every shard agrees): the file's base name, or —
  // when two scenarios share it (clients/acme/scenario.json, clients/beta/scenario.json from `jitsim
  // init`) — its path from the project, so no report replaces another's
  const folderOf = portfolioFolderNames(projectDir, all);
  const ownNames = !args.includes('--name-from-scenario') && !args.includes('--name');
  if (shard) io.out(`shard ${shard.k}/${shard.n}: ${files.length} of ${all.length} scenarios`);
  let rebuilt = 0;
  for (const file of files) {
    const name = basename(file);
    const scenario = await loadScenario(file, ctx);
    // the data keys this scenario's report reads (e.g. only its own warehouse sites' parameters)
    const inputs = reportInputs(ctx.rules, ctx.data, scenario);
    const want: Key = { toolVersion: TOOL_VERSION, code: codeFingerprint(), inputs, scenario: scenario.hash, ...want0 };
    // only jitsim's own manifest counts (a user's folder of that name makes `report` refuse, exit 2)
    const folder = folderOf.get(file)!;
    const manifest = ((await readManifest(resolve(projectDir, out, folder))) ?? null) as Record<string, unknown> | null;
    const reasons = staleReasons(want, manifest);
    if (reasons.length === 0) {
      io.out(`skip    ${name}: unchanged`);
      continue;
    }
    io.out(`rebuild ${name}: ${reasons.join('; ')}`);
    // absolute paths: the report must read this project's rules even when it is not the process's working folder
    const code = await main(['report', resolve(projectDir, file), '--rules', join(projectDir, 'rules'), ...(ownNames && folder !== reportFolderName(file) ? ['--name', folder] : []), ...args], { ...io, cwd: projectDir });
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

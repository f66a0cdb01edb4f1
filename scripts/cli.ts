/**
 * The `jitsim` command line: parses arguments (commander), loads each command lazily, and is the
 * only place that turns an error into a message and an exit code:
 * 0 ok · 1 a rule or check failed · 2 bad input (a user mistake; never a stack trace) · 3 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { DiagnosticsError, JitsimError, UserInputError, formatDiagnostic } from '../sim/errors.ts';
import type { Lang } from '../sim/i18n/index.ts';
import type { CommonOptions, Io } from './io.ts';
import { paint } from './io.ts';
import { visible } from '../sim/io/safe-text.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, internal: 3 } as const;

/** A command's entry: options are typed by each command (commander has validated their presence). */
type Action = (io: Io, args: string[], opts: never) => Promise<number>;

/** Adds --json and --lang to a command. */
function common(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON object on stdout (machine output)')
    .addOption(new Option('--lang <lang>', 'language of the output: en or zh (简体中文)').choices(['en', 'zh']).default('en'));
}

function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'en';
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'zh' ? 'zh' : 'en';
}

/** Builds the program; `run` records which lazily-loaded action to call. */
function build(io: Io, run: { action?: () => Promise<number> }): Command {
  const program = new Command('jitsim')
    .description('JIT vs overseas warehouse vs direct shipping for AliExpress sellers: rules as data, checks, costs\n速卖通JIT、自营海外仓与直发：规则即数据、资质检查、成本比较')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  const lazy = (load: () => Promise<{ run: Action }>) =>
    function (this: Command, ...raw: unknown[]) {
      const args = raw.slice(0, -2).filter((a): a is string => typeof a === 'string' || Array.isArray(a)).flat() as string[];
      const opts = this.opts<CommonOptions & Record<string, unknown>>();
      run.action = async () => (await load()).run(io, args, opts as never);
    };

  const rules = program.command('rules').description('validate and test the rule files (for policy editors) / 校验与测试规则文件');
  common(rules.command('validate').description('check every rule file: schema and meaning; all problems at once\n校验全部规则文件（模式与语义），一次列出所有问题').argument('[dir]', 'rules folder', 'rules'))
    .addHelpText('after', '\nExit codes: 0 clean, 1 problems found, 2 the folder cannot be read.\nExample: jitsim rules validate rules/')
    .action(lazy(() => import('./commands/rules-validate.ts')));
  common(rules.command('test').description('run the rule tests in <dir>/tests (like opa test)\n运行规则测试').argument('[dir]', 'rules folder', 'rules'))
    .option('--filter <text>', 'only cases whose name contains this text')
    .addHelpText('after', '\nExample: jitsim rules test rules/ --filter ADM-3')
    .action(lazy(() => import('./commands/rules-test.ts')));

  const check = program.command('check').description('eligibility checks against the rule files / 资质检查');
  const checkCmd = (name: string, file: string, about: string, example: string, load: () => Promise<{ run: Action }>) =>
    common(check.command(name).description(about).argument(`<${file}>`, 'input file'))
      .option('--rules <dir>', 'rules folder', 'rules')
      .addHelpText('after', `\nExit codes: 0 every rule passes, 1 a rule fails, 2 bad input.\nExample: ${example}`)
      .action(lazy(load));
  checkCmd('store', 'store.json', 'can this store join JIT? (ADM-1..6)\n店铺能否开通JIT', 'jitsim check store data/samples/store.json --lang zh', () => import('./commands/check-store.ts'));
  checkCmd('catalog', 'skus.csv', 'which SKUs may use JIT? (banned, certificates, tagging, advice)\n哪些SKU可走JIT', 'jitsim check catalog data/samples/skus.csv --json', () => import('./commands/check-catalog.ts'));
  checkCmd('exit', 'state.json', 'may the store leave JIT now? (EXIT-1..4, the four steps)\n能否退出JIT', 'jitsim check exit data/samples/exit-state.json', () => import('./commands/check-exit.ts'));
  checkCmd('reentry', 'state.json', 'may the store come back to JIT? (RE-1..3)\n能否重新开通JIT', 'jitsim check reentry data/samples/reentry-state.json', () => import('./commands/check-reentry.ts'));

  common(program.command('quote').description('per-order cost under JIT, a self-run overseas warehouse and direct shipping, each component explained\n单票成本：JIT、自营海外仓、直发，逐项说明'))
    .requiredOption('--dest <cc>', 'destination, ISO 3166-1 alpha-2 (ES, FR, MX, SA …)')
    .requiredOption('--weight <kg>', 'parcel weight in kg')
    .option('--dims <LxWxH>', 'parcel dimensions in cm, e.g. 30x20x5 (sets the operation-fee volume band)')
    .option('--service <level>', 'economy | standard | express', 'standard')
    .addOption(new Option('--warehouse <region>', 'JIT warehouse region (default: from rules/routing.json network)').choices(['domestic', 'overseas']))
    .option('--designated-box', 'packed in the designated JIT box (DSC-2)')
    .option('--return-rate <fraction>', 'return rate, e.g. 0.015 (DSC-3); default: the industry average')
    .option('--country-daily-orders <n>', 'orders per day to this country (DSC-1; spreads monthly fixed costs)')
    .option('--non-preferred-warehouse', 'routed to a non-preferred warehouse (SUR-2)')
    .option('--oversize', 'oversize packaging (SUR-1)')
    .option('--new-seller', 'new seller: first month of the base fee waived (FEE-A1)')
    .option('--schedule <id>', 'fee schedule: A ([ENABLE]) or B ([EXIT]); default from rules/fees.json')
    .option('--unit-cost <cny>', 'unit cost of the item (warehouse stock and returns)')
    .option('--price <cny>', 'selling price (cost of a direct return)')
    .option('--rules <dir>', 'rules folder', 'rules')
    .addHelpText('after', '\nExit codes: 0 ok, 2 bad input (unknown country, weight ≤ 0 or beyond the rate card).\nExample: jitsim quote --dest ES --weight 0.5 --json')
    .action(lazy(() => import('./commands/quote.ts')));

  program
    .command('report')
    .description('simulate scenarios and write client-ready reports: HTML, charts (Vega-Lite, SVG, PNG), Markdown, CSV\n模拟场景并生成客户报告：HTML、图表、Markdown、CSV')
    .argument('<scenario...>', 'scenario files (data/scenarios/*.json)')
    .option('--out <dir>', 'output folder; one sub-folder per scenario', 'reports/out')
    .addOption(new Option('--lang <lang>', 'report language: en, zh or both').choices(['en', 'zh', 'both']).default('both'))
    .option('--trials <n>', 'number of simulated years (default 10000)')
    .option('--precision <p>', 'instead of --trials: run until each mode\'s 95 % CI half-width is below this share of its mean, e.g. 0.5%')
    .option('--seed <n>', 'random seed', '1')
    .option('--workers <n>', 'worker threads (default: all cores); never changes the result')
    .option('--compare', 'also write one side-by-side report of all the scenarios')
    .option('--name <name>', 'report folder name instead of the file\'s base name; repeat once per scenario, in order', (v: string, prev: string[] = []) => [...prev, v])
    .option('--name-from-scenario', 'name each report folder after the scenario\'s "name" field')
    .option('--rules <dir>', 'rules folder', 'rules')
    .option('--json', 'print the written paths as JSON')
    .addHelpText('after', '\nWrites <out>/<scenario>/index.html (self-contained, offline), charts/*.vl.json|svg|png, summary.md, results.csv, manifest.json — atomically.\nReplaces <out>/<name> only when it is a previous jitsim report (its manifest.json); anything else there → exit 2 before any work.\n只替换以前由 jitsim 生成的报告文件夹；其他内容 → 退出码 2，不做任何模拟。\nExit codes: 0 ok, 2 bad input or an output folder jitsim may not replace, 3 internal error.\nExample: jitsim report data/scenarios/apparel-europe.json --trials 2000 --lang both\n         jitsim report a/client.json b/client.json --name client-a --name client-b')
    .action(lazy(() => import('./commands/report.ts')));

  common(program.command('impact').description('cost impact of a rule change on every scenario: same seed and order flows under both rule sets\n规则变更对各场景成本的影响（同一随机数与订单流）').argument('<base>', 'git revision or folder of the old rules').argument('[head-and-scenarios...]', 'git revision or folder of the new rules (default: the working tree), then scenario files (default: data/scenarios/*.json)'))
    .option('--trials <n>', 'simulated years per scenario and rule set', '400')
    .option('--seed <n>', 'random seed (the same for both rule sets)', '1')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--break-even-trials <n>', 'trials of the break-even search (0 to skip)', '60')
    .option('--portfolio <spec>', 'scenarios: a folder, a quoted glob or a list file (one path per line); repeatable\n情景组合：目录、通配符或清单文件（可重复）', (v: string, prev: string[] = []) => [...prev, v])
    .option('--shard <k/n>', 'only every n-th scenario of the sorted portfolio, from the k-th (for a CI matrix or a Kubernetes Indexed Job)')
    .addHelpText('after', '\nA change is significant only when the 95 % CI of the paired difference excludes 0.\nExample: jitsim impact HEAD\n         jitsim impact main HEAD data/scenarios/apparel-europe.json --json')
    .action(lazy(() => import('./commands/impact.ts')));
  common(program.command('diff').description('semantic diff of the rules between two git revisions or folders, per rule id\n两个版本（git 版本或目录）之间规则的语义差异').argument('<base>', 'git revision (HEAD, main, a hash) or folder').argument('[head]', 'git revision or folder (default: the working tree)'))
    .addHelpText('after', '\nFormatting-only changes (key order, whitespace) give an empty diff.\nExample: jitsim diff HEAD\n         jitsim diff main HEAD --json')
    .action(lazy(() => import('./commands/diff.ts')));

  common(program.command('simulate').description('Monte-Carlo cost of JIT, a self-run warehouse and direct shipping for a client scenario: CIs, break-even, sensitivity\n蒙特卡洛模拟：三种模式的成本、置信区间、盈亏平衡与敏感性').argument('<scenario>', 'scenario file (data/scenarios/*.json)'))
    .option('--trials <n>', 'number of trials (default 1000)')
    .option('--precision <share>', 'add trials until each mode\'s 95 % CI half-width is below this share of its mean, e.g. 0.5%')
    .option('--max-trials <n>', 'cap for --precision (default 100000)')
    .option('--seed <n>', 'random seed: same scenario, rules and seed give byte-identical files', '1')
    .option('--workers <n>', 'worker threads (default: the number of CPU cores); never changes the result')
    .option('--out <dir>', 'output folder (default reports/out/simulate/<scenario name>)')
    .option('--no-break-even', 'skip the break-even search')
    .option('--no-sensitivity', 'skip the tornado and rank correlations')
    .option('--rules <dir>', 'rules folder', 'rules')
    .option('--shard <k/n>', 'run only shard k of n (a contiguous share of the trials) and write a partial result for `jitsim merge`\n只运行第 k/n 个分片并写出分片结果（用 jitsim merge 合并）')
    .option('--queue <redis-url>', 'run the shards on `jitsim serve-worker` processes through this Redis (BullMQ), wait, merge\n经 Redis 队列（BullMQ）交给 jitsim serve-worker 运行各分片，等待并合并')
    .option('--shards <n>', 'with --queue: number of shards (default: 4 × the workers seen, at most 64)')
    .addHelpText('after', '\nWrites summary.json, trials.csv, monthly.csv and the marker manifest.json (atomically) — with --shard, <out>/<name>.shard-k-of-n.partial instead (default out: reports/out/simulate/<name>/shards), combined by jitsim merge byte-identically to a single run —' + ' only into an absent or empty folder or a previous simulate output; never over a file jitsim did not write.\n只写入不存在或空的文件夹或以前的模拟输出；从不覆盖不是 jitsim 写的文件。\nExit codes: 0 ok, 2 bad input (a located message for a bad scenario) or an output folder jitsim may not write into, 3 internal error.\nExample: jitsim simulate data/scenarios/apparel-europe.json --trials 2000 --seed 1 --lang zh\n         jitsim simulate data/scenarios/apparel-europe.json --trials 10000 --shard 2/4\n         jitsim simulate data/scenarios/apparel-europe.json --trials 10000 --queue redis://127.0.0.1:6379')
    .action(lazy(() => import('./commands/simulate.ts')));
  common(program.command('merge').description('combine the partial results of `jitsim simulate … --shard k/n` into summary.json, trials.csv, monthly.csv — byte-identical to a single run\n合并各分片结果，输出与单机运行逐字节相同').argument('<partials...>', 'the .partial files of shards 1..n (any order)'))
    .option('--out <dir>', 'output folder (default reports/out/simulate/<scenario name>)')
    .option('--rules <dir>', 'rules folder (must be the rules the shards ran with)', 'rules')
    .addHelpText('after', '\nThe scenario is read again from the path the shards recorded; the rules, data and scenario must be unchanged (checked by fingerprint).\nExit codes: 0 ok, 2 missing, duplicate or mismatched partials.\nExample: jitsim merge reports/out/simulate/apparel-europe/shards/*.partial')
    .action(lazy(() => import('./commands/merge.ts')));
  common(program.command('serve-worker').description('process simulation shards from a Redis queue (BullMQ) until stopped (Ctrl-C)\n从 Redis 队列（BullMQ）处理模拟分片，直到停止'))
    .requiredOption('--queue <redis-url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--workers <n>', 'worker threads per shard (default: all cores)')
    .option('--rules <dir>', 'rules folder (its fingerprint must match the enqueuing side)', 'rules')
    .addHelpText('after', '\nA shard whose worker dies is taken over by another worker (its lock expires); results are identical either way.\nExample: jitsim serve-worker --queue redis://127.0.0.1:6379')
    .action(lazy(() => import('./commands/serve-worker.ts')));
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const lang = langOf(argv);
  const json = argv.includes('--json');
  const run: { action?: () => Promise<number> } = {};
  try {
    const program = build(io, run);
    await program.parseAsync([...argv], { from: 'user' });
    if (!run.action) {
      // a command group without a subcommand: show its help
      return EXIT.badInput;
    }
    return await run.action();
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      if (e.code === 'commander.executeSubCommandAsync') return EXIT.ok;
      return EXIT.badInput;
    }
    if (e instanceof DiagnosticsError) {
      // messages quote user text (file names, values): made visible before the colour codes go around them
      for (const d of e.diagnostics) io.err(`${paint(io, d.severity === 'error' ? 'red' : 'yellow', d.severity === 'error' ? (lang === 'zh' ? '错误' : 'error') : lang === 'zh' ? '警告' : 'warning')} ${visible(formatDiagnostic(d, lang))}`);
      if (json) io.out(JSON.stringify({ ok: false, error: { code: e.code, diagnostics: e.diagnostics.map((d) => ({ ...d.location, severity: d.severity, message: d.message[lang], remedy: d.remedy[lang] })) } }, null, 2));
      return EXIT.badInput;
    }
    if (e instanceof UserInputError) {
      io.err(`${paint(io, 'red', lang === 'zh' ? '错误' : 'error')} ${visible(`${e.text[lang]} — ${e.remedy[lang]}`)}`);
      if (json) io.out(JSON.stringify({ ok: false, error: { code: e.code, message: e.text[lang], remedy: e.remedy[lang] } }, null, 2));
      return EXIT.badInput;
    }
    const code = e instanceof JitsimError ? e.code : 'INTERNAL';
    io.err(`internal error (${code}) — this is a bug in jitsim, please report it with the command you ran:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}

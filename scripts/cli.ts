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

import { EXIT, exitCodesHelp } from './exit-codes.ts';

export { EXIT };

/** A command's entry: options are typed by each command (commander has validated their presence). */
type Action = (io: Io, args: string[], opts: never) => Promise<number>;

/** Picks the help text of the language asked for with --lang (English by default). */
type Say = (en: string, zh: string) => string;

/** Adds --json and --lang to a command. */
function common(cmd: Command, say: Say): Command {
  return cmd
    .option('--json', say('print one JSON object on stdout (machine output)', '在标准输出打印一个 JSON 对象（机器可读）'))
    .addOption(new Option('--lang <lang>', say('language of the output: en or zh (中文)', '输出语言：en（英文）或 zh（简体中文）')).choices(['en', 'zh']).default('en'));
}

function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return 'en';
  const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return v === 'zh' ? 'zh' : 'en';
}

/** commander's own words in help and errors, in Chinese. */
const HELP_ZH: [RegExp, string][] = [
  [/^Usage: /gm, '用法：'],
  [/^Options:/gm, '选项：'],
  [/^Commands:/gm, '命令：'],
  [/^Arguments:/gm, '参数：'],
  [/\(default:\s*/g, '（默认：'],
  [/\(choices:\s*/g, '（可选：'],
  [/,\s*default:\s*/g, '，默认：'],
  [/"\)$/gm, '"）'],
  [/\)$/gm, '）'],
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
];

/** Builds the program; `run` records which lazily-loaded action to call. Help texts are in `lang`. */
function build(io: Io, run: { action?: () => Promise<number> }, lang: Lang = 'en'): Command {
  const say: Say = (en, zh) => (lang === 'zh' ? zh : en);
  const tr = (s: string) => (lang === 'zh' ? HELP_ZH.reduce((acc, [re, to]) => acc.replace(re, to), s) : s);
  const program = new Command('jitsim')
    .description(say('JIT vs overseas warehouse vs direct shipping for AliExpress sellers: rules as data, checks, costs', '速卖通JIT、自营海外仓与直发：规则即数据、资质检查、成本比较'))
    .version('0.1.0', '-V, --version', say('output the version number', '显示版本号'))
    .helpOption('-h, --help', say('display help for command', '显示命令帮助'))
    .helpCommand('help [command]', say('display help for command', '显示命令帮助'))
    .exitOverride()
    .showHelpAfterError(say('(add --help for usage)', '（加 --help 查看用法）'))
    .addHelpText('afterAll', `\n${exitCodesHelp(lang)}`)
    .configureOutput({ writeOut: (s) => io.out(tr(s).replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  const lazy = (load: () => Promise<{ run: Action }>) =>
    function (this: Command, ...raw: unknown[]) {
      const args = raw.slice(0, -2).filter((a): a is string => typeof a === 'string' || Array.isArray(a)).flat() as string[];
      const opts = this.opts<CommonOptions & Record<string, unknown>>();
      run.action = async () => (await load()).run(io, args, opts as never);
    };
  const sub = (parent: Command, name: string) => parent.command(name).helpOption('-h, --help', say('display help for command', '显示命令帮助'));
  const exits = (en: string, zh: string) => say(`\nExit codes: ${en}`, `\n退出码：${zh}`);
  const example = (...lines: string[]) => `\n${say('Example', '示例')}: ${lines.join('\n         ')}`;
  const rulesDirArg = say('rules folder', '规则目录');

  const rules = sub(program, 'rules').description(say('validate and test the rule files (for policy editors)', '校验与测试规则文件（供规则编辑使用）'));
  common(sub(rules, 'validate').description(say('check every rule file: schema and meaning; all problems at once', '校验全部规则文件（模式与语义），一次列出所有问题')).argument('[dir]', rulesDirArg, 'rules'), say)
    .option('--data <dir>', say('data folder to check the rules against (default: data/ beside the rules folder, else the data jitsim ships with)', '用于校验规则的数据目录（默认：规则目录旁的 data/，否则用 jitsim 自带的数据）'))
    .addHelpText('after', exits('0 clean, 2 problems found (an invalid rule file is bad input, as in every command) or the folder cannot be read.', '0 无问题，2 发现问题（规则文件无效即输入有误，与所有命令一致）或目录无法读取。') + example('jitsim rules validate rules/'))
    .action(lazy(() => import('./commands/rules-validate.ts')));
  common(sub(rules, 'test').description(say('run the rule tests in <dir>/tests (like opa test)', '运行 <dir>/tests 中的规则测试（类似 opa test）')).argument('[dir]', rulesDirArg, 'rules'), say)
    .option('--filter <text>', say('only cases whose name contains this text', '只运行名称包含该文字的用例'))
    .addHelpText('after', example('jitsim rules test rules/ --filter ADM-3'))
    .action(lazy(() => import('./commands/rules-test.ts')));

  const check = sub(program, 'check').description(say('eligibility checks against the rule files', '按规则文件做资质检查'));
  const checkCmd = (name: string, file: string, about: string, ex: string, load: () => Promise<{ run: Action }>) =>
    common(sub(check, name).description(about).argument(`<${file}>`, say('input file', '输入文件')), say)
      .option('--rules <dir>', rulesDirArg, 'rules')
      .addHelpText('after', exits('0 every rule passes, 1 a rule fails, 2 bad input.', '0 全部规则通过，1 有规则不通过，2 输入有误。') + example(ex))
      .action(lazy(load));
  checkCmd('store', 'store.json', say('can this store join JIT? (ADM-1..6)', '店铺能否开通JIT（ADM-1..6）'), 'jitsim check store data/samples/store.json --lang zh', () => import('./commands/check-store.ts'));
  checkCmd('catalog', 'skus.csv', say('which SKUs may use JIT? (banned, certificates, tagging, advice)', '哪些SKU可走JIT（禁售、认证、打标、建议）'), 'jitsim check catalog data/samples/skus.csv --json', () => import('./commands/check-catalog.ts'))
    .option('--all', say('list every SKU that may not use JIT or carries advice (default: the first 100, then how many more; the summary and each rule count them all)', '列出全部不可走JIT或带建议的SKU（默认只列前 100 个并给出其余数量；汇总与各规则计数包括全部）'))
    .option('--dest <cc,...>', say('destinations (ISO 3166-1 alpha-2, comma-separated): for each lithium-battery SKU (UN3481/UN3480 in column contains_lithium_battery) which lanes take it per mode there (data/battery.json)', '目的国（ISO 3166-1 二位代码，逗号分隔）：逐个锂电池SKU（contains_lithium_battery 列中的 UN3481/UN3480）列出各模式在该国哪些线路承运（data/battery.json）'));
  checkCmd('exit', 'state.json', say('may the store leave JIT now? (EXIT-1..4, the four steps)', '现在能否退出JIT（EXIT-1..4，四个步骤）'), 'jitsim check exit data/samples/exit-state.json', () => import('./commands/check-exit.ts'));
  checkCmd('reentry', 'state.json', say('may the store come back to JIT? (RE-1..3)', '能否重新开通JIT（RE-1..3）'), 'jitsim check reentry data/samples/reentry-state.json', () => import('./commands/check-reentry.ts'));

  common(sub(program, 'quote').description(say('per-order cost under JIT, a self-run overseas warehouse, direct shipping and a 3PL overseas warehouse, each component explained', '单票成本：JIT、自营海外仓、直发、第三方海外仓，逐项说明')), say)
    .requiredOption('--dest <cc>', say('destination, ISO 3166-1 alpha-2 (ES, FR, MX, SA …)', '目的国，ISO 3166-1 二位代码（ES、FR、MX、SA …）'))
    .requiredOption('--weight <kg>', say('parcel weight in kg', '包裹重量（千克）'))
    .option('--dims <LxWxH>', say('parcel dimensions in cm, e.g. 30x20x5 (sets the operation-fee volume band)', '包裹尺寸（厘米），如 30x20x5（决定操作费的体积段）'))
    .option('--service <level>', say('economy | standard | express', '服务等级：economy | standard | express'), 'standard')
    .addOption(new Option('--warehouse <region>', say('JIT warehouse region (default: from rules/routing.json network)', 'JIT仓区域（默认按 rules/routing.json 的仓网）')).choices(['domestic', 'overseas']))
    .option('--designated-box', say('packed in the designated JIT box (DSC-2)', '使用指定JIT箱型（DSC-2）'))
    .option('--return-rate <fraction>', say('return rate, e.g. 0.015 (DSC-3); default: the industry average', '退货率，如 0.015（DSC-3）；默认取行业均值'))
    .option('--country-daily-orders <n>', say('orders per day to this country (DSC-1; spreads monthly fixed costs)', '发往该国的日订单量（DSC-1；用于分摊月度固定费用）'))
    .option('--non-preferred-warehouse', say('routed to a non-preferred warehouse (SUR-2)', '分配至非优选仓（SUR-2）'))
    .option('--oversize', say('oversize packaging (SUR-1)', '超尺寸包装（SUR-1）'))
    .option('--new-seller', say('new seller: first month of the base fee waived (FEE-A1)', '新卖家：首月免基础服务费（FEE-A1）'))
    .option('--schedule <id>', say('fee schedule: A ([ENABLE]) or B ([EXIT]); default from rules/fees.json', '收费方案：A（[ENABLE]）或 B（[EXIT]）；默认取 rules/fees.json'))
    .option('--unit-cost <cny>', say('unit cost of the item (warehouse stock and returns)', '商品单件成本（元；用于海外仓备货与退货）'))
    .option('--price <cny>', say('selling price (cost of a direct return)', '售价（元；用于直发退货成本）'))
    .option('--items <n>', say('items picked per order (3PL pick & pack per extra item); default 1', '每单拣货件数（第三方仓每增加一件另计）；默认 1'))
    .option('--date <YYYY-MM-DD>', say('date of the customs regime for duties and taxes (default: today, UTC)', '关税与税费所依据海关制度的日期（默认：今天，UTC）'))
    .option('--category <id>', say('SKU category for the tariff rate (apparel, 3c, home, beauty …); default: the country\'s general rate', '用于关税税率的商品类目（apparel、3c、home、beauty …）；默认取该国通用税率'))
    .option('--battery <class>', say('the parcel holds a lithium-ion battery: UN3481 (in or with equipment) or UN3480 (battery alone, e.g. a power bank); shows each mode\'s lane, surcharge or refusal (data/battery.json) and whether the catalogue rules admit it to JIT', '包裹含锂离子电池：UN3481（装在设备中或随设备）或 UN3480（单独电池，如充电宝）；显示各模式的线路、附加费或拒收（data/battery.json），以及目录规则是否允许其走JIT'))
    .option('--rules <dir>', rulesDirArg, 'rules')
    .addHelpText('after', exits('0 ok, 2 bad input (unknown country, weight ≤ 0 or beyond the rate card).', '0 正常，2 输入有误（未知国家、重量 ≤ 0 或超出运价表）。') + example('jitsim quote --dest ES --weight 0.5 --json'))
    .action(lazy(() => import('./commands/quote.ts')));

  sub(program, 'report')
    .description(say('simulate scenarios and write client-ready reports: HTML, PDF, Excel, charts (Vega-Lite, SVG, PNG), Markdown, CSV', '模拟场景并生成客户报告：HTML、PDF、Excel、图表（Vega-Lite、SVG、PNG）、Markdown、CSV'))
    .argument('<scenario...>', say('scenario files (data/scenarios/*.json)', '场景文件（data/scenarios/*.json）'))
    .option('--out <dir>', say('output folder; one sub-folder per scenario', '输出目录；每个场景一个子目录'), 'reports/out')
    .addOption(new Option('--lang <lang>', say('report language: en, zh or both', '报告语言：en、zh 或 both（双语）')).choices(['en', 'zh', 'both']).default('both'))
    .addOption(new Option('--format <formats>', say('extra formats beside HTML, comma-separated: pdf, xlsx (HTML, charts, Markdown and CSV are always written)', '除HTML外的附加格式，逗号分隔：pdf、xlsx（HTML、图表、Markdown与CSV总会生成）')))
    .option('--trials <n>', say('number of simulations (default 10000)', '模拟次数（默认 10000）'))
    .option('--precision <p>', say("instead of --trials: run until each mode's 95 % CI half-width is below this share of its mean, e.g. 0.5%", '代替 --trials：一直模拟到各模式95%置信区间半宽低于均值的该比例，如 0.5%'))
    .option('--seed <n>', say('random seed', '随机种子'), '1')
    .option('--workers <n>', say('worker threads (default: all cores); never changes the result', '工作线程数（默认：全部核心）；不影响结果'))
    .option('--compare', say('also write one side-by-side report of all the scenarios', '另生成一份所有场景并列对比的报告'))
    .option('--name <name>', say("report folder name instead of the file's base name; repeat once per scenario, in order", '报告文件夹名（代替文件名）；每个场景各给一次，按顺序'), (v: string, prev: string[] = []) => [...prev, v])
    .option('--name-from-scenario', say('name each report folder after the scenario\'s "name" field', '以场景的 "name" 字段命名各报告文件夹'))
    .option('--rules <dir>', rulesDirArg, 'rules')
    .option('--json', say('print the written paths as JSON', '以 JSON 打印生成的文件路径'))
    .addHelpText('after', say('\nWrites <out>/<scenario>/index.html (self-contained, offline), charts/*.vl.json|svg|png, summary.md, results.csv, manifest.json — atomically; report.pdf and report.xlsx with --format.', '\n原子地写出 <out>/<场景>/index.html（自包含、可离线）、charts/*.vl.json|svg|png、summary.md、results.csv、manifest.json；加 --format 时另写 report.pdf 与 report.xlsx。') + say('\nReplaces <out>/<name> only when it is a previous jitsim report (its manifest.json); anything else there → exit 2 before any work.', '\n只替换以前由 jitsim 生成的报告文件夹（含其 manifest.json）；其他内容 → 退出码 2，不做任何模拟。') + exits('0 ok, 2 bad input or an output folder jitsim may not replace, 3 internal error.', '0 正常，2 输入有误或输出文件夹不可替换，3 内部错误。') + example('jitsim report data/scenarios/apparel-europe.json --trials 2000 --lang both --format pdf,xlsx', 'jitsim report a/client.json b/client.json --name client-a --name client-b'))
    .action(lazy(() => import('./commands/report.ts')));

  common(sub(program, 'impact').description(say('cost impact of a rule change on every scenario: same seed and order flows under both rule sets', '规则变更对各场景成本的影响（同一随机数与订单流）')).argument('<base>', say('git revision or folder of the old rules', '旧规则的 git 版本或目录')).argument('[head-and-scenarios...]', say('git revision or folder of the new rules (default: the working tree), then scenario files (default: data/scenarios/*.json)', '新规则的 git 版本或目录（默认：工作区），其后为场景文件（默认：data/scenarios/*.json）')), say)
    .option('--trials <n>', say('simulations per scenario and rule set', '每个场景、每套规则的模拟次数'), '400')
    .option('--seed <n>', say('random seed (the same for both rule sets)', '随机种子（两套规则相同）'), '1')
    .option('--workers <n>', say('worker threads (default: all cores)', '工作线程数（默认：全部核心）'))
    .option('--break-even-trials <n>', say('trials of the break-even search (0 to skip)', '盈亏平衡搜索的模拟次数（0 表示跳过）'), '60')
    .option('--portfolio <spec>', say('scenarios: a folder, a quoted glob or a list file (one path per line); repeatable', '情景组合：目录、通配符或清单文件（每行一个路径）；可重复'), (v: string, prev: string[] = []) => [...prev, v])
    .option('--shard <k/n>', say('only every n-th scenario of the sorted portfolio, from the k-th (for a CI matrix or a Kubernetes Indexed Job)', '只处理排序后组合中从第 k 个起每隔 n 个的场景（用于 CI 矩阵或 Kubernetes Indexed Job）'))
    .addHelpText('after', say('\nA change is significant only when the 95 % CI of the paired difference excludes 0.', '\n只有配对差值的95%置信区间不含0时，变化才算显著。') + example('jitsim impact HEAD', 'jitsim impact main HEAD data/scenarios/apparel-europe.json --json'))
    .action(lazy(() => import('./commands/impact.ts')));
  common(sub(program, 'diff').description(say('semantic diff of the rules between two git revisions or folders, per rule id', '两个版本（git 版本或目录）之间规则的语义差异，按规则编号')).argument('<base>', say('git revision (HEAD, main, a hash) or folder', 'git 版本（HEAD、main、哈希）或目录')).argument('[head]', say('git revision or folder (default: the working tree)', 'git 版本或目录（默认：工作区）')), say)
    .addHelpText('after', say('\nFormatting-only changes (key order, whitespace) give an empty diff.', '\n仅格式变化（键顺序、空白）不产生差异。') + example('jitsim diff HEAD', 'jitsim diff main HEAD --json'))
    .action(lazy(() => import('./commands/diff.ts')));

  common(sub(program, 'edit').description(say('rule editor in the browser: forms from the JSON Schemas, errors, rule tests, diff and money impact as you type; saves the smallest change', '浏览器中的规则编辑器：按JSON模式生成表单，即时显示错误、规则测试、差异与成本影响；以最小改动保存')).argument('[rules-dir]', rulesDirArg, 'rules'), say)
    .option('--port <n>', say('port on 127.0.0.1 (default: a free one)', '127.0.0.1 上的端口（默认：任一空闲端口）'))
    .option('--no-open', say('do not open a browser; only print the URL with its access token', '不打开浏览器；只输出带访问令牌的网址'))
    .option('--seed <n>', say('random seed of the money impact (the same for the saved and the draft rules, as in jitsim impact)', '成本影响的随机种子（已保存规则与草稿规则相同，同 jitsim impact）'), '1')
    .addHelpText('after', say('\nServes 127.0.0.1 only; every request needs the random token in the printed URL; requests from another origin are refused.\nOnly the rule files of the folder are read and written; Save refuses invalid rules and files changed on disk meanwhile.\nCtrl+C stops it (its temporary copy is removed; exit code 130 as for any command stopped by a signal).\nExit codes: 2 bad folder or port in use.', '\n仅监听 127.0.0.1；每个请求都需要网址中的随机令牌；拒绝来自其他来源的请求。\n只读写该目录中的规则文件；规则无效或文件已被其他程序修改时拒绝保存。\n按 Ctrl+C 停止（删除临时副本；与其他被信号终止的命令一样，退出码 130）。\n退出码：2 目录错误或端口被占用。') + example('jitsim edit', 'jitsim edit rules/ --no-open --port 8765'))
    .action(lazy(() => import('./commands/edit.ts')));
  common(sub(program, 'simulate').description(say('Monte-Carlo cost of JIT, a self-run warehouse and direct shipping for a client scenario: CIs, break-even, sensitivity', '蒙特卡洛模拟：三种模式的成本、置信区间、盈亏平衡与敏感性')).argument('<scenario>', say('scenario file (data/scenarios/*.json)', '场景文件（data/scenarios/*.json）')), say)
    .option('--trials <n>', say('number of simulations (default 1000)', '模拟次数（默认 1000）'))
    .option('--precision <share>', say("add simulations until each mode's 95 % CI half-width is below this share of its mean, e.g. 0.5%", '持续增加模拟，直到各模式95%置信区间半宽低于均值的该比例，如 0.5%'))
    .option('--max-trials <n>', say('cap for --precision (default 100000)', '--precision 的上限（默认 100000）'))
    .option('--seed <n>', say('random seed: same scenario, rules and seed give byte-identical files', '随机种子：相同场景、规则与种子生成逐字节相同的文件'), '1')
    .option('--workers <n>', say('worker threads (default: the number of CPU cores); never changes the result', '工作线程数（默认：CPU 核心数）；不影响结果'))
    .option('--out <dir>', say('output folder (default reports/out/simulate/<scenario name>)', '输出目录（默认 reports/out/simulate/<场景名>）'))
    .option('--no-break-even', say('skip the break-even search', '跳过盈亏平衡搜索'))
    .option('--no-sensitivity', say('skip the tornado and rank correlations', '跳过龙卷风图与秩相关'))
    .option('--tornado-top <n>', say('inputs of the sensitivity ranking (rank correlations over every trial) given a one-at-a-time swing in the tornado (default 5)', '敏感性排序（基于全部试验的秩相关）中取前 n 个输入做单因素摆动，绘入龙卷风图（默认 5）'))
    .option('--rules <dir>', rulesDirArg, 'rules')
    .option('--shard <k/n>', say('run only shard k of n (a contiguous share of the trials) and write a partial result for `jitsim merge`', '只运行第 k/n 个分片（连续的一段试验）并写出分片结果，供 jitsim merge 合并'))
    .option('--queue <redis-url>', say('run the shards on `jitsim serve-worker` processes through this Redis (BullMQ), wait, merge', '经此 Redis 队列（BullMQ）交给 jitsim serve-worker 进程运行各分片，等待并合并'))
    .option('--shards <n>', say('with --queue: number of shards (default: 4 × the workers seen, at most 64)', '与 --queue 同用：分片数（默认：所见工作进程数 × 4，最多 64）'))
    .addHelpText('after', say('\nWrites summary.json, trials.csv, monthly.csv, skus.csv (per SKU: expected cost per order by mode, JIT eligibility, cheapest mode) and the marker manifest.json (atomically) — with --shard, <out>/<name>.shard-k-of-n.partial instead (default out: reports/out/simulate/<name>/shards), combined by jitsim merge byte-identically to a single run — only into an absent or empty folder or a previous simulate output; never over a file jitsim did not write.', '\n原子地写出 summary.json、trials.csv、monthly.csv、skus.csv（每个SKU各模式的预期单均成本、JIT资格、最省模式）与标记文件 manifest.json；只写入不存在或空的文件夹或以前的模拟输出，从不覆盖不是 jitsim 写的文件；加 --shard 时改为写出 <out>/<name>.shard-k-of-n.partial，由 jitsim merge 合并，结果与单机运行逐字节相同。') + exits('0 ok, 2 bad input (a located message for a bad scenario) or an output folder jitsim may not write into, 3 internal error.', '0 正常，2 输入有误（给出错误所在位置）或输出文件夹不可写入，3 内部错误。') + example('jitsim simulate data/scenarios/apparel-europe.json --trials 2000 --seed 1 --lang zh', 'jitsim simulate data/scenarios/apparel-europe.json --trials 10000 --shard 2/4', 'jitsim simulate data/scenarios/apparel-europe.json --trials 10000 --queue redis://127.0.0.1:6379'))
    .action(lazy(() => import('./commands/simulate.ts')));
  common(sub(program, 'merge').description(say('combine the partial results of `jitsim simulate … --shard k/n` into summary.json, trials.csv, monthly.csv, skus.csv — byte-identical to a single run', '合并 `jitsim simulate … --shard k/n` 的各分片结果为 summary.json、trials.csv、monthly.csv、skus.csv，与单机运行逐字节相同')).argument('<partials...>', say('the .partial files of shards 1..n (any order)', '第 1..n 个分片的 .partial 文件（顺序不限）')), say)
    .option('--out <dir>', say('output folder (default reports/out/simulate/<scenario name>)', '输出目录（默认 reports/out/simulate/<场景名>）'))
    .option('--rules <dir>', say('rules folder (must be the rules the shards ran with)', '规则目录（须与分片运行时相同）'), 'rules')
    .addHelpText('after', say('\nThe scenario is read again from the path the shards recorded; the rules, data and scenario must be unchanged (checked by fingerprint).', '\n场景按分片记录的路径重新读取；规则、数据与场景须未改变（按指纹检查）。') + exits('0 ok, 2 missing, duplicate or mismatched partials.', '0 正常，2 分片缺失、重复或不匹配。') + example('jitsim merge reports/out/simulate/apparel-europe/shards/*.partial'))
    .action(lazy(() => import('./commands/merge.ts')));
  common(sub(program, 'serve-worker').description(say('process simulation shards from a Redis queue (BullMQ) until stopped (Ctrl-C)', '从 Redis 队列（BullMQ）处理模拟分片，直到停止（Ctrl-C）')), say)
    .requiredOption('--queue <redis-url>', say('Redis URL, e.g. redis://127.0.0.1:6379', 'Redis 地址，如 redis://127.0.0.1:6379'))
    .option('--workers <n>', say('worker threads per shard (default: all cores)', '每个分片的工作线程数（默认：全部核心）'))
    .option('--rules <dir>', say('rules folder (its fingerprint must match the enqueuing side)', '规则目录（指纹须与入队一方相同）'), 'rules')
    .addHelpText('after', say('\nA shard whose worker dies is taken over by another worker (its lock expires); results are identical either way.', '\n某分片的工作进程退出后，由其他工作进程接手（锁过期后）；结果完全相同。') + exits('0 stopped, 2 bad input (bad URL, rules folder), 3 internal error.', '0 已停止，2 输入有误（地址、规则目录），3 内部错误。') + example('jitsim serve-worker --queue redis://127.0.0.1:6379'))
    .action(lazy(() => import('./commands/serve-worker.ts')));

  common(sub(program, 'init').description(say('scaffold a new client folder: a scenario with every field explained, rate-card and catalogue templates, a README; it validates and simulates as is', '为新客户生成目录：逐字段说明的场景文件、运价表与商品目录模板、README；生成即可校验与模拟')).argument('<folder>', say('the new client folder (must be empty or absent)', '新客户目录（须为空或不存在）')), say)
    .option('--name <text>', say('client name (the report title)', '客户名称（报告标题）'))
    .option('--orders-per-day <n>', say('orders per day today (default 50)', '当前日订单量（默认 50）'))
    .option('--destinations <list>', say('destination countries with shares, e.g. ES:0.5,FR:0.3,DE:0.2 (default ES:1)', '目的国及占比，如 ES:0.5,FR:0.3,DE:0.2（默认 ES:1）'))
    .option('--category <c>', say('main product category (apparel, 3c, home, beauty, other)', '主营类目（apparel、3c、home、beauty、other）'))
    .option('--weight-kg <kg>', say('typical parcel weight in kg (default 0.5)', '典型包裹重量（千克，默认 0.5）'))
    .option('--price-cny <cny>', say('typical selling price in CNY (default 100)', '典型售价（元，默认 100）'))
    .option('--unit-cost-cny <cny>', say('typical unit cost in CNY (default 35)', '典型单件成本（元，默认 35）'))
    .option('--months <n>', say('horizon in months (default 12)', '模拟期（月，默认 12）'))
    .option('--start <date>', say('start date YYYY-MM-DD (default: the first day of next month)', '开始日期 YYYY-MM-DD（默认：下月1日）'))
    .option('--yes', say('do not ask: take the flags and defaults (also when there is no terminal)', '不询问：直接使用参数与默认值（无终端时亦然）'))
    .addHelpText('after', say('\nAsks for the essentials in a terminal; without one (CI, pipes) it takes the flags and defaults.', '\n在终端中会逐项询问要点；没有终端时（CI、管道）使用参数与默认值。') + exits('0 written, 2 bad input or the folder is not empty.', '0 已生成，2 输入有误或目录非空。') + example('jitsim init clients/acme --name "ACME 服饰" --orders-per-day 80 --destinations ES:0.6,FR:0.4', 'jitsim simulate clients/acme/scenario.json'))
    .action(lazy(() => import('./commands/init.ts')));
  common(sub(program, 'calibrate').description(say("fit a scenario to a client's order history (CSV export: UTF-8 or GBK; comma, semicolon or tab; canonical or Chinese headers)", '根据客户订单历史（CSV 导出：UTF-8 或 GBK；逗号、分号或制表符；标准或中文表头）拟合场景')).argument('<orders.csv>', say('order export', '订单导出文件')), say)
    .option('--catalog <skus.csv>', say('SKU catalogue (columns of `jitsim check catalog`): categories and JIT flags instead of defaults', 'SKU 目录（`jitsim check catalog` 的列）：用其类目与JIT标记代替默认值'))
    .option('--columns <map.json>', say('header map for other exports: {"order_id": "Order No.", "order_time": "Date", …}', '其他导出格式的表头映射：{"order_id": "Order No.", "order_time": "Date", …}'))
    .option('--out <scenario.json>', say('write the scenario here (atomically; replaces only a scenario written by calibrate unless --force); default: print it on stdout', '将场景写到此处（原子写入；除非 --force，只替换由 calibrate 写出的场景）；默认打印到标准输出'))
    .option('--mode <mode>', say('how these orders were shipped: direct (default), jit or warehouse (decides which return rate is observed)', '这些订单的发货方式：direct（默认）、jit 或 warehouse（决定观察到的是哪种退货率）'))
    .option('--name <name>', say('scenario name, kebab-case (default: from the file name)', '场景名，短横线小写（默认取自文件名）'))
    .option('--force', say('replace an --out file that calibrate did not write', '替换不是 calibrate 写出的 --out 文件'))
    .option('--rules <dir>', rulesDirArg, 'rules')
    .addHelpText('after', say('\nCanonical header: order_id,order_time,destination,sku,quantity,weight_kg,order_value,currency,shipping_cost,returned (required: order_id, order_time, destination, weight_kg).\nChinese headers: 订单号,下单时间,收货国家,商品编码,数量,重量,订单金额,币种,运费,是否退货.\nBad rows are skipped and counted per reason with their first line numbers. Fitted values carry their bootstrap uncertainty; defaults are listed under provenance.assumptions.', '\n标准表头：order_id,order_time,destination,sku,quantity,weight_kg,order_value,currency,shipping_cost,returned（必需列：order_id、order_time、destination、weight_kg）。\n中文表头：订单号,下单时间,收货国家,商品编码,数量,重量,订单金额,币种,运费,是否退货。\n坏行被跳过，按原因计数并给出首见行号。拟合值带自助法不确定性；默认值列在 provenance.assumptions 中。') + exits('0 ok, 2 bad input (missing columns, no usable row), 3 internal error.', '0 成功，2 输入有误（缺列、无可用行），3 内部错误。') + example('jitsim calibrate data/samples/orders.csv --out client.json && jitsim simulate client.json'))
    .action(lazy(() => import('./commands/calibrate.ts')));
  common(sub(program, 'backtest').description(say("compare the model's shipping cost per order with what the client paid (bias, MAPE by destination × weight bracket); --fit-rates writes lane multipliers", '回测：模型单票运费与客户实付运费对比（按目的国 × 重量段的偏差与 MAPE）；--fit-rates 写入线路系数')).argument('<scenario>', say('scenario file', '场景文件')).argument('<orders.csv>', say('order export with shipping_cost', '含 shipping_cost 的订单导出文件')), say)
    .option('--columns <map.json>', say('header map, as for calibrate', '表头映射，同 calibrate'))
    .option('--mode <mode>', say('mode the orders were shipped with when the export has no mode column: direct (default), jit or warehouse', '导出文件没有发货方式列时订单的发货方式：direct（默认）、jit 或 warehouse'))
    .option('--fit-rates', say("write per-lane multipliers (paid ÷ model) into the scenario's rateCards.<card>.laneMultipliers", '把各线路系数（实付 ÷ 模型）写入场景的 rateCards.<card>.laneMultipliers'))
    .option('--rules <dir>', rulesDirArg, 'rules')
    .addHelpText('after', say('\nbias = Σ(model − paid) ÷ Σ paid; MAPE = mean |model − paid| ÷ paid over orders with paid > 0.', '\n偏差 = Σ(模型 − 实付) ÷ Σ实付；MAPE = 平均 |模型 − 实付| ÷ 实付（仅实付 > 0 的订单）。') + exits('0 ok, 2 bad input (no shipping_cost column, no usable row), 3 internal error.', '0 成功，2 输入有误（无 shipping_cost 列、无可用行），3 内部错误。') + example('jitsim backtest client.json data/samples/orders.csv --fit-rates'))
    .action(lazy(() => import('./commands/backtest.ts')));
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const lang = langOf(argv);
  const json = argv.includes('--json');
  const run: { action?: () => Promise<number> } = {};
  try {
    const program = build(io, run, lang);
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

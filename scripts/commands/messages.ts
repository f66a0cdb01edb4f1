/**
 * The message catalogue of the CLI commands (area `commands`): every bilingual text the command
 * files print or throw, in one place for a translator. Command code refers to an entry by its key
 * (`M.storeTitle(asOf)[lang]`); sim/i18n/catalogue.test.ts renders every entry in both languages.
 */
import { defineMessages, msg } from '../../sim/i18n/catalogue.ts';
import { text, type Text } from '../../sim/i18n/index.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const M = defineMessages('commands', {
  badBattery: msg((v: string) => text(`unknown battery class "${v}"`, `未知的电池类别 "${v}"`), 'UN3090'),
  // check store / reentry / exit
  storeTitle: msg((asOf: string) => text(`Store admission check (as of ${asOf})`, `店铺准入检查（截至 ${asOf}）`), '2026-01-31'),
  frozenUntil: msg((date: string) => text(`Frozen until: ${date}`, `冻结至：${date}`), '2026-03-01'),
  storeOk: text('✓ The store may apply for JIT', '✓ 可以申请开通JIT'),
  storeNotOk: text('✗ The store cannot join JIT yet', '✗ 暂不能开通JIT'),
  reentryTitle: text('JIT re-entry check', '重新开通JIT检查'),
  coolingOff: msg((days: number) => text(`Cooling-off period: ${days} days`, `冷却期：${days} 天`), 30),
  reentryOk: text('✓ The store may come back to JIT', '✓ 可以重新开通JIT'),
  reentryNotOk: text('✗ The store cannot come back to JIT yet', '✗ 暂不能重新开通JIT'),
  exitTitle: text('JIT exit check', '退出JIT检查'),
  exitSteps: text('\nExit steps:', '\n退出步骤：'),
  stepDone: text('[done]   ', '[已完成]'),
  stepReady: text('[ready]  ', '[可进行]'),
  stepBlocked: text('[blocked]', '[受阻]  '),
  stepWaiting: text('[waiting]', '[等待中]'),
  stepBlockedBy: msg((ids: string) => text(` (blocked by ${ids})`, `（受阻于 ${ids}）`), 'EXIT-1, EXIT-2'),
  stepAvailableFrom: msg((when: string) => text(` (available from ${when})`, `（${when} 起可进行）`), '2026-11-23 20:00 UTC'),
  exitOk: text('✓ Every precondition for leaving JIT is met', '✓ 满足退出JIT的全部前提'),
  exitNotOk: text('✗ The store cannot leave JIT yet', '✗ 暂不能退出JIT'),
  // check catalog
  reasonBanned: text('banned', '禁售'),
  reasonCertificate: text('missing certificate', '缺少证书'),
  reasonTagging: text('not JIT-tagged', '未打JIT标'),
  reasonAdvisory: text('advice', '建议'),
  catalogFormat: msg((delimiter: string, encoding: string) => text(` (delimiter ${delimiter === '\t' ? 'tab' : delimiter}, encoding ${encoding})`, `（分隔符 ${delimiter === '\t' ? '制表符' : delimiter}，编码 ${encoding}）`), ';', 'gb18030'),
  catalogTitle: msg((total: number, format: string) => text(`Catalogue check: ${total} SKUs${format}`, `商品检查：${total} 个SKU${format}`), 5000, ' (;)'),
  skuCannotCheck: msg((line: number) => text(`cannot check (a bad cell on line ${line}, see below)`, `无法检查（第 ${line} 行有无效单元格，见下）`), 17),
  cannotCheck: text('cannot check', '无法检查'),
  catalogBatteryTitle: text('Lithium-battery SKUs: lanes per destination (data/battery.json; what JIT admits is the catalogue rules\' verdict above, BAN-1)', '锂电池SKU：各目的国线路（data/battery.json；JIT 是否接收见上方目录规则结论，BAN-1）'),
  catalogBatteryNoDest: msg((n: number) => text(`${n} lithium-battery SKU(s): give --dest ES,GB,… to see which lanes take them per mode`, `${n} 个锂电池SKU：加 --dest ES,GB,… 查看各模式哪些线路承运`), 3),
  catalogNotListed: msg((more: number, listed: number) => text(`  … and ${more} more SKUs that may not use JIT or carry advice (the first ${listed} are listed; --all lists every one, --json gives every SKU's verdict)`, `  ……另有 ${more} 个不可走JIT或带建议的SKU（只列出前 ${listed} 个；--all 列出全部，--json 输出每个SKU的结论）`), 42181, 100),
  ruleUpcoming: msg((id: string, from: string, skus: number) => text(`${id} is not in force yet (from ${from}): from then it also blocks ${skus} SKU(s) that pass today`, `${id} 尚未生效（自 ${from} 起）：届时还将阻止 ${skus} 个目前通过检查的SKU`), 'BAN-9', '2027-01-01', 3),
  catalogSummary: msg(
    (s: { ok: number; advisory: number; blocked: number; cannotCheck: number; byReason: { banned: number; certificate: number; tagging: number; advisory: number } }) =>
      text(
        `Summary: ${s.ok + s.advisory} may use JIT (${s.advisory} with advice), ${s.blocked} may not, ${s.cannotCheck} cannot be checked; banned ${s.byReason.banned}, missing certificate ${s.byReason.certificate}, not tagged ${s.byReason.tagging}, advice ${s.byReason.advisory}`,
        `汇总：可走JIT ${s.ok + s.advisory}（其中 ${s.advisory} 条建议），不可走 ${s.blocked}，无法检查 ${s.cannotCheck}；禁售 ${s.byReason.banned}，缺证书 ${s.byReason.certificate}，未打标 ${s.byReason.tagging}，建议 ${s.byReason.advisory}`,
      ),
    { ok: 11, advisory: 22, blocked: 33, cannotCheck: 44, byReason: { banned: 55, certificate: 66, tagging: 77, advisory: 88 } },
  ),
  // rules validate / rules test / diff
  severityError: text('error', '错误'),
  severityWarning: text('warning', '警告'),
  rulesValid: msg((dir: string, files: number) => text(`✓ ${dir}: all ${files} rule files, and the rate cards and parameters in data/, are valid`, `✓ ${dir}：${files} 个规则文件及 data/ 中的运价表与参数全部有效`), 'rules/', 7),
  rulesInvalid: msg((dir: string, errors: number) => text(`✗ ${dir}: ${plural(errors, 'error')}`, `✗ ${dir}：${errors} 个错误`), 'rules/', 3),
  testPass: text('PASS', '通过'),
  testFail: text('FAIL', '失败'),
  testExpected: text('expected', '期望'),
  testActual: text('actual', '实际'),
  testSummary: msg((passed: number, failed: number) => text(`${passed} passed, ${failed} failed`, `${passed} 个通过，${failed} 个失败`), 41, 2),
  noRuleChanged: text('No rule changed.', '规则无实质变化。'),
  ruleAdded: text('added', '新增'),
  ruleRemoved: text('removed', '删除'),
  ruleDiffTitle: text('Rule diff', '规则差异'),
  // simulate, shards, calibrate, backtest
  trialsWithPrecision: text('--trials and --precision cannot be used together', '--trials 与 --precision 不能同时使用'),
  trialsWithPrecisionFix: text('give a number of trials, or a precision to reach', '请指定试验次数，或要达到的精度'),
  precisionNoShards: text('--precision cannot be split into shards (it decides the number of trials as it goes)', '--precision 不能分片运行（试验次数在运行中才确定）'),
  precisionNoShardsFix: text('give --trials instead', '请改用 --trials'),
  badPrecision: msg((v: string) => text(`--precision ${v} is not a share between 0 and 1`, `--precision ${v} 不是 0 到 1 之间的比例`), '150%'),
  badPrecisionFix: text('write e.g. --precision 0.5% or --precision 0.005', '请写成如 --precision 0.5% 或 --precision 0.005'),
  wrote: msg((files: string) => text(`Wrote: ${files}`, `已写入：${files}`), 'out/summary.json, out/trials.csv'),
  peakMemory: msg((mb: number) => text(`Peak memory (maxRSS, incl. worker threads): ${mb} MB`, `峰值内存（maxRSS，含工作线程）：${mb} MB`), 312),
  shardDone: msg(
    (k: number, n: number, from: number, last: number, trials: number, seed: number, side: boolean) =>
      text(`Shard ${k}/${n}: trials ${from}–${last} of ${trials} (seed ${seed})${side ? ', with the break-even and tornado runs' : ''}`, `分片 ${k}/${n}：第 ${from}–${last} 次试验，共 ${trials} 次（种子 ${seed}）${side ? '，含盈亏平衡与龙卷风分析' : ''}`),
    2, 4, 2500, 4999, 10000, 7, true,
  ),
  shardWrote: msg((path: string, n: number) => text(`Wrote: ${path} — combine all ${n} with: jitsim merge <partials…>`, `已写入：${path} — 全部 ${n} 个分片用 jitsim merge <分片文件…> 合并`), 'out/a.shard-2-of-4.partial', 4),
  badMode: msg((mode: string) => text(`--mode ${mode} is not a fulfilment mode`, `--mode ${mode} 不是履约方式`), 'boat'),
  badModeFix: msg((modes: readonly string[]) => text(`use one of: ${modes.join(', ')}`, `请使用：${modes.join('、')}`), ['direct', 'jit', 'warehouse']),
  badName: msg((name: string) => text(`--name ${name} is not kebab-case`, `--name ${name} 不是 kebab-case`), 'Client A'),
  badNameFix: text('use lower-case letters, digits and hyphens, e.g. --name client-a', '请用小写字母、数字与连字符，如 --name client-a'),
  notCalibrateOutput: msg((out: string) => text(`${out} exists and was not written by jitsim calibrate`, `${out} 已存在且不是 jitsim calibrate 生成的`), 'client.json'),
  notCalibrateOutputFix: text('choose another --out, or add --force to replace it', '请换一个 --out，或加 --force 覆盖'),
  wroteScenario: msg((file: string) => text(`Wrote the scenario: ${file} (run it with: jitsim simulate ${file})`, `已写入场景：${file}（可直接运行 jitsim simulate ${file}）`), 'client.json'),
  cannotReadOrders: msg((file: string) => text(`cannot read ${file}`, `无法读取 ${file}`), 'orders.csv'),
  cannotReadOrdersFix: text('check the path of the order export', '请检查订单导出文件的路径'),
  noShippingCost: msg((file: string) => text(`${file} has no shipping_cost column (运费): nothing to compare`, `${file} 没有 shipping_cost（运费）列：无可比较内容`), 'orders.csv'),
  noShippingCostFix: text('export the orders with the shipping cost paid, or map its column with --columns {"shipping_cost": "<header>"}', '请导出含实付运费的订单，或用 --columns {"shipping_cost": "<表头>"} 映射该列'),
  nothingToCompare: msg(
    (file: string, usable: number, noCost: number, noLane: number) => text(`${file}: no order to compare (${usable} usable rows, ${noCost} without shipping cost, ${noLane} without a rate-card lane)`, `${file}：没有可比较的订单（可用 ${usable} 行，无运费 ${noCost}，无线路 ${noLane}）`),
    'orders.csv', 12, 7, 5,
  ),
  modeJit: text('JIT', 'JIT'),
  modeWarehouse: text('Self-run warehouse', '自营海外仓'),
  modeDirect: text('Direct shipping', '中国直发'),
  modeTpl: text('3PL warehouse', '第三方海外仓'),
  modeOff: text('switched off', '已关闭'),
  impactTitle: text('Impact of the rule change', '规则变更影响'),
  badPort: msg((port: string) => text(`--port ${port} is not a port number (1–65535)`, `--port ${port} 不是端口号（1–65535）`), '99999'),
  badPortFix: text('write e.g. --port 8765, or leave it out to get a free port', '请写成如 --port 8765，或省略以自动选择空闲端口'),
  nothingToCompareFix: text('each row needs order_id, order_time, destination, weight_kg and shipping_cost', '每行须有 order_id、order_time、destination、weight_kg 与 shipping_cost'),
  // simulate: the readable summary
  simTitle: msg(
    (name: string, trials: number, seed: number, start: string, months: number, fees: string) =>
      text(`Simulation: ${name} — ${trials} trials, seed ${seed}, ${months} months from ${start} (fee schedule ${fees})`, `模拟：${name} — ${trials} 次试验，种子 ${seed}，自 ${start} 起 ${months} 个月（收费方案 ${fees}）`),
    'acme', 2000, 7, '2026-01-01', 12, 'B',
  ),
  simNewSellerReading: msg((fee: string, id: string, reading: Text) => text(`New-seller relief (${fee}) read as "${id}": ${reading.en}`, `新卖家减免（${fee}）按“${id}”理解：${reading.zh}`), 'FEE-A1', 'first-month', text('waived in the first month', '首月免收')),
  simPrecision: msg(
    (target: string, reached: boolean, maxTrials: number, trials: number) =>
      text(`Precision target ${target} %: ${reached ? 'reached' : `not reached (cap ${maxTrials} trials)`} after ${trials} trials`, `精度目标 ${target}%：${reached ? '已达到' : `未达到（上限 ${maxTrials} 次）`}，用了 ${trials} 次试验`),
    '0.50', false, 100000, 99999,
  ),
  simJitUnavailable: text(
    "JIT is not available: it has no P(cheapest), no saving and no break-even; the available modes are compared (under the JIT mode every order would ship direct, E117: its cost is direct's, kept in --json and trials.csv for reference only)",
    'JIT不可用：没有最低成本概率、节省额与盈亏平衡点；以下仅对比可用模式（JIT模式下全部订单按直发（E117）计算，其成本即直发成本，仅在 --json 与 trials.csv 中保留以供参考）',
  ),
  simStoreFails: msg(
    (months: string, failures: readonly string[]) =>
      text(
        `The store fails JIT admission in month(s) ${months} (${failures.join(', ')}; admission is evaluated month by month): in those months orders under the JIT mode ship direct (E117)`,
        `店铺在第 ${months.replace(/, /g, '、')} 个月未通过JIT准入（${failures.join('、')}，准入规则逐月评估）：这些月份JIT模式下订单按直发（E117）计算`,
      ),
    '1–3', ['STORE-1', 'STORE-4'],
  ),
  simSkuMonths: msg(
    (id: string, yes: string, no: string, blockedBy: readonly string[]) =>
      text(
        `SKU ${id} may use JIT in month(s) ${yes}; in month(s) ${no} ${blockedBy.join(', ')} block${blockedBy.length === 1 ? 's' : ''} it (catalogue rules are evaluated month by month by their effective/until dates) and it ships direct (E117)`,
        `SKU ${id} 可走JIT的月份：第 ${yes.replace(/, /g, '、')} 个月；第 ${no.replace(/, /g, '、')} 个月被 ${blockedBy.join('、')} 阻止（商品规则按生效/失效日期逐月评估），这些月份按直发（E117）计算`,
      ),
    'SKU-1', '1–6', '7–12', ['BAN-9'],
  ),
  simNoSkuMonths: msg(
    (months: string) => text(`No SKU may use JIT in month(s) ${months}: every order under the JIT mode ships direct (E117) and no JIT monthly fee is charged`, `第 ${months.replace(/, /g, '、')} 个月没有可走JIT的SKU：JIT模式下全部直发（E117），不收JIT月费`),
    '4–5',
  ),
  simModesOff: msg(
    (modes: readonly Text[]) =>
      text(
        `Switched off (scenario modesOff): ${modes.map((m) => m.en).join(', ')} — no cost, P(cheapest), saving or break-even, never recommended; the other modes are compared (its cost is kept in --json and trials.csv for reference only)`,
        `已关闭（情景 modesOff）：${modes.map((m) => m.zh).join('、')}——没有成本、最低成本概率、节省额与盈亏平衡点，不予推荐；仅在其余模式间对比（其成本仅在 --json 与 trials.csv 中保留以供参考）`,
      ),
    [text('3PL warehouse', '第三方海外仓')],
  ),
  simBlockedSkus: msg(
    (count: number, shown: readonly { id: string; blockedBy: readonly string[] }[], rest: number) =>
      text(
        `SKUs that cannot use JIT (shipped direct under the JIT mode, counted as E117): ${count} — ${shown.map((k) => `${k.id} (${k.blockedBy.join(', ')})`).join(', ')}${rest > 0 ? ` and ${rest} more (all of them: skus.csv with --out, or --json)` : ''}`,
        `不可走JIT的SKU（JIT模式下直发，计为E117）：${count} 个 — ${shown.map((k) => `${k.id}（${k.blockedBy.join('、')}）`).join('、')}${rest > 0 ? ` 等，另有 ${rest} 个（完整列表见 --out 的 skus.csv 或 --json）` : ''}`,
      ),
    12, [{ id: 'SKU-1', blockedBy: ['BAN-1', 'CERT-2'] }], 2,
  ),
  simOrders: msg((mean: string, p5: string, p95: string) => text(`Orders over the horizon: mean ${mean} (P5 ${p5} – P95 ${p95})`, `订单量：均值 ${mean}（P5 ${p5} – P95 ${p95}）`), '36,500', '30,100', '42,900'),
  /** The table header; the Chinese columns are padded for terminal width (a CJK character takes two columns). */
  simTableHeader: msg(
    (cur: string) =>
      text(
        `mode                mean total ${cur}   95 % CI of the mean         P5 – P95                 per order  P(cheapest)  CVaR 95 %   cash tied up  delivery days (mean/P95)`,
        cur === 'CNY'
          ? '模式                总成本均值（元） 均值95%置信区间              P5 – P95                 每单（元） 最低概率     CVaR95      占用资金      时效（均值/P95天）'
          : `模式                总成本均值（${cur}）均值95%置信区间              P5 – P95                 每单(${cur}) 最低概率    CVaR95      占用资金      时效（均值/P95天）`,
      ),
    'EUR',
  ),
  simCurrencyNote: msg(
    (cur: string, fx: string) =>
      text(`Money in ${cur} (the scenario's currency.reporting): every figure converted from CNY at each trial's own exchange-rate draw${fx}`, `金额单位：${cur}（情景 currency.reporting）：每个数字按各次试验自己抽取的汇率由人民币换算${fx}`),
    'EUR', ' (EUR 7.98 CNY, P5–P95 7.7–8.3)',
  ),
  simModeOffRow: text('switched off (see above): no cost, P(cheapest), saving or break-even', '已关闭（见上）：没有成本、最低概率、节省额与盈亏平衡点'),
  simModeUnavailableRow: text('not available (see above): no cost, P(cheapest), saving or break-even', '不可用（见上）：没有成本、最低概率、节省额与盈亏平衡点'),
  simTied: msg((share: string) => text(`Tied for cheapest (equal to the cent) in ${share} % of trials; P(cheapest) splits those trials between the tied modes`, `并列最低（成本相同至分）：${share}% 的试验，最低概率在并列模式间平分`), '2.5'),
  simPairedTitle: msg((cur: string) => text(`Paired differences (same order flow, ${cur})`, `配对差值（同一订单流，${cur === 'CNY' ? '元' : cur}）`), 'EUR'),
  ci95: text('95 % CI', '95%置信区间'),
  simRoutingTitle: text('Routing under the JIT mode (mean orders per trial)', 'JIT模式分仓结果（每次试验平均订单数）'),
  simRoutedToJit: text('routed to JIT', '走JIT'),
  simNonPreferred: msg((share: string) => text(` · non-preferred warehouse ${share} %`, ` · 非首选仓 ${share}%`), '3.2'),
  simBreakEvenTitle: text(
    'Break-even (starting orders/day; method: the same trials re-run on a grid of 1/16× to 16× the volume, common random numbers)',
    '盈亏平衡（起始日均订单量；方法：同一批试验在 1/16–16 倍订单量网格上重新模拟，同一随机数）',
  ),
  simNoBreakEvenMostTrials: msg(
    (cheaper: string, share: string, p50: string) =>
      text(`no break-even in most trials between 1/16× and 16× the volume (${cheaper} cheaper throughout); ${share} % of trials cross at about ${p50} orders/day (median)`, `多数试验在 1/16–16 倍订单量内无交点（${cheaper} 始终更便宜）；${share}% 的试验交点约为 ${p50} 单/天`),
    'Direct shipping', '30', '85',
  ),
  simNoCrossingShare: msg(
    (share: string, cheaper: string) => text(`${share} % of trials do not cross between 1/16× and 16×; below it ${cheaper} is cheaper`, `${share}% 的试验在 1/16–16 倍内无交点；低于该量时 ${cheaper} 更便宜`),
    '12', 'Direct shipping',
  ),
  simNoBreakEven: msg((cheaper: string) => text(`no break-even between 1/16× and 16× the volume; ${cheaper} is cheaper throughout`, `在 1/16–16 倍订单量内无交点，${cheaper} 始终更便宜`), 'JIT'),
  simRateBreakEvenTitle: text(
    'Break-even rate levels (rate multiplier; method: exact from each trial of the main run, no extra simulation)',
    '盈亏平衡运价水平（运价系数；方法：由主模拟各次试验的成本构成精确求得，无需额外模拟）',
  ),
  legJitLogistics: text('JIT logistics card', 'JIT物流运价表'),
  legDirect: text('direct-shipping card', '直发运价表'),
  legWarehouseLastMile: text('warehouse last-mile card', '海外仓尾程运价表'),
  legWarehouseHeadhaul: text('warehouse head-haul rates', '海外仓头程运价'),
  simRateBreakEven: msg(
    (leg: string, p50: string, p5: string, p95: string, now: string, cheaper: string, share: string) =>
      text(
        `${leg} at ×${p50} (P5–P95 ×${p5}–×${p95}; now ×${now} on average; below it ${cheaper} is cheaper; ${share} % of trials cross)`,
        `${leg}系数 ×${p50} (P5–P95 ×${p5}–×${p95}; 当前均值 ×${now}；低于该系数时 ${cheaper} 更便宜；${share}% 的试验有交点)`,
      ),
    'direct-shipping card', '1.15', '1.02', '1.31', '1.00', 'JIT', '64',
  ),
  simGroupInput: msg((input: string, members: number) => text(`${input} (all ${members} SKUs together)`, `${input}（全部 ${members} 个SKU一同变动）`), 'skus.weightKg', 12),
  simLargestSku: text(' (largest single SKU)', '（单个SKU中最大）'),
  simSensitivityTitle: msg(
    (a: string, b: string, mean: string, cur: string) =>
      text(`Sensitivity of the per-order cost difference ${a} − ${b} (best and second-best mode by mean cost per order over all trials; mean ${mean} ${cur}/order)`, `敏感性：每单成本差 ${a} − ${b}（全部试验中平均每单成本最低与次低的模式；均值 ${mean} ${cur === 'CNY' ? '元' : cur}/单）`),
    'JIT', 'Direct shipping', '-1.23', 'EUR',
  ),
  simRanking: msg(
    (byRegression: boolean, rankTrials: number, trials: number, top: number, swingTrials: number) =>
      text(
        `  Ranked by ${byRegression ? "the rank regression of that difference on every input at once (standardised rank regression coefficient, SRRC: each input's effect with the others held fixed)" : 'the rank correlation (Spearman) of each input with that difference'} over ${rankTrials < trials ? `the first ${rankTrials} of the ${trials} trials (the run keeps every input of its first ${rankTrials} trials only)` : `all ${rankTrials} trials`} (no extra simulation); swings for the top ${top}: the input at P10 and P90, the others at P50 (${swingTrials} trials each, common random numbers)`,
        `  排序：${byRegression ? '该差额对全部输入的秩回归（标准化秩回归系数，SRRC：各输入在其他输入不变时的影响）' : '各输入与该差额的秩相关（Spearman）'}，基于${rankTrials < trials ? `全部 ${trials} 次试验中的前 ${rankTrials} 次（运行只保留前 ${rankTrials} 次试验的各项输入）` : `全部 ${rankTrials} 次试验`}，无需额外模拟；摆幅：排名前 ${top} 的输入各取P10与P90、其余取P50（各 ${swingTrials} 次试验，同一随机数）`,
      ),
    true, 500, 2000, 8, 400,
  ),
  rankCorrelation: text('rank corr.', '秩相关'),
  simEachP10P90: text('each P10 → P90', '各自P10 → P90'),
  cnyPerOrder: msg((cur: string) => text(`${cur}/order`, `${cur === 'CNY' ? '元' : cur}/单`), 'EUR'),
  swing: text('swing', '摆幅'),
  swingBase: text('base', '基准'),
  simNextNoSwing: text('  Next (no swing):', '  其后（无摆幅）：'),
  // calibrate
  calibrateTitle: msg(
    (file: string, from: string, to: string, days: number, orders: number, rows: number) => text(`Calibration: ${file} — ${from} to ${to} (${days} days), ${orders} orders used of ${rows} rows`, `校准：${file} — ${from} 至 ${to}（${days} 天），可用 ${orders} 单，共读 ${rows} 行`),
    'orders.csv', '2025-01-01', '2025-12-31', 365, 41000, 41250,
  ),
  calibrateInput: msg(
    (encoding: string, delimiter: string, columns: readonly string[]) => text(`  encoding ${encoding}, delimiter ${delimiter}, columns: ${columns.join(', ')}`, `  编码 ${encoding}，分隔符 ${delimiter}，列：${columns.join('，')}`),
    'gb18030', ';', ['order_id←订单号', 'weight_kg←重量'],
  ),
  calibrateRowsSkipped: text('  Rows skipped:', '  跳过的行：'),
  calibrateRejected: msg((reason: string, count: number, lines: string) => text(`    ${reason}: ${count} (first on lines ${lines})`, `    ${reason}: ${count} (首见于第 ${lines} 行)`), 'bad date', 3, '17, 18'),
  calibrateOrdersPerDay: msg(
    (mean: string, start: string, level: string, ci: string) => text(`  orders/day: ${mean} on average; fitted level at ${start} ${level} 95 % CI ${ci}`, `  日均订单（全期均值）${mean}；起始日 ${start} 拟合水平 ${level} ${ci}`),
    '112.4', '2026-01-01', '130.2', '[120.1, 140.3]',
  ),
  calibrateGrowth: msg(
    (growth: string, ci: string, dispersion: string) => text(`  monthly growth ${growth} 95 % CI ${ci}; over-dispersion (CV of the daily rate) ${dispersion}`, `  月增长 ${growth} ${ci}；离散度（日订单率变异系数）${dispersion}`),
    '2.1 %', '[1.0 %, 3.2 %]', '0.123',
  ),
  calibrateWeekly: text('weekly (Mon..Sun)', '周内（一至日）'),
  calibrateYearly: text('yearly (Jan..Dec)', '年内（1–12月）'),
  calibrateShortHistory: msg((days: number) => text(`  warning: less than a year of history (${days} days): yearly seasonality left at the default (flat)`, `  警告：历史不足一年（${days} 天），年度季节性取默认（无变化）`), 200),
  calibrateDestinations: text('destinations', '目的国'),
  calibrateReturnRate: text('return rate', '退货率'),
  calibrateOrderValue: text('order value', '客单价'),
  calibrateWeight: text('weight', '重量'),
  calibrateSkuEntries: text('SKU entries', '个SKU条目'),
  calibrateFitQuality: text('fit quality', '拟合质量'),
  calibrateMonthlyMape: text('monthly totals MAPE', '月度总量 MAPE'),
  calibratePseudoR2: text('daily pseudo-R²', '日度伪R²'),
  calibrateDownWeighted: text('down-weighted days', '降权日'),
  calibrateAssumptions: msg((n: number) => text(`  ${n} fields set from documented defaults (see provenance.assumptions)`, `  ${n} 项字段采用默认值（见 provenance.assumptions）`), 9),
  calibrateWarning: text('warning', '警告'),
  // impact
  impactEligibilityChanged: msg(
    (before: boolean, after: boolean, failures: readonly string[]) =>
      text(`**JIT eligibility changed**: ${before ? 'eligible' : 'not eligible'} → ${after ? 'eligible' : `not eligible (${failures.join(', ')})`}`, `**JIT资格变化**：${before ? '可用' : '不可用'} → ${after ? '可用' : `不可用（${failures.join('、')}）`}`),
    true, false, ['STORE-1', 'STORE-3'],
  ),
  impactTableHeader: msg((cur: string) => text(`| Mode | Mean before (${cur}) | Mean after (${cur}) | Difference (95 % CI) | Relative | Significant | P(cheapest) |`, `| 模式 | 变更前均值（${cur === 'CNY' ? '元' : cur}） | 变更后均值（${cur === 'CNY' ? '元' : cur}） | 差额（95%置信区间） | 相对 | 显著 | 最低概率 |`), 'EUR'),
  impactJitNotAvailable: msg(
    (before: boolean, after: boolean) =>
      text(` (not available ${!before && !after ? 'before and after' : after ? 'before' : 'after'}: costed as direct)`, `（${before ? '' : '变更前'}${!before && !after ? '与' : ''}${after ? '' : '变更后'}不可用，按直发计）`),
    false, true,
  ),
  impactJitNeither: text(' (not available before and after)', '（变更前与变更后均不可用）'),
  impactModeOff: msg((off: Text) => text(` (${off.en})`, `（${off.zh}）`), text('switched off', '已关闭')),
  yes: text('yes', '是'),
  no: text('no', '否'),
  impactJitUnavailableAfter: msg(
    (remedies: readonly { rule: string; remedy: Text }[]) =>
      text(
        `JIT is not available (after): ${remedies.map((f) => `${f.rule} — ${f.remedy.en.replace(/[.。]\s*$/, '')}`).join('; ')}. It has no P(cheapest) and no break-even.`,
        `JIT不可用（变更后）：${remedies.map((f) => `${f.rule}——${f.remedy.zh.replace(/[.。]\s*$/, '')}`).join('；')}。JIT没有最低成本概率与盈亏平衡点。`,
      ),
    [{ rule: 'STORE-1', remedy: text('Raise the rating.', '提高评分。') }],
  ),
  breakEven: text('Break-even', '盈亏平衡'),
  ordersPerDayUnit: text('orders/day', '单/天'),
  // backtest
  backtestTitle: msg(
    (orders: number, paid: number, model: number, bias: string, mape: string) => text(`Backtest: ${orders} orders, paid ${paid} CNY, model ${model} CNY — bias ${bias}, MAPE ${mape}`, `回测：${orders} 单，实付运费 ${paid} 元，模型 ${model} 元 — 偏差 ${bias}，MAPE ${mape}`),
    1200, 5432.1, 5500.25, '+1.3 %', '4.2 %',
  ),
  backtestNotCompared: msg((noCost: number, noLane: number) => text(`  not compared: ${noCost} orders without shipping cost, ${noLane} without a lane in the card`, `  未比较：无运费 ${noCost} 单，运价表无此线路 ${noLane} 单`), 3, 4),
  backtestHeader: text('  mode      dest  bracket(≤kg)  orders  paid/order  model/order    bias     MAPE', '  方式      目的国  重量段(≤kg)   单数   实付均值   模型均值     偏差     MAPE'),
  backtestByDestination: text('  By destination:', '  按目的国：'),
  backtestRowsSkipped: text('  Rows skipped: ', '  跳过的行：'),
  backtestRejected: msg((reason: string, count: number, line: number) => text(`${reason} ${count} (first line ${line})`, `${reason} ${count} (首见第 ${line})`), 'bad date', 3, 17),
  backtestDefaultMode: msg((mode: string) => text(`  orders without a mode cell are taken as ${mode} (change with --mode)`, `  未标明履约方式的订单按 ${mode} 计（--mode 可改）`), 'direct'),
  backtestWroteMultipliers: msg((n: number, file: string, json: string) => text(`Wrote ${n} lane multipliers into ${file}: ${json}`, `已将 ${n} 个线路系数写入 ${file}：${json}`), 3, 'client.json', '{"direct":{"ES":1.05}}'),
  // quote
  badNumber: msg(
    (flag: string, v: string, min?: number, max?: number) => text(`${flag} ${v} is not a valid number${min !== undefined ? ` ≥ ${min}` : ''}${max !== undefined ? ` and ≤ ${max}` : ''}`, `${flag} ${v} 不是有效数值${min !== undefined ? `（≥ ${min}` : ''}${max !== undefined ? `${min !== undefined ? '，' : '（'}≤ ${max}` : ''}${min !== undefined || max !== undefined ? '）' : ''}`),
    '--return-rate', '1.5', 0, 1,
  ),
  rateIsFraction: text('rates are fractions: 1.5 % is 0.015', '比率用小数：1.5% 写作 0.015'),
  plainNumberFix: msg((flag: string) => text(`give ${flag} a plain number`, `请为 ${flag} 填写数字`), '--weight'),
  quoteWarehouse: text('Self-run overseas warehouse', '自营海外仓'),
  quoteDirect: text('Direct shipping from China', '中国直发'),
  quoteTpl: text('3PL overseas warehouse', '第三方海外仓'),
  unknownCountry: msg((dest: string) => text(`unknown country "${dest}"`, `未知国家 "${dest}"`), 'XX'),
  unknownCountryFix: text('give an ISO 3166-1 alpha-2 code, e.g. --dest ES', '请填写 ISO 3166-1 二位代码，如 --dest ES'),
  unknownService: msg((service: string) => text(`unknown service "${service}"`, `未知服务 "${service}"`), 'premium'),
  useOneOf: msg((values: readonly string[]) => text(`use one of: ${values.join(', ')}`, `请使用以下之一：${values.join('、')}`), ['economy', 'standard', 'express']),
  badDims: msg((dims: string) => text(`--dims ${dims} is not LxWxH in cm`, `--dims ${dims} 不是 长x宽x高（厘米）`), '30x20'),
  badDimsFix: text('write it like --dims 30x20x5', '请写成 --dims 30x20x5'),
  badDate: msg((date: string) => text(`--date ${date} is not a date`, `--date ${date} 不是有效日期`), '2026-02-30'),
  badDateFix: text('write it as YYYY-MM-DD, e.g. --date 2026-07-01', '请写成 YYYY-MM-DD，如 --date 2026-07-01'),
  unknownCategory: msg((category: string) => text(`unknown category "${category}"`, `未知类目 "${category}"`), 'toys'),
  quoteTitle: msg((dest: string, kg: number, service: string, schedule: string) => text(`Per-order quote: ${dest}, ${kg} kg, ${service}, schedule ${schedule} (CNY per order)`, `单票报价：${dest}，${kg} 千克，${service}，方案${schedule}（元/单）`), 'ES', 0.5, 'standard', 'B'),
  cheapest: text('  ← cheapest', '  ← 最低'),
  delivery: msg((from: number, to: number) => text(`delivery ${from}–${to} days`, `时效 ${from}–${to} 天`), 5, 9),
  dutiesTitle: msg(
    (date: string, priceCny: number, category: string) =>
      text(`Duties and taxes (${date}, price ${priceCny} CNY, category ${category === '*' ? 'general' : category}; not in the fulfilment totals above)`, `关税与税费（${date}，售价 ${priceCny} 元，类目 ${category === '*' ? '通用' : category}；不计入上方履约成本）`),
    '2026-07-01', 99, 'apparel',
  ),
  dutiesParcel: text('JIT / direct (parcel)', 'JIT / 直发（包裹）'),
  dutiesWarehouse: text('warehouse, 3PL (bulk import)', '自营仓/第三方仓（大宗进口）'),
  duty: text('duty', '关税'),
  importTax: text('import tax', '进口税'),
  vatInPrice: text('VAT in price', '售价内增值税'),
  importVat: text('import VAT', '进口增值税'),
  vatCost: text('cost', '成本'),
  vatRecovered: msg((days: number) => text(`, recovered after ${days} days`, `，${days} 天后退回`), 45),
  contributionTitle: msg(
    (price: number, unitCost: number) => text(`Contribution per order (price ${price} − unit cost ${unitCost} − fulfilment − duties − taxes; no delivery-speed sales effect)`, `每单贡献（售价 ${price} − 货值 ${unitCost} − 履约 − 关税 − 税费；不含时效对销量的影响）`),
    99, 35,
  ),
  fulfilment: text('fulfilment', '履约'),
  duties: text('duties', '关税'),
  taxes: text('taxes', '税费'),
  contribution: text('contribution', '贡献'),
  fxRates: text('rates', '汇率'),
  // report
  badFormat: msg((f: string) => text(`--format ${f} is not a format jitsim writes`, `--format ${f} 不是 jitsim 支持的格式`), 'docx'),
  badFormatFix: msg((formats: readonly string[]) => text(`use ${formats.join(', ')} (comma-separated), e.g. --format pdf,xlsx`, `请使用 ${formats.join('、')}（逗号分隔），如 --format pdf,xlsx`), ['pdf', 'xlsx']),
  nameAndNameFromScenario: text('give --name or --name-from-scenario, not both', '--name 与 --name-from-scenario 只能二选一'),
  dropOne: text('drop one of them', '请去掉其中一个'),
  nameCount: msg((names: number, files: number) => text(`${names} --name for ${files} scenario file(s)`, `${files} 个场景文件却给了 ${names} 个 --name`), 1, 2),
  nameCountFix: text('give one --name per scenario file, in the same order', '请按顺序为每个场景文件各给一个 --name'),
  badFolderName: msg((quoted: string) => text(`--name ${quoted} is not a plain folder name`, `--name ${quoted} 不是普通文件夹名`), '"a/b"'),
  badFolderNameFix: text('use letters, digits, ".", "_" and "-" (no "/"), at most 80 characters, e.g. --name client-b', '请只用字母、数字、"."、"_" 和 "-"（不含 "/"），最多 80 个字符，如 --name client-b'),
  noScenarioName: text('the scenario has no "name" to name its report folder after', '场景没有可作为报告文件夹名的 "name"'),
  noScenarioNameFix: text('add "name" (kebab-case), or name the folder with --name', '请添加 "name"（短横线小写），或用 --name 命名文件夹'),
  sameFolder: msg((who: readonly string[], folder: string) => text(`${who.join(' and ')} would all be written to the report folder "${folder}"`, `${who.join(' 和 ')} 都会写入同一个报告文件夹 "${folder}"`), ['a/client.json', 'b/client.json'], 'client'),
  sameFolderFix: msg(
    (example: string) => text(`name them apart: --name <name> once per scenario file, in order (e.g. ${example}), or --name-from-scenario to use each scenario's "name" field`, `请区分名称：按顺序为每个场景文件各给一个 --name（如 ${example}），或用 --name-from-scenario 以各场景的 "name" 字段命名`),
    '--name client-1 --name client-2',
  ),
  trialsOrPrecision: text('give --trials or --precision, not both', '--trials 与 --precision 只能二选一'),
  compareNeedsTwo: text('--compare needs at least two scenarios', '--compare 至少需要两个场景'),
  compareNeedsTwoFix: text('list two or more scenario files', '请列出两个或以上场景文件'),
  reportFolderTaken: msg(
    (several: boolean) =>
      text(
        `choose another folder name${several ? ' (--name once per scenario, in order)' : ' with --name <other>'}, or another --out; jitsim never deletes what it did not write`,
        `请用${several ? '按顺序为每个场景各给一个 --name ' : ' --name <其他名称> '}换一个文件夹名，或换一个 --out；jitsim 不会删除不是它写的内容`,
      ),
    true,
  ),
  reportRun: msg((months: number, trials: number) => text(`${months} months, ${trials} simulations`, `${months}个月，${trials}次模拟`), 12, 10000),
  // shared: findings, flags
  findingFail: text('FAIL', '不通过'),
  findingWarn: text('WARN', '提示'),
  findingPass: text('PASS', '通过'),
  findingItems: text('items', '涉及'),
  findingSource: text('source', '依据'),
  notWholeNumber: msg(
    (flag: string, v: string, min: number, max?: string) => text(`${flag} ${v} is not a whole number ${max === undefined ? `≥ ${min}` : `from ${min} to ${max}`}`, `${flag} ${v} 不是 ${max === undefined ? `≥ ${min}` : `${min} 至 ${max}`} 的整数`),
    '--trials', '1e9', 2, '1,000,000',
  ),
  writeEg: msg((example: string) => text(`write e.g. ${example}`, `请写成如 ${example}`), '--trials 1000'),
  tooManyWorkers: msg((n: number, cores: number) => text(`note: --workers ${n} is more than the ${cores} CPU core(s) here; using ${cores}`, `注意：--workers ${n} 超过本机 CPU 核数，已降为 ${cores}`), 64, 2),
  // edit, serve-worker, queue
  editorTitle: text('jitsim rule editor', 'jitsim 规则编辑器'),
  editorListening: msg(
    (opened: boolean) =>
      text(
        `${opened ? 'Opened in your browser. ' : 'Open the URL above in a browser (it holds the access token: do not share it). '}Listening on 127.0.0.1 only. Stop it with the page's Stop button or Ctrl+C.`,
        `${opened ? '已在浏览器中打开。' : '请在浏览器中打开上面的网址（含令牌，勿分享）。'}仅监听 127.0.0.1。用页面上的“停止”按钮或 Ctrl+C 停止。`,
      ),
    false,
  ),
  editorStopped: text('Editor stopped.', '编辑器已停止。'),
  workerWaiting: msg((queue: string) => text(`jitsim serve-worker: connected to ${queue}, waiting for shard jobs (Ctrl-C to stop)`, `jitsim serve-worker：已连接 ${queue}，等待分片任务（Ctrl-C 停止）`), 'redis://127.0.0.1:6379'),
  queueProgress: text('queue ', '队列 '),
  // init
  notPositive: msg((flag: string, v: string) => text(`${flag} ${v} is not a number above 0`, `${flag} ${v} 不是大于 0 的数`), '--weight-kg', '-1'),
  sharesNotOne: msg((sum: number) => text(`destination shares must be above 0 and add up to 1 (they add up to ${sum})`, `目的国占比须大于 0 且合计为 1（当前合计 ${sum}）`), 0.9),
  notCountryShare: msg((part: string) => text(`"${part}" is not COUNTRY:SHARE`, `"${part}" 不是 国家:占比`), 'ES=1'),
  notEmpty: msg((folder: string) => text(`${folder} is not empty`, `${folder} 不是空目录`), 'clients/acme'),
  notEmptyFix: text("give a new folder (init never overwrites a client's files)", '请指定一个新目录（init 从不覆盖客户文件）'),
  askName: text('Client name:', '客户名称：'),
  askOrders: text('Orders per day today:', '当前日订单量：'),
  askDestinations: text('Destinations with shares (e.g. ES:0.6,FR:0.4):', '目的国及占比（如 ES:0.6,FR:0.4）：'),
  askCategory: msg((categories: readonly string[]) => text(`Main category (${categories.join(', ')}):`, `主营类目（${categories.join('、')}）：`), ['apparel', 'home']),
  askWeight: text('Typical parcel weight, kg:', '典型包裹重量（千克）：'),
  askPrice: text('Typical selling price, CNY:', '典型售价（元）：'),
  askUnitCost: text('Typical unit cost, CNY:', '典型单件成本（元）：'),
  askMonths: text('Horizon, months:', '模拟期（月）：'),
  askStart: text('Start date (YYYY-MM-DD):', '开始日期（YYYY-MM-DD）：'),
  notStartDate: msg((start: string) => text(`"${start}" is not a date YYYY-MM-DD`, `"${start}" 不是 YYYY-MM-DD 格式的日期`), '2026-13-01'),
  monthsNotWhole: msg((months: number) => text(`--months ${months} is not a whole number`, `--months ${months} 不是整数`), 1.5),
  initDescription: msg((name: string) => text(`${name}: first draft made by jitsim init — replace every figure marked in README.md with the client's own.`, `${name}：由 jitsim init 生成的初稿——请按 README.md 将各项数字换成客户自己的数据。`), 'ACME'),
  initNext: msg((readme: string, scenario: string) => text(`Next: read ${readme}, then run jitsim simulate ${scenario}`, `下一步：阅读 ${readme}，然后运行 jitsim simulate ${scenario}`), 'acme/README.md', 'acme/scenario.json'),
  /** The client folder's README (one bilingual document): what each file is, every scenario field explained ({@link INIT_README_FIELDS}). */
  initReadme: msg((name: string, table: string) => {
    const doc = `# ${name}

Client folder made by \`jitsim init\`. 由 \`jitsim init\` 生成的客户目录。

| file | what it is | 说明 |
|---|---|---|
| \`scenario.json\` | the simulation scenario (strict JSON; fields explained below) | 模拟场景（严格 JSON，字段说明见下） |
| \`store.json\` | store profile template for \`jitsim check store\` — fill in the client's figures | 店铺资料模板，用于 \`jitsim check store\`，请填入客户数据 |
| \`skus.csv\` | catalogue template for \`jitsim check catalog\` — one row per SKU | 商品目录模板，用于 \`jitsim check catalog\`，每个SKU一行 |
| \`rates/rate-card-template.csv\` | the client's quoted rates, one row per lane and weight bracket, each with its basis (\`source:\` quote and date) | 客户的报价运价表：每条线路、每个重量段一行，注明依据 |

Run / 运行:

\`\`\`sh
npx jitsim simulate scenario.json --trials 2000
npx jitsim report scenario.json --format pdf,xlsx
npx jitsim check store store.json --lang zh
npx jitsim check catalog skus.csv
\`\`\`

## scenario.json, field by field / 逐字段说明

| field | meaning | 含义 |
|---|---|---|
${table}

Any number may be a distribution: \`{ "dist": "pert", "min": 40, "mode": 60, "max": 90 }\`, \`uniform\` (min, max),
\`triangular\`, \`normal\` (mean, sd), \`lognormal\`, \`discrete\` (values, weights). 任何数字都可写成分布。
The full schema: \`data/schema/scenario.schema.json\` of jitsim (your editor validates while you type through \`$schema\`).
`;
    return text(doc, doc);
  }, 'ACME', '| `name` | id | 简称 |'),
});

/** The rows of the client README's field table (`jitsim init`): field, English, Chinese. */
export const INIT_README_FIELDS: readonly [string, string, string][] = [
  ['name', 'Short id of the scenario (report folder name).', '场景简称（报告目录名）。'],
  ['title', 'Client name shown as the report title.', '报告标题中的客户名称。'],
  ['description.en / .zh', 'One paragraph on the client, in both languages; shown under the title.', '客户简介（中英文），显示在标题下。'],
  ['startDate', 'First simulated day (YYYY-MM-DD).', '模拟首日（YYYY-MM-DD）。'],
  ['horizonMonths', 'Months simulated.', '模拟月数。'],
  ['newSeller', 'true for a store new to JIT: the first month\'s base fee is waived (FEE-A1).', '新开通JIT的店铺为 true：首月免基础服务费（FEE-A1）。'],
  ['demand.ordersPerDay', 'Orders per day today. Drafted as PERT (−25 % / today / +30 %): replace the spread with the client\'s own range.', '当前日订单量。初稿为 PERT（−25% / 当前 / +30%）：请换成客户自己的区间。'],
  ['demand.monthlyGrowth', 'Growth per month as a fraction (0.03 = 3 %). Drafted as 0.', '月增长率（0.03 = 3%）。初稿为 0。'],
  ['demand.weekly / yearly / dispersion', 'Optional: 7 weekday factors, 12 month factors, day-to-day over-dispersion.', '可选：7个周内系数、12个月度系数、逐日离散度。'],
  ['destinations[]', 'Countries (ISO codes), share of orders (adding up to 1), service economy | standard | express.', '目的国（ISO 代码）、订单占比（合计为 1）、服务等级 economy | standard | express。'],
  ['skus[]', 'Products: id, category, share of orders, weightKg, unitCostCny, priceCny, jitTagged; optional volumeLitres, oversize, certificates. Any number may be a distribution.', '商品：编号、类目、订单占比、重量、单件成本、售价、是否已打JIT标；可选体积、超尺寸、认证。任何数字都可写成分布。'],
  ['returns.jitRate', 'The client\'s return rate under JIT. Drafted as the industry average from data/modes.json (industryReturnRate, [ENABLE]).', '客户在JIT下的退货率。初稿取 data/modes.json 的行业均值（industryReturnRate，[ENABLE]）。'],
  ['sync.mode', '"api" (ERP/API, real time) or "manual" with sync.uploadIntervalHours (routes some days SYNC-LATE).', '"api"（ERP/API 实时）或 "manual"（需填 sync.uploadIntervalHours，部分日期会 SYNC-LATE）。'],
  ['jit.designatedBox', 'true when parcels go in the designated JIT box (DSC-2 rebate).', '使用指定JIT箱型时为 true（DSC-2 减免）。'],
  ['jit.nonPreferredShare', 'Share of orders routed to a non-preferred JIT warehouse (SUR-2). Drafted as 0.', '分配至非优选仓的订单占比（SUR-2）。初稿为 0。'],
  ['store (optional)', 'The store profile; without it admission is not checked. Same fields as store.json.', '店铺资料；不填则不检查准入。字段同 store.json。'],
  ['warehouse.sites (optional)', 'Self-run warehouse sites and the countries each serves, e.g. {"PL": ["PL","DE"]}.', '自营仓及其覆盖国家，如 {"PL": ["PL","DE"]}。'],
  ['overrides (optional)', 'Replace a shipped figure of data/modes.json or data/warehouse.json with the client\'s, e.g. "warehouse.ES.rentCnyPerM3Month": 40; the report shows both.', '用客户数据替换 data/ 中的内置数字，如 "warehouse.ES.rentCnyPerM3Month": 40；报告会并列显示。'],
];

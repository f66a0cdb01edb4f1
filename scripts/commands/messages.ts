/**
 * The message catalogue of the CLI commands (area `commands`): every bilingual text the command
 * files print or throw, in one place for a translator. Command code refers to an entry by its key
 * (`M.storeTitle(asOf)[lang]`); sim/i18n/catalogue.test.ts renders every entry in both languages.
 */
import { defineMessages, msg } from '../../sim/i18n/catalogue.ts';
import { text } from '../../sim/i18n/index.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const M = defineMessages('commands', {
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
});

/** `jitsim impact <base> [<head>] [scenarios...]`: what a rule change does to each scenario's costs, in money. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { diffRuleSets } from '../../sim/diff/rule-diff.ts';
import { withRuleSources } from '../../sim/diff/rule-source.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { scenarioImpact, type ScenarioImpact } from '../../sim/impact.ts';
import { expandPortfolio, portfolioShard } from '../../sim/portfolio.ts';
import { parseShard } from '../../sim/shard.ts';
import { loadRuleSet } from '../../sim/rules/rule-set.ts';
import { MODES, type Mode } from '../../sim/engine/layout.ts';
import { EXIT } from '../exit-codes.ts';
import type { CommonOptions, Io } from '../io.ts';
import { formatRuleDiff } from './diff.ts';
import { displayPath, MAX_TRIALS, userPath, wholeNumber, workerCount } from './shared.ts';
import { M } from './messages.ts';

export interface ImpactCliOptions extends CommonOptions {
  trials: string;
  seed: string;
  workers?: string;
  breakEvenTrials: string;
  portfolio?: string[];
  shard?: string;
}

const LABEL: Record<Mode, Record<Lang, string>> = { jit: M.modeJit, warehouse: M.modeWarehouse, direct: M.modeDirect, tpl: M.modeTpl };
const money = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x).toLocaleString('en-US')}`;
/** A relative change: two decimals, or two significant digits when smaller (a 0.003 % change shows). */
const pct = (x: number) => `${x >= 0 ? '+' : ''}${x === 0 ? '0' : Math.abs(x * 100) >= 0.01 ? (x * 100).toFixed(2) : (x * 100).toPrecision(2)} %`;

const pc = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The impact as a Markdown table per scenario (for a pull-request comment). */
export function impactMarkdown(impacts: readonly ScenarioImpact[], lang: Lang): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  for (const s of impacts) {
    lines.push(`### ${s.scenario}`, '');
    if (s.eligibility.base !== s.eligibility.head) lines.push(zh ? `**JIT资格变化**：${s.eligibility.base ? '可用' : '不可用'} → ${s.eligibility.head ? '可用' : `不可用（${s.eligibility.headFailures.join('、')}）`}` : `**JIT eligibility changed**: ${s.eligibility.base ? 'eligible' : 'not eligible'} → ${s.eligibility.head ? 'eligible' : `not eligible (${s.eligibility.headFailures.join(', ')})`}`, '');
    lines.push(zh ? '| 模式 | 变更前均值（元） | 变更后均值（元） | 差额（95%置信区间） | 相对 | 显著 | 最低概率 |' : '| Mode | Mean before (CNY) | Mean after (CNY) | Difference (95 % CI) | Relative | Significant | P(cheapest) |', '|---|---:|---:|---:|---:|:---:|---:|');
    for (const m of MODES) {
      const x = s.modes[m];
      const na = m === 'jit' && (!s.eligibility.base || !s.eligibility.head) ? (zh ? `（${s.eligibility.base ? '' : '变更前'}${!s.eligibility.base && !s.eligibility.head ? '与' : ''}${s.eligibility.head ? '' : '变更后'}不可用，按直发计）` : ` (not available ${!s.eligibility.base && !s.eligibility.head ? 'before and after' : s.eligibility.head ? 'before' : 'after'}: costed as direct)`) : '';
      // unavailable under both rule sets: JIT has no figures of its own (every order would ship direct)
      if (m === 'jit' && !s.eligibility.base && !s.eligibility.head) {
        lines.push(`| ${LABEL[m][lang]}${zh ? '（变更前与变更后均不可用）' : ' (not available before and after)'} | — | — | — | — | — | — |`);
        continue;
      }
      // switched off (the scenario's modesOff): no figures of its own either
      if (s.modesOff?.includes(m)) {
        lines.push(`| ${LABEL[m][lang]}${zh ? `（${M.modeOff.zh}）` : ` (${M.modeOff.en})`} | — | — | — | — | — | — |`);
        continue;
      }
      lines.push(`| ${LABEL[m][lang]}${na} | ${Math.round(x.baseMean).toLocaleString('en-US')} | ${Math.round(x.headMean).toLocaleString('en-US')} | ${money(x.diff.mean)} (${money(x.diff.ciLow)} … ${money(x.diff.ciHigh)}) | ${pct(x.relative)} | ${x.significant ? (zh ? '是' : 'yes') : zh ? '否' : 'no'} | ${pc(x.pCheapestBase)} → ${pc(x.pCheapestHead)} |`);
    }
    // a break-even with JIT means nothing while JIT is unavailable
    const moved = s.breakEven.filter((b) => (s.eligibility.head && s.eligibility.base) || !b.pair.includes('jit')).filter((b) => (b.base === null) !== (b.head === null) || Math.abs((b.head ?? 0) - (b.base ?? 0)) >= 0.05);
    if (!s.eligibility.head) lines.push('', zh ? `JIT不可用（变更后）：${s.eligibility.headRemedies.map((f) => `${f.rule}——${f.remedy.zh.replace(/[.。]\s*$/, '')}`).join('；')}。JIT没有最低成本概率与盈亏平衡点。` : `JIT is not available (after): ${s.eligibility.headRemedies.map((f) => `${f.rule} — ${f.remedy.en.replace(/[.。]\s*$/, '')}`).join('; ')}. It has no P(cheapest) and no break-even.`);
    if (moved.length) lines.push('', ...moved.map((b) => `${zh ? '盈亏平衡' : 'Break-even'} ${LABEL[b.pair[0]][lang]} / ${LABEL[b.pair[1]][lang]}: ${b.base?.toFixed(1) ?? '—'} → ${b.head?.toFixed(1) ?? '—'} ${zh ? '单/天' : 'orders/day'}`));
    lines.push('');
  }
  return lines;
}

export async function run(io: Io, args: string[], o: ImpactCliOptions): Promise<number> {
  const [base, ...rest] = args;
  const head = rest[0] !== undefined && !rest[0].endsWith('.json') ? rest.shift()! : '.';
  const opts = { seed: wholeNumber('--seed', o.seed, 0), trials: wholeNumber('--trials', o.trials, 2, MAX_TRIALS), workers: workerCount(io, o.workers, o.lang), breakEvenTrials: wholeNumber('--break-even-trials', o.breakEvenTrials, 0, MAX_TRIALS) };
  const { a, b, ra, rb, impacts } = await withRuleSources(io.cwd, [base!, head], async ([a, b]) => {
    const [ra, rb] = await Promise.all([loadRuleSet(a!.rulesDir), loadRuleSet(b!.rulesDir)]);
    let scenarios = rest.map((s) => displayPath(io, userPath(io, s)));
    if (o.portfolio?.length) scenarios = [...new Set([...scenarios, ...(await expandPortfolio(io.cwd, o.portfolio)).map((f) => displayPath(io, f))])];
    if (scenarios.length === 0) {
      const dir = join(rb.projectDir, 'data', 'scenarios');
      scenarios = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort().map((n) => displayPath(io, join(dir, n)));
    }
    scenarios = portfolioShard(scenarios, o.shard !== undefined ? parseShard(o.shard) : null);
    const impacts: ScenarioImpact[] = [];
    for (const s of scenarios) impacts.push(await scenarioImpact(a!.rulesDir, b!.rulesDir, s, opts));
    return { a: a!, b: b!, ra, rb, impacts };
  });
  const changes = diffRuleSets(ra.files, rb.files);
  if (o.json) io.out(JSON.stringify({ base: a.label, head: b.label, ruleChanges: changes.length, seed: opts.seed, trials: opts.trials, ...(o.shard !== undefined ? { shard: o.shard } : {}), scenarios: impacts }, null, 2));
  else {
    io.out(`## ${M.impactTitle[o.lang]}: ${a.label} → ${b.label}`, );
    io.out('');
    io.out(formatRuleDiff(changes, o.lang).map((l) => (l.startsWith('    ') ? `  - ${l.trim()}` : `- ${l.replace(/^[~+-] /, '')}`)).join('\n'));
    io.out('');
    io.out(impactMarkdown(impacts, o.lang).join('\n'));
  }
  return EXIT.ok;
}

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
  const lines: string[] = [];
  for (const s of impacts) {
    lines.push(`### ${s.scenario}`, '');
    if (s.eligibility.base !== s.eligibility.head) lines.push(M.impactEligibilityChanged(s.eligibility.base, s.eligibility.head, s.eligibility.headFailures)[lang], '');
    lines.push(M.impactTableHeader(s.currency)[lang], '|---|---:|---:|---:|---:|:---:|---:|');
    for (const m of MODES) {
      const x = s.modes[m];
      const na = m === 'jit' && (!s.eligibility.base || !s.eligibility.head) ? M.impactJitNotAvailable(s.eligibility.base, s.eligibility.head)[lang] : '';
      // unavailable under both rule sets: JIT has no figures of its own (every order would ship direct)
      if (m === 'jit' && !s.eligibility.base && !s.eligibility.head) {
        lines.push(`| ${LABEL[m][lang]}${M.impactJitNeither[lang]} | — | — | — | — | — | — |`);
        continue;
      }
      // switched off (the scenario's modesOff): no figures of its own either
      if (s.modesOff?.includes(m)) {
        lines.push(`| ${LABEL[m][lang]}${M.impactModeOff(M.modeOff)[lang]} | — | — | — | — | — | — |`);
        continue;
      }
      lines.push(`| ${LABEL[m][lang]}${na} | ${Math.round(x.baseMean).toLocaleString('en-US')} | ${Math.round(x.headMean).toLocaleString('en-US')} | ${money(x.diff.mean)} (${money(x.diff.ciLow)} … ${money(x.diff.ciHigh)}) | ${pct(x.relative)} | ${(x.significant ? M.yes : M.no)[lang]} | ${pc(x.pCheapestBase)} → ${pc(x.pCheapestHead)} |`);
    }
    // a break-even with JIT means nothing while JIT is unavailable
    const moved = s.breakEven.filter((b) => (s.eligibility.head && s.eligibility.base) || !b.pair.includes('jit')).filter((b) => (b.base === null) !== (b.head === null) || Math.abs((b.head ?? 0) - (b.base ?? 0)) >= 0.05);
    if (!s.eligibility.head) lines.push('', M.impactJitUnavailableAfter(s.eligibility.headRemedies)[lang]);
    if (moved.length) lines.push('', ...moved.map((b) => `${M.breakEven[lang]} ${LABEL[b.pair[0]][lang]} / ${LABEL[b.pair[1]][lang]}: ${b.base?.toFixed(1) ?? '—'} → ${b.head?.toFixed(1) ?? '—'} ${M.ordersPerDayUnit[lang]}`));
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

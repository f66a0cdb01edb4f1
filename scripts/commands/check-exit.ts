/** `jitsim check exit <state.json>` */
import { checkExit, type StepStatus } from '../../sim/checks/exit.ts';
import { ExitInputSchema, readInputDoc } from '../../sim/checks/inputs.ts';
import { jsonTextFindings } from '../../sim/checks/unsafe-text.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, formatPass, loadRules, userPath } from './shared.ts';

const STATUS: Record<StepStatus, Record<Lang, string>> = {
  done: { en: '[done]   ', zh: '[已完成]' },
  ready: { en: '[ready]  ', zh: '[可进行]' },
  blocked: { en: '[blocked]', zh: '[受阻]  ' },
  waiting: { en: '[waiting]', zh: '[等待中]' },
};

/** "2026-11-23 20:00 UTC" from an ISO date-time. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const { value: input, doc } = await readInputDoc(ExitInputSchema, userPath(io, file!));
  const result = await checkExit(rules, input, input.asOf ?? new Date().toISOString());
  // text with control characters or bidirectional overrides: a finding with its line (shown escaped)
  result.findings.push(...jsonTextFindings(doc));
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang), steps: result.steps.map((s) => ({ ...s, name: s.name[lang] })) }, null, 2));
  } else {
    io.out(paint(io, 'bold', lang === 'zh' ? '退出JIT检查' : 'JIT exit check'));
    const names = new Map(rules.files.exit.rules.map((r) => [r.id, r.name[lang]]));
    for (const r of result.rules) if (r.passed) io.out(formatPass(io, r.id, names.get(r.id) ?? '', lang));
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    io.out(lang === 'zh' ? '\n退出步骤：' : '\nExit steps:');
    result.steps.forEach((s, i) => {
      const extra = s.blockedBy.length > 0 && s.status === 'blocked' ? ` (${lang === 'zh' ? '受阻于' : 'blocked by'} ${s.blockedBy.join(', ')})` : s.availableFrom && s.status === 'waiting' ? (lang === 'zh' ? `（${when(s.availableFrom)} 起可进行）` : ` (available from ${when(s.availableFrom)})`) : '';
      io.out(`  ${i + 1}. ${STATUS[s.status][lang]} ${s.name[lang]}${extra}`);
    });
    io.out(result.ok ? paint(io, 'green', lang === 'zh' ? '✓ 满足退出JIT的全部前提' : '✓ Every precondition for leaving JIT is met') : paint(io, 'red', lang === 'zh' ? '✗ 暂不能退出JIT' : '✗ The store cannot leave JIT yet'));
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

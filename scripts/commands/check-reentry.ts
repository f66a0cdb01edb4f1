/** `jitsim check reentry <state.json>` */
import { checkReentry } from '../../sim/checks/reentry.ts';
import { ReentryInputSchema, readInputDoc } from '../../sim/checks/inputs.ts';
import { jsonTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, formatPass, loadRules, userPath } from './shared.ts';

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const { value: input, doc } = await readInputDoc(ReentryInputSchema, userPath(io, file!));
  const result = await checkReentry(rules, input);
  // text with control characters or bidirectional overrides: a finding with its line (shown escaped)
  result.findings.push(...jsonTextFindings(doc));
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang) }, null, 2));
  } else {
    io.out(paint(io, 'bold', lang === 'zh' ? '重新开通JIT检查' : 'JIT re-entry check'));
    const names = new Map(rules.files.reentry.rules.map((r) => [r.id, r.name[lang]]));
    for (const r of result.rules) if (r.passed) io.out(formatPass(io, r.id, names.get(r.id) ?? '', lang));
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    io.out(lang === 'zh' ? `冷却期：${result.coolingOffDays} 天` : `Cooling-off period: ${result.coolingOffDays} days`);
    io.out(result.ok ? paint(io, 'green', lang === 'zh' ? '✓ 可以重新开通JIT' : '✓ The store may come back to JIT') : paint(io, 'red', lang === 'zh' ? '✗ 暂不能重新开通JIT' : '✗ The store cannot come back to JIT yet'));
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

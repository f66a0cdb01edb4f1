/** `jitsim check store <store.json>` */
import { checkStore } from '../../sim/checks/store.ts';
import { todayIso } from '../../sim/checks/dates.ts';
import { StoreInputSchema, readInputDoc } from '../../sim/checks/inputs.ts';
import { jsonTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, formatPass, loadRules, userPath } from './shared.ts';

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const { value: input, doc } = await readInputDoc(StoreInputSchema, userPath(io, file!));
  const result = await checkStore(rules, input, input.asOf ?? todayIso());
  // text with control characters or bidirectional overrides: a finding with its line (shown escaped)
  result.findings.push(...jsonTextFindings(doc));
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang) }, null, 2));
  } else {
    io.out(paint(io, 'bold', lang === 'zh' ? `店铺准入检查（截至 ${result.asOf}）` : `Store admission check (as of ${result.asOf})`));
    const names = new Map(rules.files.admission.rules.map((r) => [r.id, r.name[lang]]));
    for (const r of result.rules) if (r.passed) io.out(formatPass(io, r.id, names.get(r.id) ?? '', lang));
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    if (result.frozenUntil) io.out(lang === 'zh' ? `冻结至：${result.frozenUntil}` : `Frozen until: ${result.frozenUntil}`);
    io.out(result.ok ? paint(io, 'green', lang === 'zh' ? '✓ 可以申请开通JIT' : '✓ The store may apply for JIT') : paint(io, 'red', lang === 'zh' ? '✗ 暂不能开通JIT' : '✗ The store cannot join JIT yet'));
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

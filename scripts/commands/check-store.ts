/** `jitsim check store <store.json>` */
import { checkStore } from '../../sim/checks/store.ts';
import { todayIso } from '../../sim/checks/dates.ts';
import { StoreInputSchema, readInputDoc } from '../../sim/checks/inputs.ts';
import { jsonTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, formatPass, loadRules, userPath } from './shared.ts';
import { M } from './messages.ts';

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
    io.out(paint(io, 'bold', M.storeTitle(result.asOf)[lang]));
    const names = new Map(rules.files.admission.rules.map((r) => [r.id, r.name[lang]]));
    for (const r of result.rules) if (r.passed) io.out(formatPass(io, r.id, names.get(r.id) ?? '', lang));
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    if (result.frozenUntil) io.out(M.frozenUntil(result.frozenUntil)[lang]);
    io.out(result.ok ? paint(io, 'green', M.storeOk[lang]) : paint(io, 'red', M.storeNotOk[lang]));
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

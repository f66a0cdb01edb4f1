/** `jitsim check exit <state.json>` */
import { checkExit, type StepStatus } from '../../sim/checks/exit.ts';
import { ExitInputSchema, readInputDoc } from '../../sim/checks/inputs.ts';
import { jsonTextFindings } from '../../sim/checks/unsafe-text.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, formatPass, loadRules, userPath } from './shared.ts';
import { M } from './messages.ts';

const STATUS: Record<StepStatus, Record<Lang, string>> = { done: M.stepDone, ready: M.stepReady, blocked: M.stepBlocked, waiting: M.stepWaiting };

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
    io.out(paint(io, 'bold', M.exitTitle[lang]));
    const names = new Map(rules.files.exit.rules.map((r) => [r.id, r.name[lang]]));
    for (const r of result.rules) if (r.passed) io.out(formatPass(io, r.id, names.get(r.id) ?? '', lang));
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    io.out(M.exitSteps[lang]);
    result.steps.forEach((s, i) => {
      const extra = s.blockedBy.length > 0 && s.status === 'blocked' ? M.stepBlockedBy(s.blockedBy.join(', '))[lang] : s.availableFrom && s.status === 'waiting' ? M.stepAvailableFrom(when(s.availableFrom))[lang] : '';
      io.out(`  ${i + 1}. ${STATUS[s.status][lang]} ${s.name[lang]}${extra}`);
    });
    io.out(result.ok ? paint(io, 'green', M.exitOk[lang]) : paint(io, 'red', M.exitNotOk[lang]));
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

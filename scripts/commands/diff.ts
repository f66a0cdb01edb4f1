/** `jitsim diff <base> [<head>]`: what changed in the rules, per rule id, in words. */
import { diffRuleSets, describeChange, type EntityChange } from '../../sim/diff/rule-diff.ts';
import { withRuleSources } from '../../sim/diff/rule-source.ts';
import { loadRuleSet } from '../../sim/rules/rule-set.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { M } from './messages.ts';

/** The diff as Markdown-friendly lines (also used by `impact` and the CI summary). */
export function formatRuleDiff(changes: readonly EntityChange[], lang: Lang): string[] {
  if (changes.length === 0) return [M.noRuleChanged[lang]];
  return changes.flatMap((c) => {
    const head = `${c.id}${c.name ? ` (${c.name[lang]})` : ''} — ${c.file}`;
    if (c.kind === 'added') return [`+ ${head}: ${M.ruleAdded[lang]}`];
    if (c.kind === 'removed') return [`- ${head}: ${M.ruleRemoved[lang]}`];
    return [`~ ${head}`, ...c.changes.map((f) => `    ${describeChange(f)[lang]}`)];
  });
}

export async function run(io: Io, [base, head]: string[], opts: CommonOptions): Promise<number> {
  const [a, b, ra, rb] = await withRuleSources(io.cwd, [base!, head ?? '.'], async ([a, b]) => [a!, b!, ...(await Promise.all([loadRuleSet(a!.rulesDir), loadRuleSet(b!.rulesDir)]))] as const);
  const changes = diffRuleSets(ra.files, rb.files);
  if (opts.json) io.out(JSON.stringify({ base: a.label, head: b.label, changed: changes.length, changes: changes.map((c) => ({ ...c, name: c.name?.[opts.lang] ?? null, changes: c.changes.map((f) => ({ ...f, text: describeChange(f)[opts.lang] })) })) }, null, 2));
  else {
    io.out(paint(io, 'bold', `${M.ruleDiffTitle[opts.lang]}: ${a.label} → ${b.label}`));
    for (const line of formatRuleDiff(changes, opts.lang)) io.out(line);
  }
  return EXIT.ok;
}

/** What a check reports: findings tied to rule ids, in both languages until rendered. */
import type { Lang, Text } from '../i18n/index.ts';
import type { RuleOutcome } from '../rules/evaluate.ts';
import { interpolate } from '../rules/interpolate.ts';
import type { ConditionRule, Source } from '../rules/schema/index.ts';

/** One finding, before it is rendered in a language. */
export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: Text;
  remedy: Text;
  source: string;
  /** Items the finding is about (stuck order ids, SKUs, providers). */
  items?: string[];
}

/** The JSON shape of a finding (contract: rule, severity, message, remedy, source). */
export interface FindingJson {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  remedy: string;
  source: string;
  items?: string[];
}

/** "《JIT准入规则2024版》 §2.1 [ENABLE]". */
export function formatSource(s: Source): string {
  const tag = `[${s.article}]`;
  return `${s.document}${s.clause ? ` ${s.clause}` : ''}${s.document.startsWith(tag) ? '' : ` ${tag}`}`;
}

/** The finding for a failed rule outcome; `items` names the matched items when given. */
export function findingFor(outcome: RuleOutcome, items?: string[], extra?: { message?: Text; remedy?: Text }): Finding {
  const r: ConditionRule = outcome.rule;
  const base = extra?.message ?? interpolate(r.message, r.params);
  // numbers the rule compared, as the user gave them: "(positiveRate90d = 0.948)"
  const seen = Object.entries(outcome.observed ?? {}).filter(([, v]) => typeof v === 'number');
  const values = seen.map(([k, v]) => `${k} = ${String(v)}`).join(', ');
  return {
    rule: r.id,
    severity: r.severity,
    message: values ? { en: `${base.en} (${values})`, zh: `${base.zh}（${values}）` } : base,
    remedy: extra?.remedy ?? interpolate(r.remedy, r.params),
    source: formatSource(r.source),
    ...(items && items.length > 0 ? { items } : {}),
  };
}

/** Renders a finding in one language. */
export function findingJson(f: Finding, lang: Lang): FindingJson {
  return { rule: f.rule, severity: f.severity, message: f.message[lang], remedy: f.remedy[lang], source: f.source, ...(f.items ? { items: f.items } : {}) };
}

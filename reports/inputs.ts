/**
 * What a cost report reads, recorded in its manifest so that `npm run reports` can say which rule
 * ids and data keys changed and rebuild only the reports that read them: one hash per rule entity
 * (a rule, a banned category, a fee schedule … — by id, as `jitsim diff` names them) of the rule
 * files a report uses, and one per data key (`modes.volumetricLitresPerKg`, `warehouse.ES.rentCnyPerM3Month`,
 * `data/rates/direct.csv`, `rate-uncertainty.<key>`, the rest of each parameter file, and the label
 * files `scenario-inputs.json` and `basis.zh.json`) — of a market's warehouse parameters only those of
 * the scenario's own warehouse sites.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSet } from '../sim/data/data-set.ts';
import { entities } from '../sim/diff/rule-diff.ts';
import { canonicalJson, type RuleSet } from '../sim/rules/rule-set.ts';
import type { RuleFileKind } from '../sim/rules/schema/index.ts';
import type { Scenario } from '../sim/scenario/load.ts';
import { BASIS_ZH } from './basis.ts';
import { INPUT_NAMES } from './labels.ts';

/**
 * The rule files a cost report reads: store admission and SKU eligibility (who may use JIT), the
 * fees and the routing outcomes. The exit, re-entry and billing rules change no cost (a test runs
 * a simulation with those files made unreadable).
 */
export const REPORT_RULE_FILES = ['admission', 'catalogue', 'fees', 'routing'] as const satisfies readonly RuleFileKind[];

export interface ReportInputs {
  ruleFiles: string[];
  /** Rule entity (`ADM-3`, `fees.json` for the rest of a file) → sha256 of its canonical JSON. */
  rules: Record<string, string>;
  /** Data key → sha256 of its value (or of the file, for a rate card). */
  data: Record<string, string>;
}

const hash = (s: string | Buffer) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/**
 * The inputs of a cost report built with these rules and data. With `scenario`, only the data keys
 * that scenario reads: the warehouse parameters of its own warehouse sites (a change to another
 * market's rent rebuilds no report of this client); without, every key (e.g. for a rule-set-wide view).
 */
export function reportInputs(rules: RuleSet, data: DataSet, scenario?: Pick<Scenario, 'sites'>): ReportInputs {
  const out: ReportInputs = { ruleFiles: REPORT_RULE_FILES.map((k) => `${k}.json`), rules: {}, data: {} };
  for (const kind of REPORT_RULE_FILES) for (const e of entities(kind, rules.files[kind])) out.rules[e.key] = hash(canonicalJson(e.value));
  for (const [name, p] of Object.entries(data.modes.params)) out.data[`modes.${name}`] = hash(canonicalJson(p));
  for (const [name, p] of Object.entries(data.warehouse.defaults)) out.data[`warehouse.defaults.${name}`] = hash(canonicalJson(p));
  const markets = scenario ? [...new Set(scenario.sites)].filter((m) => Object.hasOwn(data.warehouse.markets, m)) : Object.keys(data.warehouse.markets);
  for (const market of markets) for (const [name, p] of Object.entries(data.warehouse.markets[market]!)) out.data[`warehouse.${market}.${name}`] = hash(canonicalJson(p));
  // the 3PL tariff (data/tpl.json): its defaults, and the markets of the scenario's own sites (a client's tariff is part of the scenario's hash)
  if (data.tpl) {
    for (const [name, p] of Object.entries(data.tpl.defaults)) out.data[`tpl.defaults.${name}`] = hash(canonicalJson(p));
    const tplMarkets = scenario ? [...new Set(scenario.sites)].filter((m) => Object.hasOwn(data.tpl.markets, m)) : Object.keys(data.tpl.markets);
    for (const market of tplMarkets) for (const [name, p] of Object.entries(data.tpl.markets[market]!)) out.data[`tpl.${market}.${name}`] = hash(canonicalJson(p));
  }
  for (const path of [...data.rateCards.keys()].sort()) out.data[path] = hash(readFileSync(join(data.projectDir, path)));
  // the head-haul freight options (warehouse stock)
  if (data.headhaul) out.data[data.headhaul.file] = hash(readFileSync(join(data.projectDir, data.headhaul.file)));
  // the rest of each parameter file (anything beside the params named above), so no data change goes unnoticed
  const rest = (file: object, skip: string[]) => canonicalJson(Object.fromEntries(Object.entries(file).filter(([k]) => !skip.includes(k) && k !== '$schema')));
  out.data['modes.json'] = hash(rest(data.modes, ['params']));
  out.data['warehouse.json'] = hash(rest(data.warehouse, ['defaults', 'markets']));
  if (data.tpl) out.data['tpl.json'] = hash(rest(data.tpl, ['defaults', 'markets']));
  for (const [k, v] of Object.entries(data.rateUncertainty ?? {})) if (k !== '$schema') out.data[`rate-uncertainty.${k}`] = hash(canonicalJson(v));
  // the report's words: names, units and enum words of the inputs, and the Chinese of every basis
  out.data['scenario-inputs.json'] = hash(canonicalJson(INPUT_NAMES));
  out.data['basis.zh.json'] = hash(canonicalJson(BASIS_ZH));
  // landed cost: one key per customs regime (by id), the VAT and tariff tables, each exchange rate and the rest of fx.json
  if (data.customs) {
    for (const r of data.customs.regimes) out.data[`customs-regimes.${r.id}`] = hash(canonicalJson(r));
    out.data['customs-regimes.vatRates'] = hash(canonicalJson(data.customs.vatRates));
    out.data['customs-regimes.tariffs'] = hash(canonicalJson(data.customs.tariffs));
    out.data['customs-regimes.json'] = hash(rest(data.customs, ['regimes', 'vatRates', 'tariffs']));
  }
  // lithium-battery lanes: one key per row of data/battery.json (a change rebuilds the reports that read it)
  if (data.battery) {
    data.battery.lanes.forEach((r, i) => (out.data[`battery.lanes.${i}`] = hash(canonicalJson(r))));
    out.data['battery.json'] = hash(rest(data.battery, ['lanes']));
  }
  if (data.fx) {
    for (const [c, r] of Object.entries(data.fx.rates)) out.data[`fx.${c}`] = hash(canonicalJson(r));
    out.data['fx.json'] = hash(rest(data.fx, ['rates']));
  }
  return out;
}

/** A fingerprint of the rule files a report reads (what the report shows as its rules fingerprint). */
export function reportRulesFingerprint(inputs: ReportInputs): string {
  return createHash('sha256').update(canonicalJson(inputs.rules)).digest('hex');
}

/** The keys whose hash differs between two records, each marked + (new), − (gone) or ~ (changed). */
export function changedKeys(before: Record<string, string> | undefined, after: Record<string, string>): string[] {
  const b = before ?? {};
  const out: string[] = [];
  for (const k of Object.keys(after).sort()) if (!(k in b)) out.push(`+${k}`);
  else if (b[k] !== after[k]) out.push(k);
  for (const k of Object.keys(b).sort()) if (!(k in after)) out.push(`−${k}`);
  return out;
}

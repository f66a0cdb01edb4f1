/** `jitsim check catalog <skus.csv>` */
import { formatDiagnostic } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { CATALOG_COLUMNS, catalogHeaderAliases, catalogRules, catalogRulesDuring, checkCatalog, readCatalog, type CatalogReason, type SkuVerdict } from '../../sim/checks/catalog.ts';
import { todayIso } from '../../sim/checks/dates.ts';
import { readCsvTable } from '../../sim/io/index.ts';
import { visible } from '../../sim/io/safe-text.ts';
import { csvTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { diagnosticsJson, findingsJson, formatFinding, loadRules, userPath } from './shared.ts';
import { M } from './messages.ts';
import countries from 'i18n-iso-countries';
import { UserInputError } from '../../sim/errors.ts';
import { loadDataSet } from '../../sim/data/data-set.ts';
import { catalogLanes, catalogLaneLines } from '../../sim/battery/catalog.ts';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const REASON: Record<CatalogReason, Record<Lang, string>> = {
  banned: M.reasonBanned,
  certificate: M.reasonCertificate,
  tagging: M.reasonTagging,
  advisory: M.reasonAdvisory,
};

const reasonCache = new Map<string, string>();

/** "banned (BAN-1); tagging (SKU-1)": the reasons of a verdict, built once per distinct verdict. */
function reasonsOf(v: SkuVerdict, lang: Lang): string {
  const key = `${lang}\0${v.banned.join(',')}\0${v.certificates.join(',')}\0${v.tagging.join(',')}\0${v.advisories.join(',')}`;
  let s = reasonCache.get(key);
  if (s === undefined) {
    s = (['banned', 'certificate', 'tagging', 'advisory'] as const)
      .flatMap((r) => {
        const ids = r === 'banned' ? v.banned : r === 'certificate' ? v.certificates : r === 'tagging' ? v.tagging : v.advisories;
        return ids.length ? [`${REASON[r][lang]} (${ids.join(', ')})`] : [];
      })
      .join('; ');
    reasonCache.set(key, s);
  }
  return s;
}

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` would, but the array under `big` a batch
 * of elements at a time, so that the whole text never exists at once.
 */
export function writeJsonStreamed(io: Pick<Io, 'out'>, value: Record<string, unknown>, big: string, batch = 1000): void {
  const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) return void io.out('{}');
  let head = '{';
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const name = `\n  ${JSON.stringify(k)}: `;
    if (k !== big || !Array.isArray(v) || v.length === 0) {
      head += `${name}${indent(JSON.stringify(v, null, 2), '  ')}${comma}`;
      return;
    }
    io.out(`${head}${name}[`);
    for (let from = 0; from < v.length; from += batch) {
      const to = Math.min(v.length, from + batch);
      // the batch as an array of its own ("[\n  …\n]"), its elements moved in one level
      const json = JSON.stringify(v.slice(from, to), null, 2);
      io.out(`  ${indent(json.slice(2, -2), '  ')}${to < v.length ? ',' : ''}`);
    }
    head = `  ]${comma}`;
  });
  io.out(`${head}\n}`);
}

/** SKUs listed one per line before the list is cut (`--all` lists every one). */
export const LISTED = 100;

/** `--dest ES,gb`: the destinations, upper-cased, each an ISO 3166-1 alpha-2 code. @throws {UserInputError} */
export function parseDests(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const d = part.trim().toUpperCase();
    if (d.length !== 2 || !countries.isValid(d)) throw new UserInputError(M.unknownCountry(part.trim()), M.unknownCountryFix);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string; all?: boolean; dest?: string }): Promise<number> {
  const dests = parseDests(opts.dest);
  const rules = await loadRules(io, opts.rules);
  const table = await readCsvTable(userPath(io, file!), CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(rules.files.catalogue), rowWidth: 'keep' });
  const catalog = readCatalog(table, rules.files.catalogue);
  // the rules in force today (`effective`, `until`): a rule that has ended no longer blocks; one that starts later is announced below
  const today = todayIso();
  const result = { ...(await checkCatalog(rules, catalog.skus, catalog.unchecked, { from: today, to: today })), ...(catalog.format ? { format: catalog.format } : {}) };
  // rules that start later: checked again with them only when there are any (a second pass over every SKU otherwise finds nothing new)
  const todays = new Set(catalogRulesDuring(rules.files.catalogue, { from: today, to: today }));
  const upcoming = catalogRulesDuring(rules.files.catalogue, { from: today, to: '9999-12-31' }).some((r) => !todays.has(r));
  const later = upcoming ? await checkCatalog(rules, catalog.skus, [], { from: today, to: '9999-12-31' }) : { findings: [], skus: [] };
  const blockedNow = new Set(result.skus.filter((v) => v.status === 'blocked').map((v) => v.sku));
  for (const f of later.findings) {
    if (f.severity !== 'error' || result.findings.some((x) => x.rule === f.rule)) continue;
    const rule = catalogRules(rules.files.catalogue).find((r) => r.id === f.rule);
    const skus = later.skus.filter((v) => !blockedNow.has(v.sku) && [...v.banned, ...v.certificates, ...v.tagging].includes(f.rule)).length;
    if (rule) result.findings.push({ ...f, severity: 'warning', message: M.ruleUpcoming(rule.id, rule.effective, skus) });
  }
  // SKU ids and cells with control characters or bidirectional overrides: a finding with their lines (shown escaped)
  result.findings.push(...csvTextFindings(table));
  const lang = opts.lang;
  // lithium-battery SKUs (the class in contains_lithium_battery): which lanes take them per mode at the destinations given
  const skusOf: Record<string, string[]> = {};
  for (const k of catalog.skus) if (k.battery) (skusOf[k.battery] ??= []).push(k.sku);
  const classes = (['UN3481', 'UN3480'] as const).filter((c) => skusOf[c]);
  const lanes = classes.length && dests.length ? catalogLanes((await loadDataSet(PROJECT_DIR)).battery, classes, dests) : {};
  const batteryCount = classes.reduce((a, c) => a + skusOf[c]!.length, 0);
  const battery = { dests, classes: lanes, skus: catalog.skus.filter((k) => k.battery).map((k) => ({ sku: k.sku, line: k.line, battery: k.battery })) };
  // a cell that cannot be read is bad input: its row is reported with its location, the rest is checked
  const code = result.summary.cannotCheck > 0 ? EXIT.badInput : result.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
  if (opts.json) {
    // written a thousand SKUs at a time: 100,000 verdicts as one string would double the peak memory
    writeJsonStreamed(io, { ...result, findings: findingsJson(result.findings, lang), problems: diagnosticsJson(result.problems, lang), battery }, 'skus');
  } else {
    const fmt = catalog.format;
    const read = fmt && (fmt.delimiter !== ',' || fmt.encoding !== 'utf-8') ? M.catalogFormat(fmt.delimiter, fmt.encoding)[lang] : '';
    // one write for the whole list; a long list is cut after the first LISTED SKUs (the summary and
    // the findings count every SKU per rule; --all lists every one, --json gives every verdict)
    const lines = [paint(io, 'bold', M.catalogTitle(result.summary.total, read)[lang])];
    const shown = opts.all ? Infinity : LISTED;
    let listed = 0;
    let notListed = 0;
    for (const v of result.skus) {
      if (v.status === 'ok') continue;
      if (listed >= shown) {
        notListed++;
        continue;
      }
      listed++;
      if (v.status === 'cannot-check') {
        lines.push(`  ${paint(io, 'red', visible(v.sku).padEnd(16))} ${M.skuCannotCheck(v.line)[lang]}`);
        continue;
      }
      lines.push(`  ${paint(io, v.status === 'blocked' ? 'red' : 'yellow', visible(v.sku).padEnd(16))} ${reasonsOf(v, lang)}`);
    }
    if (notListed > 0) lines.push(paint(io, 'dim', M.catalogNotListed(notListed, listed)[lang]));
    io.out(lines.join('\n'));
    io.out('');
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    for (const d of result.problems) io.err(`${paint(io, 'red', M.cannotCheck[lang])} ${visible(formatDiagnostic(d, lang))}`);
    if (batteryCount > 0) {
      io.out('');
      if (dests.length === 0) io.out(M.catalogBatteryNoDest(batteryCount)[lang]);
      else io.out([paint(io, 'bold', M.catalogBatteryTitle[lang]), ...catalogLaneLines(lanes, skusOf, lang).map((l) => visible(l))].join('\n'));
    }
    const s = result.summary;
    io.out(M.catalogSummary(s)[lang]);
  }
  return code;
}

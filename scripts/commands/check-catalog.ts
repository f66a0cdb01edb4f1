/** `jitsim check catalog <skus.csv>` */
import { formatDiagnostic } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { CATALOG_COLUMNS, catalogHeaderAliases, catalogRules, checkCatalog, readCatalog, type CatalogReason, type SkuVerdict } from '../../sim/checks/catalog.ts';
import { todayIso } from '../../sim/checks/dates.ts';
import { readCsvTable } from '../../sim/io/index.ts';
import { visible } from '../../sim/io/safe-text.ts';
import { csvTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { diagnosticsJson, findingsJson, formatFinding, loadRules, userPath } from './shared.ts';
import { M } from './messages.ts';

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

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const table = await readCsvTable(userPath(io, file!), CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(rules.files.catalogue), rowWidth: 'keep' });
  const catalog = readCatalog(table, rules.files.catalogue);
  // the rules in force today (`effective`, `until`): a rule that has ended no longer blocks; one that starts later is announced below
  const today = todayIso();
  const result = { ...(await checkCatalog(rules, catalog.skus, catalog.unchecked, { from: today, to: today })), ...(catalog.format ? { format: catalog.format } : {}) };
  const later = await checkCatalog(rules, catalog.skus, [], { from: today, to: '9999-12-31' });
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
  // a cell that cannot be read is bad input: its row is reported with its location, the rest is checked
  const code = result.summary.cannotCheck > 0 ? EXIT.badInput : result.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang), problems: diagnosticsJson(result.problems, lang) }, null, 2));
  } else {
    const fmt = catalog.format;
    const read = fmt && (fmt.delimiter !== ',' || fmt.encoding !== 'utf-8') ? M.catalogFormat(fmt.delimiter, fmt.encoding)[lang] : '';
    // one write for the whole list (a 100,000-SKU catalogue lists tens of thousands of lines)
    const lines = [paint(io, 'bold', M.catalogTitle(result.summary.total, read)[lang])];
    for (const v of result.skus) {
      if (v.status === 'ok') continue;
      if (v.status === 'cannot-check') {
        lines.push(`  ${paint(io, 'red', visible(v.sku).padEnd(16))} ${M.skuCannotCheck(v.line)[lang]}`);
        continue;
      }
      lines.push(`  ${paint(io, v.status === 'blocked' ? 'red' : 'yellow', visible(v.sku).padEnd(16))} ${reasonsOf(v, lang)}`);
    }
    io.out(lines.join('\n'));
    io.out('');
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    for (const d of result.problems) io.err(`${paint(io, 'red', M.cannotCheck[lang])} ${visible(formatDiagnostic(d, lang))}`);
    const s = result.summary;
    io.out(M.catalogSummary(s)[lang]);
  }
  return code;
}

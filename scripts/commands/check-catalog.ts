/** `jitsim check catalog <skus.csv>` */
import { formatDiagnostic } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { CATALOG_COLUMNS, catalogHeaderAliases, checkCatalog, readCatalog, type CatalogReason } from '../../sim/checks/catalog.ts';
import { readCsvTable } from '../../sim/io/index.ts';
import { visible } from '../../sim/io/safe-text.ts';
import { csvTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { diagnosticsJson, findingsJson, formatFinding, loadRules, userPath } from './shared.ts';

const REASON: Record<CatalogReason, Record<Lang, string>> = {
  banned: { en: 'banned', zh: '禁售' },
  certificate: { en: 'missing certificate', zh: '缺少证书' },
  tagging: { en: 'not JIT-tagged', zh: '未打JIT标' },
  advisory: { en: 'advice', zh: '建议' },
};

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const table = await readCsvTable(userPath(io, file!), CATALOG_COLUMNS, { headerAliases: catalogHeaderAliases(rules.files.catalogue), rowWidth: 'keep' });
  const catalog = readCatalog(table, rules.files.catalogue);
  const result = { ...(await checkCatalog(rules, catalog.skus, catalog.unchecked)), ...(catalog.format ? { format: catalog.format } : {}) };
  // SKU ids and cells with control characters or bidirectional overrides: a finding with their lines (shown escaped)
  result.findings.push(...csvTextFindings(table));
  const lang = opts.lang;
  // a cell that cannot be read is bad input: its row is reported with its location, the rest is checked
  const code = result.summary.cannotCheck > 0 ? EXIT.badInput : result.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang), problems: diagnosticsJson(result.problems, lang) }, null, 2));
  } else {
    const fmt = catalog.format;
    const read = fmt && (fmt.delimiter !== ',' || fmt.encoding !== 'utf-8') ? (lang === 'zh' ? `（分隔符 ${fmt.delimiter === '\t' ? '制表符' : fmt.delimiter}，编码 ${fmt.encoding}）` : ` (delimiter ${fmt.delimiter === '\t' ? 'tab' : fmt.delimiter}, encoding ${fmt.encoding})`) : '';
    io.out(paint(io, 'bold', lang === 'zh' ? `商品检查：${result.summary.total} 个SKU${read}` : `Catalogue check: ${result.summary.total} SKUs${read}`));
    for (const v of result.skus) {
      if (v.status === 'ok') continue;
      if (v.status === 'cannot-check') {
        io.out(`  ${paint(io, 'red', visible(v.sku).padEnd(16))} ${lang === 'zh' ? `无法检查（第 ${v.line} 行有无效单元格，见下）` : `cannot check (a bad cell on line ${v.line}, see below)`}`);
        continue;
      }
      const reasons = (['banned', 'certificate', 'tagging', 'advisory'] as const)
        .flatMap((r) => {
          const ids = r === 'banned' ? v.banned : r === 'certificate' ? v.certificates : r === 'tagging' ? v.tagging : v.advisories;
          return ids.length ? [`${REASON[r][lang]} (${ids.join(', ')})`] : [];
        })
        .join('; ');
      io.out(`  ${paint(io, v.status === 'blocked' ? 'red' : 'yellow', visible(v.sku).padEnd(16))} ${reasons}`);
    }
    io.out('');
    for (const f of result.findings) io.out(formatFinding(io, f, lang));
    for (const d of result.problems) io.err(`${paint(io, 'red', lang === 'zh' ? '无法检查' : 'cannot check')} ${visible(formatDiagnostic(d, lang))}`);
    const s = result.summary;
    io.out(
      lang === 'zh'
        ? `汇总：可走JIT ${s.ok + s.advisory}（其中 ${s.advisory} 条建议），不可走 ${s.blocked}，无法检查 ${s.cannotCheck}；禁售 ${s.byReason.banned}，缺证书 ${s.byReason.certificate}，未打标 ${s.byReason.tagging}，建议 ${s.byReason.advisory}`
        : `Summary: ${s.ok + s.advisory} may use JIT (${s.advisory} with advice), ${s.blocked} may not, ${s.cannotCheck} cannot be checked; banned ${s.byReason.banned}, missing certificate ${s.byReason.certificate}, not tagged ${s.byReason.tagging}, advice ${s.byReason.advisory}`,
    );
  }
  return code;
}

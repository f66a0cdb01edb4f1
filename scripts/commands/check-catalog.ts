/** `jitsim check catalog <skus.csv>` */
import { CATALOG_COLUMNS, checkCatalog, readSkus, type CatalogReason } from '../../sim/checks/catalog.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { readCsvTable } from '../../sim/io/index.ts';
import { visible } from '../../sim/io/safe-text.ts';
import { csvTextFindings } from '../../sim/checks/unsafe-text.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { findingsJson, formatFinding, loadRules, userPath } from './shared.ts';

const REASON: Record<CatalogReason, Record<Lang, string>> = {
  banned: { en: 'banned', zh: '禁售' },
  certificate: { en: 'missing certificate', zh: '缺少证书' },
  tagging: { en: 'not JIT-tagged', zh: '未打JIT标' },
  advisory: { en: 'advice', zh: '建议' },
};

export async function run(io: Io, [file]: string[], opts: CommonOptions & { rules?: string }): Promise<number> {
  const rules = await loadRules(io, opts.rules);
  const table = await readCsvTable(userPath(io, file!), CATALOG_COLUMNS);
  const skus = readSkus(table, rules.files.catalogue.categories.map((c) => c.id));
  const result = await checkCatalog(rules, skus);
  // SKU ids and cells with control characters or bidirectional overrides: a finding with their lines (shown escaped)
  result.findings.push(...csvTextFindings(table));
  const lang = opts.lang;
  if (opts.json) {
    io.out(JSON.stringify({ ...result, findings: findingsJson(result.findings, lang) }, null, 2));
  } else {
    io.out(paint(io, 'bold', lang === 'zh' ? `商品检查：${result.summary.total} 个SKU` : `Catalogue check: ${result.summary.total} SKUs`));
    for (const v of result.skus) {
      if (v.status === 'ok') continue;
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
    const s = result.summary;
    io.out(
      lang === 'zh'
        ? `汇总：可走JIT ${s.ok + s.advisory}（其中 ${s.advisory} 条建议），不可走 ${s.blocked}；禁售 ${s.byReason.banned}，缺证书 ${s.byReason.certificate}，未打标 ${s.byReason.tagging}，建议 ${s.byReason.advisory}`
        : `Summary: ${s.ok + s.advisory} may use JIT (${s.advisory} with advice), ${s.blocked} may not; banned ${s.byReason.banned}, missing certificate ${s.byReason.certificate}, not tagged ${s.byReason.tagging}, advice ${s.byReason.advisory}`,
    );
  }
  return result.ok ? EXIT.ok : EXIT.failed;
}

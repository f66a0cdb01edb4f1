/**
 * The report as an Excel workbook (exceljs) for consultants who re-cut the numbers: the inputs, the
 * summary per mode, the monthly series and every trial. Numbers are stored as numbers with formats;
 * text a user wrote (names, ids) is neutralised when it starts like a formula (= + - @).
 */
import { refText } from '../basis.ts';
import { exclusionNote, recommendationText } from '../narrative.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import type { Lang } from '../../sim/i18n/index.ts';
import { MODES, MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { componentLabel } from '../charts/cost-breakdown.ts';
import { inventorySheet } from '../inventory.ts';
import { csvSafe } from './safe.ts';

/** Money formats carry the report's currency (e.g. `#,##0 "EUR"`), so a cell copied elsewhere keeps its unit. */
const moneyFmt = (unit: string, decimals: 0 | 2) => `#,##0${decimals ? '.00' : ''} "${unit}"`;
const PCT = '0.0%';

/** A text cell's value, neutralised for spreadsheets (a leading ' before = + - @). */
const safe = (s: string) => String(csvSafe(s));

function sheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number; numFmt?: string }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * The workbook's bytes. `resultsCsv` is the report's results.csv (one row per trial and mode).
 * The creation date and every zip entry's date are the report's date, so the same inputs give the
 * same bytes.
 */
export async function reportWorkbook(m: ReportModel, lang: Lang, resultsCsv: string): Promise<Uint8Array> {
  const zh = lang === 'zh';
  const cny = !m.currency || m.currency === 'CNY' ? (zh ? '元' : 'CNY') : m.currency;
  const MONEY = moneyFmt(cny, 0);
  const MONEY2 = moneyFmt(cny, 2);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jitsim';
  wb.created = new Date(`${m.run.sourceDate}T00:00:00Z`);
  wb.modified = wb.created;
  wb.title = safe(m.scenario.name);

  const sum = sheet(wb, zh ? '汇总' : 'Summary', [
    { header: zh ? '模式' : 'Mode', key: 'mode', width: 28 },
    { header: `${zh ? '均值' : 'Mean'} (${cny})`, key: 'mean', width: 14, numFmt: MONEY },
    { header: `${zh ? '均值95%置信下限' : 'Mean 95 % CI low'} (${cny})`, key: 'ciLow', width: 16, numFmt: MONEY },
    { header: `${zh ? '均值95%置信上限' : 'Mean 95 % CI high'} (${cny})`, key: 'ciHigh', width: 16, numFmt: MONEY },
    { header: `P5 (${cny})`, key: 'p5', width: 14, numFmt: MONEY },
    { header: `P50 (${cny})`, key: 'p50', width: 14, numFmt: MONEY },
    { header: `P95 (${cny})`, key: 'p95', width: 14, numFmt: MONEY },
    { header: `${zh ? '每单中位数' : 'Per order, median'} (${cny})`, key: 'perOrder', width: 14, numFmt: MONEY2 },
    { header: zh ? '最低概率' : 'P(cheapest)', key: 'pCheapest', width: 12, numFmt: PCT },
    { header: `CVaR 95 % (${cny})`, key: 'cvar', width: 14, numFmt: MONEY },
    { header: `${zh ? '占用资金' : 'Cash tied up'} (${cny})`, key: 'cash', width: 14, numFmt: MONEY },
    { header: zh ? '平均时效（天）' : 'Delivery days (mean)', key: 'days', width: 12, numFmt: '0.0' },
  ]);
  const shown = shownModes(m);
  for (const k of MODES) {
    const r = m.modes[k];
    // an unavailable mode has no figures of its own: its name and why, no numbers
    if (!shown.includes(k)) {
      if (m.modesOff?.includes(k)) sum.addRow({ mode: `${MODE_LABEL[k][lang]} — ${zh ? '已关闭：没有成本、最低概率、节省额与盈亏平衡点' : 'switched off: no cost, P(cheapest), saving or break-even'}` });
      else sum.addRow({ mode: `${MODE_LABEL[k][lang]} — ${zh ? '不可用：没有成本、最低概率、节省额与盈亏平衡点' : 'not available: no cost, P(cheapest), saving or break-even'}${m.eligibility.storeFindings.length ? ` (${m.eligibility.storeFindings.map((f) => `${f.rule}: ${f.remedy[lang]}`).join('; ')})` : ''}` });
      continue;
    }
    sum.addRow({ mode: MODE_LABEL[k][lang], mean: r.total.mean, ciLow: r.total.ciLow, ciHigh: r.total.ciHigh, p5: r.total.p5, p50: r.total.p50, p95: r.total.p95, perOrder: r.perOrder.p50, pCheapest: r.pCheapest, cvar: r.cvar95, cash: r.cashTiedUpCny, days: r.meanDeliveryDays });
  }
  sum.addRow({});
  sum.addRow({ mode: zh ? '各成本项均值（模拟期合计）' : 'Mean by component (horizon total)' }).font = { bold: true };
  for (const k of shown) for (const [c, v] of Object.entries(m.modes[k].components)) if (v !== 0) sum.addRow({ mode: `${MODE_LABEL[k][lang]} · ${componentLabel(c, lang)}`, mean: v });
  if (m.landed) {
    // the profit view (reporting currency), and the recommendation with its objective
    const l = m.landed;
    const cur = l.reportingCurrency;
    sum.addRow({});
    sum.addRow({ mode: safe(`${zh ? '建议' : 'Recommendation'}: ${recommendationText(m)[lang]}`) }).font = { bold: true };
    sum.addRow({});
    const head = sum.addRow({ mode: zh ? `利润视角（${cur}，均值）` : `Profit view (${cur}, means)`, mean: zh ? '订单（销量效应）' : 'Orders (sales effect)', ciLow: zh ? '收入' : 'Revenue', ciHigh: zh ? '变动履约成本' : 'Variable fulfilment', p5: zh ? '关税+税费' : 'Duties + taxes', p50: zh ? '贡献' : 'Contribution', p95: zh ? '固定成本' : 'Fixed costs', perOrder: zh ? '利润' : 'Profit', pCheapest: zh ? '销量系数' : 'Sales factor', days: zh ? '服务水平天数' : 'Service-level days' });
    head.font = { bold: true };
    for (const k of shown) {
      const x = l.modes[k];
      const row = sum.addRow({ mode: safe(`${MODE_LABEL[k][lang]}${exclusionNote(m, k) ? (zh ? `（${exclusionNote(m, k)!.zh}）` : ` (${exclusionNote(m, k)!.en})`) : ''}`), mean: x.means.orders, ciLow: x.means.revenue, ciHigh: x.means.fulfilment, p5: x.means.duties + x.means.taxes, p50: x.means.contribution, p95: x.means.fixed, perOrder: x.means.profit, pCheapest: x.salesFactor, days: x.serviceLevel?.days ?? null });
      row.getCell('perOrder').numFmt = MONEY;
      row.getCell('pCheapest').numFmt = '0.000';
      row.getCell('days').numFmt = '0';
    }
  }

  const inputs = sheet(wb, zh ? '输入' : 'Inputs', [
    { header: zh ? '部分' : 'Section', key: 'section', width: 22 },
    { header: zh ? '输入' : 'Input', key: 'name', width: 40 },
    { header: zh ? '编号' : 'Id', key: 'id', width: 30 },
    { header: zh ? '取值' : 'Value', key: 'value', width: 50 },
    { header: zh ? '来源' : 'Source', key: 'source', width: 22 },
    { header: zh ? '出处' : 'Reference', key: 'ref', width: 60 },
    { header: zh ? '内置值' : 'Shipped value', key: 'shipped', width: 40 },
  ]);
  for (const sec of m.inputs) for (const r of sec.rows) inputs.addRow({ section: safe(sec.title[lang]), name: safe(r.name[lang]), id: safe(r.id), value: safe(r.value[lang]), source: safe(r.source.label[lang]), ref: safe(refText(r.source, lang)), shipped: safe(r.source.shipped?.[lang] ?? '') });

  const monthly = sheet(wb, zh ? '月度' : 'Monthly', [
    { header: zh ? '月份' : 'Month', key: 'month', width: 8 },
    { header: zh ? '模式' : 'Mode', key: 'mode', width: 28 },
    { header: `${zh ? '成本均值' : 'Mean cost'} (${cny})`, key: 'cost', width: 16, numFmt: MONEY },
    { header: `${zh ? '现金支出均值' : 'Mean cash out'} (${cny})`, key: 'cash', width: 16, numFmt: MONEY },
    ...(m.landed
      ? [
          { header: `${zh ? '收入均值' : 'Mean revenue'} (${m.landed.reportingCurrency})`, key: 'revenue', width: 16, numFmt: MONEY },
          { header: `${zh ? '贡献均值' : 'Mean contribution'} (${m.landed.reportingCurrency})`, key: 'contribution', width: 18, numFmt: MONEY },
          { header: `${zh ? '利润均值' : 'Mean profit'} (${m.landed.reportingCurrency})`, key: 'profit', width: 16, numFmt: MONEY },
        ]
      : []),
  ]);
  for (const r of m.monthly) {
    const lm = m.landed?.modes[r.mode];
    monthly.addRow({ month: r.month, mode: MODE_LABEL[r.mode][lang], cost: r.costCny, cash: r.cashOutCny, ...(lm ? { revenue: lm.monthlyRevenue[r.month - 1] ?? 0, contribution: lm.monthlyContribution[r.month - 1] ?? 0, profit: lm.monthlyProfit[r.month - 1] ?? 0 } : {}) });
  }

  // the warehouse's stock (self-run and 3PL): measures, then per month (reports/inventory.ts)
  if (m.inventory) inventorySheet((name, cols) => sheet(wb, name, cols), m.inventory, lang, m.monthLabels ?? m.inventory.monthlyOnHandValue.map((_, k) => String(k + 1)));

  // every trial: results.csv as typed cells (numbers as numbers; text cells are already neutralised)
  const rows = parse(resultsCsv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const cols = rows[0] ? Object.keys(rows[0]) : [];
  const trials = sheet(wb, zh ? '模拟明细' : 'Trials', cols.map((c) => ({ header: c, key: c, width: Math.max(10, Math.min(28, c.length + 2)), ...(/(Cny|Eur|Usd|Gbp|[A-Z][a-z]{2})$|total|perOrder|cash|revenue|duties|taxes|contribution|profit|fulfilment|fixed|unitCost|vatPaid/.test(c) && !/orders|Orders|routed|input|days|Days|upliftPerDay/.test(c) ? { numFmt: MONEY2 } : {}) })));
  for (const r of rows) {
    const typed: Record<string, string | number> = {};
    for (const c of cols) {
      const v = r[c] ?? '';
      typed[c] = v !== '' && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v) ? Number(v) : safe(v);
    }
    trials.addRow(typed);
  }
  return fixedZipDates(new Uint8Array(await wb.xlsx.writeBuffer()), wb.created);
}

/**
 * exceljs stamps every part of the .xlsx (a zip) with the time of writing; the parts are re-stamped
 * with the report's date (UTC) so the same inputs give a byte-identical workbook.
 */
export async function fixedZipDates(zip: Uint8Array, date: Date): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(zip);
  for (const f of Object.values(z.files)) f.date = date;
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

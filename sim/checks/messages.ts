/**
 * The message catalogue of the checks (area `checks`): the texts sim/checks/*.ts show — a catalogue
 * cell that cannot be read, a SKU count, the import-batch warning — in one place for a translator.
 * Code refers to an entry by its key (`M.notYesNo(raw)`); sim/i18n/catalogue.test.ts renders every
 * entry in both languages.
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text, type Text } from '../i18n/index.ts';

export const M = defineMessages('checks', {
  // check catalog: cells
  notYesNo: msg((raw: string) => text(`"${raw}" is not a yes/no value`, `"${raw}" 不是是/否取值`), 'maybe'),
  writeYesNo: msg((yes: string, no: string) => text(`write yes (${yes}) or no (${no}, or leave empty)`, `请写“是”（${yes}）或“否”（${no}，或留空）`), 'yes/true/是', 'no/false/否'),
  notBattery: msg((raw: string) => text(`"${raw}" is neither a lithium-battery class nor yes/no`, `"${raw}" 既不是锂电池类别也不是是/否`), 'li-ion'),
  writeBattery: msg((yes: string, no: string) => text(`write UN3481 (battery in or with equipment; also yes: ${yes}), UN3480 (battery alone, e.g. a power bank) or no (${no}, or leave empty)`, `请写 UN3481（电池装在设备中或随设备；也可写“是”：${yes}）、UN3480（单独电池，如充电宝）或“否”（${no}，或留空）`), 'yes/true/是', 'no/false/否'),
  notCertificate: msg((raw: string) => text(`"${raw}" is neither a certificate number nor yes/no`, `"${raw}" 既不是证书编号也不是是/否`), 'perhaps'),
  writeCertificate: msg(
    (example: string, yes: string, no: string) => text(`write the certificate number (e.g. ${example}), yes (${yes}) or no (${no}, or leave empty)`, `请填写证书编号（如 ${example}）、是（${yes}）或否（${no}，或留空）`),
    'CE-123', 'yes/是', 'no/否',
  ),
  rowWidth: msg((cells: number, header: number) => text(`the row has ${cells} cells where the header has ${header}`, `该行有 ${cells} 个单元格，表头为 ${header} 个`), 3, 8),
  rowWidthFix: msg((header: number) => text(`give every row ${header} cells; quote a cell that contains the delimiter`, `每行须有 ${header} 个单元格；含分隔符的单元格请加双引号`), 8),
  skuTwice: msg((sku: string, first: number) => text(`SKU "${sku}" is listed twice (first on line ${first})`, `SKU "${sku}" 重复（首次出现在第 ${first} 行）`), 'A-1', 7),
  skuTwiceFix: text('keep one row per SKU', '每个SKU只保留一行'),
  unknownCategory: msg((category: string) => text(`unknown category "${category}"`, `未知的类目 "${category}"`), 'toys'),
  unknownCategoryFix: msg((ids: readonly string[]) => text(`use one of: ${ids.join(', ')} (or their names in rules/catalogue.json)`, `请使用以下之一：${ids.join('、')}（或 rules/catalogue.json 中的类目名称）`), ['apparel', '3c']),
  weightHint: text('write the weight in kg, e.g. 0.35', '请以千克填写重量，如 0.35'),
  // check catalog: findings
  withSkuCount: msg((message: Text, n: number) => text(`${message.en} (${n} SKU${n === 1 ? '' : 's'})`, `${message.zh}（${n} 个SKU）`), text('Banned.', '禁售。'), 12),
  importBatch: msg((rows: number, max: number) => text(`${rows} SKUs exceed the ${max}-SKU limit of one CSV bulk import.`, `${rows} 个SKU超过单次CSV批量导入上限 ${max} 个。`), 6000, 5000),
  importBatchFix: msg((batches: number, max: number) => text(`Split the file into ${batches} imports of at most ${max} SKUs.`, `请拆分为 ${batches} 次导入，每次不超过 ${max} 个SKU。`), 2, 5000),
  // input hygiene (unsafe-text.ts), dates (dates.ts)
  unsafeText: msg(
    (n: number) =>
      text(
        `${n} text cell(s) hold control characters or bidirectional overrides (shown as \\u…): they can change how a terminal or a spreadsheet shows the text, or make an id read differently from what it is`,
        `${n} 个文本单元格含有控制字符或双向文本覆盖字符（显示为 \\u…）：它们会改变终端或表格中文字的显示，或让编号看起来与实际不同`,
      ),
    3,
  ),
  unsafeTextFix: text('remove these characters from the source file (retype the id or text by hand)', '请从源文件中删除这些字符（手工重新输入编号或文字）'),
  notCalendarDate: msg((days: number, date: string) => text(`${days} days after ${date} is not a calendar date`, `${date} 之后 ${days} 天不是有效日期`), 1e9, '2024-01-01'),
  notCalendarDateFix: text('check the day counts in the rule files (e.g. the ADM-6 freeze period) and the dates in the input', '请检查规则文件中的天数（如 ADM-6 冻结期）与输入中的日期'),
  // check exit, check store
  switchedOffEarly: text("JIT was switched off while preconditions still fail: the store's funds may be frozen.", 'JIT已关闭但前提条件仍未满足：店铺资金可能被冻结。'),
  switchedOffEarlyFix: text('Resolve the blockers above at once, then contact seller support with the ticket number from the confirmation e-mail.', '请立即处理上述阻碍项，并凭确认邮件中的工单号联系客服。'),
  frozenUntil: msg((message: Text, date: string) => text(`${message.en} Frozen until ${date} (apply again from that day).`, `${message.zh}冻结至 ${date}（当日起可再次申请）。`), text('Admission is frozen.', '准入已冻结。'), '2024-03-16'),
  frozenEndUnknown: msg((message: Text) => text(`${message.en} The end date is unknown: give lastFailedReviewOn.`, `${message.zh}结束日期未知：请填写 lastFailedReviewOn。`), text('Admission is frozen.', '准入已冻结。')),
});

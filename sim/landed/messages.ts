/**
 * The message catalogue of landed cost and currencies (area `landed`): the problems of a scenario's
 * monthly exchange-rate paths (currency.paths). Older short texts of sim/landed/*.ts are still inline.
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text } from '../i18n/index.ts';

const list = (xs: readonly string[]) => (xs.length > 6 ? `${xs.slice(0, 6).join(', ')} … (${xs.length})` : xs.join(', '));

export const M = defineMessages('landed', {
  fxPathCny: text('CNY needs no exchange-rate path: every rate is CNY per unit of another currency', '人民币无需汇率路径：所有汇率都是每单位外币折合的人民币'),
  fxPathCnyFix: text('remove "CNY" from currency.paths', '请从 currency.paths 中删除 "CNY"'),
  fxPathUnused: msg(
    (c: string, needed: readonly string[]) => text(`the scenario converts nothing through ${c} (its prices, costs, customs regimes and reporting currency use ${needed.length ? needed.join(', ') : 'CNY only'})`, `情景没有任何金额需按 ${c} 换算（售价、成本、海关制度与报告币种使用：${needed.length ? needed.join('、') : '仅人民币'}）`),
    'USD', ['EUR'],
  ),
  fxPathUnusedFix: msg((needed: readonly string[]) => text(`check the currency code (a path is read for ${needed.length ? needed.join(', ') : 'no currency'}), or remove it`, `请检查币种代码（可设路径的币种：${needed.length ? needed.join('、') : '无'}），或删除该路径`), ['EUR']),
  fxPathAndRate: msg((c: string) => text(`${c} has both a rate (currency.rates) and a monthly path (currency.paths)`, `${c} 同时给出了汇率（currency.rates）与月度路径（currency.paths）`), 'EUR'),
  fxPathAndRateFix: text('keep one: the path (its uncertainty goes in currency.paths.<code>.multiplier) or the rate', '只保留一个：路径（不确定性写在 currency.paths.<代码>.multiplier）或汇率'),
  fxPathMissing: msg(
    (c: string, missing: readonly string[], months: readonly string[]) => text(`the ${c} path has no rate for ${list(missing)} (the horizon is ${months[0]} … ${months[months.length - 1]})`, `${c} 路径缺少 ${list(missing)} 的汇率（期限为 ${months[0]} … ${months[months.length - 1]}）`),
    'EUR', ['2026-03'], ['2026-01', '2026-03'],
  ),
  fxPathMissingFix: msg((m: string) => text(`add "${m}": <CNY per unit> (every month of the horizon needs a rate)`, `请添加 "${m}": <每单位折合人民币>（期限内每个月都需要汇率）`), '2026-03'),
  fxPathOutside: msg((m: string, months: readonly string[]) => text(`month ${m} is outside the horizon (${months[0]} … ${months[months.length - 1]})`, `月份 ${m} 不在期限内（${months[0]} … ${months[months.length - 1]}）`), '2027-01', ['2026-01', '2026-12']),
  fxPathOutsideFix: text('remove it, or change startDate / horizonMonths', '请删除该月，或修改 startDate / horizonMonths'),
});

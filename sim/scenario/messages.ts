/**
 * The message catalogue of scenario loading (area `scenario`): the 3PL tariff and `modesOff` texts.
 * Older texts of sim/scenario/*.ts are still inline (issue 15).
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text } from '../i18n/index.ts';

export const M = defineMessages('scenario', {
  tplTariffUnreadable: msg((ref: string) => text(`cannot read the 3PL tariff ${ref}`, `无法读取第三方仓收费表 ${ref}`), 'client-3pl.json'),
  tplTariffUnreadableFix: text('fix the path (relative to the scenario file) or remove the field to use data/tpl.json', '请修正路径（相对于情景文件），或删除该字段以使用 data/tpl.json'),
  allModesOff: text('every mode is switched off or unavailable (JIT is unavailable for this store or catalogue)', '所有模式均被关闭或不可用（该店铺或商品无法使用JIT）'),
  noShippedFreight: msg((file: string, sites: string) => text(`${file} has no freight option for warehouse site(s) ${sites}`, `${file} 没有仓 ${sites} 的头程运价`), 'data/rates/warehouse-headhaul.csv', 'PL, ES'),
  noShippedFreightFix: text("bring the client's head-haul quotes as rateCards.warehouseHeadhaul.file (the columns of data/rates/warehouse-headhaul.csv)", '请以 rateCards.warehouseHeadhaul.file 提供客户的头程报价（列同 data/rates/warehouse-headhaul.csv）'),
  startMidMonth: msg((date: string) => text(`startDate ${date} is not the first day of a month: the simulation runs in calendar months, so the days after the last month would be lost`, `startDate ${date} 不是某月的第一天：模拟按自然月进行，最后一个月之后的天数会被丢掉`), '2026-04-15'),
  startMidMonthFix: msg((first: string, next: string) => text(`start on the first day of a month: ${first} or ${next}`, `请从某月第一天开始：${first} 或 ${next}`), '2026-04-01', '2026-05-01'),
  allModesOffFix: text('switch at least one of warehouse, direct, tpl back on', '请至少重新开启 warehouse、direct、tpl 之一'),
});

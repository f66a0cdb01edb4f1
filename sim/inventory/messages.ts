/**
 * The message catalogue of warehouse stock and freight (area `inventory`): the head-haul card's
 * column hints and row problems; why a mode is not recommended (the same sentence in the simulate summary,
 * --json's `recommendation.excluded[].text` and every report); the inventory chart's texts. Older short
 * texts of sim/inventory/*.ts are still inline (issue 15).
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text } from '../i18n/index.ts';

export const M = defineMessages('inventory', {
  minM3Hint: text('the shipment volume (m³) from which this row applies; 0 for the first tier', '本行适用的起始货量（立方米）；首档为 0'),
  noPrice: text('the row has no price (per kg, per m³ and per container are all 0)', '该行没有价格（每公斤、每立方、每柜均为 0）'),
  noPriceFix: text('give cny_per_kg and/or cny_per_m3, or cny_per_container with container_m3', '请填写 cny_per_kg 和/或 cny_per_m3，或 cny_per_container 与 container_m3'),
  // why a mode is not recommended (recommendation.excluded[].reason)
  exSwitchedOff: msg((mode: { en: string; zh: string }) => text(`${mode.en} is switched off by the scenario (modesOff)`, `${mode.zh}已由情景关闭（modesOff）`), { en: '3PL warehouse', zh: '第三方海外仓' }),
  exIneligible: msg((mode: { en: string; zh: string }) => text(`${mode.en} is not available to this seller (store or catalogue rules)`, `${mode.zh}对该卖家不可用（店铺或商品规则）`), { en: 'JIT', zh: 'JIT' }),
  exServiceLevel: msg((mode: { en: string; zh: string }, pctl: number, days: number, maxDays: number) => text(`${mode.en} misses the service level: P${pctl} delivery ${days} days > ${maxDays}`, `${mode.zh}未达服务水平：P${pctl}时效 ${days}天 > ${maxDays}天`), { en: 'Direct from China', zh: '国内直发' }, 90, 14, 10),
  exStockouts: msg((mode: { en: string; zh: string }, fill: string, min: string) => text(`${mode.en} runs out of stock too often: fill rate ${fill} < the required ${min} (profit.minFillRate)`, `${mode.zh}断货过多：现货满足率 ${fill} 低于要求的 ${min}（profit.minFillRate）`), { en: '3PL warehouse', zh: '第三方海外仓' }, '93.1 %', '97.0 %'),
});


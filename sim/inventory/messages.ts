/**
 * The message catalogue of warehouse stock and freight (area `inventory`): the head-haul card's
 * column hints and row problems. Older short texts of sim/inventory/*.ts are still inline (issue 15).
 */
import { defineMessages } from '../i18n/catalogue.ts';
import { text } from '../i18n/index.ts';

export const M = defineMessages('inventory', {
  minM3Hint: text('the shipment volume (m³) from which this row applies; 0 for the first tier', '本行适用的起始货量（立方米）；首档为 0'),
  noPrice: text('the row has no price (per kg, per m³ and per container are all 0)', '该行没有价格（每公斤、每立方、每柜均为 0）'),
  noPriceFix: text('give cny_per_kg and/or cny_per_m3, or cny_per_container with container_m3', '请填写 cny_per_kg 和/或 cny_per_m3，或 cny_per_container 与 container_m3'),
});

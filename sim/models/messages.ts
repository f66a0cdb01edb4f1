/**
 * The message catalogue of the cost models (area `models`): the explanations `jitsim quote` prints
 * beside the 3PL warehouse's components. Values arrive formatted (the quote's `fmt`); a unit name
 * arrives as a Text. Older explanations of sim/models/quote.ts are still inline (issue 15).
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text, type Text } from '../i18n/index.ts';

const CARTON: Text = { en: 'carton', zh: '箱' };

export const M = defineMessages('models', {
  tplPallet: text('pallet', '托'),
  noFreight: msg((file: string, dest: string) => text(`${file} has no freight option to a warehouse in ${dest}`, `${file} 没有发往 ${dest} 仓的头程运价`), 'data/rates/warehouse-headhaul.csv', 'JP'),
  noFreightFix: text('choose a destination with a warehouse lane, or add rows to the head-haul card', '请选择有仓库头程线路的目的地，或在头程运价表中添加行'),
  tplCarton: CARTON,
  tplInbound: msg((kg: string, density: string, unitM3: string, unit: Text, perUnit: string) => text(`${kg} kg ÷ ${density} kg/m³ ÷ ${unitM3} m³ per ${unit.en} × ${perUnit} CNY per ${unit.en} received`, `${kg} 千克 ÷ ${density} 千克/立方米 ÷ 每${unit.zh} ${unitM3} 立方米 × 每${unit.zh}入库 ${perUnit} 元`), '0.5', '250', '0.06', CARTON, '12'),
  tplStorage: msg((days: number, m3: string, daily: string, perM3Day: string, monthDays: string, monthly: string) => text(`stock of ${days} days (${m3} m³ at ${daily} orders/day) × ${perM3Day} CNY/m³·day × ${monthDays} days ÷ ${monthly} orders`, `${days} 天库存（每天 ${daily} 单共 ${m3} 立方米）× ${perM3Day} 元/立方米·天 × ${monthDays} 天 ÷ ${monthly} 单`), 45, '0.9', '10', '3.5', '30.44', '304.4'),
  tplLongTerm: msg((days: number, share: string, after: number, perM3Day: string) => text(`each unit stays ${days} days; the ${share} % of stock-days beyond ${after} days × ${perM3Day} CNY/m³·day`, `每件在库 ${days} 天；超过 ${after} 天的 ${share}% 库存天数 × ${perM3Day} 元/立方米·天`), 90, '33.33', 60, '2'),
  tplPickPack: msg((perOrder: string, extra: number, perItem: string) => text(`${perOrder} CNY per order + ${extra} extra item(s) × ${perItem}`, `每单 ${perOrder} 元 + 额外 ${extra} 件 × ${perItem} 元`), '8', 2, '1.5'),
  tplLabel: text('outbound carrier label per order', '每单出库面单'),
  tplReturns: msg((rate: string, handling: string, lost: string, unitCost: string) => text(`return rate ${rate} % × (${handling} CNY 3PL handling + ${lost} % of ${unitCost} CNY not resold)`, `退货率 ${rate}% ×（第三方仓处理 ${handling} 元 + 单件成本 ${unitCost} 元中 ${lost}% 无法再售）`), '4', '15', '20', '30'),
});

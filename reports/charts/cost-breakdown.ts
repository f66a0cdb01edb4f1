/** Mean cost per order by component, stacked, per mode. */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang, Text } from '../../sim/i18n/index.ts';
import { MODE_LABEL, shownModes, type ReportModel } from '../model.ts';
import { chart, cny, componentScale } from './common.ts';

/** Names of cost components in both languages (unknown ones show their key). */
export const COMPONENT_LABEL: Record<string, Text> = {
  baseFee: { en: 'Base fee', zh: '基础服务费' },
  operation: { en: 'Operation fee', zh: '操作费' },
  processing: { en: 'Processing fee', zh: '订单处理费' },
  logistics: { en: 'Logistics', zh: '物流费' },
  operationDiscount: { en: 'Low-return discount', zh: '低退货折扣' },
  logisticsDiscount: { en: 'Country ladder discount', zh: '同国阶梯折扣' },
  designatedBox: { en: 'Designated box rebate', zh: '指定箱型减免' },
  oversize: { en: 'Oversize surcharge', zh: '超尺寸附加费' },
  crossWarehouse: { en: 'Cross-warehouse fee', zh: '跨仓调度费' },
  returns: { en: 'Returns', zh: '退货' },
  routedDirect: { en: 'Routing failures shipped direct', zh: '分仓失败转直发' },
  directLogistics: { en: 'Shipped direct (routing failures, ineligible SKUs)', zh: '转直发物流费（分仓失败、不可走JIT的SKU）' },
  directReturns: { en: 'Returns of orders shipped direct', zh: '转直发订单的退货' },
  headhaul: { en: 'Head-haul', zh: '头程' },
  lastMile: { en: 'Last mile', zh: '尾程' },
  staff: { en: 'Staff', zh: '人工' },
  rent: { en: 'Rent', zh: '仓租' },
  system: { en: 'System', zh: '系统' },
  startup: { en: 'Start-up (amortised)', zh: '启动成本（分摊）' },
  capital: { en: 'Capital cost of stock', zh: '库存资金成本' },
  writeOff: { en: 'Stock write-off and unsold stock write-down', zh: '滞销核销与期末库存减值' },
  stockout: { en: 'Stock-outs (shipped direct, or lost margin)', zh: '断货（转直发，或损失毛利）' },
  inbound: { en: '3PL inbound (per carton/pallet)', zh: '第三方仓入库费（按箱/托）' },
  storage: { en: '3PL storage', zh: '第三方仓仓储费' },
  longTermStorage: { en: '3PL long-term storage surcharge', zh: '第三方仓长期仓储附加费' },
  pickPack: { en: '3PL pick & pack', zh: '第三方仓拣货打包费' },
  label: { en: '3PL outbound label', zh: '第三方仓出库面单费' },
  battery: { en: 'Lithium-battery surcharges', zh: '锂电池附加费' },
  batteryRefused: { en: 'Battery SKUs refused by every lane (lost margin)', zh: '电池SKU无线路承运（损失毛利）' },
};

export const componentLabel = (key: string, lang: Lang) => COMPONENT_LABEL[key]?.[lang] ?? key;

export function costBreakdownChart(m: ReportModel, lang: Lang): TopLevelSpec {
  const values = shownModes(m).flatMap((k) =>
    Object.entries(m.modes[k].components)
      .filter(([, v]) => v !== 0)
      .map(([c, v]) => ({ modeLabel: MODE_LABEL[k][lang], id: c, component: componentLabel(c, lang), perOrder: m.meanOrders > 0 ? v / m.meanOrders : 0 })),
  );
  const ids = [...new Set(values.map((v) => v.id))];
  return chart(
    lang,
    { en: 'Cost per order by component', zh: '单均成本构成' },
    { en: 'Mean over the simulations; discounts are negative.', zh: '各次模拟的均值；折扣为负值。' },
    values,
    {
      width: 560,
      height: 160,
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'modeLabel', type: 'nominal', title: null, sort: shownModes(m).map((k) => MODE_LABEL[k][lang]) },
        x: { field: 'perOrder', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: `${lang === 'zh' ? '每单' : 'Per order'} (${cny(lang, m.currency)})` },
        color: { field: 'component', type: 'nominal', title: lang === 'zh' ? '成本项' : 'Component', scale: componentScale(ids, (c) => componentLabel(c, lang)), sort: ids.map((c) => componentLabel(c, lang)), legend: { orient: 'bottom', columns: 3 } },
        tooltip: [
          { field: 'modeLabel', title: lang === 'zh' ? '模式' : 'Mode' },
          { field: 'component', title: lang === 'zh' ? '成本项' : 'Component' },
          { field: 'perOrder', title: cny(lang, m.currency), format: ',.2f', aggregate: 'sum' },
        ],
      },
    },
  );
}

/**
 * Per-order cost of one parcel under the four modes, every component explained by the rule or
 * data row that produced it. Money is rounded to 0.01 only here, at the edge; a mode's total is the
 * sum of its rounded components.
 */
import { batteryLane, laneSurcharge } from '../battery/data.ts';
import { quoteAccepted, quoteJitBanned, refusedHeadhaulText, refusedText } from '../battery/texts.ts';
import type { BatteryClass, BatteryLeg } from '../battery/schema.ts';
import { UserInputError } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { SERVICES, bracketIndex, cellIndex, type RateCard, type Service } from '../data/rate-card.ts';
import { tplParams, warehouseParams } from '../data/data-set.ts';
import { COMPONENT, volumeCell, type FeeCase } from '../rules/compile-fees.ts';
import { addJitOrderCost, jitMonthlyFee } from './jit.ts';
import type { CostContext } from './context.ts';
import { directReturnRate, directReturnsCnyPerOrder } from './direct.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { chooseFreight, evaluateFreight, makeFreightEval } from '../inventory/choose.ts';
import { warehouseCapitalCnyPerOrder, warehouseCnyPerReturn, warehouseRentCnyPerMonth, warehouseReturnRate, warehouseStartupCnyPerMonth, warehouseStockM3, warehouseWriteOffCnyPerOrder } from './warehouse.ts';
import { tplCnyPerReturn, tplInboundCnyPerOrder, tplLongTermCny, tplLongTermShare, tplPickPackCnyPerOrder, tplStorageCny } from './tpl.ts';
import { M } from './messages.ts';

export const DAYS_PER_MONTH = 365 / 12;

export interface QuoteInput {
  dest: string;
  weightKg: number;
  /** Parcel dimensions in cm; without them the volume is estimated from the weight. */
  dimsCm?: [number, number, number];
  service: Service;
  warehouse?: 'domestic' | 'overseas';
  designatedBox: boolean;
  returnRate?: number;
  countryDailyOrders?: number;
  nonPreferredWarehouse: boolean;
  oversize: boolean;
  newSeller: boolean;
  schedule?: string;
  unitCostCny?: number;
  priceCny?: number;
  /** Items picked per order (3PL pick & pack per extra item); default 1. */
  itemsPerOrder?: number;
  /** The parcel holds a lithium battery of this class: each mode's lane surcharge, or its refusal (data/battery.json). */
  battery?: BatteryClass;
  /** With `battery`: the catalogue rules ban the SKU from JIT (BAN-1): under the JIT mode the order ships direct. */
  jitBanned?: boolean;
}

export interface Line {
  component: string;
  amountCny: number;
  ref: string;
  explanation: Text;
}

export interface ModeQuote {
  total: number;
  /** A lane of the mode refuses the parcel's battery class: the mode cannot ship it (`total` is then what the lanes would cost without the refusal). */
  refused?: Text;
  components: Record<string, number>;
  lines: Line[];
  deliveryDays: [number, number];
}

export interface Quote {
  input: Required<Omit<QuoteInput, 'dimsCm' | 'warehouse' | 'battery' | 'jitBanned'>> & { battery: BatteryClass | null; jitBanned: boolean } & { parcelVolumeLitres: number; warehouseRegion: 'domestic' | 'overseas'; volumeEstimated: boolean };
  modes: { jit: ModeQuote; warehouse: ModeQuote; direct: ModeQuote; tpl: ModeQuote };
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const fmt = (x: number) => (Math.round(x * 100) / 100).toString();

function finish(lines: Line[], days: [number, number], refused?: Text | null): ModeQuote {
  const rounded = lines.map((l) => ({ ...l, amountCny: round2(l.amountCny) }));
  const components: Record<string, number> = {};
  for (const l of rounded) components[l.component] = round2((components[l.component] ?? 0) + l.amountCny);
  return { total: round2(Object.values(components).reduce((a, b) => a + b, 0)), components, lines: rounded, deliveryDays: days, ...(refused ? { refused } : {}) };
}

/** A battery lane as a quote line (accepted) or a refusal. */
function batteryLine(data: CostContext['data'], leg: BatteryLeg, cls: BatteryClass, country: string, perParcel: number, freight?: string, weightKg = 0): { line: Line | null; refused: Text | null } {
  const r = batteryLane(data.battery, leg, cls, country, freight);
  const ref = `data/battery.json#/lanes/${r.index}`;
  if (!r.accept) return { line: null, refused: leg === 'warehouseHeadhaul' ? refusedHeadhaulText(cls, freight ?? '', country) : refusedText(cls, leg === 'direct' ? 'direct' : 'warehouseLastMile', country) };
  const amount = leg === 'warehouseHeadhaul' ? (r.surchargeCnyPerKg ?? 0) * weightKg : perParcel;
  const unit = leg === 'warehouseHeadhaul' ? `${fmt(r.surchargeCnyPerKg ?? 0)} CNY/kg × ${fmt(weightKg)} kg` : `${fmt(perParcel)} CNY/parcel`;
  return { line: { component: 'battery', amountCny: amount, ref, explanation: quoteAccepted(`${cls} ${leg}${freight ? ` ${freight}` : ''}`, unit, r.basis) }, refused: null };
}

function lane(card: RateCard, dest: string, service: Service, weightKg: number, label: Text): { price: number; row: number; basis: string; days: [number, number]; bracketKg: number } {
  const d = card.destIndex.get(dest);
  const s = SERVICES.indexOf(service);
  if (d === undefined) throw new UserInputError(text(`no ${label.en} rate for destination ${dest}`, `${label.zh}运价表中没有目的地 ${dest}`), text(`use one of: ${card.destinations.join(', ')} (or add its rows to ${card.file})`, `请使用以下之一：${card.destinations.join('、')}（或在 ${card.file} 中添加）`));
  const b = bracketIndex(card.brackets, weightKg);
  if (b < 0) throw new UserInputError(text(`${weightKg} kg is beyond the ${label.en} rate card (max ${card.brackets[card.brackets.length - 1]} kg)`, `${weightKg} 千克超出${label.zh}运价表上限（${card.brackets[card.brackets.length - 1]} 千克）`), text('split the shipment, or add heavier brackets to the rate card', '请拆分包裹，或在运价表中添加更重的重量段'));
  const i = cellIndex(card, d, s, b);
  if (Number.isNaN(card.price[i]!)) throw new UserInputError(text(`no ${service} service to ${dest} in the ${label.en} rate card`, `${label.zh}运价表中没有发往 ${dest} 的 ${service} 服务`), text('choose another --service', '请选择其他 --service'));
  const lane = d * SERVICES.length + s;
  return { price: card.price[i]!, row: card.line[i]!, basis: card.basis[i]!, days: [card.daysMin[lane]!, card.daysMax[lane]!], bracketKg: card.brackets[b]! };
}

/**
 * Quotes one parcel under JIT, a self-run overseas warehouse and direct shipping.
 * @throws {UserInputError} for an unknown destination, a weight ≤ 0 or beyond the rate cards, an unknown schedule.
 * @example quote(ctx, { dest: 'ES', weightKg: 0.5, service: 'standard', … }).modes.direct.components.logistics // => 18.44
 */
export function quote(ctx: CostContext, q: QuoteInput): Quote {
  const { rules, data } = ctx;
  const m = data.modeValues;
  if (!(q.weightKg > 0)) throw new UserInputError(text(`weight must be above 0 kg (got ${q.weightKg})`, `重量须大于 0 千克（输入为 ${q.weightKg}）`), text('give --weight in kg, e.g. --weight 0.5', '请以千克填写 --weight，如 --weight 0.5'));
  const scheduleId = q.schedule ?? rules.files.fees.defaultSchedule;
  const s = ctx.schedules.get(scheduleId);
  if (!s) throw new UserInputError(text(`unknown fee schedule "${scheduleId}"`, `未知的收费方案 "${scheduleId}"`), text(`use one of: ${[...ctx.schedules.keys()].join(', ')}`, `请使用以下之一：${[...ctx.schedules.keys()].join('、')}`));
  const returnRate = q.returnRate ?? m.industryReturnRate;
  const dailyOrders = q.countryDailyOrders ?? m.quoteDailyOrders;
  const monthlyOrders = dailyOrders * DAYS_PER_MONTH;
  const unitCost = q.unitCostCny ?? m.quoteUnitCostCny;
  const price = q.priceCny ?? m.quotePriceCny;
  const network = rules.files.routing.network;
  const region = q.warehouse ?? (network.overseasWarehouseCountries.includes(q.dest) ? 'overseas' : 'domestic');
  const volumeEstimated = !q.dimsCm;
  const litres = q.dimsCm ? (q.dimsCm[0] * q.dimsCm[1] * q.dimsCm[2]) / 1000 : q.weightKg * m.volumetricLitresPerKg;

  // ---- JIT
  const jitLane = lane(s.logistics, q.dest, q.service, q.weightKg, text('JIT logistics', 'JIT物流'));
  const fc: FeeCase = { warehouseRegion: region, parcelVolumeLitres: litres, designatedBox: q.designatedBox, returnRate, countryDailyOrders: dailyOrders, oversize: q.oversize, nonPreferredWarehouse: q.nonPreferredWarehouse, newSeller: q.newSeller };
  const v = volumeCell(s.volumeBreaks, litres);
  const acc = new Float64Array(s.components.length);
  addJitOrderCost(s, fc, v, jitLane.price, acc);
  const base = jitMonthlyFee(s, q.newSeller, 0);
  const baseLater = jitMonthlyFee(s, q.newSeller, 12);
  const jitLines: Line[] = [];
  const monthlyIds = s.monthly.map((x) => x.id).join('+') || '—';
  jitLines.push({
    component: 'baseFee',
    amountCny: base / monthlyOrders,
    ref: monthlyIds,
    explanation: s.monthly.length === 0
      ? text(`schedule ${s.id} has no monthly fee`, `方案${s.id}无月费`)
      : base === 0
        ? text(`first month waived for new sellers; from then on ${fmt(baseLater)} CNY/month ÷ ${fmt(monthlyOrders)} orders = ${fmt(baseLater / monthlyOrders)}/order`, `新商家首月减免；之后每月 ${fmt(baseLater)} 元 ÷ ${fmt(monthlyOrders)} 单 = ${fmt(baseLater / monthlyOrders)} 元/单`)
        : text(`${fmt(base)} CNY/month spread over ${fmt(monthlyOrders)} orders/month (${fmt(dailyOrders)}/day)`, `每月 ${fmt(base)} 元分摊到每月 ${fmt(monthlyOrders)} 单（每天 ${fmt(dailyOrders)} 单）`),
  });
  const vFrom = s.volumeBreaks[v]!;
  const vTo = s.volumeBreaks[v + 1];
  jitLines.push({ component: 'operation', amountCny: acc[COMPONENT.operation]!, ref: s.operationIds.join('/'), explanation: text(`${region} warehouse, parcel ${fmt(litres)} L${volumeEstimated ? ' (estimated from weight; give --dims)' : ''} in the ${vFrom}–${vTo ?? '∞'} L band`, `${region === 'domestic' ? '国内仓' : '海外仓'}，包裹 ${fmt(litres)} 升${volumeEstimated ? '（按重量估算；可用 --dims 指定）' : ''}，属 ${vFrom}–${vTo ?? '∞'} 升体积段`) });
  if (s.processingIds.length) jitLines.push({ component: 'processing', amountCny: acc[COMPONENT.processing]!, ref: s.processingIds.join('+'), explanation: text('order processing fee, fixed per order', '订单处理费，每单固定') });
  jitLines.push({ component: 'logistics', amountCny: acc[COMPONENT.logistics]!, ref: `${s.logisticsId}; ${s.logistics.file}:${jitLane.row}`, explanation: text(`${q.dest} ${q.service} ≤ ${jitLane.bracketKg} kg (${jitLane.basis})`, `${q.dest} ${q.service} ≤ ${jitLane.bracketKg} 千克（${jitLane.basis}）`) });
  for (const a of s.adjustments) {
    const amount = a.kind === 'perOrder' ? acc[a.component]! : 0;
    if (a.kind === 'perOrder' && amount !== 0) jitLines.push({ component: s.components[a.component]!, amountCny: amount, ref: a.id, explanation: a.source.name });
  }
  if (acc[COMPONENT.operationDiscount] !== 0) {
    const ids = s.adjustments.filter((a) => a.target === 'operation' && a.kind === 'factor').map((a) => a.id);
    jitLines.push({ component: 'operationDiscount', amountCny: acc[COMPONENT.operationDiscount]!, ref: [...ids, ...(s.ladder?.target === 'operation' ? [s.ladder.id] : [])].join('+'), explanation: text(`discount on the operation fee (return rate ${fmt(returnRate * 100)} %)`, `操作费折扣（退货率 ${fmt(returnRate * 100)}%）`) });
  }
  if (acc[COMPONENT.logisticsDiscount] !== 0) jitLines.push({ component: 'logisticsDiscount', amountCny: acc[COMPONENT.logisticsDiscount]!, ref: s.ladder?.id ?? '', explanation: text(`country concentration ladder: ${fmt(dailyOrders)} orders/day to ${q.dest}`, `同国阶梯折扣：每天 ${fmt(dailyOrders)} 单发往 ${q.dest}`) });
  jitLines.push({ component: 'returns', amountCny: returnRate * m.jitReturnCostCnyPerReturn, ref: 'modes.jitReturnCostCnyPerReturn', explanation: text(`return rate ${fmt(returnRate * 100)} % × ${fmt(m.jitReturnCostCnyPerReturn)} CNY per return through the JIT channel`, `退货率 ${fmt(returnRate * 100)}% × JIT渠道每单退货 ${fmt(m.jitReturnCostCnyPerReturn)} 元`) });

  // ---- direct
  const directLane = lane(data.direct, q.dest, q.service, q.weightKg, text('direct', '直发'));
  const directRate = directReturnRate(returnRate, m.jitReturnReductionVsDirect);
  const directLines: Line[] = [
    { component: 'logistics', amountCny: directLane.price, ref: `${data.direct.file}:${directLane.row}`, explanation: text(`${q.dest} ${q.service} ≤ ${directLane.bracketKg} kg (${directLane.basis})`, `${q.dest} ${q.service} ≤ ${directLane.bracketKg} 千克（${directLane.basis}）`) },
    { component: 'returns', amountCny: directReturnsCnyPerOrder(directRate, m.directReturnCostShareOfPrice, price), ref: 'modes.jitReturnReductionVsDirect; modes.directReturnCostShareOfPrice', explanation: text(`return rate ${fmt(directRate * 100)} % (JIT's ÷ (1 − ${m.jitReturnReductionVsDirect})) × ${fmt(m.directReturnCostShareOfPrice * 100)} % of the ${fmt(price)} CNY price refunded without the goods`, `退货率 ${fmt(directRate * 100)}%（JIT ÷ (1 − ${m.jitReturnReductionVsDirect})）× 售价 ${fmt(price)} 元的 ${fmt(m.directReturnCostShareOfPrice * 100)}%（退款不退货）`) },
  ];

  // lithium battery: the direct lane's surcharge or refusal (the JIT mode's orders shipped direct use it too)
  const cls = q.battery;
  let directRefused: Text | null = null;
  if (cls) {
    const row = batteryLane(data.battery, 'direct', cls, q.dest);
    const b = batteryLine(data, 'direct', cls, q.dest, row.surchargeCnyPerParcel ?? 0);
    if (b.line) directLines.push(b.line);
    directRefused = b.refused;
  }
  // a lithium-battery SKU the catalogue rules ban from JIT ships direct under the JIT mode (E117)
  const jitViaDirect = Boolean(cls && q.jitBanned);

  // ---- self-run overseas warehouse
  const w = warehouseParams(data, q.dest);
  const lastMileService: Service = q.service === 'express' ? 'express' : 'standard';
  const lm = lane(data.lastMile, q.dest, lastMileService, q.weightKg, text('warehouse last-mile', '海外仓尾程'));
  // freight: the cheapest option to the warehouse at this volume (data/rates/warehouse-headhaul.csv), at its steady state
  const options = FREIGHT_MODES.map((k) => data.headhaul.options.get(`${q.dest}/${k}`) ?? null);
  const ev = makeFreightEval();
  // a battery SKU: each option's head-haul battery surcharge counts, an option refusing its class is not chosen
  // (when every option refuses it, the cheapest is shown with the refusal)
  const batteryPerKg = cls ? FREIGHT_MODES.map((f) => laneSurcharge(batteryLane(data.battery, 'warehouseHeadhaul', cls, q.dest, f))) : undefined;
  let k = chooseFreight(options, -1, w, dailyOrders, q.weightKg, unitCost, 0, [1, 1, 1, 1], ev, batteryPerKg);
  if (k < 0 && batteryPerKg) k = chooseFreight(options, -1, w, dailyOrders, q.weightKg, unitCost, 0, [1, 1, 1, 1], ev);
  if (k < 0) throw new UserInputError(M.noFreight(data.headhaul.file, q.dest), M.noFreightFix);
  const option = options[k]!;
  evaluateFreight(option, w, dailyOrders, q.weightKg, unitCost, 0, 1, ev);
  const tier = option.tiers.filter((t) => t.minM3 <= (ev.orderUnits * q.weightKg) / w.stockDensityKgPerM3).pop() ?? option.tiers[0]!;
  const stockM3 = warehouseStockM3(w, dailyOrders, q.weightKg, ev.shelfDays);
  const rent = warehouseRentCnyPerMonth(w, stockM3);
    const whReturnRate = warehouseReturnRate(returnRate, m.warehouseReturnFactorVsJit);
  const whLines: Line[] = [
    { component: 'headhaul', amountCny: ev.freightPerUnit, ref: `${option.file}:${tier.line}; warehouse.daysOfCover`, explanation: text(`${option.mode} (cheapest at this volume), China → ${q.dest}: one shipment of ${fmt(ev.orderUnits)} orders (${w.daysOfCover} days) ÷ its units; ${option.daysMin}–${option.daysMax} days`, `${option.mode}（此销量下最便宜），中国→${q.dest}：每批 ${fmt(ev.orderUnits)} 单（${w.daysOfCover} 天）运费 ÷ 件数；时效 ${option.daysMin}–${option.daysMax} 天`) },
    { component: 'lastMile', amountCny: lm.price, ref: `${data.lastMile.file}:${lm.row}`, explanation: text(`local ${lastMileService} delivery ≤ ${lm.bracketKg} kg (${lm.basis})`, `本地${lastMileService}派送 ≤ ${lm.bracketKg} 千克（${lm.basis}）`) },
    { component: 'staff', amountCny: w.staffCnyPerOrder, ref: 'warehouse.staffCnyPerOrder', explanation: text('pick and pack labour per order', '每单拣货打包人工') },
    { component: 'rent', amountCny: rent / monthlyOrders, ref: 'warehouse.rentCnyPerM3Month; warehouse.minRentCnyPerMonth', explanation: text(`max(minimum ${fmt(w.minRentCnyPerMonth)}, ${fmt(stockM3)} m³ × ${fmt(w.rentCnyPerM3Month)}) CNY/month ÷ ${fmt(monthlyOrders)} orders`, `max(最低 ${fmt(w.minRentCnyPerMonth)}，${fmt(stockM3)} 立方米 × ${fmt(w.rentCnyPerM3Month)}) 元/月 ÷ ${fmt(monthlyOrders)} 单`) },
    { component: 'system', amountCny: w.systemCnyPerMonth / monthlyOrders, ref: 'warehouse.systemCnyPerMonth', explanation: text(`${fmt(w.systemCnyPerMonth)} CNY/month WMS ÷ ${fmt(monthlyOrders)} orders`, `WMS ${fmt(w.systemCnyPerMonth)} 元/月 ÷ ${fmt(monthlyOrders)} 单`) },
    { component: 'startup', amountCny: warehouseStartupCnyPerMonth(w) / monthlyOrders, ref: 'warehouse.startupCny; warehouse.startupAmortisationMonths', explanation: text(`${fmt(w.startupCny)} CNY start-up spread over ${w.startupAmortisationMonths} months ÷ ${fmt(monthlyOrders)} orders`, `启动成本 ${fmt(w.startupCny)} 元分摊 ${w.startupAmortisationMonths} 个月 ÷ ${fmt(monthlyOrders)} 单`) },
    { component: 'capital', amountCny: warehouseCapitalCnyPerOrder(w, unitCost, ev.leadDays, ev.shelfDays), ref: `warehouse.capitalRateYear; warehouse.serviceLevel; warehouse.daysOfCover; ${option.file}:${tier.line}`, explanation: text(`${fmt(unitCost)} CNY of stock paid for ${fmt(ev.leadDays)} days in transit + ${fmt(ev.shelfDays)} days on the shelf (safety stock for a ${fmt(w.serviceLevel * 100)} % service level + half an order) at ${fmt(w.capitalRateYear * 100)} %/year`, `${fmt(unitCost)} 元库存：在途 ${fmt(ev.leadDays)} 天 + 在库 ${fmt(ev.shelfDays)} 天（${fmt(w.serviceLevel * 100)}% 服务水平的安全库存 + 半批货），年资金成本 ${fmt(w.capitalRateYear * 100)}%`) },
    { component: 'writeOff', amountCny: warehouseWriteOffCnyPerOrder(w, unitCost, ev.shelfDays), ref: 'warehouse.writeOffShareYear', explanation: text(`slow-moving stock written off at ${fmt(w.writeOffShareYear * 100)} %/year of stock value`, `滞销库存按库存价值每年 ${fmt(w.writeOffShareYear * 100)}% 核销`) },
    { component: 'returns', amountCny: whReturnRate * warehouseCnyPerReturn(w, unitCost), ref: 'warehouse.returnHandlingCnyPerReturn; warehouse.returnResaleRate', explanation: text(`return rate ${fmt(whReturnRate * 100)} % × (${fmt(w.returnHandlingCnyPerReturn)} CNY handling + ${fmt((1 - w.returnResaleRate) * 100)} % of ${fmt(unitCost)} CNY not resold)`, `退货率 ${fmt(whReturnRate * 100)}% ×（处理 ${fmt(w.returnHandlingCnyPerReturn)} 元 + 单件成本 ${fmt(unitCost)} 元中 ${fmt((1 - w.returnResaleRate) * 100)}% 无法再售）`) },
  ];

  // lithium battery: the last mile's surcharge per parcel and the head-haul's per kg of the chosen freight option, or a refusal
  let whRefused: Text | null = null;
  if (cls) {
    const row = batteryLane(data.battery, 'warehouseLastMile', cls, q.dest);
    const lmB = batteryLine(data, 'warehouseLastMile', cls, q.dest, row.surchargeCnyPerParcel ?? 0);
    const hhB = batteryLine(data, 'warehouseHeadhaul', cls, q.dest, 0, option.mode, q.weightKg);
    for (const b of [lmB, hhB]) if (b.line) whLines.push(b.line);
    whRefused = lmB.refused ?? hhB.refused;
  }

  // ---- 3PL overseas warehouse in the destination country: the same stock, head-haul and last mile; the 3PL's published fees
  const t = tplParams(data, q.dest);
  const items = q.itemsPerOrder ?? 1;
  const tplM3 = stockM3; // the same stock as the self-run warehouse
  const longShare = tplLongTermShare(ev.shelfDays, t);
  const unitName = t.inboundUnit === 'pallet' ? M.tplPallet : M.tplCarton;
  const tplLines: Line[] = [
    whLines[0]!,
    { component: 'inbound', amountCny: tplInboundCnyPerOrder(w, t, q.weightKg), ref: 'tpl.inboundCnyPerUnit; tpl.inboundUnitM3; warehouse.stockDensityKgPerM3', explanation: M.tplInbound(fmt(q.weightKg), fmt(w.stockDensityKgPerM3), fmt(t.inboundUnitM3), unitName, fmt(t.inboundCnyPerUnit)) },
    { component: 'storage', amountCny: tplStorageCny(t, tplM3, DAYS_PER_MONTH) / monthlyOrders, ref: 'tpl.storageCnyPerM3Day; warehouse.serviceLevel; warehouse.daysOfCover; warehouse.stockDensityKgPerM3', explanation: M.tplStorage(Math.round(ev.shelfDays), fmt(tplM3), fmt(dailyOrders), fmt(t.storageCnyPerM3Day), fmt(DAYS_PER_MONTH), fmt(monthlyOrders)) },
    { component: 'longTermStorage', amountCny: tplLongTermCny(ev.shelfDays, t, tplM3, DAYS_PER_MONTH) / monthlyOrders, ref: 'tpl.longTermAfterDays; tpl.longTermSurchargeCnyPerM3Day; warehouse.serviceLevel; warehouse.daysOfCover', explanation: M.tplLongTerm(Math.round(ev.shelfDays), fmt(longShare * 100), t.longTermAfterDays, fmt(t.longTermSurchargeCnyPerM3Day)) },
    { component: 'pickPack', amountCny: tplPickPackCnyPerOrder(t, items), ref: 'tpl.pickPackCnyPerOrder; tpl.pickPackCnyPerExtraItem', explanation: M.tplPickPack(fmt(t.pickPackCnyPerOrder), items - 1, fmt(t.pickPackCnyPerExtraItem)) },
    { component: 'label', amountCny: t.labelCnyPerOrder, ref: 'tpl.labelCnyPerOrder', explanation: M.tplLabel },
    whLines[1]!,
    whLines.find((l) => l.component === 'capital')!,
    whLines.find((l) => l.component === 'writeOff')!,
    { component: 'returns', amountCny: whReturnRate * tplCnyPerReturn(w, t, unitCost), ref: 'tpl.returnHandlingCnyPerReturn; warehouse.returnResaleRate', explanation: M.tplReturns(fmt(whReturnRate * 100), fmt(t.returnHandlingCnyPerReturn), fmt((1 - w.returnResaleRate) * 100), fmt(unitCost)) },
    ...whLines.filter((l) => l.component === 'battery'),
  ];

  return {
    input: { dest: q.dest, weightKg: q.weightKg, service: q.service, designatedBox: q.designatedBox, returnRate, countryDailyOrders: dailyOrders, nonPreferredWarehouse: q.nonPreferredWarehouse, oversize: q.oversize, newSeller: q.newSeller, schedule: scheduleId, unitCostCny: unitCost, priceCny: price, itemsPerOrder: items, parcelVolumeLitres: litres, warehouseRegion: region, volumeEstimated, battery: cls ?? null, jitBanned: jitViaDirect },
    modes: {
      // banned from JIT: the JIT mode ships the order direct, at direct's lanes (and their battery surcharge or refusal)
      jit: jitViaDirect ? finish([{ component: 'directLogistics', amountCny: 0, ref: 'rules/catalogue.json', explanation: quoteJitBanned() }, ...directLines.map((l) => ({ ...l, component: l.component === 'logistics' ? 'directLogistics' : l.component === 'returns' ? 'directReturns' : l.component }))], directLane.days, directRefused) : finish(jitLines, jitLane.days),
      warehouse: finish(whLines, lm.days, whRefused),
      direct: finish(directLines, directLane.days, directRefused),
      tpl: finish(tplLines, lm.days, whRefused),
    },
  };
}

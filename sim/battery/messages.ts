/**
 * The message catalogue of lithium-battery lanes (area `battery`): data/battery.json's problems,
 * the rate cards' battery columns, the scenario's battery fields, and what quote / simulate say.
 */
import { defineMessages, msg } from '../i18n/catalogue.ts';
import { text } from '../i18n/index.ts';

export const M = defineMessages('battery', {
  laneAcceptedParcel: msg((surcharge: string) => text(`✓ +${surcharge} CNY/parcel`, `✓ +${surcharge} 元/件`), '6'),
  laneAcceptedKg: msg((surcharge: string) => text(`✓ +${surcharge} CNY/kg`, `✓ +${surcharge} 元/公斤`), '15'),
  laneRefused: text('✗ refused', '✗ 拒收'),
  catalogClass: msg((cls: string, n: number, ids: string) => text(`${cls}: ${n} SKU(s) — ${ids}`, `${cls}：${n} 个SKU——${ids}`), 'UN3480', 2, 'PB-1, PB-2'),
  catalogDest: msg((dest: string, direct: string, lastMile: string, headhaul: string, warehouse: boolean) => text(`  ${dest}: direct (also JIT's orders shipped direct) ${direct}; warehouse and 3PL last mile ${lastMile}; head-haul ${headhaul}${warehouse ? '' : ' — the warehouse and the 3PL cannot ship it'}`, `  ${dest}：直发（也用于 JIT 改为直发的订单）${direct}；自营仓与第三方仓尾程 ${lastMile}；头程 ${headhaul}${warehouse ? '' : '——自营仓与第三方仓均无法承运'}`), 'GB', '✗ refused', '✗ refused', 'air ✓ +15 CNY/kg', false),
  parcelNeedsPerParcel: msg((leg: string) => text(`an accepted ${leg} row needs surchargeCnyPerParcel (and no surchargeCnyPerKg or freight)`, `${leg} 的接受行需要 surchargeCnyPerParcel（且不能有 surchargeCnyPerKg 或 freight）`), 'direct'),
  parcelNeedsPerParcelFix: text('write "surchargeCnyPerParcel": <CNY per parcel, 0 when the lane charges nothing>', '请写 "surchargeCnyPerParcel": <每件附加费（元），不收费写 0>'),
  headhaulNeedsPerKg: text('a warehouseHeadhaul row needs "freight" and, when accepted, surchargeCnyPerKg (and no surchargeCnyPerParcel)', 'warehouseHeadhaul 行需要 "freight"，接受时还需要 surchargeCnyPerKg（且不能有 surchargeCnyPerParcel）'),
  headhaulNeedsPerKgFix: text('write "freight": "air" | "sea-lcl" | "sea-fcl" | "rail" and "surchargeCnyPerKg": <CNY per kg>', '请写 "freight": "air" | "sea-lcl" | "sea-fcl" | "rail" 与 "surchargeCnyPerKg": <每公斤元数>'),
  refusedWithSurcharge: text('a refused lane (accept: false) cannot carry a surcharge', '拒收线路（accept: false）不能带附加费'),
  refusedWithSurchargeFix: text('remove the surcharge, or set "accept": true', '请删除附加费，或设 "accept": true'),
  missingDefault: msg((what: string) => text(`no default row (without "countries") for ${what}`, `${what} 缺少默认行（不带 "countries"）`), 'direct UN3481'),
  missingDefaultFix: text('add one row without "countries": it applies wherever no country row does', '请添加一行不带 "countries" 的默认行：无国家行时适用'),
  duplicate: msg((what: string, line: number) => text(`${what} is already given by the row at line ${line}`, `${what} 已由第 ${line} 行给出`), 'direct UN3481 US', 12),
  duplicateFix: text('keep one row per leg, battery class, freight option and country', '每个环节、电池类别、运输方式与国家只保留一行'),
  badCountry: msg((c: string) => text(`"${c}" is not an ISO 3166-1 alpha-2 country code`, `"${c}" 不是 ISO 3166-1 二位国家代码`), 'XX'),
  badCountryFix: text('use two capital letters, e.g. US', '请用两个大写字母，如 US'),
  cardCell: msg((col: string, cell: string) => text(`"${cell}" is not a battery cell of ${col}`, `"${cell}" 不是 ${col} 列的电池单元格`), 'battery_un3481', 'maybe'),
  cardCellFix: text('write a surcharge in CNY per parcel (0 = carried without surcharge), "no" = this lane refuses the class, or leave it empty (data/battery.json decides)', '请写每件附加费（元，0 = 无附加费照收），"no" = 该线路拒收此类电池，或留空（由 data/battery.json 决定）'),
  batteryWithoutLithium: text('"battery" is set but "containsLithiumBattery" is false', '已设置 "battery"，但 "containsLithiumBattery" 为 false'),
  batteryWithoutLithiumFix: text('remove "battery", or set "containsLithiumBattery": true (or leave it out: a battery class implies it)', '请删除 "battery"，或设 "containsLithiumBattery": true（也可省略：有电池类别即视为含锂电池）'),
  refusedDirect: msg((cls: string, country: string) => text(`refused: no direct lane for ${cls} to ${country}`, `拒收：没有发往 ${country} 的 ${cls} 直发线路`), 'UN3480', 'US'),
  refusedLastMile: msg((cls: string, country: string) => text(`refused: no last-mile lane for ${cls} in ${country}`, `拒收：${country} 没有承运 ${cls} 的尾程线路`), 'UN3480', 'GB'),
  refusedHeadhaul: msg((cls: string, freight: string, site: string) => text(`refused: the ${freight} head-haul to the ${site} warehouse does not carry ${cls}`, `拒收：发往 ${site} 仓的 ${freight} 头程不承运 ${cls}`), 'UN3480', 'air', 'US'),
  quoteBattery: msg((cls: string) => text(`Battery class ${cls}: each mode's lane, surcharge or refusal`, `电池类别 ${cls}：各模式的线路、附加费或拒收`), 'UN3481'),
  quoteJitBanned: text('JIT: banned by the catalogue rules (BAN-1); the order ships direct under the JIT mode', 'JIT：目录规则禁止（BAN-1）；JIT 模式下该订单改为直发'),
  quoteAccepted: msg((leg: string, amount: string, basis: string) => text(`${leg}: accepted, surcharge ${amount} (${basis})`, `${leg}：接受，附加费 ${amount}（${basis}）`), 'direct', '6.00 CNY/parcel', 'assumption:…'),
  simRefused: msg((mode: string, share: string, orders: string, margin: string, reason: string) => text(`Battery SKUs: ${mode} cannot serve ${share} of the demand (${orders} orders, lost margin ${margin} CNY) — ${reason}`, `电池SKU：${mode} 无法服务 ${share} 的需求（${orders} 单，损失毛利 ${margin} 元）——${reason}`), 'direct', '25.0 %', '1,234', '5,678', 'refused: no direct lane for UN3480 to US'),
  simUnavailable: msg((mode: string, reason: string) => text(`${mode} is not available: no lane takes the battery class of any order — ${reason}`, `${mode} 不可用：没有线路承运任何订单的电池类别——${reason}`), 'direct', 'refused: no direct lane for UN3480 to US'),
  simSurcharges: msg((list: string) => text(`Battery surcharges (mean per run, CNY): ${list}`, `电池附加费（每次运行均值，元）：${list}`), 'JIT 120, direct 120'),
});

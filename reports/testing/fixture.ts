/** A small, hand-made ReportModel for tests of the render stage (not simulation output). */
import type { ModeKey, ModeResult, ReportModel, Stat } from '../model.ts';
import type { InventorySummary } from '../../sim/inventory/summary.ts';
import type { Stats } from '../../sim/stats/describe.ts';

const stat = (mean: number, spread: number): Stat => ({ mean, sd: spread / 3.3, p5: mean - spread, p50: mean, p95: mean + spread, ciLow: mean - spread / 50, ciHigh: mean + spread / 50 });

const stats = (mean: number, spread: number): Stats => ({ n: 200, cvar95: mean + spread * 1.2, ...stat(mean, spread) });

/** A warehouse stock with a seasonal build-up and stock-outs in two months. */
function inventory(): InventorySummary {
  const months = 12;
  const onHand = (k: number) => 150_000 + 60_000 * Math.sin((k / 12) * 2 * Math.PI);
  return {
    currency: 'CNY',
    stockoutPolicy: 'direct',
    freight: 'auto',
    demandUnits: stats(10_950, 900),
    servedUnits: stats(10_700, 900),
    stockoutUnits: stats(250, 200),
    fillRate: stats(0.977, 0.02),
    pAnyStockout: 0.4,
    onHandValueMean: stats(150_000, 30_000),
    onHandValuePeak: stats(240_000, 40_000),
    inTransitValueMean: stats(90_000, 20_000),
    tiedUpValuePeak: stats(330_000, 50_000),
    capitalCost: stats(24_000, 4_000),
    endStockValue: stats(120_000, 30_000),
    endWriteDown: stats(36_000, 9_000),
    freightCost: stats(60_000, 8_000),
    shipments: stats(12, 0.5),
    optionShare: { air: 0, 'sea-lcl': 0.7, 'sea-fcl': 0.3, rail: 0 },
    monthlyOnHandValue: Array.from({ length: months }, (_, k) => onHand(k)),
    monthlyStockouts: Array.from({ length: months }, (_, k) => (k === 4 ? 120 : k === 10 ? 130 : 0)),
    monthly: Array.from({ length: months }, (_, k) => ({
      onHand: { p10: onHand(k) * 0.7, p50: onHand(k), p90: onHand(k) * 1.3 },
      inTransit: { p10: 60_000, p50: 90_000, p90: 120_000 },
      reorderPoint: 200_000,
      pStockout: k === 4 ? 0.12 : k === 10 ? 0.3 : 0,
      stockouts: k === 4 ? 120 : k === 10 ? 130 : 0,
    })),
    trackedSkus: 32,
    tailSkus: 4968,
  };
}

function mode(total: number, orders: number, comps: Record<string, number>, p: number, days: number, cash: number): ModeResult {
  return {
    total: stat(total, total * 0.08),
    perOrder: stat(total / orders, (total / orders) * 0.08),
    pCheapest: p,
    cvar95: total * 1.1,
    cashTiedUpCny: cash,
    components: comps,
    deliveryDays: Array.from({ length: 12 }, (_, i) => ({ days: days - 5 + i, share: i > 1 && i < 10 ? 1 / 8 : 0 })),
    meanDeliveryDays: days,
    returns: orders * 0.02,
  };
}

/** A report model with every section filled; `name` and SKU names can carry hostile strings. */
export function fixtureModel(over: { name?: string; skuName?: string; jitAvailable?: boolean; modesOff?: ModeKey[] } = {}): ReportModel {
  const orders = 30 * 365;
  const modes: Record<ModeKey, ModeResult> = {
    jit: mode(200_000, orders, { baseFee: 3300, operation: 29_000, logistics: 160_000, operationDiscount: -2900, designatedBox: -3285, returns: 4000, routedDirect: 9885 }, 0.94, 8.2, 0),
    warehouse: mode(420_000, orders, { headhaul: 60_000, lastMile: 287_000, staff: 41_000, rent: 66_000, system: 18_000, startup: 25_000, capital: 4_000, writeOff: 3_000, returns: 4_000 }, 0.01, 3.1, 160_000),
    direct: mode(240_000, orders, { logistics: 200_000, returns: 40_000 }, 0.05, 13.4, 0),
    tpl: mode(380_000, orders, { headhaul: 60_000, inbound: 5_000, storage: 12_000, longTermStorage: 2_000, pickPack: 22_000, label: 4_000, lastMile: 270_000, capital: 4_000, writeOff: 3_000, returns: 3_000 }, 0, 3.1, 130_000),
  };
  if (over.modesOff?.includes('warehouse')) modes.warehouse.pCheapest = null;
  return {
    scenario: { name: over.name ?? 'Sample apparel seller', file: 'data/scenarios/fixture.json', description: { en: 'A fixture for tests.', zh: '测试用样例。' }, horizonMonths: 12, startDate: '2026-01-01', sha256: 'f'.repeat(64), ordersPerDay: 30, skus: [{ id: 'SKU-1', name: over.skuName ?? 'Dress', category: 'apparel' }] },
    run: { seed: 1, trials: 200, toolVersion: '0.1.0', rulesFingerprint: 'a'.repeat(64), dataFingerprint: 'b'.repeat(64), ruleFiles: [{ file: 'admission.json', effective: '2024-01-01' }], inputs: { ruleFiles: ['admission.json'], rules: { 'ADM-1': 'c'.repeat(16) }, data: { 'modes.usdCny': 'd'.repeat(16) } }, sourceDate: '2026-01-01' },
    eligibility: { storeOk: over.jitAvailable === false ? false : true, storeFindings: over.jitAvailable === false ? [{ rule: 'ADM-3', message: { en: 'Rate too low.', zh: '好评率低。' }, remedy: { en: 'Raise it.', zh: '请提升。' } }] : [], blockedSkus: [{ sku: '=HYPERLINK("http://x")', name: over.skuName ?? 'Power bank', reasons: ['BAN-1'] }], jitAvailable: over.jitAvailable ?? true },
    meanOrders: orders,
    inventory: inventory(),
    monthLabels: Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`),
    ...(over.modesOff ? { modesOff: over.modesOff } : {}),
    modes,
    pairs: [
      { a: 'jit', b: 'warehouse', diff: stat(-220_000, 30_000), breakEven: null },
      { a: 'jit', b: 'direct', diff: stat(-40_000, 12_000), breakEven: { ordersPerDay: 4, p5: 3, p95: 5, noCrossingShare: 0.02 } },
      { a: 'warehouse', b: 'direct', diff: stat(180_000, 30_000), breakEven: { ordersPerDay: 410, p5: 350, p95: 480, noCrossingShare: 0.1 } },
      { a: 'jit', b: 'tpl', diff: stat(-180_000, 28_000), breakEven: null },
      { a: 'warehouse', b: 'tpl', diff: stat(40_000, 20_000), breakEven: { ordersPerDay: 600, p5: 500, p95: 700, noCrossingShare: 0.2 } },
      { a: 'direct', b: 'tpl', diff: stat(-140_000, 26_000), breakEven: { ordersPerDay: 350, p5: 300, p95: 420, noCrossingShare: 0.1 } },
    ].filter((p) => !(over.modesOff ?? []).includes(p.a as ModeKey) && !(over.modesOff ?? []).includes(p.b as ModeKey)) as ReportModel['pairs'],
    volumeCurve: [5, 10, 30, 100, 300, 1000].flatMap((v) => [
      { ordersPerDay: v, mode: 'jit' as const, perOrderCny: 17 + 30 / v },
      { ordersPerDay: v, mode: 'warehouse' as const, perOrderCny: 32 + 900 / v },
      { ordersPerDay: v, mode: 'direct' as const, perOrderCny: 21 },
      { ordersPerDay: v, mode: 'tpl' as const, perOrderCny: 30 + 300 / v },
    ]),
    // tornado: JIT − direct per order (CNY): the fixture's JIT ≈ 18.26 and direct ≈ 21.92 CNY per order, so base ≈ −3.65
    tornadoPair: ['jit', 'direct'],
    tornado: [
      { input: '/demand/ordersPerDay', label: { en: over.name ?? 'Orders per day', zh: '日订单量' }, unit: 'orders/day', lowInput: 22, highInput: 41, low: -2.74, high: -4.75, base: -3.65 },
      { input: '/returns/directRate', label: { en: 'Direct return rate', zh: '直发退货率' }, unit: 'fraction', lowInput: 0.021, highInput: 0.048, low: -3.2, high: -4.2, base: -3.65 },
      { input: '/overrides/warehouse.PL.rentCnyPerM3Month', label: { en: 'Warehouse rent per cubic metre and month (PL warehouse)', zh: '仓租（每立方米每月）（PL仓）' }, unit: 'CNY/m³/month', lowInput: 31.5, highInput: 44, low: -3.56, high: -3.79, base: -3.65 },
    ],
    trialTotals: Array.from({ length: 60 }, (_, i) => i).flatMap((i) => [
      { trial: i, mode: 'jit' as const, totalCny: 200_000 + ((i * 7919) % 31) * 1000 - 15_000 },
      { trial: i, mode: 'warehouse' as const, totalCny: 420_000 + ((i * 104729) % 29) * 2000 - 28_000 },
      { trial: i, mode: 'direct' as const, totalCny: 240_000 + ((i * 1299709) % 23) * 1200 - 13_000 },
      { trial: i, mode: 'tpl' as const, totalCny: 380_000 + ((i * 15485863) % 37) * 1500 - 27_000 },
    ]),
    monthly: Array.from({ length: 12 }, (_, i) => i + 1).flatMap((month) => [
      { month, mode: 'jit' as const, costCny: 16_000, cashOutCny: 16_000 },
      { month, mode: 'warehouse' as const, costCny: 35_000, cashOutCny: month === 1 ? 190_000 : 33_000 },
      { month, mode: 'direct' as const, costCny: 20_000, cashOutCny: 20_000 },
      { month, mode: 'tpl' as const, costCny: 31_000, cashOutCny: month === 1 ? 161_000 : 31_000 },
    ]),
    routingFailures: [
      { code: 'E117', name: { en: 'Qualification missing or SKU not JIT-tagged', zh: '资质缺失或商品未打JIT标' }, orders: 310 },
      { code: 'E203', name: { en: 'No warehouse capacity at the destination', zh: '目的地仓容不足' }, orders: 120 },
    ],
    inputs: [
      {
        id: 'scenario',
        title: { en: 'Client scenario', zh: '客户场景' },
        rows: [
          { id: '/demand/ordersPerDay', name: { en: 'Orders per day', zh: '日订单量' }, value: { en: 'PERT 20 / 30 / 45 orders/day (min / mode / max)', zh: 'PERT 20 / 30 / 45 单/天（最小/最可能/最大）' }, source: { kind: 'client-file', label: { en: 'client file', zh: '客户文件' }, ref: 'data/scenarios/fixture.json · sha256 ffffffffffff' } },
          { id: '/skus/0/id', name: { en: 'SKU 1: Id', zh: 'SKU 1：编号' }, value: { en: over.skuName ?? 'SKU-1', zh: over.skuName ?? 'SKU-1' }, source: { kind: 'client-file', label: { en: 'client file', zh: '客户文件' }, ref: 'data/scenarios/fixture.json · sha256 ffffffffffff' } },
        ],
      },
      {
        id: 'overrides',
        title: { en: 'Overrides of shipped figures', zh: '覆盖的内置参数' },
        rows: [{ id: 'warehouse.PL.rentCnyPerM3Month', name: { en: 'Storage rent per m³ (PL warehouse)', zh: '每立方米仓租（PL仓）' }, value: { en: 'PERT 30 / 35 / 48 CNY/m³/month (min / mode / max)', zh: 'PERT 30 / 35 / 48 元/立方米/月（最小/最可能/最大）' }, source: { kind: 'override', label: { en: 'override in the client file', zh: '客户文件中的覆盖值' }, ref: 'data/scenarios/fixture.json /overrides/warehouse.PL.rentCnyPerM3Month', shipped: { en: '42 CNY/m³/month (assumption:PL rent level)', zh: '42 元/立方米/月 (assumption:PL rent level)' } } }],
      },
      { id: 'rules', title: { en: 'Rules version', zh: '规则版本' }, rows: [{ id: 'rules.fingerprint', name: { en: 'Rules fingerprint (sha256)', zh: '规则指纹（sha256）' }, value: { en: 'a'.repeat(64), zh: 'a'.repeat(64) }, source: { kind: 'rules', label: { en: 'rule files', zh: '规则文件' } } }] },
    ],
    assumptions: [{ id: 'warehouse.rentCnyPerM3Month', value: 60, unit: 'CNY/m³/month', basis: 'assumption:<b>rent</b> level' }],
    ruleSources: [{ id: 'ADM-3', name: { en: 'Positive-review rate', zh: '好评率' }, source: '《JIT准入规则2024版》 §2.1 [ENABLE]', effective: '2024-01-01', file: 'admission.json' }],
  };
}

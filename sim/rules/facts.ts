/**
 * The facts a rule condition may use, per rule file, with their types. These are the names of the
 * check inputs (the input contract), not thresholds: every threshold lives in the rule files. The
 * validator uses them to reject unknown facts, operators that do not fit a fact's type, and enum
 * values that do not exist; the fee compiler uses them to know which facts it can tabulate.
 */
import { text, type Text } from '../i18n/index.ts';

export type FactType =
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string' };

export interface FactSpec {
  type: FactType;
  description: Text;
  /** The unit of a number fact (and of a param compared with it), shown by jitsim edit. */
  unit?: Text;
}

/** The facts of one scope, and its collections (for `forEach` rules) with their item facts. */
export interface Vocabulary {
  facts: Record<string, FactSpec>;
  collections: Record<string, Record<string, FactSpec>>;
}

const num = (en: string, zh: string, min: number | undefined, max: number | undefined, unit: Text): FactSpec => ({ type: { kind: 'number', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }, description: text(en, zh), unit });
const U = {
  fraction: text('fraction, 0.95 = 95 %', '小数，0.95 = 95%'),
  times: text('times', '次'),
  days: text('days', '天'),
  hours: text('hours', '小时'),
  kg: text('kg', '千克'),
  cny: text('CNY', '元'),
  score: text('score 0–5', '分（0–5）'),
  litres: text('litres (dm³)', '升（立方分米）'),
  orders: text('orders per day', '单/天'),
};
const bool = (en: string, zh: string): FactSpec => ({ type: { kind: 'boolean' }, description: text(en, zh) });
const oneOf = (values: readonly string[], en: string, zh: string): FactSpec => ({ type: { kind: 'enum', values }, description: text(en, zh) });
const str = (en: string, zh: string): FactSpec => ({ type: { kind: 'string' }, description: text(en, zh) });

/** `matchCount`: in a `forEach` rule, how many items matched `match`. */
export const MATCH_COUNT = 'matchCount';

export const STORE_INTEGRATIONS = ['api', 'erp', 'none'] as const;
export const ORDER_STATUSES = ['awaiting_pickup', 'in_transit', 'delivered', 'completed'] as const;
export const SYNC_MODES = ['api', 'manual'] as const;
export const WAREHOUSE_REGIONS = ['domestic', 'overseas'] as const;

export const STORE_FACTS: Vocabulary = {
  facts: {
    storeType: oneOf(['enterprise', 'individual'], 'store type', '店铺类型'),
    realNameVerified: bool('real-name verification done', '已完成实名认证'),
    positiveRate90d: num('positive-review rate over 90 days (fraction)', '近90天好评率（小数）', 0, 1, U.fraction),
    disputeRate: num('dispute rate (fraction)', '纠纷率（小数）', 0, 1, U.fraction),
    failedReviews: num('failed qualification reviews', '资质审核失败次数', 0, undefined, U.times),
    daysSinceLastFailedReview: num('days since the last failed review (very large when none)', '距上次审核失败的天数（无失败时为极大值）', 0, undefined, U.days),
  },
  collections: {
    providers: {
      name: str('provider name', '服务商名称'),
      certified: bool('platform-certified JIT provider', '平台认证的JIT服务商'),
      integration: oneOf(STORE_INTEGRATIONS, 'integration: api, erp or none', '对接方式：api、erp 或 none'),
    },
  },
};

/** SKU facts; `category` values come from the catalogue file's own category list. */
export function skuFacts(categories: readonly string[]): Vocabulary {
  return {
    facts: {
      category: oneOf(categories, 'product category', '商品类目'),
      jitTagged: bool('"supports JIT fulfilment" ticked', '已勾选"支持JIT履约"'),
      weightKg: num('weight (kg)', '重量（千克）', 0, undefined, U.kg),
      hasCompositionLabel: bool('composition-label image provided', '已提供成分标签图片'),
      hasCeFccCert: bool('CE/FCC certificate number provided', '已提供CE/FCC证书编号'),
      medicalCert: bool('medical-device certification', '医疗器械认证'),
      containsLithiumBattery: bool('contains a lithium battery', '含锂电池'),
    },
    collections: {},
  };
}

export const EXIT_FACTS: Vocabulary = {
  facts: {
    unsettledFeesCny: num('unsettled JIT service fees (CNY)', '未结清的JIT服务费（元）', 0, undefined, U.cny),
  },
  collections: {
    orders: {
      id: str('order id', '订单号'),
      status: oneOf(ORDER_STATUSES, 'order status', '订单状态'),
      hoursSinceCreated: num('hours since the order was created', '订单创建至今的小时数', 0, undefined, U.hours),
    },
    boundProviders: { name: str('provider name', '服务商名称') },
  },
};

export const REENTRY_FACTS: Vocabulary = {
  facts: {
    dsr30d: num('store DSR over 30 days', '近30天店铺DSR', 0, 5, U.score),
    logisticsViolations90d: num('JIT logistics violations in 90 days', '近90天JIT物流违规次数', 0, undefined, U.times),
  },
  collections: {
    providers: { name: str('provider name', '服务商名称'), requalified: bool('passed requalification', '已通过重新资质审核') },
  },
};

export const ROUTING_FACTS: Vocabulary = {
  facts: {
    storeQualified: bool('store passed admission', '店铺已通过准入'),
    skuTagged: bool('SKU is JIT-tagged', 'SKU已打JIT标'),
    syncMode: oneOf(SYNC_MODES, 'inventory sync: api (real-time ERP) or manual uploads', '库存同步：api（实时ERP）或 manual（手动上传）'),
    uploadIntervalHours: num('hours between manual inventory uploads (0 with api)', '手动上传库存的间隔小时数（api 时为 0）', 0, undefined, U.hours),
    destinationSaturated: bool('JIT warehouses at the destination are out of capacity', '目的地JIT仓容量已满'),
    billOverdue: bool('a JIT bill is unpaid past its due day', 'JIT账单逾期未付'),
  },
  collections: {},
};

export const FEE_FACTS: Vocabulary = {
  facts: {
    warehouseRegion: oneOf(WAREHOUSE_REGIONS, 'JIT warehouse region', 'JIT仓所在区域'),
    parcelVolumeLitres: num('parcel volume (litres)', '包裹体积（升）', 0, undefined, U.litres),
    designatedBox: bool('packed in the designated JIT box', '使用JIT指定包装箱'),
    returnRate: num('return rate (fraction)', '退货率（小数）', 0, 1, U.fraction),
    countryDailyOrders: num('orders per day to the destination country', '发往该国的日订单量', 0, undefined, U.orders),
    oversize: bool('oversize packaging', '超规包装'),
    nonPreferredWarehouse: bool('routed to a non-preferred warehouse', '被分配到非优选仓'),
    newSeller: bool('new seller', '新商家'),
  },
  collections: {},
};

/** Operators json-rules-engine ships with, and the fact types each one fits. */
export const OPERATORS: Record<string, readonly FactType['kind'][]> = {
  equal: ['number', 'boolean', 'enum', 'string'],
  notEqual: ['number', 'boolean', 'enum', 'string'],
  in: ['number', 'enum', 'string'],
  notIn: ['number', 'enum', 'string'],
  lessThan: ['number'],
  lessThanInclusive: ['number'],
  greaterThan: ['number'],
  greaterThanInclusive: ['number'],
};

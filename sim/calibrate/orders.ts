/**
 * Reading an order export into columns (typed arrays), one pass, without keeping the rows:
 * encoding (UTF-8 with or without BOM, else GBK/GB18030), delimiter (comma, semicolon or tab, from
 * the header line), header (canonical names, the Chinese names of an AliExpress seller-centre
 * export, or any names mapped by --columns), then every row checked. A bad row is skipped and
 * counted under its reason with the first line numbers; it never stops the run.
 */
import { dsvFormat } from 'd3-dsv';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { UserInputError } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { countryResolver } from './countries.ts';

/** The canonical columns, in the order of the canonical header. */
export const ORDER_COLUMNS = ['order_id', 'order_time', 'destination', 'sku', 'quantity', 'weight_kg', 'order_value', 'currency', 'shipping_cost', 'returned', 'mode'] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];
/** Columns without which no row can be used. */
export const REQUIRED_COLUMNS: readonly OrderColumn[] = ['order_id', 'order_time', 'destination', 'weight_kg'];

/**
 * Header names recognised without --columns (compared after trimming, lower-casing and removing
 * spaces, underscores and a unit in brackets). The Chinese names: those the issue quotes (订单号,
 * 下单时间, 收货国家, 商品编码, 数量, 重量, 订单金额, 币种, 运费, 是否退货), the usual variants of Chinese
 * ERP exports (订单编号, 商家编码, 邮费, …), and the columns of the AliExpress seller-centre order export
 * (订单批量导出) as a public script that reworks such exports lists them — 订单号, 订单状态, 负责人(业务员),
 * 买家名称, 下单时间, 付款时间, 产品总金额, 物流费用, 订单金额, 满立减, 产品信息, 订单备注, 收货地址, 收货人名称,
 * 收货国家, 州/省, 城市, 地址, 邮编, 联系电话, 手机, 买家选择物流, 发货期限, 实际发货物流:运单号, 发货时间,
 * 确认收货时间 (README "AliExpress seller-centre exports" cites it). Of these, order_value is 产品总金额
 * (the goods; 订单金额 adds the buyer's shipping fee and comes later in that header), and 物流费用 is
 * NOT a shipping_cost: it is what the buyer paid for shipping, not the seller's carrier bill. A
 * weight header whose unit is grams (重量(g), weight_g, 重量（克）) is read as grams.
 */
export const HEADER_ALIASES: Record<OrderColumn, readonly string[]> = {
  order_id: ['order_id', 'orderid', 'order', 'orderno', 'ordernumber', '订单号', '订单编号', '订单id', '订单号码', '平台订单号'],
  order_time: ['order_time', 'ordertime', 'orderdate', 'date', 'createdat', 'created', '下单时间', '订单创建时间', '创建时间', '付款时间', '支付时间', '下单日期'],
  destination: ['destination', 'country', 'shipcountry', 'shippingcountry', 'destinationcountry', '收货国家', '收货国家(地区)', '收货国家/地区', '国家', '国家/地区', '买家国家', '目的国', '目的地'],
  sku: ['sku', 'skucode', 'productcode', 'sellersku', '商品编码', '商家编码', 'sku编码', '商品sku', '货号', '产品编码'],
  quantity: ['quantity', 'qty', 'units', '数量', '商品数量', '购买数量', '货品数量'],
  weight_kg: ['weight_kg', 'weight', 'weightkg', 'parcelweight', '重量', '包裹重量', '商品重量', '称重重量', '毛重'],
  order_value: ['order_value', 'ordervalue', 'ordertotal', 'total', 'amount', '产品总金额', '订单金额', '订单总额', '实付金额', '订单总金额', '应收合计', '支付金额'],
  currency: ['currency', 'currencycode', '币种', '货币', '币别', '结算币种'],
  shipping_cost: ['shipping_cost', 'shippingcost', 'shipping', 'freight', 'postage', '运费', '实际运费', '邮费', '物流成本'],
  returned: ['returned', 'isreturned', 'return', 'refunded', '是否退货', '退货', '是否退款', '已退货'],
  mode: ['mode', 'fulfilmentmode', 'fulfillmentmode', '履约方式', '发货方式', '履约模式'],
};

/** Why a row was skipped. */
export const REJECT_REASONS = ['missingOrderId', 'duplicateOrderId', 'badDate', 'unknownCountry', 'noRateCard', 'missingWeight', 'badWeight', 'weightBeyondRateCard', 'badQuantity', 'badValue', 'unknownCurrency', 'badShippingCost', 'badReturned', 'badMode', 'wrongCellCount'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_TEXT: Record<RejectReason, Text> = {
  missingOrderId: text('order id missing', '缺少订单号'),
  duplicateOrderId: text('duplicate order id (the first row of the order is kept)', '订单号重复（保留该订单的第一行）'),
  badDate: text('order time not a date (write YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)', '下单时间无法识别（请写 YYYY-MM-DD 或 YYYY-MM-DD HH:MM:SS）'),
  unknownCountry: text('unknown country (write an ISO code, or the English or Chinese name)', '未知国家（请写 ISO 代码或中英文国名）'),
  noRateCard: text('destination has no lane in the shipped rate cards', '目的国在运价表中没有线路'),
  missingWeight: text('weight missing', '缺少重量'),
  badWeight: text('weight not a positive number', '重量不是正数'),
  weightBeyondRateCard: text('weight beyond the heaviest rate-card bracket', '重量超出运价表最重的重量段'),
  badQuantity: text('quantity not a positive whole number', '数量不是正整数'),
  badValue: text('order value not a number ≥ 0', '订单金额不是 ≥ 0 的数值'),
  unknownCurrency: text('currency not in data/fx.json (add its rate there)', '币种不在 data/fx.json 中（请在该文件中添加汇率）'),
  badShippingCost: text('shipping cost not a number ≥ 0', '运费不是 ≥ 0 的数值'),
  badReturned: text('returned not a yes/no value', '是否退货不是 是/否'),
  badMode: text('mode not direct, jit or warehouse', '履约方式不是 direct、jit 或 warehouse'),
  wrongCellCount: text('the row has fewer cells than the header', '该行单元格数少于表头'),
};

export const MODE_CODES = ['direct', 'jit', 'warehouse'] as const;
export type FulfilmentMode = (typeof MODE_CODES)[number];
const NO_MODE = 255;

/** The usable orders, column by column (index i = the i-th usable row). */
export interface Orders {
  n: number;
  /** Days since 1970-01-01 of the order time (the export's clock, no time-zone shift). */
  day: Int32Array;
  dest: Uint16Array;
  sku: Uint32Array;
  qty: Uint16Array;
  weightKg: Float64Array;
  /** CNY, NaN when the export has no value. */
  valueCny: Float64Array;
  /** CNY, NaN when the export has no shipping cost. */
  shippingCny: Float64Array;
  /** 1 returned, 0 not, 255 unknown. */
  returned: Uint8Array;
  /** Index into MODE_CODES, 255 when not given. */
  mode: Uint8Array;
  line: Int32Array;
  /** Distinct ISO codes and SKU ids, indexed by `dest` and `sku`. */
  destinations: string[];
  skus: string[];
}

export interface ReadResult {
  orders: Orders;
  file: string;
  sha256: string;
  encoding: 'utf-8' | 'gb18030';
  delimiter: ',' | ';' | '\t';
  /** Canonical column → header name found in the file. */
  columns: Partial<Record<OrderColumn, string>>;
  weightUnit: 'kg' | 'g';
  rows: number;
  rejected: Partial<Record<RejectReason, { count: number; firstLines: number[] }>>;
}

export interface ReadOptions {
  /** Canonical column → header name in the file (from --columns). */
  columns?: Partial<Record<OrderColumn, string>>;
  /** CNY per unit by ISO 4217 code. */
  currencies: Record<string, number>;
  /** ISO codes the rate cards price (others are rejected as noRateCard); all when undefined. */
  pricedDestinations?: ReadonlySet<string>;
  /** Heaviest rate-card bracket, kg. */
  maxWeightKg?: number;
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, (m) => (/(kg|千克|公斤|g|克)/.test(m) ? '' : m.replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'))))
    .replace(/[\s_\-]/g, '');

/** Decodes the bytes: UTF-8 (BOM removed) when valid, else GB18030 (a superset of GBK). */
export function decodeOrders(buf: Uint8Array): { source: string; encoding: 'utf-8' | 'gb18030' } {
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  // Node's native UTF-8 check and decoder are several times faster than a fatal TextDecoder
  if (isUtf8(body)) return { source: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: 'utf-8' };
  return { source: new TextDecoder('gb18030').decode(body), encoding: 'gb18030' };
}

/** The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes. */
export function detectDelimiter(source: string): ',' | ';' | '\t' {
  const end = source.search(/\r?\n/);
  const head = (end < 0 ? source : source.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((d) => [d, head.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0]![0] : ',';
}

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Days since 1970-01-01 of an order time, or NaN. */
export function parseDay(s: string): number {
  const m = DATE.exec(s.trim());
  if (!m) return NaN;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || (m[4] !== undefined && (+m[4] > 23 || +m[5]! > 59))) return NaN;
  const t = Date.UTC(y, mo - 1, d);
  if (new Date(t).getUTCDate() !== d) return NaN; // 2025-02-30
  return t / 86_400_000;
}

/** A number cell: "1,234.50", "0,35" (decimal comma), "US $12.00", "¥12" → number; "" → undefined; else NaN. */
export function parseNumber(s: string, decimalComma = false): number | undefined {
  if (s === '') return undefined;
  const fast = +s; // "0x1f", "1e3", "Infinity" go the slow way (second character not a digit)
  if (fast === fast && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 && (s.length < 2 || s.charCodeAt(1) <= 57)) return fast;
  let t = s.trim().replace(/^(US|USD|EUR|CNY|RMB)\s*/i, '').replace(/[$€£¥￥\s]/g, '');
  if (t === '') return undefined;
  if (decimalComma) {
    // semicolon-separated exports come from locales that write 1.234,56
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
    else if (/^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  const x = Number(t);
  return Number.isFinite(x) ? x : NaN;
}

const YES = new Set(['1', 'true', 'yes', 'y', '是', '已退货', '退货', '已退款']);
const NO = new Set(['', '0', 'false', 'no', 'n', '否', '未退货', '无']);

/**
 * A set of integers below 2^53 in an open-addressing table of doubles (a million order ids without
 * a million boxed numbers in a JavaScript Set).
 */
export class NumberSet {
  private table = new Float64Array(1 << 16).fill(NaN);
  private size = 0;
  /** Adds x; false when it was already there. */
  add(x: number): boolean {
    if (this.size * 2 >= this.table.length) this.grow();
    const t = this.table;
    const mask = t.length - 1;
    let i = (Math.imul((x % 4294967296) | 0, 0x9e3779b1) ^ Math.imul(Math.floor(x / 4294967296) | 0, 0x85ebca6b)) & mask;
    for (;;) {
      const v = t[i]!;
      if (v !== v) {
        t[i] = x;
        this.size++;
        return true;
      }
      if (v === x) return false;
      i = (i + 1) & mask;
    }
  }
  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2).fill(NaN);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] === old[i]) this.add(old[i]!);
  }
}

/** A cell, trimmed; '' when the column is absent. */
function cellOf(rec: string[], i: number): string {
  if (i < 0) return '';
  const v = rec[i];
  if (v === undefined) return '';
  const c0 = v.charCodeAt(0);
  const c1 = v.charCodeAt(v.length - 1);
  return c0 === 32 || c1 === 32 || c0 === 9 || c1 === 9 || c0 === 13 || c1 === 13 || c0 === 0xa0 || c1 === 0xa0 || c0 === 0x3000 || c1 === 0x3000 ? v.trim() : v;
}

class Grow {
  cap = 1 << 14;
  day = new Int32Array(this.cap);
  dest = new Uint16Array(this.cap);
  sku = new Uint32Array(this.cap);
  qty = new Uint16Array(this.cap);
  weightKg = new Float64Array(this.cap);
  valueCny = new Float64Array(this.cap);
  shippingCny = new Float64Array(this.cap);
  returned = new Uint8Array(this.cap);
  mode = new Uint8Array(this.cap);
  line = new Int32Array(this.cap);
  n = 0;
  ensure(): void {
    if (this.n < this.cap) return;
    this.cap *= 2;
    const g = <T extends Int32Array | Uint16Array | Uint32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.day = g(this.day);
    this.dest = g(this.dest);
    this.sku = g(this.sku);
    this.qty = g(this.qty);
    this.weightKg = g(this.weightKg);
    this.valueCny = g(this.valueCny);
    this.shippingCny = g(this.shippingCny);
    this.returned = g(this.returned);
    this.mode = g(this.mode);
    this.line = g(this.line);
  }
}

/** The header → column map: --columns first, then the aliases. */
export function mapHeader(header: string[], given: Partial<Record<OrderColumn, string>> = {}): { index: Partial<Record<OrderColumn, number>>; weightUnit: 'kg' | 'g'; problems: Text[] } {
  const index: Partial<Record<OrderColumn, number>> = {};
  const problems: Text[] = [];
  const normalised = header.map(norm);
  for (const [col, name] of Object.entries(given) as [OrderColumn, string][]) {
    const i = header.findIndex((h) => h.trim() === name.trim());
    if (i < 0) problems.push(text(`--columns maps ${col} to "${name}", which is not in the header (${header.join(', ')})`, `--columns 将 ${col} 映射到 "${name}"，但表头中没有该列（${header.join('、')}）`));
    else index[col] = i;
  }
  for (const col of ORDER_COLUMNS) {
    if (index[col] !== undefined) continue;
    const aliases = HEADER_ALIASES[col].map(norm);
    const i = normalised.findIndex((h, k) => aliases.includes(h) && !Object.values(index).includes(k));
    if (i >= 0) index[col] = i;
  }
  const wh = index.weight_kg !== undefined ? header[index.weight_kg]!.toLowerCase() : '';
  const weightUnit = /[（(]\s*(g|克)\s*[)）]|_g$|（克）|\(克\)/.test(wh) ? 'g' : 'kg';
  return { index, weightUnit, problems };
}

/**
 * Reads an order export from its bytes.
 * @throws {UserInputError} when a required column is missing (naming the columns expected).
 */
export function readOrders(file: string, buf: Uint8Array, opts: ReadOptions): ReadResult {
  const sha256 = createHash('sha256').update(buf).digest('hex');
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)
    throw new UserInputError(text(`${file} is an Excel workbook (.xlsx), not a CSV file`, `${file} 是 Excel 工作簿（.xlsx），不是 CSV 文件`), text('open it in Excel or WPS and save as CSV (UTF-8 or GBK), then run calibrate on the CSV', '请在 Excel 或 WPS 中另存为 CSV（UTF-8 或 GBK），再对该 CSV 运行 calibrate'), { code: 'BAD_ORDERS' });
  const { source, encoding } = decodeOrders(buf);
  const delimiter = detectDelimiter(source);
  const dc = delimiter === ';';
  const g = new Grow();
  const rejected: ReadResult['rejected'] = {};
  const reject = (reason: RejectReason, line: number) => {
    const r = (rejected[reason] ??= { count: 0, firstLines: [] });
    r.count++;
    if (r.firstLines.length < 5) r.firstLines.push(line);
  };
  let index: Partial<Record<OrderColumn, number>> = {};
  let header: string[] | undefined;
  let weightUnit: 'kg' | 'g' = 'kg';
  let rows = 0;
  const country = countryResolver();
  const destIdx = new Map<string, number>();
  const skuIdx = new Map<string, number>();
  const destinations: string[] = [];
  const skus: string[] = [];
  // order ids seen: numeric ids (the platform's are 16 digits, below 2^53) in a Set of numbers, others as strings
  const seenNum = new NumberSet();
  const seen = new Set<string>();
  const currencyCache = new Map<string, number | undefined>();
  const maxW = opts.maxWeightKg ?? Infinity;
  // "YYYY-MM-DD…" read from the character codes (no substring per row); each calendar date is
  // validated once and cached under an integer key
  const dayCache = new Map<number, number>();
  const dig = (t: string, k: number) => t.charCodeAt(k) - 48;
  const isDigit = (t: string, k: number) => t.charCodeAt(k) >= 48 && t.charCodeAt(k) <= 57;
  const dayOf = (t: string): number => {
    if (t.length >= 10 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45 && (t.length === 10 || t.charCodeAt(10) === 32 || t.charCodeAt(10) === 84)) {
      const y = dig(t, 0) * 1000 + dig(t, 1) * 100 + dig(t, 2) * 10 + dig(t, 3);
      const m = dig(t, 5) * 10 + dig(t, 6);
      const d = dig(t, 8) * 10 + dig(t, 9);
      const key = y * 10000 + m * 100 + d;
      let v = dayCache.get(key);
      if (v === undefined) dayCache.set(key, (v = parseDay(t.slice(0, 10))));
      // the time part, when present, must be a time
      if (t.length > 10 && !(isDigit(t, 11) && (t.charCodeAt(12) === 58 || (isDigit(t, 12) && t.charCodeAt(13) === 58)))) return parseDay(t);
      return v;
    }
    return parseDay(t);
  };
  const upperCache = new Map<string, string>();
  const lowerCache = new Map<string, string>();
  const upper = (x: string) => {
    let u = upperCache.get(x);
    if (u === undefined) upperCache.set(x, (u = x.toUpperCase()));
    return u;
  };
  const lower = (x: string) => {
    let u = lowerCache.get(x);
    if (u === undefined) lowerCache.set(x, (u = x.toLowerCase()));
    return u;
  };
  let iId = -1, iTime = -1, iDest = -1, iSku = -1, iQty = -1, iW = -1, iVal = -1, iCur = -1, iShip = -1, iRet = -1, iMode = -1;
  let ncell = 0;
  let maxIndex = 0;
  const onRecord = (rec: string[], ctx: { lines: number }): null => {
    if (!header) {
      header = rec.map((h) => h.replace(/^\uFEFF/, ''));
      ncell = header.length;
      const m = mapHeader(header, opts.columns);
      if (m.problems.length) throw new UserInputError(m.problems[0]!, text('fix --columns: it maps canonical names to header names, e.g. {"order_id": "Order No."}', '请修正 --columns：它把标准列名映射到表头名，如 {"order_id": "Order No."}'));
      index = m.index;
      maxIndex = Math.max(...(Object.values(index) as number[]));
      [iId, iTime, iDest, iSku, iQty, iW, iVal, iCur, iShip, iRet, iMode] = ORDER_COLUMNS.map((c) => index[c] ?? -1) as [number, number, number, number, number, number, number, number, number, number, number];
      weightUnit = m.weightUnit;
      const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
      if (missing.length) throw missingColumns(file, header, missing);
      return null;
    }
    if (rec.length === 1 && rec[0] === '') return null;
    rows++;
    const line = ctx.lines;
    if (rec.length < ncell && rec.length <= maxIndex) {
      reject('wrongCellCount', line);
      return null;
    }
    const id = cellOf(rec, iId);
    if (!id) return reject('missingOrderId', line), null;
    const day = dayOf(cellOf(rec, iTime));
    if (Number.isNaN(day)) return reject('badDate', line), null;
    const iso = country(cellOf(rec, iDest));
    if (!iso) return reject('unknownCountry', line), null;
    if (opts.pricedDestinations && !opts.pricedDestinations.has(iso)) return reject('noRateCard', line), null;
    const w0 = parseNumber(cellOf(rec, iW), dc);
    if (w0 === undefined) return reject('missingWeight', line), null;
    if (!(w0 > 0)) return reject('badWeight', line), null;
    const w = weightUnit === 'g' ? w0 / 1000 : w0;
    if (w > maxW + 1e-9) return reject('weightBeyondRateCard', line), null;
    const q0 = parseNumber(cellOf(rec, iQty), dc);
    const q = q0 === undefined ? 1 : q0;
    if (!(Number.isInteger(q) && q >= 1 && q < 65535)) return reject('badQuantity', line), null;
    let rate = 1;
    const cur = upper(cellOf(rec, iCur));
    const v0 = parseNumber(cellOf(rec, iVal), dc);
    const s0 = parseNumber(cellOf(rec, iShip), dc);
    if (v0 !== undefined && !(v0 >= 0)) return reject('badValue', line), null;
    if (s0 !== undefined && !(s0 >= 0)) return reject('badShippingCost', line), null;
    if ((v0 !== undefined || s0 !== undefined) && cur) {
      if (!currencyCache.has(cur)) currencyCache.set(cur, opts.currencies[cur]);
      const r = currencyCache.get(cur);
      if (r === undefined) return reject('unknownCurrency', line), null;
      rate = r;
    }
    const rt = lower(cellOf(rec, iRet));
    const ret = iRet < 0 ? 255 : YES.has(rt) ? 1 : NO.has(rt) ? 0 : -1;
    if (ret < 0) return reject('badReturned', line), null;
    const md = lower(cellOf(rec, iMode));
    const mode = md === '' ? NO_MODE : MODE_CODES.indexOf(md as FulfilmentMode);
    if (mode < 0) return reject('badMode', line), null;
    const idNum = id.length <= 15 && /^[1-9][0-9]*$/.test(id) ? +id : NaN;
    if (Number.isInteger(idNum)) {
      if (!seenNum.add(idNum)) return reject('duplicateOrderId', line), null;
    } else {
      if (seen.has(id)) return reject('duplicateOrderId', line), null;
      seen.add(id);
    }
    let d = destIdx.get(iso);
    if (d === undefined) destIdx.set(iso, (d = destinations.push(iso) - 1));
    const skuId = cellOf(rec, iSku) || 'all';
    let k = skuIdx.get(skuId);
    if (k === undefined) skuIdx.set(skuId, (k = skus.push(skuId) - 1));
    g.ensure();
    const i = g.n++;
    g.day[i] = day;
    g.dest[i] = d;
    g.sku[i] = k;
    g.qty[i] = q;
    g.weightKg[i] = w;
    g.valueCny[i] = v0 === undefined ? NaN : v0 * rate;
    g.shippingCny[i] = s0 === undefined ? NaN : s0 * rate;
    g.returned[i] = ret;
    g.mode[i] = mode;
    g.line[i] = line;
    return null;
  };
  // d3-dsv (RFC 4180 quoting) is several times faster than csv-parse on large exports; line numbers
  // are counted here, including newlines inside quoted cells
  const quotedNewlines = source.indexOf('"') >= 0 && /"[^"]*\n/.test(source);
  let lineNo = 0;
  dsvFormat(delimiter).parseRows(source, (rec) => {
    const line = ++lineNo;
    if (quotedNewlines) for (const c of rec) for (let k = c.indexOf('\n'); k >= 0; k = c.indexOf('\n', k + 1)) lineNo++;
    return onRecord(rec, { lines: line });
  });
  if (!header) throw missingColumns(file, [], REQUIRED_COLUMNS);
  const n = g.n;
  const orders: Orders = { n, day: g.day.subarray(0, n), dest: g.dest.subarray(0, n), sku: g.sku.subarray(0, n), qty: g.qty.subarray(0, n), weightKg: g.weightKg.subarray(0, n), valueCny: g.valueCny.subarray(0, n), shippingCny: g.shippingCny.subarray(0, n), returned: g.returned.subarray(0, n), mode: g.mode.subarray(0, n), line: g.line.subarray(0, n), destinations, skus };
  const columns: ReadResult['columns'] = {};
  for (const c of ORDER_COLUMNS) if (index[c] !== undefined) columns[c] = header[index[c]!]!;
  return { orders, file, sha256, encoding, delimiter, columns, weightUnit, rows, rejected };
}

function missingColumns(file: string, header: string[], missing: readonly OrderColumn[]): UserInputError {
  const names = (c: OrderColumn) => `${c} (${HEADER_ALIASES[c].filter((a) => /[\u4e00-\u9fff]/.test(a)).slice(0, 2).join(' / ')})`;
  return new UserInputError(
    text(`${file}:1:1 (header): missing column${missing.length > 1 ? 's' : ''} ${missing.map(names).join(', ')}; the header has: ${header.join(', ') || '(nothing)'}`, `${file}:1:1（表头）：缺少列 ${missing.map(names).join('、')}；表头为：${header.join('、') || '（空）'}`),
    text(`the export needs columns ${REQUIRED_COLUMNS.join(', ')} (optional: sku, quantity, order_value, currency, shipping_cost, returned, mode); rename them or map yours with --columns map.json, e.g. {"order_id": "Order No."}`, `导出文件须含列 ${REQUIRED_COLUMNS.join('、')}（可选：sku、quantity、order_value、currency、shipping_cost、returned、mode）；请改表头名，或用 --columns map.json 映射，如 {"order_id": "订单编号"}`),
    { code: 'BAD_ORDERS' },
  );
}

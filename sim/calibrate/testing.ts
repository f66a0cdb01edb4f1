/** Test helpers for calibrate: a GBK encoder (Node decodes GBK but does not encode it) and file variants. */

let table: Map<string, number[]> | undefined;

/** Encodes text as GBK (every character must exist in GBK). */
export function gbkEncode(s: string): Uint8Array {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/**
 * The header of an AliExpress seller-centre order export (订单批量导出) as a public script that reworks
 * such exports lists it (README "AliExpress seller-centre exports"), in its order; the export has no
 * weight, SKU code or quantity column (the goods are one free-text cell, 产品信息).
 */
export const ALIEXPRESS_EXPORT_HEADER = ['订单号', '订单状态', '负责人(业务员)', '买家名称', '下单时间', '付款时间', '产品总金额', '物流费用', '订单金额', '满立减', '产品信息', '订单备注', '收货地址', '收货人名称', '收货国家', '州/省', '城市', '地址', '邮编', '联系电话', '手机', '买家选择物流', '发货期限', '实际发货物流:运单号', '发货时间', '确认收货时间'];

/** The Chinese header of an AliExpress seller-centre export, in canonical column order. */
export const CHINESE_HEADER = '订单号,下单时间,收货国家,商品编码,数量,重量,订单金额,币种,运费,是否退货';

/** Rewrites a canonical CSV (no quoted cells) with another delimiter, header and decimal comma. */
export function variant(csv: string, o: { delimiter?: string; header?: string; decimalComma?: boolean }): string {
  const lines = csv.trimEnd().split('\n');
  if (o.header) lines[0] = o.header;
  return (
    lines
      .map((l, i) => {
        let cells = l.split(',');
        if (o.decimalComma && i > 0) cells = cells.map((c) => (/^\d+\.\d+$/.test(c) ? c.replace('.', ',') : c));
        return cells.join(o.delimiter ?? ',');
      })
      .join('\n') + '\n'
  );
}

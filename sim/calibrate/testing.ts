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

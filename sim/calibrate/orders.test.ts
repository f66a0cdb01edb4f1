import { describe, expect, it } from 'vitest';
import { countryResolver } from './countries.ts';
import { NumberSet, decodeOrders, detectDelimiter, mapHeader, parseDay, parseNumber, readOrders } from './orders.ts';
import { gbkEncode } from './testing.ts';

describe('order export cells', () => {
  it('dates: ISO, slashes, Chinese, with or without time; impossible dates are NaN', () => {
    const d = Date.UTC(2025, 2, 1) / 86_400_000;
    for (const s of ['2025-03-01', '2025-03-01 23:59:59', '2025/3/1 8:05', '2025年3月1日', '2025-03-01T10:00:00Z', '2025.03.01']) expect(parseDay(s), s).toBe(d);
    for (const s of ['2025-02-30', '01/03/2025', 'yesterday', '2025-13-01', '2025-03-01 25:00', '']) expect(parseDay(s), s).toBeNaN();
  });
  it('numbers: plain, thousands separators, decimal comma (semicolon files), currency signs; empty is undefined', () => {
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('1,234.50')).toBe(1234.5);
    expect(parseNumber('0,35', true)).toBe(0.35);
    expect(parseNumber('1.234,5', true)).toBe(1234.5);
    expect(parseNumber('US $12.00')).toBe(12);
    expect(parseNumber('¥8')).toBe(8);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('0x10')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });
  it('countries: codes, English and Chinese names, "English(中文)"', () => {
    const r = countryResolver();
    expect(['ES', 'esp', 'Spain', '西班牙', 'Spain(西班牙)', 'UK', 'United States', '美国', '沙特阿拉伯'].map(r)).toEqual(['ES', 'ES', 'ES', 'ES', 'ES', 'GB', 'US', 'US', 'SA']);
    expect(r('Atlantis')).toBeUndefined();
  });
  it('delimiter from the header line; encoding by UTF-8 validity', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(decodeOrders(gbkEncode('订单号,重量\n')).encoding).toBe('gb18030');
    expect(decodeOrders(gbkEncode('订单号,重量\n')).source).toBe('订单号,重量\n');
    expect(decodeOrders(new TextEncoder().encode('\uFEFF订单号')).source).toBe('订单号');
  });
  it('headers: aliases, units, --columns first', () => {
    expect(mapHeader(['订单编号', '付款时间', '收货国家/地区', '重量(g)']).index).toEqual({ order_id: 0, order_time: 1, destination: 2, weight_kg: 3 });
    expect(mapHeader(['订单编号', '付款时间', '收货国家/地区', '重量(g)']).weightUnit).toBe('g');
    expect(mapHeader(['Weight (kg)']).weightUnit).toBe('kg');
    expect(mapHeader(['x', 'order_id'], { order_id: 'x' }).index.order_id).toBe(0);
    expect(mapHeader(['a'], { order_id: 'nope' }).problems).toHaveLength(1);
  });
  it('line numbers stay right with quoted newlines', () => {
    const csv = 'order_id,order_time,destination,weight_kg,sku\n1,2025-01-01,ES,0.3,"two\nlines"\n2,2025-01-01,ES,-1,x\n';
    const r = readOrders('q.csv', Buffer.from(csv), { currencies: {} });
    expect(r.rejected.badWeight).toEqual({ count: 1, firstLines: [4] });
    expect(r.orders.n).toBe(1);
  });
  it('NumberSet finds duplicates among large ids', () => {
    const s = new NumberSet();
    for (let i = 0; i < 200_000; i++) expect(s.add(3031265788145237 + i * 7919)).toBe(true);
    expect(s.add(3031265788145237 + 7919 * 5)).toBe(false);
    expect(s.add(1)).toBe(true);
  });
});

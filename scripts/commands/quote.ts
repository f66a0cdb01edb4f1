/** `jitsim quote`: the per-order cost of one parcel under JIT, an overseas warehouse and direct shipping. */
import countries from 'i18n-iso-countries';
import { UserInputError } from '../../sim/errors.ts';
import { text } from '../../sim/i18n/index.ts';
import { SERVICES, type Service } from '../../sim/data/rate-card.ts';
import { loadCostContext } from '../../sim/models/context.ts';
import { quote, type ModeQuote } from '../../sim/models/quote.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { resolveRulesDir } from './shared.ts';
import { landedQuote } from '../../sim/landed/quote.ts';
import { warehouseParams } from '../../sim/data/data-set.ts';

export interface QuoteOptions extends CommonOptions {
  rules?: string;
  dest: string;
  weight: string;
  dims?: string;
  service: string;
  warehouse?: string;
  designatedBox?: boolean;
  returnRate?: string;
  countryDailyOrders?: string;
  nonPreferredWarehouse?: boolean;
  oversize?: boolean;
  newSeller?: boolean;
  schedule?: string;
  unitCost?: string;
  price?: string;
  date?: string;
  category?: string;
  items?: string;
}

function num(flag: string, v: string | undefined, opts: { min?: number; max?: number } = {}): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || (opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max))
    throw new UserInputError(text(`${flag} ${v} is not a valid number${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.max !== undefined ? ` and ≤ ${opts.max}` : ''}`, `${flag} ${v} 不是有效数值`), text(flag === '--return-rate' ? 'rates are fractions: 1.5 % is 0.015' : `give ${flag} a plain number`, flag === '--return-rate' ? '比率用小数：1.5% 写作 0.015' : `请为 ${flag} 填写数字`));
  return x;
}

const LABEL: Record<string, { en: string; zh: string }> = {
  jit: { en: 'JIT', zh: 'JIT' },
  warehouse: { en: 'Self-run overseas warehouse', zh: '自营海外仓' },
  direct: { en: 'Direct shipping from China', zh: '中国直发' },
  tpl: { en: '3PL overseas warehouse', zh: '第三方海外仓' },
};

export async function run(io: Io, _args: string[], o: QuoteOptions): Promise<number> {
  const dest = o.dest.toUpperCase();
  if (!countries.isValid(dest) || dest.length !== 2) throw new UserInputError(text(`unknown country "${o.dest}"`, `未知国家 "${o.dest}"`), text('give an ISO 3166-1 alpha-2 code, e.g. --dest ES', '请填写 ISO 3166-1 二位代码，如 --dest ES'));
  if (!(SERVICES as readonly string[]).includes(o.service)) throw new UserInputError(text(`unknown service "${o.service}"`, `未知服务 "${o.service}"`), text(`use one of: ${SERVICES.join(', ')}`, `请使用以下之一：${SERVICES.join('、')}`));
  let dims: [number, number, number] | undefined;
  if (o.dims !== undefined) {
    const parts = o.dims.toLowerCase().split('x').map(Number);
    if (parts.length !== 3 || parts.some((p) => !(Number.isFinite(p) && p > 0))) throw new UserInputError(text(`--dims ${o.dims} is not LxWxH in cm`, `--dims ${o.dims} 不是 长x宽x高（厘米）`), text('write it like --dims 30x20x5', '请写成 --dims 30x20x5'));
    dims = parts as [number, number, number];
  }
  const weight = num('--weight', o.weight)!;
  const ctx = await loadCostContext(resolveRulesDir(io, o.rules));
  const q = quote(ctx, {
    dest,
    weightKg: weight,
    ...(dims ? { dimsCm: dims } : {}),
    service: o.service as Service,
    ...(o.warehouse ? { warehouse: o.warehouse as 'domestic' | 'overseas' } : {}),
    designatedBox: Boolean(o.designatedBox),
    ...(o.returnRate !== undefined ? { returnRate: num('--return-rate', o.returnRate, { min: 0, max: 1 })! } : {}),
    ...(o.countryDailyOrders !== undefined ? { countryDailyOrders: num('--country-daily-orders', o.countryDailyOrders, { min: 0.001 })! } : {}),
    nonPreferredWarehouse: Boolean(o.nonPreferredWarehouse),
    oversize: Boolean(o.oversize),
    newSeller: Boolean(o.newSeller),
    ...(o.schedule ? { schedule: o.schedule } : {}),
    ...(o.unitCost !== undefined ? { unitCostCny: num('--unit-cost', o.unitCost, { min: 0 })! } : {}),
    ...(o.price !== undefined ? { priceCny: num('--price', o.price, { min: 0 })! } : {}),
    ...(o.items !== undefined ? { itemsPerOrder: num('--items', o.items, { min: 1, max: 1000 })! } : {}),
  });
  const lang = o.lang;
  const date = o.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) throw new UserInputError(text(`--date ${date} is not a date`, `--date ${date} 不是有效日期`), text('write it as YYYY-MM-DD, e.g. --date 2026-07-01', '请写成 YYYY-MM-DD，如 --date 2026-07-01'));
  const categories = ctx.rules.files.catalogue.categories.map((c: { id: string } | string) => (typeof c === 'string' ? c : c.id));
  const category = o.category ?? '*';
  if (category !== '*' && !categories.includes(category)) throw new UserInputError(text(`unknown category "${category}"`, `未知类目 "${category}"`), text(`use one of: ${categories.join(', ')}`, `请使用以下之一：${categories.join('、')}`));
  const landed = landedQuote(ctx.data, dest, date, category, q.input.priceCny, q.input.unitCostCny, q.modes.warehouse.components.headhaul ?? 0, warehouseParams(ctx.data, dest).capitalRateYear);
  if (o.json) {
    const mode = (m: ModeQuote) => ({ total: m.total, components: m.components, deliveryDays: m.deliveryDays, lines: m.lines.map((l) => ({ component: l.component, amountCny: l.amountCny, ref: l.ref, explanation: l.explanation[lang] })) });
    io.out(JSON.stringify({ currency: 'CNY', input: q.input, rulesFingerprint: ctx.rules.fingerprint, modes: { jit: mode(q.modes.jit), warehouse: mode(q.modes.warehouse), direct: mode(q.modes.direct), tpl: mode(q.modes.tpl) }, landed }, null, 2));
    return EXIT.ok;
  }
  const i = q.input;
  io.out(paint(io, 'bold', lang === 'zh' ? `单票报价：${i.dest}，${i.weightKg} 千克，${i.service}，方案${i.schedule}（元/单）` : `Per-order quote: ${i.dest}, ${i.weightKg} kg, ${i.service}, schedule ${i.schedule} (CNY per order)`));
  const cheapest = (Object.entries(q.modes) as [string, ModeQuote][]).sort((a, b) => a[1].total - b[1].total)[0]![0];
  for (const [key, m] of Object.entries(q.modes) as [string, ModeQuote][]) {
    io.out(`\n${paint(io, 'bold', `${LABEL[key]![lang]}: ${m.total.toFixed(2)}`)}${key === cheapest ? paint(io, 'green', lang === 'zh' ? '  ← 最低' : '  ← cheapest') : ''}   ${lang === 'zh' ? '时效' : 'delivery'} ${m.deliveryDays[0]}–${m.deliveryDays[1]} ${lang === 'zh' ? '天' : 'days'}`);
    for (const l of m.lines) io.out(`  ${l.component.padEnd(18)} ${l.amountCny.toFixed(2).padStart(8)}  ${l.explanation[lang]}  ${paint(io, 'dim', `[${l.ref}]`)}`);
  }
  const zh = lang === 'zh';
  const f = (x: number) => x.toFixed(2).padStart(8);
  io.out(`\n${paint(io, 'bold', zh ? `关税与税费（${landed.date}，售价 ${q.input.priceCny} 元，类目 ${category === '*' ? '通用' : category}；不计入上方履约成本）` : `Duties and taxes (${landed.date}, price ${q.input.priceCny} CNY, category ${category === '*' ? 'general' : category}; not in the fulfilment totals above)`)}`);
  io.out(`  ${(zh ? 'JIT / 直发（包裹）' : 'JIT / direct (parcel)').padEnd(24)} ${zh ? '关税' : 'duty'} ${f(landed.parcel.dutyCny)}  ${zh ? '进口税' : 'import tax'} ${f(landed.parcel.importTaxCny)}  ${zh ? '售价内增值税' : 'VAT in price'} ${f(landed.parcel.saleVatCny)}  ${paint(io, 'dim', `[${landed.parcel.regimes.join('+')}]`)}`);
  io.out(`  ${(zh ? '自营仓/第三方仓（大宗进口）' : 'warehouse, 3PL (bulk import)').padEnd(24)} ${zh ? '关税' : 'duty'} ${f(landed.warehouse.dutyCny)}  ${zh ? '进口增值税' : 'import VAT'} ${f(landed.warehouse.importVatPaidCny)} (${zh ? '成本' : 'cost'} ${landed.warehouse.importVatCostCny.toFixed(2)}${landed.warehouse.vatRecoveryDays ? (zh ? `，${landed.warehouse.vatRecoveryDays} 天后退回` : `, recovered after ${landed.warehouse.vatRecoveryDays} days`) : ''})  ${zh ? '售价内增值税' : 'VAT in price'} ${f(landed.warehouse.saleVatCny)}  ${paint(io, 'dim', `[${landed.warehouse.regimes.join('+')}]`)}`);
  if (landed.fx.length) io.out(paint(io, 'dim', `  ${zh ? '汇率' : 'rates'}: ${landed.fx.map((x) => `${x.currency} ${x.cnyPerUnit}`).join(', ')} (data/fx.json ${landed.fx[0]!.date})`));
  return EXIT.ok;
}

/** `jitsim quote`: the per-order cost of one parcel under JIT, an overseas warehouse and direct shipping. */
import { BATTERY_CLASSES, type BatteryClass } from '../../sim/battery/schema.ts';
import { quoteBatteryTitle } from '../../sim/battery/texts.ts';
import { checkCatalog, type SkuFacts } from '../../sim/checks/catalog.ts';
import countries from 'i18n-iso-countries';
import { UserInputError } from '../../sim/errors.ts';
import type { Text } from '../../sim/i18n/index.ts';
import { SERVICES, type Service } from '../../sim/data/rate-card.ts';
import { loadCostContextSnapshot } from '../../sim/models/context-snapshot.ts';
import { quote, type ModeQuote } from '../../sim/models/quote.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { resolveRulesDir } from './shared.ts';
import { M } from './messages.ts';
import { landedQuote, orderProfit } from '../../sim/landed/quote.ts';
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
  battery?: string;
}

function num(flag: string, v: string | undefined, opts: { min?: number; max?: number } = {}): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || (opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max))
    throw new UserInputError(M.badNumber(flag, v, opts.min, opts.max), flag === '--return-rate' ? M.rateIsFraction : M.plainNumberFix(flag));
  return x;
}

const LABEL: Record<string, Text> = { jit: M.modeJit, warehouse: M.quoteWarehouse, direct: M.quoteDirect, tpl: M.quoteTpl };

export async function run(io: Io, _args: string[], o: QuoteOptions): Promise<number> {
  const dest = o.dest.toUpperCase();
  if (!countries.isValid(dest) || dest.length !== 2) throw new UserInputError(M.unknownCountry(o.dest), M.unknownCountryFix);
  if (!(SERVICES as readonly string[]).includes(o.service)) throw new UserInputError(M.unknownService(o.service), M.useOneOf(SERVICES));
  let dims: [number, number, number] | undefined;
  if (o.dims !== undefined) {
    const parts = o.dims.toLowerCase().split('x').map(Number);
    if (parts.length !== 3 || parts.some((p) => !(Number.isFinite(p) && p > 0))) throw new UserInputError(M.badDims(o.dims), M.badDimsFix);
    dims = parts as [number, number, number];
  }
  const weight = num('--weight', o.weight)!;
  if (o.battery !== undefined && !(BATTERY_CLASSES as readonly string[]).includes(o.battery.toUpperCase())) throw new UserInputError(M.badBattery(o.battery), M.useOneOf(BATTERY_CLASSES));
  const battery = o.battery?.toUpperCase() as BatteryClass | undefined;
  // the rules, data and compiled fee tables of the last run when no file (nor jitsim) changed since
  const ctx = await loadCostContextSnapshot(resolveRulesDir(io, o.rules));
  const categories = ctx.rules.files.catalogue.categories.map((c: { id: string } | string) => (typeof c === 'string' ? c : c.id));
  const category = o.category ?? '*';
  if (category !== '*' && !categories.includes(category)) throw new UserInputError(M.unknownCategory(category), M.useOneOf(categories));
  // a battery parcel: do the catalogue rules in force admit it to JIT? (a SKU otherwise compliant: tagged, certified, labelled)
  let jitBanned = false;
  if (battery) {
    const facts: SkuFacts = { sku: 'quote', category: category === '*' ? '3c' : category, jitTagged: true, weightKg: weight, hasCompositionLabel: true, ceFccCert: 'CE-ON-FILE', hasCeFccCert: true, medicalCert: false, containsLithiumBattery: true, line: 0 };
    const day = o.date ?? new Date().toISOString().slice(0, 10);
    const r = await checkCatalog(ctx.rules, [facts], [], /^\d{4}-\d{2}-\d{2}$/.test(day) ? { from: day, to: day } : undefined);
    jitBanned = r.skus[0]!.banned.length > 0;
  }
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
    ...(battery ? { battery, jitBanned } : {}),
  });
  const lang = o.lang;
  const date = o.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) throw new UserInputError(M.badDate(date), M.badDateFix);
  const landed = landedQuote(ctx.data, dest, date, category, q.input.priceCny, q.input.unitCostCny, q.modes.warehouse.components.headhaul ?? 0, warehouseParams(ctx.data, dest).capitalRateYear);
  const profit = orderProfit(landed, q.input.priceCny, q.input.unitCostCny, { jit: q.modes.jit.total, warehouse: q.modes.warehouse.total, direct: q.modes.direct.total, tpl: q.modes.tpl.total });
  if (o.json) {
    const mode = (m: ModeQuote) => ({ total: m.total, ...(m.refused ? { refused: m.refused[lang] } : {}), components: m.components, deliveryDays: m.deliveryDays, lines: m.lines.map((l) => ({ component: l.component, amountCny: l.amountCny, ref: l.ref, explanation: l.explanation[lang] })) });
    io.out(JSON.stringify({ currency: 'CNY', input: q.input, rulesFingerprint: ctx.rules.fingerprint, modes: { jit: mode(q.modes.jit), warehouse: mode(q.modes.warehouse), direct: mode(q.modes.direct), tpl: mode(q.modes.tpl) }, landed, profit }, null, 2));
    return EXIT.ok;
  }
  const i = q.input;
  io.out(paint(io, 'bold', M.quoteTitle(i.dest, i.weightKg, i.service, i.schedule)[lang]));
  if (battery) io.out(paint(io, 'bold', quoteBatteryTitle(battery)[lang]));
  // a mode whose lane refuses the battery class cannot ship the parcel: never the cheapest
  const cheapest = (Object.entries(q.modes) as [string, ModeQuote][]).filter(([, m]) => !m.refused).sort((a, b) => a[1].total - b[1].total)[0]?.[0];
  for (const [key, m] of Object.entries(q.modes) as [string, ModeQuote][]) {
    if (m.refused) io.out(`\n${paint(io, 'bold', `${LABEL[key]![lang]}:`)} ${paint(io, 'red', m.refused[lang])}`);
    else io.out(`\n${paint(io, 'bold', `${LABEL[key]![lang]}: ${m.total.toFixed(2)}`)}${key === cheapest ? paint(io, 'green', M.cheapest[lang]) : ''}   ${M.delivery(m.deliveryDays[0], m.deliveryDays[1])[lang]}`);
    if (m.refused) continue;
    for (const l of m.lines) io.out(`  ${l.component.padEnd(18)} ${l.amountCny.toFixed(2).padStart(8)}  ${l.explanation[lang]}  ${paint(io, 'dim', `[${l.ref}]`)}`);
  }
  const f = (x: number) => x.toFixed(2).padStart(8);
  io.out(`\n${paint(io, 'bold', M.dutiesTitle(landed.date, q.input.priceCny, category)[lang])}`);
  io.out(`  ${M.dutiesParcel[lang].padEnd(24)} ${M.duty[lang]} ${f(landed.parcel.dutyCny)}  ${M.importTax[lang]} ${f(landed.parcel.importTaxCny)}  ${M.vatInPrice[lang]} ${f(landed.parcel.saleVatCny)}  ${paint(io, 'dim', `[${landed.parcel.regimes.join('+')}]`)}`);
  const recovered = landed.warehouse.vatRecoveryDays ? M.vatRecovered(landed.warehouse.vatRecoveryDays)[lang] : '';
  io.out(`  ${M.dutiesWarehouse[lang].padEnd(24)} ${M.duty[lang]} ${f(landed.warehouse.dutyCny)}  ${M.importVat[lang]} ${f(landed.warehouse.importVatPaidCny)} (${M.vatCost[lang]} ${landed.warehouse.importVatCostCny.toFixed(2)}${recovered})  ${M.vatInPrice[lang]} ${f(landed.warehouse.saleVatCny)}  ${paint(io, 'dim', `[${landed.warehouse.regimes.join('+')}]`)}`);
  io.out(`\n${paint(io, 'bold', M.contributionTitle(q.input.priceCny, q.input.unitCostCny)[lang])}`);
  for (const k of ['jit', 'warehouse', 'direct', 'tpl'] as const) {
    const p = profit[k]!;
    if (q.modes[k].refused) {
      io.out(`  ${LABEL[k]![lang]}  ${paint(io, 'red', q.modes[k].refused![lang])}`);
      continue;
    }
    io.out(`  ${LABEL[k]![lang]}${' '.repeat(Math.max(1, 28 - [...LABEL[k]![lang]].reduce((w, ch) => w + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0)))} ${M.fulfilment[lang]} ${f(p.fulfilmentCny)}  ${M.duties[lang]} ${f(p.dutiesCny)}  ${M.taxes[lang]} ${f(p.taxesCny)}  ${paint(io, 'bold', `${M.contribution[lang]} ${f(p.contributionCny)}`)}`);
  }
  if (landed.fx.length) io.out(paint(io, 'dim', `  ${M.fxRates[lang]}: ${landed.fx.map((x) => `${x.currency} ${x.cnyPerUnit}`).join(', ')} (data/fx.json ${landed.fx[0]!.date})`));
  return EXIT.ok;
}

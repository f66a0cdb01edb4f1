/**
 * Compile stage for a scenario: Scenario + CostContext ──▶ SimPlan, everything the hot loop needs
 * as typed arrays (calendar, seasonality, saturation windows, lane indices, routing table). Built
 * once per run (and once per worker); never touched by json-rules-engine afterwards.
 */
import { BATTERY_CODES, cardBattery, compileBattery, type BatteryPlan } from '../battery/plan.ts';
import { BRACKET_TOLERANCE_KG, SERVICES, bracketIndex, type RateCard } from '../data/rate-card.ts';
import { MODE_PARAMS, type ModeParam } from '../data/schema.ts';
import { compileDist, type Dist } from '../random/dist.ts';
import type { CostContext } from '../models/context.ts';
import type { Scenario } from '../scenario/load.ts';
import { RATE_CARD_LEGS } from '../scenario/schema.ts';
import { SKU_INPUT_FIELDS, SKU_INPUTS_RECORDED_UP_TO, makeLayout, type InputRecording, type Layout } from './layout.ts';
import { compileLanded, type LandedTables } from '../landed/tables.ts';
import { fxPaths } from '../landed/scenario.ts';
import { compileSales, type SalesPlan } from '../landed/sales.ts';
import { FREIGHT_MODES } from '../inventory/freight.ts';
import { compileStockPlan, distMean, type StockPlan } from '../inventory/plan.ts';
import type { MixPlan } from './mix.ts';
import { intervalCell, type RoutingTable } from './routing-table.ts';

export interface SimPlan {
  scenario: Scenario;
  ctx: CostContext;
  routing: RoutingTable;
  layout: Layout;
  days: number;
  months: number;
  /** Per day: month index, days since start, seasonality factor (weekly × yearly). */
  monthOf: Int32Array;
  season: Float64Array;
  /** Days simulated in each month, and the calendar label of each month (YYYY-MM). */
  daysInMonth: Int32Array;
  monthLabels: string[];
  /** Per destination × day: index of the saturation window in force, or -1. */
  satWindow: Int16Array;
  destShare: Float64Array;
  skuShare: Float64Array;
  /** The order mix and its uncertainty (drawn per trial by sim/engine/mix.ts when uncertain). */
  mix: MixPlan;
  /** Per destination: 0 domestic JIT warehouse, 1 overseas (rules/routing.json network). */
  region: Uint8Array;
  /** Per destination: rate-card lane offsets (dest × service) for JIT, direct, last mile. */
  jitLane: Int32Array;
  directLane: Int32Array;
  lastMileLane: Int32Array;
  skuOversize: Uint8Array;
  /**
   * Cost classes: every weight at which some rate card changes bracket (each card's bracket ends,
   * ascending, deduplicated). Two weights with as many cut points below them price the same on
   * every card, so the cell index is part of an order's cost class.
   */
  weightCuts: Float64Array;
  /** The parcel-volume thresholds of every fee adjustment (ascending): with the volume band, what the fee rules see of a volume. */
  litresThresholds: Float64Array;
  manualSync: boolean;
  uploadInterval: Dist | null;
  /**
   * Manual sync: the day's interval cell from one uniform u — the cell is c for u below
   * `intervalCellBreaks[c]` (the quantile is monotone, so the cells cut [0, 1) into intervals).
   */
  intervalCellBreaks: Float64Array;
  expectedFlow: boolean;
  /** Input indices of each role (-1 when absent). */
  at: {
    ordersPerDay: number;
    growth: number;
    dispersion: number;
    weight: Int32Array;
    volume: Int32Array;
    unitCost: Int32Array;
    price: Int32Array;
    jitRate: number;
    directRate: number;
    warehouseRate: number;
    nonPreferred: number;
    satShare: Int32Array;
    /** Per leg of RATE_CARD_LEGS (JIT logistics, direct, last mile, head-haul): the rate multiplier's input, or -1. */
    rateMult: Int32Array;
    /** Per leg: the multiplier of the lanes a client card leaves to the shipped card (its default uncertainty), or -1. */
    fallbackMult: Int32Array;
    /** The 3PL fees' multiplier (thirdPartyWarehouse.multiplier), or -1. */
    tplMult: number;
  };
  baseModeValues: Record<ModeParam, number>;
  /** Customs, VAT and FX tables of the scenario (sim/landed). */
  landed: LandedTables;
  /** Delivery days per mode and destination for the delivery-speed sales effect (sim/landed/sales.ts). */
  sales: SalesPlan;
  /** Warehouse stock: freight options per site, the fixed option (sim/inventory). */
  stock: StockPlan;
  /** An order the warehouse cannot fill: lost (true) or shipped direct. */
  lostSales: boolean;
  /** Lithium-battery lanes: surcharges and refusals per destination, site and class (sim/battery/plan.ts). */
  battery: BatteryPlan;
}

function laneOf(card: RateCard, dest: string, service: string): number {
  return card.destIndex.get(dest)! * SERVICES.length + SERVICES.indexOf(service as never);
}

/** u-breakpoints of the upload-interval cells (bisection on the monotone map u → cell of quantile(u)). */
function cellBreaks(dist: Dist | null, routing: RoutingTable): Float64Array {
  const n = routing.intervalCells;
  const out = new Float64Array(n).fill(1);
  if (!dist) return out;
  for (let c = 0; c < n - 1; c++) {
    // smallest u whose cell is above c
    let lo = 0;
    let hi = 1;
    if (intervalCell(routing.intervalThresholds, dist.quantile(0)) > c) {
      out[c] = 0;
      continue;
    }
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (intervalCell(routing.intervalThresholds, dist.quantile(mid)) > c) hi = mid;
      else lo = mid;
    }
    out[c] = intervalCell(routing.intervalThresholds, dist.quantile(hi)) > c ? hi : 1;
  }
  return out;
}

/** Every input individually for a small catalogue; above SKU_INPUTS_RECORDED_UP_TO SKUs the per-SKU ones as one group per field. */
function inputRecording(scenario: Scenario): InputRecording {
  const pointers = scenario.inputs.map((x) => x.pointer);
  const S = scenario.spec.skus.length;
  if (S <= SKU_INPUTS_RECORDED_UP_TO) return { pointers, individual: pointers.map(() => true), groups: [] };
  const at = new Map(pointers.map((p, i) => [p, i]));
  const individual = pointers.map(() => true);
  const groups = SKU_INPUT_FIELDS.flatMap((field) => {
    const members = Int32Array.from({ length: S }, (_, k) => at.get(`/skus/${k}/${field}`) ?? -1);
    members.forEach((i) => i >= 0 && (individual[i] = false));
    return members.some((i) => i >= 0) ? [{ pointer: `/skus/*/${field}`, field, members, fixed: Array.from(members).every((i) => i < 0 || scenario.inputs[i]!.dist.fixed) }] : [];
  });
  return { pointers, individual, groups };
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Compiles a loaded scenario for the simulator. */
export function compilePlan(scenario: Scenario, ctx: CostContext, routing: RoutingTable): SimPlan {
  const s = scenario.spec;
  const start = Date.parse(`${s.startDate}T00:00:00Z`);
  const startDate = new Date(start);
  const end = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + s.horizonMonths, startDate.getUTCDate());
  const days = Math.round((end - start) / 86_400_000);
  const weekly = s.demand.weekly ?? [1, 1, 1, 1, 1, 1, 1];
  const yearly = s.demand.yearly ?? new Array<number>(12).fill(1);
  const wMean = weekly.reduce((a, b) => a + b, 0) / 7;
  const yMean = yearly.reduce((a, b) => a + b, 0) / 12;
  const monthOf = new Int32Array(days);
  const season = new Float64Array(days);
  const dayOfWeek = new Uint8Array(days);
  const monthOfYear = new Uint8Array(days);
  const daysInMonth = new Int32Array(s.horizonMonths);
  const monthLabels: string[] = [];
  for (let m = 0; m < s.horizonMonths; m++) monthLabels.push(isoDay(Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + m, 1)).slice(0, 7));
  const D = s.destinations.length;
  const satWindow = new Int16Array(D * days).fill(-1);
  for (let day = 0; day < days; day++) {
    const date = new Date(start + day * 86_400_000);
    const m = (date.getUTCFullYear() - startDate.getUTCFullYear()) * 12 + date.getUTCMonth() - startDate.getUTCMonth();
    monthOf[day] = m;
    daysInMonth[m]!++;
    const dow = (date.getUTCDay() + 6) % 7; // Monday = 0
    dayOfWeek[day] = dow;
    monthOfYear[day] = date.getUTCMonth();
    season[day] = (wMean > 0 ? weekly[dow]! / wMean : 1) * (yMean > 0 ? yearly[date.getUTCMonth()]! / yMean : 1);
    const iso = isoDay(date.getTime());
    (s.saturation ?? []).forEach((w, wi) => {
      if (iso >= w.from && iso <= w.to) satWindow[s.destinations.findIndex((d) => d.country === w.country) * days + day] = wi;
    });
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const destTotal = sum(s.destinations.map((d) => d.share));
  const skuTotal = sum(s.skus.map((k) => k.share));
  // by pointer through a map: a catalogue of thousands of SKUs has thousands of inputs
  const byPointer = new Map(scenario.inputs.map((x, i) => [x.pointer, i]));
  const idx = (p: string) => byPointer.get(p) ?? -1;
  const destShare = Float64Array.from(s.destinations.map((d) => d.share / destTotal));
  const skuShare = Float64Array.from(s.skus.map((k) => k.share / skuTotal));
  const mix: MixPlan = {
    destShare,
    skuShare,
    dayOfWeek,
    monthOfYear,
    weekly: Float64Array.from(weekly),
    weeklySd: Float64Array.from(s.demand.weeklySd ?? []),
    yearly: Float64Array.from(yearly),
    yearlySd: Float64Array.from(s.demand.yearlySd ?? []),
    destConcentration: s.shareUncertainty?.destinations ?? 0,
    skuConcentration: s.shareUncertainty?.skus ?? 0,
  };
  const overseas = ctx.rules.files.routing.network.overseasWarehouseCountries;
  const schedule = scenario.schedule;
  const jitLane = Int32Array.from(s.destinations.map((d) => laneOf(scenario.cards.jit, d.country, d.service)));
  const directLane = Int32Array.from(s.destinations.map((d) => laneOf(scenario.cards.direct, d.country, d.service)));
  const lastMileLane = Int32Array.from(s.destinations.map((d) => laneOf(scenario.cards.lastMile, d.country, d.service === 'express' ? 'express' : 'standard')));
  const battery = compileBattery(ctx.data, s.destinations.map((d) => d.country), scenario.sites, scenario.skuBattery);
  // the stock plan leaves out what the warehouse refuses (a battery class its last mile — the card's own column at the
  // SKU's planned weight first, as the trial prices it — or the site's head-haul option does not carry)
  const lm = scenario.cards.lastMile;
  const refuses = (d: number, k: number, sku: number): boolean => {
    const b = scenario.skuBattery[sku]!;
    if (b === 0) return false;
    const wi = idx(`/skus/${sku}/weightKg`);
    const cell = lastMileLane[d]! * lm.brackets.length + bracketIndex(lm.brackets, wi >= 0 ? distMean(scenario.inputs[wi]!.dist) : 0);
    if (Number.isNaN(cardBattery(lm, cell, b, battery.lastMile[d * BATTERY_CODES + b]!))) return true;
    return Number.isNaN(battery.head[(scenario.siteOf[d]! * FREIGHT_MODES.length + k) * BATTERY_CODES + b]!);
  };
  const out: SimPlan = {
    scenario,
    ctx,
    routing,
    layout: makeLayout(schedule, s.horizonMonths, routing.ruleIds, inputRecording(scenario)),
    days,
    months: s.horizonMonths,
    monthOf,
    season,
    daysInMonth,
    monthLabels,
    satWindow,
    destShare,
    skuShare,
    mix,
    region: Uint8Array.from(s.destinations.map((d) => (overseas.includes(d.country) ? 1 : 0))),
    jitLane,
    directLane,
    lastMileLane,
    sales: compileSales(scenario.cards, { jit: jitLane, lastMile: lastMileLane, direct: directLane }, s.profit?.demandBaselineMode ?? 'direct', s.profit?.salesEffect ?? true),
    skuOversize: Uint8Array.from(s.skus.map((k) => (k.oversize ? 1 : 0))),
    weightCuts: Float64Array.from([...new Set([scenario.cards.jit, scenario.cards.direct, scenario.cards.lastMile].flatMap((c) => Array.from(c.brackets, (b) => b + BRACKET_TOLERANCE_KG)))].sort((a, b) => a - b)),
    litresThresholds: Float64Array.from([...new Set(schedule.adjustments.flatMap((a) => a.facts.filter((f) => f.fact === 'parcelVolumeLitres').flatMap((f) => f.values as number[])))].sort((a, b) => a - b)),
    manualSync: s.sync.mode === 'manual',
    uploadInterval: s.sync.mode === 'manual' ? compileDist(s.sync.uploadIntervalHours) : null,
    intervalCellBreaks: cellBreaks(s.sync.mode === 'manual' ? compileDist(s.sync.uploadIntervalHours) : null, routing),
    expectedFlow: s.demand.arrivals === 'expected',
    at: {
      ordersPerDay: idx('/demand/ordersPerDay'),
      growth: idx('/demand/monthlyGrowth'),
      dispersion: idx('/demand/dispersion'),
      weight: Int32Array.from(s.skus.map((_, i) => idx(`/skus/${i}/weightKg`))),
      volume: Int32Array.from(s.skus.map((_, i) => idx(`/skus/${i}/volumeLitres`))),
      unitCost: Int32Array.from(s.skus.map((_, i) => idx(`/skus/${i}/unitCostCny`))),
      price: Int32Array.from(s.skus.map((_, i) => idx(`/skus/${i}/priceCny`))),
      jitRate: idx('/returns/jitRate'),
      directRate: idx('/returns/directRate'),
      warehouseRate: idx('/returns/warehouseRate'),
      nonPreferred: idx('/jit/nonPreferredShare'),
      satShare: Int32Array.from((s.saturation ?? []).map((_, i) => idx(`/saturation/${i}/share`))),
      rateMult: Int32Array.from(RATE_CARD_LEGS.map((l) => idx(`/rateCards/${l}/multiplier`))),
      fallbackMult: Int32Array.from(RATE_CARD_LEGS.map((l) => idx(`/rateCards/${l}/fallbackMultiplier`))),
      tplMult: idx('/thirdPartyWarehouse/multiplier'),
    },
    baseModeValues: Object.fromEntries(MODE_PARAMS.map((k) => [k, ctx.data.modeValues[k]])) as Record<ModeParam, number>,
    landed: compileLanded({
      customs: ctx.data.customs,
      fx: ctx.data.fx,
      dayIso: Array.from({ length: days }, (_, d) => isoDay(start + d * 86_400_000)),
      monthOf,
      season,
      months: s.horizonMonths,
      destinations: s.destinations.map((d) => d.country),
      sites: scenario.sites,
      categories: s.skus.map((k) => k.category),
      priceCurrencies: s.skus.map((k) => k.priceCurrency ?? 'CNY'),
      costCurrencies: s.skus.map((k) => k.unitCostCurrency ?? 'CNY'),
      reporting: s.currency?.reporting ?? 'CNY',
      fxInput: Object.fromEntries(scenario.inputs.map((x, i) => [x.pointer, i] as const).flatMap(([p, i]) => (p.startsWith('/currency/rates/') ? [[p.slice('/currency/rates/'.length), i] as const] : /^\/currency\/paths\/[A-Z]{3}\/multiplier$/.test(p) ? [[p.split('/')[3]!, i] as const] : []))),
      fxPaths: fxPaths(s, monthLabels),
      vatRegistered: s.warehouse?.vatRegistered ?? true,
    }),
    // the seller's plan: the means of the demand inputs and the scenario's own seasonality and shares (sim/inventory/plan.ts)
    stock: compileStockPlan({
      options: scenario.cards.headhaul,
      fixed: s.warehouse?.freight && s.warehouse.freight !== 'auto' ? FREIGHT_MODES.indexOf(s.warehouse.freight) : -1,
      days,
      monthOf,
      season,
      ordersPerDay: idx('/demand/ordersPerDay') >= 0 ? distMean(scenario.inputs[idx('/demand/ordersPerDay')]!.dist) : 0,
      monthlyGrowth: idx('/demand/monthlyGrowth') >= 0 ? distMean(scenario.inputs[idx('/demand/monthlyGrowth')]!.dist) : 0,
      dispersion: idx('/demand/dispersion') >= 0 ? distMean(scenario.inputs[idx('/demand/dispersion')]!.dist) : 0,
      siteOf: scenario.siteOf,
      destShare,
      skuShare,
      sites: scenario.sites.length,
      refuses: battery.any ? (d, sku, k) => refuses(d, k, sku) : undefined,
    }),
    lostSales: s.warehouse?.stockout === 'lost',
    battery,
  };
  out.stock.batteryPerKg = stockBatteryPerKg(out.battery, scenario.skuBattery, skuShare, s.skus.map((_k, i) => (idx(`/skus/${i}/weightKg`) >= 0 ? distMean(scenario.inputs[idx(`/skus/${i}/weightKg`)]!.dist) : 0)), scenario.sites.length);
  return out;
}

/**
 * Per site × freight option: the head-haul battery surcharge per kg of the stock (each SKU's by its
 * class, weighted by its share of the kg sold), NaN when the option refuses a stocked SKU's class;
 * undefined when no SKU has a battery. The freight choice adds it (sim/inventory/choose.ts).
 */
function stockBatteryPerKg(b: SimPlan['battery'], skuBattery: Uint8Array, skuShare: Float64Array, kg: readonly number[], sites: number): Float64Array | undefined {
  if (!b.any) return undefined;
  const K = FREIGHT_MODES.length;
  const out = new Float64Array(sites * K);
  let total = 0;
  for (let s = 0; s < skuShare.length; s++) total += skuShare[s]! * kg[s]!;
  for (let i = 0; i < sites; i++)
    for (let o = 0; o < K; o++) {
      let x = 0;
      for (let s = 0; s < skuShare.length; s++) {
        const c = skuBattery[s]!;
        if (c === 0 || skuShare[s]! <= 0) continue;
        x += (skuShare[s]! * kg[s]! * b.head[(i * K + o) * BATTERY_CODES + c]!) / (total > 0 ? total : 1);
      }
      out[i * K + o] = x;
    }
  return out;
}

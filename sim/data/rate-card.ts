/**
 * Rate cards (data/rates/*.csv): price per parcel by destination × weight bracket × service, with
 * delivery days and the basis of every row. Loaded into flat typed arrays for the hot path.
 */
import { isCountryCode } from '../io/country-code.ts';
import type { Diagnostic } from '../errors.ts';
import { DiagnosticsError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { cardCellProblem } from '../battery/texts.ts';
import { CsvReader, cacheGet, cacheKey, cacheSet, parseCsvTable, readCsvTable, type CsvTable } from '../io/index.ts';

export const SERVICES = ['economy', 'standard', 'express'] as const;
export type Service = (typeof SERVICES)[number];
export const RATE_CARD_COLUMNS = ['destination', 'max_weight_kg', 'service', 'price_cny', 'days_min', 'days_max', 'basis'] as const;

/** A loaded rate card. Cell (d, s, b) is at `((d * SERVICES.length) + s) * brackets.length + b`. */
export interface RateCard {
  file: string;
  destinations: string[];
  destIndex: ReadonlyMap<string, number>;
  /** Upper bounds of the weight brackets, kg, ascending; shared by every lane. */
  brackets: Float64Array;
  /** CNY; NaN where the card has no such lane. */
  price: Float64Array;
  /** CSV line of each cell (0 where none), for explanations. */
  line: Int32Array;
  basis: string[];
  /** Per lane (d, s): delivery days. */
  daysMin: Float64Array;
  daysMax: Float64Array;
  /**
   * A client card with `"fallback": "shipped"`: 1 for each cell priced from the shipped card. Those
   * cells take the shipped card's default uncertainty (`/rateCards/<leg>/fallbackMultiplier`), not
   * the client card's multiplier.
   */
  shippedCell?: Uint8Array;
  /**
   * Optional columns `battery_un3481`, `battery_un3480` (a client card's own battery lanes): per cell
   * × class (UN3481, UN3480) at `cell * 2 + k` — the surcharge in CNY per parcel, -1 when the lane
   * refuses the class, NaN when the card does not say (data/battery.json decides). Absent: says nothing.
   */
  battery?: Float64Array;
}

/** The optional battery columns of a rate card, in BATTERY_CLASSES order. */
export const BATTERY_COLUMNS = ['battery_un3481', 'battery_un3480'] as const;
const REFUSED_CELLS = new Set(['no', 'false', 'refused', '否', '不接受', '拒收']);

/** A battery cell: NaN empty, -1 refused, else the surcharge (≥ 0); undefined when unreadable. */
export function batteryCell(raw: string): number | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '') return NaN;
  if (REFUSED_CELLS.has(v)) return -1;
  const n = /^[+]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Index of a cell in a rate card's flat arrays. */
export function cellIndex(card: RateCard, d: number, s: number, b: number): number {
  return (d * SERVICES.length + s) * card.brackets.length + b;
}

/** A weight this close above a bracket's end still falls in that bracket (rounding of user weights). */
export const BRACKET_TOLERANCE_KG = 1e-9;

/** Index of the smallest bracket whose upper bound is ≥ weight; -1 when the weight is beyond the card. */
export function bracketIndex(brackets: Float64Array, weightKg: number): number {
  for (let b = 0; b < brackets.length; b++) if (weightKg <= brackets[b]! + BRACKET_TOLERANCE_KG) return b;
  return -1;
}

/**
 * Builds a rate card from a parsed CSV, checking every row (unknown country, negative price, bad
 * basis, duplicate rows, missing brackets in a lane, price falling with weight).
 * @returns the card, or the diagnostics when any error was found.
 */
export function buildRateCard(table: CsvTable): { card?: RateCard; diagnostics: Diagnostic[] } {
  const r = new CsvReader(table);
  type Row = { row: CsvTable['rows'][number]; dest: string; w: number; s: Service; price: number; dmin: number; dmax: number; basis: string; bat: [number, number] };
  const hasBattery = BATTERY_COLUMNS.some((c) => table.header.includes(c));
  const rows: Row[] = [];
  for (const row of table.rows) {
    const dest = r.string(row, 'destination', { required: true });
    if (dest && (!isCountryCode(dest) || dest !== dest.toUpperCase() || dest.length !== 2))
      r.problem(row, 'destination', text(`"${dest}" is not an ISO 3166-1 alpha-2 country code`, `"${dest}" 不是 ISO 3166-1 二位国家代码`), text('use two capital letters, e.g. ES, SA, US', '请用两个大写字母，如 ES、SA、US'));
    const w = r.number(row, 'max_weight_kg', { exclusiveMin: 0, hint: text('the upper bound of the weight bracket in kg, e.g. 0.5', '重量段上限（千克），如 0.5') });
    const s = r.oneOf(row, 'service', SERVICES);
    const price = r.number(row, 'price_cny', { min: 0, hint: text('a price in CNY, not negative, e.g. 14.2', '以元计的价格，不能为负，如 14.2') });
    const dmin = r.number(row, 'days_min', { min: 0 });
    const dmax = r.number(row, 'days_max', { min: 0 });
    if (dmax < dmin) r.problem(row, 'days_max', text(`days_max ${dmax} is below days_min ${dmin}`, `days_max ${dmax} 小于 days_min ${dmin}`), text('swap them', '请交换两者'));
    const basis = r.string(row, 'basis', { required: true });
    if (basis && !/^(source|assumption):./.test(basis)) r.problem(row, 'basis', text('basis must start with "source:" or "assumption:"', 'basis 须以 "source:" 或 "assumption:" 开头'), text('write source:<document and clause> or assumption:<why this value>', '请写 source:<文件与条款> 或 assumption:<取值理由>'));
    const bat: [number, number] = [NaN, NaN];
    if (hasBattery)
      BATTERY_COLUMNS.forEach((col, k) => {
        const v = batteryCell(r.raw(row, col));
        if (v === undefined) r.problem(row, col, ...cardCellProblem(col, r.raw(row, col)));
        else bat[k] = v;
      });
    rows.push({ row, dest, w, s, price, dmin, dmax, basis, bat });
  }
  if (r.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: r.diagnostics };

  const destinations = [...new Set(rows.map((x) => x.dest))];
  const destIndex = new Map(destinations.map((d, i) => [d, i]));
  const brackets = Float64Array.from([...new Set(rows.map((x) => x.w))].sort((a, b) => a - b));
  const nb = brackets.length;
  const size = destinations.length * SERVICES.length * nb;
  const card: RateCard = { file: table.file, destinations, destIndex, brackets, price: new Float64Array(size).fill(NaN), line: new Int32Array(size), basis: new Array<string>(size).fill(''), daysMin: new Float64Array(destinations.length * SERVICES.length).fill(NaN), daysMax: new Float64Array(destinations.length * SERVICES.length).fill(NaN) };
  if (hasBattery) card.battery = new Float64Array(size * 2).fill(NaN);
  for (const x of rows) {
    const d = destIndex.get(x.dest)!;
    const s = SERVICES.indexOf(x.s);
    const b = brackets.indexOf(x.w);
    const i = cellIndex(card, d, s, b);
    if (card.line[i]) {
      r.problem(x.row, 'max_weight_kg', text(`duplicate row: ${x.dest} ${x.s} ≤ ${x.w} kg is already on line ${card.line[i]}`, `重复行：${x.dest} ${x.s} ≤ ${x.w} 千克已在第 ${card.line[i]} 行`), text('keep one row per destination, service and bracket', '每个目的地、服务与重量段只保留一行'));
      continue;
    }
    card.price[i] = x.price;
    card.line[i] = x.row.line;
    card.basis[i] = x.basis;
    if (card.battery) {
      card.battery[i * 2] = x.bat[0];
      card.battery[i * 2 + 1] = x.bat[1];
    }
    const lane = d * SERVICES.length + s;
    if (!Number.isNaN(card.daysMin[lane]!) && (card.daysMin[lane] !== x.dmin || card.daysMax[lane] !== x.dmax))
      r.problem(x.row, 'days_min', text(`delivery days ${x.dmin}–${x.dmax} differ from the lane's other rows (${card.daysMin[lane]}–${card.daysMax[lane]})`, `时效 ${x.dmin}–${x.dmax} 与同线路其他行（${card.daysMin[lane]}–${card.daysMax[lane]}）不一致`), text('use the same days for every bracket of a destination and service', '同一目的地与服务的各重量段请用相同时效'));
    card.daysMin[lane] = x.dmin;
    card.daysMax[lane] = x.dmax;
  }
  // gaps (a lane without one of the card's brackets) and prices that fall with weight
  for (let d = 0; d < destinations.length; d++) {
    for (let s = 0; s < SERVICES.length; s++) {
      const present = [...brackets.keys()].filter((b) => card.line[cellIndex(card, d, s, b)]! > 0);
      if (present.length === 0) continue;
      const firstLine = card.line[cellIndex(card, d, s, present[0]!)]!;
      for (let b = 0; b < nb; b++) {
        const i = cellIndex(card, d, s, b);
        if (!card.line[i]) {
          r.diagnostics.push({ location: { file: table.file, line: firstLine, col: 2, pointer: `row ${firstLine}, column max_weight_kg` }, message: text(`gap: ${destinations[d]} ${SERVICES[s]} has no ≤ ${brackets[b]} kg bracket`, `缺口：${destinations[d]} ${SERVICES[s]} 缺少 ≤ ${brackets[b]} 千克的重量段`), remedy: text(`add a row for ${brackets[b]} kg (every lane uses the same brackets: ${[...brackets].join(', ')})`, `请补上 ${brackets[b]} 千克一行（各线路重量段相同：${[...brackets].join('、')}）`), severity: 'error' });
          continue;
        }
        const prev = b > 0 ? card.price[cellIndex(card, d, s, b - 1)]! : NaN;
        if (card.price[i]! < prev) r.diagnostics.push({ location: { file: table.file, line: card.line[i]!, col: 4, pointer: `row ${card.line[i]}, column price_cny` }, message: text(`price falls with weight: ${card.price[i]} CNY for ≤ ${brackets[b]} kg is below ${prev} CNY for ≤ ${brackets[b - 1]} kg`, `价格随重量下降：≤ ${brackets[b]} 千克 ${card.price[i]} 元低于 ≤ ${brackets[b - 1]} 千克的 ${prev} 元`), remedy: text('a heavier bracket cannot be cheaper; check the row order and prices', '更重的重量段不能更便宜；请检查行序与价格'), severity: 'error' });
      }
    }
  }
  return r.diagnostics.some((d) => d.severity === 'error') ? { diagnostics: r.diagnostics } : { card, diagnostics: r.diagnostics };
}

/** Reads and checks a rate card. @throws {DiagnosticsError} | {UserInputError} */
export async function readRateCard(file: string): Promise<RateCard> {
  const { card, diagnostics } = buildRateCard(await readCsvTable(file, RATE_CARD_COLUMNS));
  if (!card) throw new DiagnosticsError(diagnostics.filter((d) => d.severity === 'error'));
  return card;
}

type CachedCard = { destinations: string[]; brackets: number[]; price: (number | null)[]; line: number[]; basis: string[]; daysMin: (number | null)[]; daysMax: (number | null)[]; battery?: (number | null)[] };
const nanOf = (a: (number | null)[]) => Float64Array.from(a, (x) => (x === null ? NaN : x));

/**
 * Parses and checks a rate card from its text. A card that was built before without any
 * diagnostic comes from the on-disk cache (see sim/io/cache.ts), keyed by its exact text.
 */
export function rateCardFromSource(file: string, source: string): { card?: RateCard; diagnostics: Diagnostic[] } {
  const key = cacheKey('rate-card', source);
  const hit = cacheGet<CachedCard>(key);
  if (hit) {
    const card: RateCard = { file, destinations: hit.destinations, destIndex: new Map(hit.destinations.map((d, i) => [d, i])), brackets: Float64Array.from(hit.brackets), price: nanOf(hit.price), line: Int32Array.from(hit.line), basis: hit.basis, daysMin: nanOf(hit.daysMin), daysMax: nanOf(hit.daysMax), ...(hit.battery ? { battery: nanOf(hit.battery) } : {}) };
    return { card, diagnostics: [] };
  }
  const built = buildRateCard(parseCsvTable(file, source, RATE_CARD_COLUMNS));
  if (built.card && built.diagnostics.length === 0) {
    const c = built.card;
    const num = (a: Float64Array) => Array.from(a, (x) => (Number.isNaN(x) ? null : x));
    cacheSet(key, { destinations: c.destinations, brackets: [...c.brackets], price: num(c.price), line: [...c.line], basis: c.basis, daysMin: num(c.daysMin), daysMax: num(c.daysMax), ...(c.battery ? { battery: num(c.battery) } : {}) } satisfies CachedCard);
  }
  return built;
}

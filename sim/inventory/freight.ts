/**
 * Freight options for warehouse stock (head-haul China → warehouse): air, sea LCL, sea FCL and rail,
 * each priced per kg or m³ (whichever is higher), per container started, with a minimum charge,
 * volume tiers and a lead-time range. The shipped card is data/rates/warehouse-headhaul.csv; a
 * client card with the same columns replaces it (`rateCards.warehouseHeadhaul`).
 */
import { isCountryCode } from '../io/country-code.ts';
import type { Diagnostic } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { CsvReader, type CsvTable } from '../io/index.ts';
import { M } from './messages.ts';

export const FREIGHT_MODES = ['air', 'sea-lcl', 'sea-fcl', 'rail'] as const;
export type FreightMode = (typeof FREIGHT_MODES)[number];
export const HEADHAUL_CARD = 'data/rates/warehouse-headhaul.csv';
export const HEADHAUL_COLUMNS = ['destination', 'mode', 'min_m3', 'cny_per_kg', 'cny_per_m3', 'cny_per_container', 'container_m3', 'min_charge_cny', 'days_min', 'days_max', 'basis'] as const;

/** One volume tier of one option (a row of the card). */
export interface FreightTier {
  minM3: number;
  cnyPerKg: number;
  cnyPerM3: number;
  /** > 0: charged per container started (`containerM3` each) instead of per kg / m³. */
  cnyPerContainer: number;
  containerM3: number;
  minChargeCny: number;
  line: number;
  basis: string;
}

/** One freight option of one warehouse site: its tiers (ascending `minM3`, the first at 0) and lead time. */
export interface FreightOption {
  site: string;
  mode: FreightMode;
  tiers: FreightTier[];
  /** Lead time door to warehouse, days: uniform over [daysMin, daysMax]. */
  daysMin: number;
  daysMax: number;
  file: string;
}

/** A head-haul card: options by `site/mode`. */
export interface HeadhaulCard {
  file: string;
  options: Map<string, FreightOption>;
}

/**
 * Charge of one shipment, CNY: the tier of its volume; per container started, or the higher of
 * kg × rate and m³ × rate; never below the tier's minimum.
 * @example freightCharge(lcl, 300, 2) // 2 m³ LCL at 2,790 CNY/m³ (W/M) = 5,580
 */
export function freightCharge(o: FreightOption, kg: number, m3: number): number {
  if (!(kg > 0) && !(m3 > 0)) return 0;
  let t = o.tiers[0]!;
  for (let i = 1; i < o.tiers.length; i++) if (m3 >= o.tiers[i]!.minM3) t = o.tiers[i]!;
  const c = t.cnyPerContainer > 0 ? Math.max(1, Math.ceil(m3 / t.containerM3 - 1e-9)) * t.cnyPerContainer : Math.max(kg * t.cnyPerKg, m3 * t.cnyPerM3);
  return Math.max(c, t.minChargeCny);
}

/** Mean lead time of an option, days. */
export function meanLeadDays(o: FreightOption): number {
  return (o.daysMin + o.daysMax) / 2;
}

/** Standard deviation of the (uniform) lead time, days. */
export function sdLeadDays(o: FreightOption): number {
  return (o.daysMax - o.daysMin) / Math.sqrt(12);
}

/** Builds a head-haul card from a parsed CSV, checking every row; errors are located at their cell. */
export function buildHeadhaulCard(table: CsvTable): { card?: HeadhaulCard; diagnostics: Diagnostic[] } {
  const r = new CsvReader(table);
  const options = new Map<string, FreightOption>();
  for (const row of table.rows) {
    const dest = r.string(row, 'destination', { required: true });
    if (dest && (!/^[A-Z]{2}$/.test(dest) || !isCountryCode(dest))) r.problem(row, 'destination', text(`"${dest}" is not an ISO 3166-1 alpha-2 country code`, `"${dest}" 不是 ISO 3166-1 二位国家代码`), text('the country of the warehouse site, e.g. PL', '填写仓库所在国家，如 PL'));
    const mode = r.oneOf(row, 'mode', FREIGHT_MODES);
    const minM3 = r.number(row, 'min_m3', { min: 0, hint: M.minM3Hint });
    const cnyPerKg = r.number(row, 'cny_per_kg', { min: 0 });
    const cnyPerM3 = r.number(row, 'cny_per_m3', { min: 0 });
    const cnyPerContainer = r.number(row, 'cny_per_container', { min: 0, hint: text('CNY per container, or 0 when priced per kg / m³', '每柜人民币；按公斤/立方计价时填 0') });
    const containerM3 = r.number(row, 'container_m3', { min: 0 });
    const minChargeCny = r.number(row, 'min_charge_cny', { min: 0 });
    const daysMin = r.number(row, 'days_min', { min: 0 });
    const daysMax = r.number(row, 'days_max', { min: 0 });
    const basis = r.string(row, 'basis', { required: true });
    if (basis && !/^(source|assumption):./.test(basis)) r.problem(row, 'basis', text('basis must start with "source:" or "assumption:"', 'basis 须以 "source:" 或 "assumption:" 开头'), text('write source:<quote, date> or assumption:<why>', '请写 source:<报价与日期> 或 assumption:<理由>'));
    if (cnyPerContainer > 0 && !(containerM3 > 0)) r.problem(row, 'container_m3', text('a row priced per container needs the container\'s volume', '按柜计价的行须填写柜容积'), text('write the loadable m³ of one container, e.g. 58 for a 40 ft', '请填写单柜可装立方数，如 40 尺柜填 58'));
    if (!(cnyPerContainer > 0) && !(cnyPerKg > 0) && !(cnyPerM3 > 0) && Number.isFinite(cnyPerKg + cnyPerM3 + cnyPerContainer)) r.problem(row, 'cny_per_kg', M.noPrice, M.noPriceFix);
    if (daysMax < daysMin) r.problem(row, 'days_max', text(`days_max ${daysMax} is below days_min ${daysMin}`, `days_max ${daysMax} 小于 days_min ${daysMin}`), text('swap them', '请交换两者'));
    const key = `${dest}/${mode}`;
    let o = options.get(key);
    if (!o) {
      o = { site: dest, mode, tiers: [], daysMin, daysMax, file: table.file };
      options.set(key, o);
    } else if (o.daysMin !== daysMin || o.daysMax !== daysMax) r.problem(row, 'days_min', text(`the tiers of ${dest} ${mode} give different lead times`, `${dest} ${mode} 各档的时效不一致`), text('give every tier of an option the same days_min and days_max', '同一方式各档请填相同的 days_min 与 days_max'));
    if (o.tiers.some((t) => t.minM3 === minM3)) r.problem(row, 'min_m3', text(`duplicate tier ${minM3} m³ for ${dest} ${mode}`, `${dest} ${mode} 的 ${minM3} 立方档重复`), text('keep one row per site, mode and tier', '每个仓、方式与档位只保留一行'));
    o.tiers.push({ minM3, cnyPerKg, cnyPerM3, cnyPerContainer, containerM3, minChargeCny, line: row.line, basis });
  }
  for (const o of options.values()) {
    o.tiers.sort((a, b) => a.minM3 - b.minM3);
    if (o.tiers[0] && o.tiers[0].minM3 !== 0) r.problem(table.rows.find((x) => x.line === o.tiers[0]!.line)!, 'min_m3', text(`${o.site} ${o.mode} has no first tier (min_m3 0)`, `${o.site} ${o.mode} 缺少首档（min_m3 为 0）`), text('add a row with min_m3 0', '请添加 min_m3 为 0 的一行'));
  }
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return errors.length ? { diagnostics: r.diagnostics } : { card: { file: table.file, options }, diagnostics: r.diagnostics };
}

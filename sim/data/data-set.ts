/**
 * Loading stage for data/: the rate cards, warehouse.json and modes.json, each checked with located
 * messages. Every figure keeps its basis so reports can list the assumptions a run used.
 */
import { isCountryCode } from '../io/country-code.ts';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { DiagnosticsError, UserInputError, type Diagnostic } from '../errors.ts';
import { text, type Text } from '../i18n/index.ts';
import { namedValidator, readCsvSource, readValidJson, type JsonDocument } from '../io/index.ts';
import type { ValidateFunction } from 'ajv';
import { toJsonSchema } from '../rules/schema/emit.ts';
import { canonicalJson } from '../rules/rule-set.ts';
import { compileDist, distProblems } from '../random/dist.ts';
import { rateCardFromSource, type RateCard } from './rate-card.ts';
import { HEADHAUL_CARD, buildHeadhaulCard, type HeadhaulCard } from '../inventory/freight.ts';
import { parseCsvTable } from '../io/index.ts';
import { customsProblems } from '../landed/data.ts';
import { BatteryFileSchema, type BatteryFile } from '../battery/schema.ts';
import { batteryProblems } from '../battery/data.ts';
import { CustomsFileSchema, FxFileSchema, type CustomsFile, type FxFile } from '../landed/schema.ts';
import { TPL_INBOUND_UNITS, TPL_PARAMS, TplFileSchema, type TplFile, type TplParam, MODE_PARAMS, ModesFileSchema, RateUncertaintyFileSchema, type RateUncertaintyFile, WAREHOUSE_FRACTIONS, WAREHOUSE_PARAMS, WarehouseFileSchema, type ModeParam, type ModesFile, type Param, type WarehouseFile, type WarehouseParam } from './schema.ts';

/** Warehouse params of one market, defaults filled in. */
export type WarehouseParams = Record<WarehouseParam, number>;

/** 3PL tariff params of one market, defaults filled in. */
export type TplParams = Record<TplParam, number> & { inboundUnit: 'carton' | 'pallet' };

export interface DataSet {
  projectDir: string;
  /** Rate cards by their path relative to the project folder (e.g. `data/rates/direct.csv`). */
  rateCards: ReadonlyMap<string, RateCard>;
  direct: RateCard;
  lastMile: RateCard;
  /** Last mile from a warehouse in another country (a site serving a foreign destination). */
  crossBorder: RateCard;
  /** Freight options China → warehouse site (data/rates/warehouse-headhaul.csv). */
  headhaul: HeadhaulCard;
  modes: ModesFile;
  modeValues: Record<ModeParam, number>;
  warehouse: WarehouseFile;
  /** The shipped 3PL overseas-warehouse tariff (data/tpl.json). */
  tpl: TplFile;
  /** Default uncertainty of the shipped rate cards (data/rate-uncertainty.json). */
  rateUncertainty: RateUncertaintyFile;
  /** Customs regimes, VAT and tariff rates (data/customs-regimes.json). */
  customs: CustomsFile;
  /** Exchange rates, CNY per unit (data/fx.json): the one FX source of the project. */
  fx: FxFile;
  /** Lithium-battery lanes and surcharges per leg (data/battery.json). */
  battery: BatteryFile;
  /** sha256 over the content of every data file read. */
  fingerprint: string;
}

export const DIRECT_CARD = 'data/rates/direct.csv';
export const LAST_MILE_CARD = 'data/rates/warehouse-last-mile.csv';
export const CROSS_BORDER_CARD = 'data/rates/warehouse-cross-border.csv';

/** JSON Schemas of the data files, by validator name (also pre-compiled by the build). */
export const DATA_SCHEMAS = {
  'data/modes': () => toJsonSchema(ModesFileSchema, { id: 'modes', title: 'modes' }),
  'data/warehouse': () => toJsonSchema(WarehouseFileSchema, { id: 'warehouse', title: 'warehouse' }),
  'data/rate-uncertainty': () => toJsonSchema(RateUncertaintyFileSchema, { id: 'rate-uncertainty', title: 'rate-uncertainty' }),
  'data/customs-regimes': () => toJsonSchema(CustomsFileSchema, { id: 'customs-regimes', title: 'customs-regimes' }),
  'data/fx': () => toJsonSchema(FxFileSchema, { id: 'fx', title: 'fx' }),
  'data/tpl': () => toJsonSchema(TplFileSchema, { id: 'tpl', title: 'tpl' }),
  'data/battery': () => toJsonSchema(BatteryFileSchema, { id: 'battery', title: 'battery' }),
};

/**
 * Meaning checks of a 3PL tariff (data/tpl.json, or a client's tariff): known params only, numbers ≥ 0,
 * `inboundUnit` carton or pallet, the carton/pallet volume above 0, ISO country codes. `complete`: the
 * defaults must hold every param (the shipped file; a client file may give only what it knows).
 */
export function tplProblems(doc: JsonDocument, file: TplFile, complete: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known: readonly string[] = [...TPL_PARAMS, 'inboundUnit'];
  const one = (base: string, params: Record<string, Param>) => {
    for (const [name, p] of Object.entries(params)) {
      if (name === 'inboundUnit') {
        if (!(TPL_INBOUND_UNITS as readonly unknown[]).includes(p.value)) out.push(doc.diag(`${base}/${name}/value`, text('inboundUnit must be "carton" or "pallet"', 'inboundUnit 须为 "carton" 或 "pallet"'), text('write "carton" or "pallet"', '请写 "carton" 或 "pallet"')));
      } else if (!known.includes(name)) out.push(doc.diag(`${base}/${name}`, text(`unknown 3PL tariff param "${name}"`, `未知的第三方仓收费参数 "${name}"`), text(`use one of: ${known.join(', ')}`, `请使用以下之一：${known.join('、')}`)));
      else if (typeof p.value !== 'number' || !Number.isFinite(p.value) || p.value < 0) out.push(doc.diag(`${base}/${name}/value`, text(`"${name}" must be a number ≥ 0`, `"${name}" 须为 ≥ 0 的数值`), text('write a non-negative number without quotes', '请写不带引号的非负数')));
      else if (name === 'inboundUnitM3' && !(p.value > 0)) out.push(doc.diag(`${base}/${name}/value`, text('inboundUnitM3 must be above 0', 'inboundUnitM3 须大于 0'), text('write the volume of one carton or pallet in m³, e.g. 0.06', '请写一箱或一托的体积（立方米），如 0.06')));
    }
  };
  if (complete) for (const name of [...TPL_PARAMS, 'inboundUnit']) if (!file.defaults[name]) out.push(doc.diag('/defaults', ...missingParam(name)));
  one('/defaults', file.defaults);
  for (const [market, params] of Object.entries(file.markets)) {
    if (!isCountryCode(market) || market !== market.toUpperCase()) out.push(doc.diag(`/markets/${market}`, text(`"${market}" is not an ISO 3166-1 alpha-2 country code`, `"${market}" 不是 ISO 3166-1 二位国家代码`), text('use two capital letters, e.g. PL', '请用两个大写字母，如 PL')));
    one(`/markets/${market}`, params);
  }
  return out;
}

/** "missing param" and how to add it (one text for every data file). */
function missingParam(name: string): [Text, Text] {
  return [text(`missing param "${name}"`, `缺少参数 "${name}"`), text(`add "${name}": { "value": …, "unit": …, "basis": "source:…|assumption:…" }`, `请添加 "${name}": { "value": …, "unit": …, "basis": "source:…|assumption:…" }`)];
}

function checkParams(doc: JsonDocument, params: Record<string, Param>, base: string, required: readonly string[], fractions: readonly string[], out: Diagnostic[]): void {
  for (const name of required) {
    const p = params[name];
    if (!p) {
      out.push(doc.diag(base, ...missingParam(name)));
      continue;
    }
    if (typeof p.value !== 'number' || p.value < 0) out.push(doc.diag(`${base}/${name}/value`, text(`"${name}" must be a number ≥ 0`, `"${name}" 须为 ≥ 0 的数值`), text('write a non-negative number without quotes', '请写不带引号的非负数')));
    else if (fractions.includes(name) && p.value > 1) out.push(doc.diag(`${base}/${name}/value`, text(`"${name}" is a fraction but is ${p.value}`, `"${name}" 为比率，但取值为 ${p.value}`), text('rates are fractions: write 10 % as 0.1', '比率用小数：10% 写作 0.1')));
  }
}

/** A param no model reads is an error: every figure in data/ must drive an output (facts for reading belong in data/README.md). */
function unread(doc: JsonDocument, params: Record<string, Param>, base: string, known: readonly string[], out: Diagnostic[]): void {
  for (const name of Object.keys(params))
    if (!known.includes(name)) out.push(doc.diag(`${base}/${name}`, text(`"${name}" is not read by any model`, `没有模型读取 "${name}"`), text(`remove it (keep facts for reading in data/README.md), or use one of: ${known.join(', ')}`, `请删除（供阅读的事实写入 data/README.md），或使用以下之一：${known.join('、')}`)));
}

/** Reads and checks every data file; returns the set when all are valid, and every diagnostic. */
export async function readDataSet(projectDir: string, rateCardPaths: readonly string[] = []): Promise<{ dataSet?: DataSet; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const hash = createHash('sha256');
  const shown = (p: string) => relative(process.cwd(), join(projectDir, p)) || join(projectDir, p);
  const cards = new Map<string, RateCard>();
  for (const path of [...new Set([...rateCardPaths, DIRECT_CARD, LAST_MILE_CARD, CROSS_BORDER_CARD])].sort()) {
    try {
      const source = await readCsvSource(shown(path));
      hash.update(`${path}\n${source}\n`);
      const { card, diagnostics: ds } = rateCardFromSource(shown(path), source);
      diagnostics.push(...ds);
      if (card) cards.set(path, card);
    } catch (e) {
      if (e instanceof DiagnosticsError) diagnostics.push(...e.diagnostics);
      else if (e instanceof UserInputError) diagnostics.push({ location: { file: shown(path), line: 1, col: 1, pointer: '' }, message: text(`cannot read ${path}`, `无法读取 ${path}`), remedy: text('restore the file or fix the path in rules/fees.json', '请恢复该文件或修正 rules/fees.json 中的路径'), severity: 'error' });
      else throw e;
    }
  }
  const readDoc = async (name: string, validate: ValidateFunction) => {
    try {
      const { doc, valid } = await readValidJson(shown(`data/${name}`), validate, diagnostics);
      if (doc) hash.update(`${name}\n${canonicalJson(doc.value)}\n`);
      return valid ? doc : undefined;
    } catch (e) {
      if (!(e instanceof UserInputError)) throw e;
      diagnostics.push({ location: { file: shown(`data/${name}`), line: 1, col: 1, pointer: '' }, message: text(`cannot read data/${name}`, `无法读取 data/${name}`), remedy: text('restore the file', '请恢复该文件'), severity: 'error' });
      return undefined;
    }
  };
  const modesDoc = await readDoc('modes.json', namedValidator('data/modes', DATA_SCHEMAS['data/modes']));
  const warehouseDoc = await readDoc('warehouse.json', namedValidator('data/warehouse', DATA_SCHEMAS['data/warehouse']));
  const uncertaintyDoc = await readDoc('rate-uncertainty.json', namedValidator('data/rate-uncertainty', DATA_SCHEMAS['data/rate-uncertainty']));
  const customsDoc = await readDoc('customs-regimes.json', namedValidator('data/customs-regimes', DATA_SCHEMAS['data/customs-regimes']));
  const fxDoc = await readDoc('fx.json', namedValidator('data/fx', DATA_SCHEMAS['data/fx']));
  const tplDoc = await readDoc('tpl.json', namedValidator('data/tpl', DATA_SCHEMAS['data/tpl']));
  const batteryDoc = await readDoc('battery.json', namedValidator('data/battery', DATA_SCHEMAS['data/battery']));
  let battery = batteryDoc?.value as BatteryFile | undefined;
  if (batteryDoc && battery) {
    const ps = batteryProblems(batteryDoc, battery);
    diagnostics.push(...ps);
    if (ps.length) battery = undefined;
  }
  let tpl = tplDoc?.value as TplFile | undefined;
  if (tplDoc && tpl) {
    const ps = tplProblems(tplDoc, tpl, true);
    diagnostics.push(...ps);
    if (ps.length) tpl = undefined;
  }
  const fx = fxDoc?.value as FxFile | undefined;
  let customs = customsDoc?.value as CustomsFile | undefined;
  if (customsDoc && customs) {
    const ps = customsProblems(customsDoc, customs, fx);
    diagnostics.push(...ps);
    if (ps.length) customs = undefined;
  }
  const rateUncertainty = uncertaintyDoc?.value as RateUncertaintyFile | undefined;
  if (uncertaintyDoc && rateUncertainty) {
    for (const [leg, u] of Object.entries(rateUncertainty.legs)) {
      for (const p of distProblems(u.multiplier)) diagnostics.push(uncertaintyDoc.diag(`/legs/${leg}/multiplier/${p.field}`, text(p.en, p.zh), text('fix the distribution parameters', '请修正分布参数')));
      if (!distProblems(u.multiplier).length && !(compileDist(u.multiplier).support[0] > 0)) diagnostics.push(uncertaintyDoc.diag(`/legs/${leg}/multiplier`, text('a rate multiplier must stay above 0', '运价系数须大于 0'), text('raise min above 0', '请把 min 调到 0 以上')));
    }
  }
  let modes: ModesFile | undefined;
  let warehouse: WarehouseFile | undefined;
  if (modesDoc) {
    modes = modesDoc.value as ModesFile;
    const before = diagnostics.length;
    checkParams(modesDoc, modes.params, '/params', MODE_PARAMS, ['jitReturnReductionVsDirect', 'directReturnCostShareOfPrice', 'industryReturnRate', 'salesUpliftPerBusinessDay', 'salesUpliftPerBusinessDayMin', 'salesUpliftPerBusinessDayMax', 'businessDaysPerCalendarDay'], diagnostics);
    unread(modesDoc, modes.params, '/params', MODE_PARAMS, diagnostics);
    if (diagnostics.length > before) modes = undefined;
  }
  if (warehouseDoc) {
    warehouse = warehouseDoc.value as WarehouseFile;
    const before = diagnostics.length;
    checkParams(warehouseDoc, warehouse.defaults, '/defaults', WAREHOUSE_PARAMS, WAREHOUSE_FRACTIONS, diagnostics);
    unread(warehouseDoc, warehouse.defaults, '/defaults', WAREHOUSE_PARAMS, diagnostics);
    for (const [market, params] of Object.entries(warehouse.markets)) {
      if (!isCountryCode(market) || market !== market.toUpperCase()) diagnostics.push(warehouseDoc.diag(`/markets/${market}`, text(`"${market}" is not an ISO 3166-1 alpha-2 country code`, `"${market}" 不是 ISO 3166-1 二位国家代码`), text('use two capital letters, e.g. ES', '请用两个大写字母，如 ES')));
      for (const name of Object.keys(params)) {
        if (!(WAREHOUSE_PARAMS as readonly string[]).includes(name)) diagnostics.push(warehouseDoc.diag(`/markets/${market}/${name}`, text(`unknown warehouse param "${name}"`, `未知的仓库参数 "${name}"`), text(`use one of: ${WAREHOUSE_PARAMS.join(', ')}`, `请使用以下之一：${WAREHOUSE_PARAMS.join('、')}`)));
        else checkParams(warehouseDoc, params, `/markets/${market}`, [name], WAREHOUSE_FRACTIONS, diagnostics);
      }
    }
    if (diagnostics.length > before) warehouse = undefined;
  }
  let headhaul: HeadhaulCard | undefined;
  try {
    const source = await readCsvSource(shown(HEADHAUL_CARD));
    hash.update(`${HEADHAUL_CARD}\n${source}\n`);
    const built = buildHeadhaulCard(parseCsvTable(shown(HEADHAUL_CARD), source));
    diagnostics.push(...built.diagnostics);
    if (built.card) headhaul = { ...built.card, file: HEADHAUL_CARD };
  } catch (e) {
    if (e instanceof DiagnosticsError) diagnostics.push(...e.diagnostics);
    else if (e instanceof UserInputError) diagnostics.push({ location: { file: shown(HEADHAUL_CARD), line: 1, col: 1, pointer: '' }, message: text(`cannot read ${HEADHAUL_CARD}`, `无法读取 ${HEADHAUL_CARD}`), remedy: text('restore the file', '请恢复该文件'), severity: 'error' });
    else throw e;
  }
  const direct = cards.get(DIRECT_CARD);
  const lastMile = cards.get(LAST_MILE_CARD);
  const crossBorder = cards.get(CROSS_BORDER_CARD);
  if (!modes || !warehouse || !headhaul || !tpl || !battery || !rateUncertainty || !customs || !fx || !direct || !lastMile || !crossBorder || diagnostics.some((d) => d.severity === 'error') || rateCardPaths.some((p) => !cards.has(p))) return { diagnostics };
  const modeValues = Object.fromEntries(MODE_PARAMS.map((k) => [k, modes.params[k]!.value as number])) as Record<ModeParam, number>;
  return { diagnostics, dataSet: { projectDir, rateCards: cards, direct, lastMile, crossBorder, headhaul, modes, modeValues, warehouse, tpl, battery, rateUncertainty, customs, fx, fingerprint: hash.digest('hex') } };
}

/** Loads the data folder. @throws {DiagnosticsError} */
export async function loadDataSet(projectDir: string, rateCardPaths: readonly string[] = []): Promise<DataSet> {
  const { dataSet, diagnostics } = await readDataSet(projectDir, rateCardPaths);
  if (!dataSet) throw new DiagnosticsError(diagnostics.filter((d) => d.severity === 'error'));
  return dataSet;
}

/** The warehouse params of a market: its own values where given, else the defaults. */
export function warehouseParams(data: DataSet, market: string, overrides: Partial<Record<WarehouseParam, number>> = {}): WarehouseParams {
  const m = data.warehouse.markets[market] ?? {};
  const pick = (k: string) => overrides[k as WarehouseParam] ?? m[k]?.value ?? data.warehouse.defaults[k]!.value;
  return Object.fromEntries(WAREHOUSE_PARAMS.map((k) => [k, pick(k) as number])) as Record<WarehouseParam, number>;
}

/**
 * The 3PL tariff of a market: the client's tariff (its market, then its defaults) where it gives a
 * figure, else the shipped data/tpl.json (its market, then its defaults).
 */
export function tplParams(data: Pick<DataSet, 'tpl'>, market: string, client: TplFile | null = null): TplParams {
  const pick = (k: string) => client?.markets[market]?.[k]?.value ?? client?.defaults[k]?.value ?? data.tpl.markets[market]?.[k]?.value ?? data.tpl.defaults[k]!.value;
  const out = Object.fromEntries(TPL_PARAMS.map((k) => [k, pick(k) as number])) as Record<TplParam, number>;
  return { ...out, inboundUnit: pick('inboundUnit') === 'pallet' ? 'pallet' : 'carton' };
}

/** Every assumption-flagged figure of the data files, with its reasoning (for reports). */
export function dataAssumptions(data: DataSet): { id: string; value: number | string; unit?: string; basis: string }[] {
  const out: { id: string; value: number | string; unit?: string; basis: string }[] = [];
  for (const [k, p] of Object.entries(data.modes.params)) if (p.basis.startsWith('assumption:')) out.push({ id: `modes.${k}`, value: p.value, ...(p.unit ? { unit: p.unit } : {}), basis: p.basis });
  for (const [k, p] of Object.entries(data.warehouse.defaults)) if (p.basis.startsWith('assumption:')) out.push({ id: `warehouse.${k}`, value: p.value, ...(p.unit ? { unit: p.unit } : {}), basis: p.basis });
  for (const [k, p] of Object.entries(data.tpl.defaults)) if (p.basis.startsWith('assumption:')) out.push({ id: `tpl.${k}`, value: p.value, ...(p.unit ? { unit: p.unit } : {}), basis: p.basis });
  for (const r of data.customs.regimes) if (r.basis.includes('assumption:')) out.push({ id: `customs-regimes.${r.id}`, value: r.confidence, basis: r.basis });
  for (const r of data.customs.tariffs) if (r.basis.startsWith('assumption:')) out.push({ id: `customs-regimes.tariffs.${r.countries.join('+')}.${r.category}${r.from ? `.${r.from}` : ''}`, value: r.rate, unit: 'fraction', basis: r.basis });
  for (const r of data.customs.vatRates) if (r.basis.startsWith('assumption:')) out.push({ id: `customs-regimes.vatRates.${r.countries.join('+')}`, value: r.rate, unit: 'fraction', basis: r.basis });
  return out;
}

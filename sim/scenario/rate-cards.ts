/**
 * Client rate cards (`rateCards` of a scenario): for each leg — JIT logistics, direct, warehouse
 * last mile, warehouse head-haul — the client's own CSV may replace the shipped card, lanes it does
 * not cover may fall back to the shipped card (only when allowed), fixed per-lane factors
 * (`laneMultipliers`, e.g. from `jitsim backtest --fit-rates`) are applied, and which file priced
 * which lane is recorded. The per-trial multiplier is an uncertain input (sim/scenario/inputs.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../errors.ts';
import { DiagnosticsError, UserInputError } from '../errors.ts';
import { text } from '../i18n/index.ts';
import { readCsvTable, type JsonDocument } from '../io/index.ts';
import { RATE_CARD_COLUMNS, SERVICES, bracketIndex, buildRateCard, cellIndex, type RateCard } from '../data/rate-card.ts';
import type { DataSet } from '../data/data-set.ts';
import { FREIGHT_MODES, HEADHAUL_COLUMNS, buildHeadhaulCard, type FreightOption, type HeadhaulCard } from '../inventory/freight.ts';
import type { RateCardLeg, ScenarioFile } from './schema.ts';
import { M } from './messages.ts';

export { HEADHAUL_COLUMNS } from '../inventory/freight.ts';

/** Which file priced one lane (destination × service × weight bracket) of one leg. */
export interface LaneSource {
  leg: RateCardLeg;
  destination: string;
  service: string;
  /** Upper bound of the bracket, kg (null for the head-haul, priced per kg). */
  maxWeightKg: number | null;
  /** Path as written by the user (client card), or the shipped card's project path. */
  file: string;
  /** `client` or `shipped` (fallback or no client card). */
  origin: 'client' | 'shipped';
  /** Fixed lane factor applied (laneMultipliers), 1 when none. */
  laneMultiplier: number;
  /**
   * The per-trial rate multiplier of the lane (JSON pointer of the input), or null when none:
   * `/rateCards/<leg>/multiplier` (the client's, or the shipped card's default), or for a lane of
   * a client card that falls back to the shipped card, `/rateCards/<leg>/fallbackMultiplier` — the
   * shipped card's default uncertainty (data/rate-uncertainty.json).
   */
  uncertainty?: string | null;
}

/** The cards a run prices with, after client cards, fallback and lane factors. */
export interface ResolvedCards {
  jit: RateCard;
  direct: RateCard;
  lastMile: RateCard;
  /**
   * Per warehouse site, per FREIGHT_MODES entry: the freight option (client card, or the shipped
   * data/rates/warehouse-headhaul.csv), or null when no card offers it for the site.
   */
  headhaul: (FreightOption | null)[][];
  /** Per site and mode (site × FREIGHT_MODES.length): 1 when the option came from the shipped card although a client card is given (fallback). */
  headhaulShipped: Uint8Array;
  /** Per warehouse site: fixed lane factor on its freight charges (laneMultipliers). */
  headhaulLaneFactor: Float64Array;
  lanes: LaneSource[];
  /** Per leg: the client file (as written), or null when the shipped card is used. */
  files: Record<RateCardLeg, string | null>;
  /** sha256 of the client files' content ('' when none): part of the scenario hash. */
  digest: string;
}

const shownPath = (p: string) => relative(process.cwd(), p) || p;

/** Reads a client CSV, turning read/parse failures into diagnostics at the scenario's `file` field. */
async function readClientCard(doc: JsonDocument, leg: RateCardLeg, path: string, out: Diagnostic[]): Promise<RateCard | null> {
  try {
    const { card, diagnostics } = buildRateCard(await readCsvTable(path, RATE_CARD_COLUMNS));
    out.push(...diagnostics.filter((d) => d.severity === 'error'));
    return card ?? null;
  } catch (e) {
    if (e instanceof DiagnosticsError) out.push(...e.diagnostics);
    else if (e instanceof UserInputError) out.push(doc.diag(`/rateCards/${leg}/file`, text(`cannot read the rate card ${shownPath(path)}`, `无法读取运价表 ${shownPath(path)}`), text('give a path relative to the scenario file, to a CSV with the columns of data/rates/*.csv', '请填写相对情景文件的路径，CSV 列与 data/rates/*.csv 相同')));
    else throw e;
    return null;
  }
}

/** Lane factor of (destination, bracket): "CC/<max kg>" wins over "CC". */
function laneFactor(factors: Record<string, number> | undefined, dest: string, bracket: number | null): number {
  if (!factors) return 1;
  if (bracket !== null) {
    const k = Object.keys(factors).find((x) => x.startsWith(`${dest}/`) && Math.abs(Number(x.slice(3)) - bracket) < 1e-9);
    if (k) return factors[k]!;
  }
  return factors[dest] ?? 1;
}

interface Need {
  dest: string;
  service: string;
  /** Weight range the scenario's SKUs can take, kg. */
  lo: number;
  hi: number;
}

/**
 * The card for one leg: the shipped card, or the client card with the shipped one as fallback
 * where allowed; lane factors applied. Missing lanes are reported as one diagnostic.
 */
function mergeCard(doc: JsonDocument, leg: RateCardLeg, shipped: RateCard, client: RateCard | null, clientFile: string | null, fallback: boolean, factors: Record<string, number> | undefined, needs: Need[], out: Diagnostic[], lanes: LaneSource[]): RateCard {
  const useShipped = !client || fallback;
  const destinations = [...new Set([...(client?.destinations ?? []), ...(useShipped ? shipped.destinations : [])])];
  const brackets = Float64Array.from([...new Set([...(client ? [...client.brackets] : []), ...(useShipped ? [...shipped.brackets] : [])])].sort((a, b) => a - b));
  const nb = brackets.length;
  const size = destinations.length * SERVICES.length * nb;
  const card: RateCard = {
    file: client ? clientFile! : shipped.file,
    destinations,
    destIndex: new Map(destinations.map((d, i) => [d, i])),
    brackets,
    price: new Float64Array(size).fill(NaN),
    line: new Int32Array(size),
    basis: new Array<string>(size).fill(''),
    daysMin: new Float64Array(destinations.length * SERVICES.length).fill(NaN),
    daysMax: new Float64Array(destinations.length * SERVICES.length).fill(NaN),
  };
  if (client?.battery || shipped.battery) card.battery = new Float64Array(size * 2).fill(NaN);
  // origin of each cell: 1 client, 2 shipped
  const origin = new Uint8Array(size);
  const srcFile = new Array<string>(size).fill('');
  destinations.forEach((dest, d) => {
    for (let s = 0; s < SERVICES.length; s++) {
      const lane = d * SERVICES.length + s;
      const from = (c: RateCard | null) => {
        const cd = c?.destIndex.get(dest);
        return c && cd !== undefined && !Number.isNaN(c.daysMin[cd * SERVICES.length + s]!) ? cd : -1;
      };
      const cd = from(client);
      const sd = useShipped ? from(shipped) : -1;
      for (let b = 0; b < nb; b++) {
        const i = (lane) * nb + b;
        const f = laneFactor(factors, dest, brackets[b]!);
        const take = (c: RateCard, di: number, o: number) => {
          const cb = bracketIndex(c.brackets, brackets[b]!);
          if (cb < 0) return false;
          const ci = cellIndex(c, di, s, cb);
          if (Number.isNaN(c.price[ci]!)) return false;
          card.price[i] = c.price[ci]! * f;
          card.line[i] = c.line[ci]!;
          card.basis[i] = c.basis[ci]!;
          if (card.battery && c.battery) {
            card.battery[i * 2] = c.battery[ci * 2]!;
            card.battery[i * 2 + 1] = c.battery[ci * 2 + 1]!;
          }
          origin[i] = o;
          srcFile[i] = o === 1 ? clientFile! : (cellFiles.get(c)?.[ci] ?? c.file);
          if (Number.isNaN(card.daysMin[lane]!)) {
            card.daysMin[lane] = c.daysMin[di * SERVICES.length + s]!;
            card.daysMax[lane] = c.daysMax[di * SERVICES.length + s]!;
          }
          return true;
        };
        if (!(cd >= 0 && take(client!, cd, 1)) && sd >= 0) take(shipped, sd, 2);
      }
    }
  });
  // lanes the scenario needs: every bracket a SKU's weight can fall in
  const missing: string[] = [];
  for (const n of needs) {
    const d = card.destIndex.get(n.dest);
    const s = SERVICES.indexOf(n.service as never);
    const first = bracketIndex(brackets, n.lo);
    const last = bracketIndex(brackets, n.hi);
    if (last < 0) missing.push(`${n.dest} ${n.service} > ${brackets[nb - 1] ?? 0} kg (up to ${n.hi} kg)`);
    for (let b = Math.max(0, first); b <= (last < 0 ? nb - 1 : last); b++) {
      const i = d === undefined ? -1 : cellIndex(card, d, s, b);
      const label = `${n.dest} ${n.service} ≤ ${brackets[b]} kg`;
      if (i < 0 || Number.isNaN(card.price[i]!)) {
        if (!missing.includes(label)) missing.push(label);
        continue;
      }
      if (!lanes.some((l) => l.leg === leg && l.destination === n.dest && l.service === n.service && l.maxWeightKg === brackets[b]))
        lanes.push({ leg, destination: n.dest, service: n.service, maxWeightKg: brackets[b]!, file: srcFile[i]!, origin: origin[i] === 1 ? 'client' : 'shipped', laneMultiplier: laneFactor(factors, n.dest, brackets[b]!) });
    }
  }
  if (client && origin.some((o) => o === 2)) card.shippedCell = Uint8Array.from(origin, (o) => (o === 2 ? 1 : 0));
  if (missing.length && client) {
    out.push(
      doc.diag(
        `/rateCards/${leg}/file`,
        text(`${clientFile} does not cover ${missing.length} lane(s) this scenario uses: ${missing.join('; ')}`, `${clientFile} 未覆盖本情景用到的 ${missing.length} 条线路：${missing.join('；')}`),
        text(`add these rows to the client card, or set "fallback": "shipped" to price them with ${shipped.file}`, `请在客户运价表中补上这些行，或设置 "fallback": "shipped" 以 ${shipped.file} 计价`),
      ),
    );
  }
  // lane factors must name a lane of the card
  for (const key of Object.keys(factors ?? {})) {
    const [dest, w] = key.split('/');
    if (!card.destIndex.has(dest!)) out.push(doc.diag(`/rateCards/${leg}/laneMultipliers/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, text(`${dest} is not a destination of the ${leg} card`, `${dest} 不在 ${leg} 运价表中`), text(`use one of: ${destinations.join(', ')}`, `请使用以下之一：${destinations.join('、')}`)));
    else if (w !== undefined && ![...brackets].some((b) => Math.abs(b - Number(w)) < 1e-9)) out.push(doc.diag(`/rateCards/${leg}/laneMultipliers/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, text(`${w} kg is not a weight bracket of the ${leg} card`, `${w} 千克不是 ${leg} 运价表的重量段`), text(`use one of the brackets: ${[...brackets].join(', ')}`, `请使用以下重量段之一：${[...brackets].join('、')}`)));
  }
  return card;
}

/** A card that takes the destinations in `from` from `other` (same brackets), the rest from `base`. */
function laneSplit(base: RateCard, other: RateCard, from: string[]): RateCard {
  const card: RateCard = { ...base, file: base.file, price: base.price.slice(), line: base.line.slice(), basis: base.basis.slice(), daysMin: base.daysMin.slice(), daysMax: base.daysMax.slice() };
  const files = new Array<string>(base.price.length).fill(base.file);
  for (const dest of from) {
    const d = base.destIndex.get(dest);
    const o = other.destIndex.get(dest);
    if (d === undefined || o === undefined) continue;
    for (let s = 0; s < SERVICES.length; s++) {
      card.daysMin[d * SERVICES.length + s] = other.daysMin[o * SERVICES.length + s]!;
      card.daysMax[d * SERVICES.length + s] = other.daysMax[o * SERVICES.length + s]!;
      for (let b = 0; b < base.brackets.length; b++) {
        const ob = bracketIndex(other.brackets, base.brackets[b]!);
        const i = cellIndex(base, d, s, b);
        const j = ob < 0 ? -1 : cellIndex(other, o, s, ob);
        card.price[i] = j < 0 ? NaN : other.price[j]!;
        card.line[i] = j < 0 ? 0 : other.line[j]!;
        card.basis[i] = j < 0 ? '' : other.basis[j]!;
        files[i] = other.file;
      }
    }
  }
  cellFiles.set(card, files);
  return card;
}

/** For a card built by laneSplit: the file of each cell. */
const cellFiles = new WeakMap<RateCard, string[]>();

/** Reads a client head-haul card (the columns of data/rates/warehouse-headhaul.csv). */
async function readHeadhaulCard(doc: JsonDocument, path: string, out: Diagnostic[]): Promise<HeadhaulCard | null> {
  try {
    const { card, diagnostics } = buildHeadhaulCard(await readCsvTable(path, HEADHAUL_COLUMNS));
    out.push(...diagnostics.filter((d) => d.severity === 'error'));
    return card ?? null;
  } catch (e) {
    if (e instanceof DiagnosticsError) out.push(...e.diagnostics);
    else if (e instanceof UserInputError) out.push(doc.diag('/rateCards/warehouseHeadhaul/file', text(`cannot read the head-haul card ${shownPath(path)}`, `无法读取头程运价表 ${shownPath(path)}`), text(`give a path relative to the scenario file, to a CSV with the columns ${HEADHAUL_COLUMNS.join(',')}`, `请填写相对情景文件的路径，CSV 列为 ${HEADHAUL_COLUMNS.join(',')}`)));
    else throw e;
    return null;
  }
}

/**
 * Resolves the cards of every leg for a scenario.
 * @param weightRange per SKU, the [min, max] weight its distribution can take
 */
export async function resolveRateCards(doc: JsonDocument, scenarioFile: string, spec: ScenarioFile, data: DataSet, jitShipped: RateCard, sites: string[], siteOf: number[], weightRange: [number, number][], out: Diagnostic[]): Promise<ResolvedCards> {
  const rc = spec.rateCards ?? {};
  const base = dirname(scenarioFile);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const lanes: LaneSource[] = [];
  const files = { jitLogistics: rc.jitLogistics?.file ?? null, direct: rc.direct?.file ?? null, warehouseLastMile: rc.warehouseLastMile?.file ?? null, warehouseHeadhaul: rc.warehouseHeadhaul?.file ?? null };
  // each distinct weight range once: a catalogue of thousands of SKUs has few of them, and every need
  // is matched against the lanes found so far
  const ranges = [...new Map(weightRange.map((r) => [`${r[0]},${r[1]}`, r] as const)).values()];
  const needsFor = (lastMile: boolean): Need[] =>
    spec.destinations.flatMap((d) => ranges.map(([lo, hi]) => ({ dest: d.country, service: lastMile ? (d.service === 'express' ? 'express' : 'standard') : d.service, lo, hi })));
  const leg = async (name: 'jitLogistics' | 'direct' | 'warehouseLastMile', shipped: RateCard) => {
    const ref = rc[name];
    const client = ref?.file ? await readClientCard(doc, name, abs(ref.file), out) : null;
    if (ref?.file && !client) return shipped;
    if (!ref?.file && !ref?.laneMultipliers) {
      // the shipped card as is: record its lanes (coverage is checked by the scenario loader)
      for (const n of needsFor(name === 'warehouseLastMile')) {
        const d = shipped.destIndex.get(n.dest);
        if (d === undefined) continue;
        const first = Math.max(0, bracketIndex(shipped.brackets, n.lo));
        const last = bracketIndex(shipped.brackets, n.hi);
        for (let b = first; b <= (last < 0 ? shipped.brackets.length - 1 : last); b++)
          if (!lanes.some((l) => l.leg === name && l.destination === n.dest && l.service === n.service && l.maxWeightKg === shipped.brackets[b]))
            lanes.push({ leg: name, destination: n.dest, service: n.service, maxWeightKg: shipped.brackets[b]!, file: cellFiles.get(shipped)?.[cellIndex(shipped, d, SERVICES.indexOf(n.service as never), b)] ?? shipped.file, origin: 'shipped', laneMultiplier: 1 });
      }
      return shipped;
    }
    return mergeCard(doc, name, shipped, client, ref.file ?? null, ref.fallback === 'shipped' || !ref.file, ref.laneMultipliers, needsFor(name === 'warehouseLastMile'), out, lanes);
  };
  const jit = await leg('jitLogistics', jitShipped);
  const direct = await leg('direct', data.direct);
  // the shipped last mile: domestic where the site is in the destination's country, else the
  // cross-border parcel card (a client's own last-mile card is its carrier's rates from its site)
  const foreign = spec.destinations.filter((d, i) => siteOf[i]! >= 0 && sites[siteOf[i]!] !== d.country).map((d) => d.country);
  const lastMile = await leg('warehouseLastMile', foreign.length && !rc.warehouseLastMile?.file ? laneSplit(data.lastMile, data.crossBorder, foreign) : data.lastMile);

  // head-haul: per site, every freight option the client card (or, without one or as its fallback, the shipped card) offers
  const hh = rc.warehouseHeadhaul;
  const headhaulLaneFactor = new Float64Array(sites.length).fill(1);
  const headhaulShipped = new Uint8Array(sites.length * FREIGHT_MODES.length);
  const client = hh?.file ? await readHeadhaulCard(doc, abs(hh.file), out) : null;
  const useShipped = !hh?.file || hh.fallback === 'shipped';
  const missing: string[] = [];
  const headhaul = sites.map((site, i) => {
    headhaulLaneFactor[i] = laneFactor(hh?.laneMultipliers, site, null);
    const opts = FREIGHT_MODES.map((mode, k) => {
      const own = client?.options.get(`${site}/${mode}`);
      const shipped = useShipped ? data.headhaul.options.get(`${site}/${mode}`) : undefined;
      const o = own ?? shipped ?? null;
      if (o) {
        if (!own && client) headhaulShipped[i * FREIGHT_MODES.length + k] = 1;
        lanes.push({ leg: 'warehouseHeadhaul', destination: site, service: mode, maxWeightKg: null, file: own ? hh!.file! : data.headhaul.file, origin: own ? 'client' : 'shipped', laneMultiplier: headhaulLaneFactor[i]! });
      }
      return o;
    });
    if (!opts.some(Boolean)) missing.push(site);
    return opts;
  });
  if (client && missing.length && !useShipped)
    out.push(doc.diag('/rateCards/warehouseHeadhaul/file', text(`${hh!.file} has no freight option for site(s) ${missing.join(', ')}`, `${hh!.file} 缺少仓 ${missing.join('、')} 的头程运价`), text(`add rows for each site (modes ${FREIGHT_MODES.join(', ')}), or set "fallback": "shipped" to use ${data.headhaul.file}`, `请为每个仓添加运价行（方式 ${FREIGHT_MODES.join('、')}），或设置 "fallback": "shipped" 使用 ${data.headhaul.file}`)));
  else if (missing.length && !client)
    out.push(doc.diag('/warehouse', M.noShippedFreight(data.headhaul.file, missing.join(', ')), M.noShippedFreightFix));
  for (const key of Object.keys(hh?.laneMultipliers ?? {})) {
    const pointer = `/rateCards/warehouseHeadhaul/laneMultipliers/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.includes('/')) out.push(doc.diag(pointer, text('head-haul is priced per kg: a lane is a warehouse site country, without a weight', '头程按公斤计价：线路为仓库所在国，不带重量'), text(`write e.g. "${key.slice(0, 2)}"`, `请写如 "${key.slice(0, 2)}"`)));
    else if (!sites.includes(key)) out.push(doc.diag(pointer, text(`${key} is not a warehouse site of this scenario`, `${key} 不是本情景的仓库`), text(`use one of: ${sites.join(', ')}`, `请使用以下之一：${sites.join('、')}`)));
  }
  const h = createHash('sha256');
  let any = false;
  for (const l of Object.keys(files).sort() as RateCardLeg[]) {
    const f = files[l];
    if (!f) continue;
    any = true;
    h.update(`${l}\n${await readFile(abs(f), 'utf8').catch(() => '')}\n`);
  }
  return { jit, direct, lastMile, headhaul, headhaulShipped, headhaulLaneFactor, lanes, files, digest: any ? h.digest('hex') : '' };
}

/**
 * Where each number of a trial lives in its record: one Float64Array row per trial (stride
 * `layout.stride`), so workers return plain typed arrays and results are put back by trial index.
 */
import type { CompiledSchedule } from '../rules/compile-fees.ts';
import { makeLandedLayout, type LandedLayout } from '../landed/trial.ts';
import { makeStockLayout, type StockLayout } from '../inventory/trial.ts';

/** The fulfilment modes; `tpl` is the third-party (3PL) overseas warehouse (same ids as the scenario's MODE_IDS). */
export const MODES = ['jit', 'warehouse', 'direct', 'tpl'] as const;
export type Mode = (typeof MODES)[number];

/** `stockout`: orders the warehouse could not fill from stock — shipped direct (direct's cost) or lost (their margin), per `warehouse.stockout`. */
export const WAREHOUSE_COMPONENTS = ['headhaul', 'lastMile', 'staff', 'rent', 'system', 'startup', 'capital', 'writeOff', 'returns', 'stockout', 'battery', 'batteryRefused'] as const;
export const DIRECT_COMPONENTS = ['logistics', 'returns', 'battery', 'batteryRefused'] as const;
/** 3PL overseas warehouse: the self-run warehouse's head-haul, last mile, capital and write-off, and the 3PL's published fees instead of staff, rent, system and start-up. */
export const TPL_COMPONENTS = ['headhaul', 'inbound', 'storage', 'longTermStorage', 'pickPack', 'label', 'lastMile', 'capital', 'writeOff', 'returns', 'stockout', 'battery', 'batteryRefused'] as const;
/** JIT components after the schedule's own: returns through the JIT channel, and orders that failed routing (shipped direct). */
export const JIT_EXTRA_COMPONENTS = ['returns', 'directLogistics', 'directReturns', 'battery', 'batteryRefused'] as const;
/**
 * Lithium-battery SKUs (sim/battery): `battery` is the lanes' battery surcharges (per parcel on the
 * direct and last-mile legs, per kg on the head-haul); `batteryRefused` the margin (price − unit cost)
 * of the orders the mode cannot ship because a lane refuses their battery class — they are excluded
 * from the mode's fulfilment and counted as lost sales, like a lost stock-out (their contribution is 0).
 */
export const BATTERY_COMPONENT_IDS = ['battery', 'batteryRefused'] as const;

/** Longest delivery time kept in the histogram (days); longer ones go in the last bin. */
export const DELIVERY_BINS = 64;

export interface ModeLayout {
  components: string[];
  total: number;
  component: number;
  orders: number;
  returns: number;
  cash: number;
  /** Sum over returned orders of their return-handling days (modes.returnHandlingDaysJit/Direct). */
  returnDays: number;
  /** Orders the mode cannot ship: a lane refuses their lithium-battery class (sim/battery). */
  refused: number;
  delivery: number;
  monthly: number;
}

export interface Layout {
  stride: number;
  months: number;
  modes: Record<Mode, ModeLayout>;
  /** Orders per routing outcome under the JIT mode: [routed to JIT, then one per routing rule]. */
  routing: number;
  routingCodes: string[];
  nonPreferred: number;
  /** Offset of the recorded inputs, and how many numbers they take (individual inputs, then groups). */
  inputs: number;
  inputCount: number;
  /** Revenue, duties, taxes and contribution per mode, in the reporting currency (sim/landed/trial.ts). */
  landed: LandedLayout;
  /** The warehouse's stock: stock-outs, fill, stock values, capital, freight options (sim/inventory/trial.ts). */
  stock: StockLayout;
  /** Per input of the scenario: its place among the recorded inputs, or -1 when it is only recorded through its group. */
  inputSlot: Int32Array;
  /** Per recorded place: the name written to trials.csv (`input<name>`): an input's JSON pointer, or a group's `/skus/*` + `/<field>`. */
  inputNames: string[];
  /** Per-SKU inputs of a large catalogue, recorded as one number per trial each: the order-share-weighted mean over the SKUs. */
  inputGroups: InputGroup[];
}

/** The per-SKU fields a catalogue's inputs are grouped by. */
export const SKU_INPUT_FIELDS = ['weightKg', 'volumeLitres', 'unitCostCny', 'priceCny'] as const;
export type SkuInputField = (typeof SKU_INPUT_FIELDS)[number];

/**
 * Largest catalogue whose per-SKU inputs are each recorded per trial (and each get a tornado bar).
 * Above it a trial keeps one number per field for all SKUs — its share-weighted mean — so that a
 * trial's record, and the memory of a run, do not grow with the catalogue.
 */
export const SKU_INPUTS_RECORDED_UP_TO = 12;

export interface InputGroup {
  /** The group pointer: "/skus/" + "*" + "/weightKg" etc. */
  pointer: string;
  field: SkuInputField;
  /** Place among the recorded inputs. */
  slot: number;
  /** Per SKU: the input index of this field (-1 when the SKU has none, e.g. volume from weight). */
  members: Int32Array;
  /** Every member is a fixed value (no bar, no correlation). */
  fixed: boolean;
}

/** What a layout records of the inputs: which inputs individually, and which per-SKU fields as groups. */
export interface InputRecording {
  pointers: string[];
  /** Per input: recorded individually? */
  individual: boolean[];
  groups: Omit<InputGroup, 'slot'>[];
}

/** The record layout for a schedule, a horizon and a number of uncertain inputs. */
export function makeLayout(schedule: CompiledSchedule, months: number, routingRuleIds: readonly string[], rec: InputRecording): Layout {
  let at = 0;
  const mode = (components: readonly string[]): ModeLayout => {
    const m: ModeLayout = { components: [...components], total: at, component: at + 1, orders: 0, returns: 0, cash: 0, returnDays: 0, refused: 0, delivery: 0, monthly: 0 };
    at += 1 + components.length;
    m.orders = at++;
    m.returns = at++;
    m.cash = at++;
    m.returnDays = at++;
    m.refused = at++;
    m.delivery = at;
    at += DELIVERY_BINS;
    m.monthly = at;
    at += months;
    return m;
  };
  const modes = { jit: mode([...schedule.components, ...JIT_EXTRA_COMPONENTS]), warehouse: mode(WAREHOUSE_COMPONENTS), direct: mode(DIRECT_COMPONENTS), tpl: mode(TPL_COMPONENTS) };
  const routingCodes = ['JIT', ...routingRuleIds, 'OTHER'];
  const routing = at;
  at += routingCodes.length;
  const nonPreferred = at++;
  const inputs = at;
  const inputSlot = new Int32Array(rec.pointers.length).fill(-1);
  const inputNames: string[] = [];
  rec.pointers.forEach((p, i) => {
    if (!rec.individual[i]) return;
    inputSlot[i] = inputNames.length;
    inputNames.push(p);
  });
  const inputGroups = rec.groups.map((g) => {
    inputNames.push(g.pointer);
    return { ...g, slot: inputNames.length - 1 };
  });
  const inputCount = inputNames.length;
  at += inputCount;
  const landed = makeLandedLayout(at, months);
  at += landed.size;
  const stock = makeStockLayout(at, months);
  at += stock.size;
  return { stride: at, months, modes, routing, routingCodes, nonPreferred, inputs, inputCount, inputSlot, inputNames, inputGroups, landed: landed.layout, stock: stock.layout };
}

/**
 * Offset in a trial record of uncertain input `i` (index into the scenario's inputs), or -1 when the
 * run records it only through its group (per-SKU inputs of a large catalogue). Inputs that are not
 * per-SKU (demand, rates, exchange rates …) are always recorded individually.
 */
export function inputOffset(L: Layout, i: number): number {
  const slot = i >= 0 ? L.inputSlot[i]! : -1;
  return slot >= 0 ? L.inputs + slot : -1;
}

/**
 * trials.csv, one row per trial and mode, written as the trial records stream past (in trial order)
 * into a working file, never built in memory: a run of a million trials writes its rows without
 * holding them. The text is what arquero's toCSV wrote for the same table (numbers as JavaScript
 * prints them, text quoted when it holds a comma, a quote or a line break).
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { visible } from '../io/safe-text.ts';
import { DELIVERY_BINS, MODES, type Layout } from './layout.ts';
import { histogramMean } from './records.ts';
import { LANDED_FIELDS } from '../landed/trial.ts';

const cell = (v: string) => (/[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);

/** The union of the modes' cost component names (a column `<name>Cny` each, `<name>Eur` … in another reporting currency). */
function componentNames(L: Layout): string[] {
  return [...new Set(MODES.flatMap((m) => L.modes[m].components))];
}

/** The header line of trials.csv (with its line break); user text (input pointers) made visible. */
export function trialsCsvHeader(L: Layout, currency = 'CNY'): string {
  // every money column in the reporting currency: the cost columns carry it in their names (totalEur …), the profit view's is named in the `currency` column
  const k = currency.charAt(0) + currency.slice(1).toLowerCase();
  const names = ['trial', 'mode', `total${k}`, `perOrder${k}`, 'orders', 'returnedOrders', `cashTiedUp${k}`, 'deliveryDaysMean', ...componentNames(L).map((c) => `${c}${k}`), ...L.routingCodes.map((c) => `routed_${c}`), 'currency', ...LANDED_FIELDS.map((f) => (f === 'orders' ? 'salesOrders' : f)), ...L.inputNames.map((n) => `input${n}`)];
  return visible(names.map(cell).join(','), {}) + '\n';
}

/** Powers of ten by number of decimals. */
const TEN = [1, 10, 100, 1000, 1e4, 1e5, 1e6];
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NEWLINE = 10;

/**
 * Rows written as bytes into a growing buffer, numbers formatted without building strings (the text
 * of 40,000 rows of ~70 numbers each was most of the main thread's work during a run).
 */
class RowBytes {
  buf = new Uint8Array(1 << 20);
  pos = 0;
  private digits = new Uint8Array(24);
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }
  /** A number's text as JavaScript prints it (String(x)); ASCII. */
  text(x: number): void {
    const t = String(x);
    this.room(t.length);
    for (let i = 0; i < t.length; i++) this.buf[this.pos++] = t.charCodeAt(i);
  }
  /** A whole number 0 ≤ a < 1e15, in decimal. */
  private whole(a: number): void {
    const d = this.digits;
    let n = 0;
    do {
      const q = Math.floor(a / 10);
      d[n++] = ZERO + (a - q * 10);
      a = q;
    } while (a > 0);
    this.room(n);
    while (n > 0) this.buf[this.pos++] = d[--n]!;
  }
  /**
   * String(c / 10^k) for a whole number c (k ≤ 6 decimals): for |c| < 1e15 that is c's digits with
   * the point k places from the right, trailing zeros (and a bare point) dropped — the double nearest
   * c / 10^k is printed as that decimal, since no other decimal of at most k places lies within its
   * rounding interval (a spacing of 10^-k is far above the double's spacing there). Else as String.
   */
  fixed(c: number, k: number): void {
    if (!(Math.abs(c) < 1e15)) return this.text(c / TEN[k]!);
    if (c === 0) return this.byte(ZERO); // (also −0, printed "0")
    if (c < 0) {
      this.byte(MINUS);
      c = -c;
    }
    const p = TEN[k]!;
    const whole = Math.floor(c / p);
    let frac = c - whole * p;
    this.whole(whole);
    if (frac === 0) return;
    let places = k;
    while (frac % 10 === 0) {
      frac /= 10;
      places--;
    }
    this.byte(DOT);
    // leading zeros of the fraction
    for (let z = TEN[places - 1]!; z > frac; z /= 10) this.byte(ZERO);
    this.whole(frac);
  }
  /** A count (orders, routed orders): whole numbers fast, anything else as String. */
  count(x: number): void {
    if (Number.isInteger(x) && x >= 0 && x < 1e15) this.whole(x);
    else this.text(x);
  }
  /** Money: x rounded to 0.01, as String(Math.round((x + ε) × 100) / 100) prints it. */
  money(x: number): void {
    this.fixed(Math.round((x + Number.EPSILON) * 100), 2);
  }
  /** x rounded to 0.0001 (per-order cost, inputs), as String(Math.round(x × 1e4) / 1e4) prints it. */
  r4(x: number): void {
    this.fixed(Math.round(x * 1e4), 4);
  }
}

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);

/** What is the same in every row of a layout and currency: mode names, component positions, the currency cell. */
interface RowPlan {
  comps: number[][];
  modeCell: Uint8Array[];
  currencyCell: Uint8Array;
  upliftField: number;
}
const rowPlans = new WeakMap<Layout, Map<string, RowPlan>>();
function rowPlan(L: Layout, currency: string): RowPlan {
  let byCur = rowPlans.get(L);
  if (!byCur) rowPlans.set(L, (byCur = new Map()));
  let p = byCur.get(currency);
  if (!p) {
    const comps = componentNames(L);
    p = { comps: MODES.map((m) => comps.map((c) => L.modes[m].components.indexOf(c))), modeCell: MODES.map((m) => ascii(`,${m}`)), currencyCell: ascii(`,${cell(currency)}`), upliftField: LANDED_FIELDS.indexOf('upliftPerDay') };
    byCur.set(currency, p);
  }
  return p;
}

const rows = new RowBytes();

/**
 * The rows of trials `first` … of `recs` as UTF-8 bytes (money rounded to 0.01, per-order cost and
 * inputs to 0.0001); a view of a buffer reused by the next call.
 */
export function trialsCsvBytes(L: Layout, recs: Float64Array, first: number, currency: string): Uint8Array {
  const rp = rowPlan(L, currency);
  const n = recs.length / L.stride;
  const w = rows;
  w.pos = 0;
  for (let i = 0; i < n; i++) {
    const o = i * L.stride;
    for (let mi = 0; mi < MODES.length; mi++) {
      const m = MODES[mi]!;
      const ml = L.modes[m];
      const orders = recs[o + ml.orders]!;
      const total = recs[o + ml.total]!;
      w.count(first + i);
      w.bytes(rp.modeCell[mi]!);
      w.byte(COMMA);
      w.money(total);
      w.byte(COMMA);
      if (orders > 0) w.r4(total / orders);
      else w.byte(ZERO);
      w.byte(COMMA);
      w.count(orders);
      w.byte(COMMA);
      w.money(recs[o + ml.returns]!);
      w.byte(COMMA);
      w.money(recs[o + ml.cash]!);
      w.byte(COMMA);
      w.money(histogramMean(recs, o + ml.delivery, DELIVERY_BINS));
      const comps = rp.comps[mi]!;
      for (let j = 0; j < comps.length; j++) {
        const k = comps[j]!;
        w.byte(COMMA);
        if (k < 0) w.byte(ZERO);
        else w.money(recs[o + ml.component + k]!);
      }
      for (let k = 0; k < L.routingCodes.length; k++) {
        w.byte(COMMA);
        if (mi === 0) w.count(recs[o + L.routing + k]!);
        else w.byte(ZERO);
      }
      w.bytes(rp.currencyCell);
      const lf = o + L.landed[m].fields;
      for (let k = 0; k < LANDED_FIELDS.length; k++) {
        w.byte(COMMA);
        if (k === rp.upliftField) w.fixed(Math.round(recs[lf + k]! * 1e6), 6);
        else w.money(recs[lf + k]!);
      }
      for (let k = 0; k < L.inputCount; k++) {
        w.byte(COMMA);
        w.r4(recs[o + L.inputs + k]!);
      }
      w.byte(NEWLINE);
    }
  }
  return w.buf.subarray(0, w.pos);
}

/** The rows of trials `first` … of `recs` as text (see {@link trialsCsvBytes}). */
export function trialsCsvRows(L: Layout, recs: Float64Array, first: number, currency: string): string {
  return Buffer.from(trialsCsvBytes(L, recs, first, currency)).toString('utf8');
}

const TEMP = new Set<string>();
let exitHook = false;

/** trials.csv being written: its working file in the system's temporary folder (removed by {@link dispose}, or when the process exits — a signal ends jitsim through process.exit). */
export class TrialsCsv {
  readonly path: string;
  private fd: number | null;
  private readonly dir: string;
  constructor(
    private readonly L: Layout,
    private readonly currency: string,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'jitsim-trials-'));
    this.path = join(this.dir, 'trials.csv');
    TEMP.add(this.dir);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const d of TEMP) rmSync(d, { recursive: true, force: true });
      });
    }
    this.fd = openSync(this.path, 'w');
    writeSync(this.fd, trialsCsvHeader(L, currency));
  }
  /** Appends the rows of trials `first` … (called in trial order). */
  write(recs: Float64Array, first: number): void {
    if (this.fd === null) throw new Error('trials.csv is closed');
    const b = trialsCsvBytes(this.L, recs, first, this.currency);
    let at = 0;
    while (at < b.length) at += writeSync(this.fd, b, at, b.length - at);
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
  /** Removes the working file. */
  dispose(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
    TEMP.delete(this.dir);
  }
}

/** How trials.csv prints money, 4-decimal and 6-decimal figures and counts (for tests): each must equal String() of the rounded number. */
export function csvNumberText(x: number, as: 'money' | 'r4' | 'r6' | 'count'): string {
  const w = rows;
  w.pos = 0;
  if (as === 'money') w.money(x);
  else if (as === 'r4') w.r4(x);
  else if (as === 'r6') w.fixed(Math.round(x * 1e6), 6);
  else w.count(x);
  return Buffer.from(w.buf.subarray(0, w.pos)).toString('latin1');
}

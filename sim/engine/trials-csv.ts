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

const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const cell = (v: string) => (/[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);

/** The union of the modes' cost component names (a column `<name>Cny` each). */
function componentNames(L: Layout): string[] {
  return [...new Set(MODES.flatMap((m) => L.modes[m].components))];
}

/** The header line of trials.csv (with its line break); user text (input pointers) made visible. */
export function trialsCsvHeader(L: Layout): string {
  // the profit view (sim/landed): money in the reporting currency, named in the `currency` column
  const names = ['trial', 'mode', 'totalCny', 'perOrderCny', 'orders', 'returnedOrders', 'cashTiedUpCny', 'deliveryDaysMean', ...componentNames(L).map((c) => `${c}Cny`), ...L.routingCodes.map((c) => `routed_${c}`), 'currency', ...LANDED_FIELDS.map((f) => (f === 'orders' ? 'salesOrders' : f)), ...L.inputNames.map((n) => `input${n}`)];
  return visible(names.map(cell).join(','), {}) + '\n';
}

/** The rows of trials `first` … of `recs` (money rounded to 0.01, per-order cost and inputs to 0.0001). */
export function trialsCsvRows(L: Layout, recs: Float64Array, first: number, currency: string): string {
  const cur = cell(currency);
  const n = recs.length / L.stride;
  const comps = componentNames(L);
  const compAt = MODES.map((m) => comps.map((c) => L.modes[m].components.indexOf(c)));
  let out = '';
  for (let i = 0; i < n; i++) {
    const o = i * L.stride;
    MODES.forEach((m, mi) => {
      const ml = L.modes[m];
      const orders = recs[o + ml.orders]!;
      let row = `${first + i},${m},${r2(recs[o + ml.total]!)},${orders > 0 ? r4(recs[o + ml.total]! / orders) : 0},${orders},${r2(recs[o + ml.returns]!)},${r2(recs[o + ml.cash]!)},${r2(histogramMean(recs, o + ml.delivery, DELIVERY_BINS))}`;
      for (const k of compAt[mi]!) row += `,${k < 0 ? 0 : r2(recs[o + ml.component + k]!)}`;
      for (let k = 0; k < L.routingCodes.length; k++) row += `,${m === 'jit' ? recs[o + L.routing + k]! : 0}`;
      row += `,${cur}`;
      const lf = o + L.landed[m].fields;
      for (let k = 0; k < LANDED_FIELDS.length; k++) row += `,${LANDED_FIELDS[k] === 'upliftPerDay' ? Math.round(recs[lf + k]! * 1e6) / 1e6 : r2(recs[lf + k]!)}`;
      for (let k = 0; k < L.inputCount; k++) row += `,${r4(recs[o + L.inputs + k]!)}`;
      out += row + '\n';
    });
  }
  return out;
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
    writeSync(this.fd, trialsCsvHeader(L));
  }
  /** Appends the rows of trials `first` … (called in trial order). */
  write(recs: Float64Array, first: number): void {
    if (this.fd === null) throw new Error('trials.csv is closed');
    writeSync(this.fd, trialsCsvRows(this.L, recs, first, this.currency));
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

/** `jitsim backtest <scenario> <orders.csv>`: the model's shipping cost per order against what the client paid; `--fit-rates` writes lane multipliers. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { UserInputError } from '../../sim/errors.ts';
import type { Lang } from '../../sim/i18n/index.ts';
import { loadCostContext } from '../../sim/models/context.ts';
import { loadScenario } from '../../sim/scenario/load.ts';
import { loadCalibrateConfig } from '../../sim/calibrate/config.ts';
import { readColumnMap } from '../../sim/calibrate/calibrate.ts';
import { MODE_CODES, REJECT_REASONS, REJECT_TEXT, readOrders, type FulfilmentMode } from '../../sim/calibrate/orders.ts';
import { backtest, fitLaneMultipliers, type BacktestResult } from '../../sim/calibrate/backtest.ts';
import { EXIT } from '../exit-codes.ts';
import { paint, type CommonOptions, type Io } from '../io.ts';
import { displayPath, resolveRulesDir, userPath } from './shared.ts';
import { M } from './messages.ts';

export interface BacktestCliOptions extends CommonOptions {
  columns?: string;
  mode?: string;
  fitRates?: boolean;
  rules?: string;
}

const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %` : '—');
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null);

export function formatBacktest(io: Io, r: BacktestResult, lang: Lang): string[] {
  const out: string[] = [];
  out.push(paint(io, 'bold', M.backtestTitle(r.overall.orders, r2(r.overall.paidCny), r2(r.overall.modelCny), pct(r.overall.bias), pct(r.overall.mape).replace('+', ''))[lang]));
  if (r.skipped.noShippingCost || r.skipped.noLane) out.push(M.backtestNotCompared(r.skipped.noShippingCost, r.skipped.noLane)[lang]);
  out.push(M.backtestHeader[lang]);
  for (const l of r.lanes) out.push(`  ${l.mode.padEnd(9)} ${l.destination.padEnd(5)} ${String(l.bracketKg).padStart(11)} ${String(l.orders).padStart(7)} ${(l.paidCny / l.orders).toFixed(2).padStart(11)} ${(l.modelCny / l.orders).toFixed(2).padStart(12)} ${pct(l.bias).padStart(8)} ${pct(l.mape).replace('+', '').padStart(8)}`);
  out.push(M.backtestByDestination[lang]);
  for (const d of r.byDestination) out.push(`  ${d.mode.padEnd(9)} ${d.destination.padEnd(5)} ${''.padStart(11)} ${String(d.orders).padStart(7)} ${(d.paidCny / d.orders).toFixed(2).padStart(11)} ${(d.modelCny / d.orders).toFixed(2).padStart(12)} ${pct(d.bias).padStart(8)} ${pct(d.mape).replace('+', '').padStart(8)}`);
  return out;
}

export async function run(io: Io, [scenarioArg, ordersArg]: string[], o: BacktestCliOptions): Promise<number> {
  if (o.mode !== undefined && !(MODE_CODES as readonly string[]).includes(o.mode)) throw new UserInputError(M.badMode(o.mode), M.badModeFix(MODE_CODES));
  const ctx = await loadCostContext(resolveRulesDir(io, o.rules));
  const config = await loadCalibrateConfig(ctx.rules.projectDir);
  const scenarioPath = userPath(io, scenarioArg!);
  const scenario = await loadScenario(scenarioPath, ctx);
  const ordersPath = userPath(io, ordersArg!);
  const shown = displayPath(io, ordersPath);
  const bytes = await readFile(ordersPath).catch((e: unknown) => {
    throw new UserInputError(M.cannotReadOrders(shown), M.cannotReadOrdersFix, { cause: e });
  });
  const columns = o.columns ? await readColumnMap(userPath(io, o.columns), o.columns) : undefined;
  const read = readOrders(shown, bytes, { ...(columns ? { columns } : {}), currencies: Object.fromEntries(Object.entries(config.currencies).map(([k, v]) => [k, v.value])) });
  if (!read.columns.shipping_cost) throw new UserInputError(M.noShippingCost(shown), M.noShippingCostFix);
  const defaultMode = (o.mode ?? config.defaults.fulfilmentMode.value) as FulfilmentMode;
  const cards = { direct: scenario.cards.direct, jitLogistics: scenario.cards.jit, warehouseLastMile: scenario.cards.lastMile };
  const r = backtest(read.orders, scenario.spec, cards, defaultMode, config.defaults.service.value);
  if (r.overall.orders === 0) {
    throw new UserInputError(M.nothingToCompare(shown, read.orders.n, r.skipped.noShippingCost, r.skipped.noLane), M.nothingToCompareFix, { code: 'NO_USABLE_ROW' });
  }
  let written: Record<string, Record<string, number>> | undefined;
  if (o.fitRates) {
    written = fitLaneMultipliers(r, scenario.spec, config.fit.minLaneOrders.value);
    // minimal change to the user's file: only rateCards.<leg>.laneMultipliers.<key> are set (jsonc-parser edits keep comments and layout)
    let src = await readFile(scenarioPath, 'utf8');
    const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: src.includes('\r\n') ? '\r\n' : '\n' } };
    for (const [leg, keys] of Object.entries(written)) for (const [k, v] of Object.entries(keys)) src = applyEdits(src, modify(src, ['rateCards', leg, 'laneMultipliers', k], v, fmt));
    const tmp = join(dirname(scenarioPath), `.${basename(scenarioPath)}.${process.pid}.tmp`);
    await writeFile(tmp, src);
    await rename(tmp, scenarioPath);
  }
  const rejected = REJECT_REASONS.filter((k) => read.rejected[k]);
  if (o.json) {
    const lane = (l: BacktestResult['lanes'][number]) => ({ ...l, paidCny: r2(l.paidCny), modelCny: r2(l.modelCny), bias: r4(l.bias), mape: r4(l.mape) });
    io.out(JSON.stringify({ ok: true, scenario: displayPath(io, scenarioPath), orders: displayPath(io, ordersPath), defaultMode, rowsRead: read.rows, rejected: read.rejected, skipped: r.skipped, overall: { ...r.overall, paidCny: r2(r.overall.paidCny), modelCny: r2(r.overall.modelCny), bias: r4(r.overall.bias), mape: r4(r.overall.mape) }, byDestination: r.byDestination.map((d) => ({ ...d, paidCny: r2(d.paidCny), modelCny: r2(d.modelCny), bias: r4(d.bias), mape: r4(d.mape) })), lanes: r.lanes.map(lane), ...(written ? { laneMultipliers: written } : {}) }, null, 2));
    return EXIT.ok;
  }
  for (const line of formatBacktest(io, r, o.lang)) io.out(line);
  if (rejected.length) io.out(paint(io, 'yellow', M.backtestRowsSkipped[o.lang] + rejected.map((k) => M.backtestRejected(REJECT_TEXT[k][o.lang], read.rejected[k]!.count, read.rejected[k]!.firstLines[0]!)[o.lang]).join('; ')));
  io.out(M.backtestDefaultMode(defaultMode)[o.lang]);
  if (written) {
    const n = Object.values(written).reduce((a, k) => a + Object.keys(k).length, 0);
    io.out(M.backtestWroteMultipliers(n, displayPath(io, scenarioPath), JSON.stringify(written))[o.lang]);
  }
  return EXIT.ok;
}

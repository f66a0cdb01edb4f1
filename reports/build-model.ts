/**
 * Simulation result ──▶ ReportModel: picks and shapes what the report shows. All numbers come from
 * the simulation records and summary; nothing is invented here. Dates come from the scenario or
 * SOURCE_DATE_EPOCH, never the clock.
 */
import { batterySkuSources } from '../sim/battery/summary.ts';
import { visibleDeep } from '../sim/io/safe-text.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';
import type { Text } from '../sim/i18n/index.ts';
import type { SimPlan } from '../sim/engine/plan.ts';
import { pooledDeliveryHistogram } from '../sim/engine/summarise.ts';
import type { SimulationResult } from '../sim/simulate.ts';
import type { Stats } from '../sim/stats/describe.ts';
import { SERVICES, cellIndex, type RateCard } from '../sim/data/rate-card.ts';
import { WAREHOUSE_PARAMS } from '../sim/data/schema.ts';
import { formatSource } from '../sim/checks/finding.ts';
import { interpolate } from '../sim/rules/interpolate.ts';
import { REPORT_RULE_FILES, reportInputs, reportRulesFingerprint } from './inputs.ts';
import { MODES, type ModeKey, type ReportModel, type Stat } from './model.ts';
import { buildInputSheet } from './input-sheet.ts';
import { inputLabel, skuGroupLabel } from './labels.ts';
import { dataBasis, rateBasis, stripMarker } from './basis.ts';
import { csvSafe } from './render/safe.ts';

const require = createRequire(import.meta.url);
export const TOOL_VERSION: string = (require('../package.json') as { version: string }).version;

const stat = (s: Stats): Stat => ({ mean: s.mean, sd: s.sd, p5: s.p5, p50: s.p50, p95: s.p95, ciLow: s.ciLow, ciHigh: s.ciHigh });

/** The date a report is dated: SOURCE_DATE_EPOCH when set (reproducible builds), else the scenario's start date. */
export function sourceDate(env: Record<string, string | undefined>, scenarioStart: string): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString().slice(0, 10) : scenarioStart;
}

type Assumption = ReportModel['assumptions'][number];
/** A figure this scenario sets itself (an override): no shipped basis to show. */
const BY_SCENARIO = (id: string): Assumption => ({ id, value: '—', basis: 'assumption:set by this scenario (overrides)', reasoning: { en: 'set by this scenario (overrides)', zh: '由本场景设定（覆盖值）' } });

/**
 * The assumption-flagged figures this run used: the cross-mode parameters (not the quote-only
 * ones), the warehouse parameters of each site the scenario uses (its market's value, else the
 * default), and the rate-card lanes of the scenario's destinations. Figures the scenario overrides
 * are marked as the client's own.
 */
export function usedAssumptions(plan: SimPlan): Assumption[] {
  const data = plan.ctx.data;
  const sc = plan.scenario;
  const overridden = new Set(sc.overrides.map((o) => (o.target.file === 'modes' ? `modes.${o.target.param}` : `warehouse.${o.target.site ?? '*'}.${o.target.param}`)));
  const out: Assumption[] = [];
  for (const [k, p] of Object.entries(data.modes.params)) {
    if (k.startsWith('quote')) continue;
    if (overridden.has(`modes.${k}`)) out.push(BY_SCENARIO(`modes.${k}`));
    else if (p.basis.startsWith('assumption:')) out.push({ id: `modes.${k}`, ...(p.name ? { name: p.name } : {}), value: p.value, ...(p.unit ? { unit: p.unit } : {}), basis: p.basis, reasoning: stripMarker(dataBasis('modes.json', `/params/${k}/basis`, p.basis)) });
  }
  for (const site of sc.sites) {
    for (const k of WAREHOUSE_PARAMS) {
      const market = data.warehouse.markets[site]?.[k];
      const p = market ?? data.warehouse.defaults[k];
      if (!p) continue;
      const unit = data.warehouse.defaults[k]?.unit;
      const pointer = market ? `/markets/${site}/${k}/basis` : `/defaults/${k}/basis`;
      if (overridden.has(`warehouse.${site}.${k}`) || overridden.has(`warehouse.*.${k}`)) out.push(BY_SCENARIO(`warehouse.${site}.${k}`));
      else if (p.basis.startsWith('assumption:')) out.push({ id: `warehouse.${site}.${k}`, ...(data.warehouse.defaults[k]?.name ? { name: data.warehouse.defaults[k]!.name! } : {}), value: p.value, ...(unit ? { unit } : {}), basis: p.basis, reasoning: stripMarker(dataBasis('warehouse.json', pointer, p.basis)) });
    }
  }
  // the cards this run priced with (a client card, the shipped one, or the cross-border last mile), named by their file
  const lanes = (card: RateCard, lastMile: boolean) => {
    for (const d of sc.spec.destinations) {
      const di = card.destIndex.get(d.country);
      const service = lastMile && d.service !== 'express' ? 'standard' : (d.service ?? 'standard');
      const si = SERVICES.indexOf(service as (typeof SERVICES)[number]);
      if (di === undefined || si < 0) continue;
      const b = card.brackets.findIndex((_, k) => Boolean(card.basis[cellIndex(card, di, si, k)]));
      if (b < 0) continue;
      const basis = card.basis[cellIndex(card, di, si, b)] ?? '';
      const file = sc.cards.lanes.find((l) => l.destination === d.country && l.service === service && (lastMile ? l.leg === 'warehouseLastMile' : card === sc.cards.jit ? l.leg === 'jitLogistics' : l.leg === 'direct'))?.file ?? card.file;
      if (basis.startsWith('assumption:')) out.push({ id: `${basename(file)} ${d.country} ${service}`, value: `${card.brackets[0]}–${card.brackets[card.brackets.length - 1]} kg`, basis, reasoning: stripMarker(rateBasis(basis)) });
    }
  };
  lanes(sc.cards.jit, false);
  lanes(sc.cards.direct, false);
  lanes(sc.cards.lastMile, true);
  // the lithium-battery lanes the run's battery SKUs used (data/battery.json rows flagged as assumptions)
  const rows = new Set<string>();
  for (const k of batterySkuSources(plan)) if (k.startsWith('data/battery.json#/lanes/')) rows.add(k.slice('data/battery.json#'.length));
  for (const pointer of [...rows].sort((x, y) => Number(x.split('/')[2]) - Number(y.split('/')[2]))) {
    const r = data.battery.lanes[Number(pointer.split('/')[2])]!;
    if (r.basis.includes('assumption:')) out.push({ id: `battery.${r.leg}.${r.battery}${r.freight ? `.${r.freight}` : ''}${r.countries ? `.${r.countries.join('+')}` : ''}`, value: r.accept ? (r.surchargeCnyPerParcel ?? r.surchargeCnyPerKg ?? 0) : 'refused', unit: r.accept ? (r.surchargeCnyPerKg !== undefined ? 'CNY/kg' : 'CNY/parcel') : '-', basis: r.basis, reasoning: stripMarker(dataBasis('battery.json', `${pointer}/basis`, r.basis)) });
  }
  // the rate uncertainty the run used
  for (const leg of sc.defaultUncertainty) {
    const u = data.rateUncertainty.legs[leg];
    out.push({ id: `rate-uncertainty.${leg}`, value: JSON.stringify(u.multiplier), basis: u.basis, reasoning: stripMarker(dataBasis('rate-uncertainty.json', `/legs/${leg}/basis`, u.basis)) });
  }
  return out;
}

/** Builds the report model of one simulated scenario. */
export function buildReportModel(result: SimulationResult, plan: SimPlan, scenarioFile: string, env: Record<string, string | undefined> = {}): ReportModel {
  const s = result.summary;
  const store = result.store;
  const n = store.n;
  const rules = plan.ctx.rules;
  const inputs = reportInputs(rules, plan.ctx.data, plan.scenario);
  const months = s.scenario.horizonMonths;
  const meanOrders = s.orders.mean;

  const modes = {} as ReportModel['modes'];
  for (const m of MODES) {
    const ms = s.modes[m];
    const hist = pooledDeliveryHistogram(store, m);
    const sum = hist.reduce((a, b) => a + b, 0);
    const last = hist.findLastIndex((v) => v > 0);
    modes[m] = {
      total: stat(ms.totalCny),
      perOrder: stat(ms.perOrderCny),
      pCheapest: ms.pCheapest,
      cvar95: ms.totalCny.cvar95,
      cashTiedUpCny: ms.cashTiedUpCny.mean,
      components: ms.componentsCny,
      deliveryDays: Array.from({ length: Math.max(0, last + 2) }, (_, d) => ({ days: d, share: sum > 0 ? hist[d]! / sum : 0 })),
      meanDeliveryDays: ms.deliveryDays.mean,
      returns: ms.returns.mean,
    };
  }

  const breakEven = new Map((s.breakEven ?? []).map((b) => [b.pair.join('|'), b]));
  const pairs = s.differences.map((d) => {
    // a break-even is reported only when most trials cross inside the searched volume range
    const found = breakEven.get(d.pair.join('|'));
    const be = found && found.foundShare >= 0.5 ? found.ordersPerDay : null;
    // break-even rate levels (exact from the main run): only the cards that cross in most trials
    const rates = (s.rateBreakEven ?? []).filter((r) => r.pair.join('|') === d.pair.join('|') && r.multiplier && r.foundShare >= 0.5 && r.cheaperBelow);
    const rateBreakEven = rates.map((r) => ({ leg: r.leg, name: inputLabel(plan.scenario.spec, plan.ctx.data, `/rateCards/${r.leg}/multiplier`).name, p50: r.multiplier!.p50, p5: r.multiplier!.p5, p95: r.multiplier!.p95, now: r.multiplierNow, cheaperBelow: r.cheaperBelow as ModeKey }));
    return { a: d.pair[0] as ModeKey, b: d.pair[1] as ModeKey, diff: stat(d.totalCny), breakEven: be && found ? { ordersPerDay: be.p50, p5: be.p5, p95: be.p95, noCrossingShare: 1 - found.foundShare } : null, ...(rateBreakEven.length ? { rateBreakEven } : {}) };
  });
  const curve = s.breakEven?.[0]?.curve ?? [];
  // only the modes the client can use (an unavailable JIT or a switched-off mode has no curve and no break-even)
  const volumeCurve = curve.flatMap((c) => MODES.filter((m) => s.availableModes.includes(m)).map((m) => ({ ordersPerDay: c.ordersPerDay, mode: m, perOrderCny: meanOrders > 0 ? c.meanCny[m] / (meanOrders * c.multiplier) : 0 })));

  // tornado: the per-order cost difference best − second-best available mode, inputs ranked from the run's own trials
  const sens = s.sensitivity;
  const tornadoPair = (sens?.pair ?? ['jit', 'direct']) as [ModeKey, ModeKey];
  const tornado = (sens?.tornado ?? []).map((t) => {
    const l = t.kind === 'group' ? skuGroupLabel(t.input, t.members ?? 0) : inputLabel(plan.scenario.spec, plan.ctx.data, t.input);
    const name = t.memberOf ? { en: `${l.name.en} (largest single SKU)`, zh: `${l.name.zh}（单个SKU中影响最大）` } : l.name;
    return { input: t.input, label: name, ...(l.unit ? { unit: l.unit } : {}), kind: t.kind, lowInput: t.low, highInput: t.high, low: t.perOrderDiffAtLow, high: t.perOrderDiffAtHigh, base: sens!.basePerOrderDiff, rankCorrelation: t.rankCorrelation, regressionCoefficient: t.regressionCoefficient };
  });
  const tornadoMethod = sens ? { rankTrials: sens.rankTrials, swingTrials: sens.swingTrials, ranked: sens.ranking.length, by: sens.method.ranking } : undefined;

  const trialTotals: ReportModel['trialTotals'] = [];
  const shown = Math.min(n, 2000);
  for (const m of MODES) {
    const t = store.totals(m);
    for (let i = 0; i < shown; i++) trialTotals.push({ trial: i, mode: m, totalCny: t[i]! });
  }

  // cash view: monthly costs as paid, with the warehouse's start-up and initial stock paid in month 1 instead of spread
  const startupPerMonth = (modes.warehouse.components.startup ?? 0) / months;
  const monthly = MODES.flatMap((m) =>
    s.modes[m].monthlyMeanCny.map((cost, k) => ({
      month: k + 1,
      mode: m,
      costCny: cost,
      // the 3PL has no start-up, but its first stock is paid in month 1 like the warehouse's
      cashOutCny: m === 'warehouse' ? cost - startupPerMonth + (k === 0 ? modes.warehouse.cashTiedUpCny : 0) : m === 'tpl' ? cost + (k === 0 ? modes.tpl.cashTiedUpCny : 0) : cost,
    })),
  );

  const admission = new Map(rules.files.admission.rules.map((r) => [r.id, r]));
  const skuSpecs = plan.scenario.spec.skus;
  // only the rule files a cost report reads (exit, re-entry and billing rules change no cost)
  const ruleSources = REPORT_RULE_FILES.flatMap((kind) => {
    const f = rules.files[kind] as unknown as { rules?: { id: string; name: Text; source: Parameters<typeof formatSource>[0]; effective: string }[] };
    return (f.rules ?? []).map((r) => ({ id: r.id, name: r.name, source: formatSource(r.source), effective: r.effective, file: `${kind}.json` }));
  });
  const feeSources = [...rules.files.fees.schedules.flatMap((sc) => [...sc.monthlyFees, ...sc.perOrderFees, ...sc.bandedFees, sc.logistics]), ...rules.files.fees.adjustments, ...rules.files.fees.ladders].map((x) => ({ id: x.id, name: x.name, source: formatSource(x.source), effective: x.effective, file: 'fees.json' }));
  const ruleAssumptions = [...rules.files.fees.schedules.flatMap((sc) => [...sc.bandedFees, sc.logistics]), ...rules.files.fees.ladders, rules.files.routing.network]
    .filter((x) => x.assumption)
    .map((x) => ({ id: x.id, name: x.name, value: '—', basis: `assumption:${x.assumption!.reasoning.en}`, reasoning: x.assumption!.reasoning }));

  // every piece of user text (scenario, SKU ids and names, rule texts) made visible once, here, so no
  // renderer (HTML, Markdown, CSV, SVG, PNG) can emit a control or bidirectional character
  return visibleDeep<ReportModel>({
    scenario: {
      name: plan.scenario.spec.title ?? s.scenario.name,
      file: scenarioFile,
      description: s.scenario.description,
      horizonMonths: months,
      startDate: s.scenario.startDate,
      sha256: s.scenario.hash,
      ordersPerDay: meanOrders / (plan.days || 1),
      skus: skuSpecs.map((k) => ({ id: k.id, name: k.name?.en ?? k.id, category: k.category })),
    },
    run: {
      seed: s.seed,
      trials: s.trials,
      toolVersion: TOOL_VERSION,
      rulesFingerprint: reportRulesFingerprint(inputs),
      dataFingerprint: s.dataFingerprint,
      ruleFiles: REPORT_RULE_FILES.map((k) => ({ file: `${k}.json`, effective: rules.files[k].effective })),
      inputs,
      sourceDate: sourceDate(env, s.scenario.startDate),
    },
    eligibility: {
      storeOk: plan.scenario.spec.store ? s.eligibility.storeEligible : null,
      storeFindings: s.eligibility.storeEligible
        ? []
        : s.eligibility.storeFailures.map((id) => {
            const r = admission.get(id);
            const found = s.eligibility.unavailableBecause.find((f) => f.rule === id);
            return { rule: id, message: found?.message ?? (r ? interpolate(r.message, r.params) : { en: id, zh: id }), remedy: found?.remedy ?? (r ? interpolate(r.remedy, r.params) : { en: '', zh: '' }) };
          }),
      blockedSkus: s.eligibility.skus.filter((k) => !k.jitEligible).map((k) => ({ sku: k.id, name: skuSpecs.find((x) => x.id === k.id)?.name?.en ?? k.id, reasons: k.blockedBy })),
      jitAvailable: s.eligibility.jitAvailable,
      jitMonths: s.eligibility.jitMonths,
    },
    meanOrders,
    currency: s.landed.reportingCurrency,
    modesOff: s.modesOff,
    modes,
    pairs,
    volumeCurve,
    tornado,
    tornadoPair,
    ...(tornadoMethod ? { tornadoMethod } : {}),
    feeReadings: s.scenario.newSellerFeeReading ?? [],
    trialTotals,
    monthly,
    routingFailures: s.routing.filter((r) => r.code !== 'JIT' && r.meanOrders > 0).map((r) => ({ code: r.code, name: rules.files.routing.rules.find((x: { id: string }) => x.id === r.code)?.name ?? { en: r.code, zh: r.code }, orders: r.meanOrders })),
    inputs: buildInputSheet(plan, scenarioFile, { fingerprint: reportRulesFingerprint(inputs), files: REPORT_RULE_FILES.map((k) => ({ file: `${k}.json`, effective: rules.files[k].effective })) }),
    assumptions: [...usedAssumptions(plan), ...ruleAssumptions],
    ruleSources: [...ruleSources, ...feeSources],
    landed: s.landed,
    inventory: s.inventory,
    monthLabels: plan.monthLabels,
    battery: s.battery,
  });
}

/** results.csv: one row per trial and mode (trials.csv with the scenario's name first), every text cell neutralised for spreadsheets. */
export function resultsCsv(result: SimulationResult, scenarioName: string): string {
  const name = String(csvSafe(scenarioName) ?? '');
  const cell = /[",\n\r]/.test(name) ? '"' + name.replace(/"/g, '""') + '"' : name;
  // trials.csv's only text cells are the fixed mode names; its header is made visible when written
  const lines = readFileSync(result.trials.path, 'utf8').split('\n');
  lines.pop();
  return lines.map((l, i) => (i === 0 ? `scenario,${l}` : `${cell},${l}`)).join('\n') + '\n';
}

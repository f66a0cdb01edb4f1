/**
 * The per-SKU pass's memo: a break-even run that resumes a trial this worker ran at another volume
 * gives the records a fresh worker computes from scratch, bit for bit — for a catalogue whose
 * per-SKU inputs are recorded one by one and for one recorded by group, with an uncertain mix.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScenario } from '../scenario/testing.ts';
import type { ScenarioFile } from '../scenario/schema.ts';
import { PROJECT_DIR, RULES_DIR } from '../testing/fixtures.ts';
import { preparePlan } from './prepare.ts';
import { makeScratch, runTrial } from './trial.ts';
import type { SimPlan } from './plan.ts';

type Sku = ScenarioFile['skus'][number];

async function catalogue(n: number, over: Partial<ScenarioFile> = {}): Promise<SimPlan> {
  const s = JSON.parse(await readFile(join(PROJECT_DIR, 'data/scenarios/home-latam.json'), 'utf8')) as ScenarioFile;
  const skus = Array.from({ length: n }, (_, i) => {
    const b = s.skus[i % s.skus.length]!;
    const f = 0.6 + (i % 7) / 7;
    const w = b.weightKg as number | { dist: 'pert' | 'triangular'; min: number; mode: number; max: number };
    const weightKg = typeof w === 'number' ? w * f : { ...w, min: w.min * f, mode: w.mode * f, max: w.max * f };
    return { ...b, id: `sku-${i}`, share: 1 + (i % 5), weightKg, priceCny: { dist: 'uniform', min: 40 + i, max: 90 + i } } as Sku;
  });
  return preparePlan({ rulesDir: RULES_DIR, scenarioFile: await writeScenario({ ...s, horizonMonths: 3, skus, ...over }) });
}

/** Records of trials 0…n-1 at volume `v`, on scratch `sc` (fresh when not given). */
function records(plan: SimPlan, v: number, n: number, sc = makeScratch(plan)): Float64Array {
  const stride = plan.layout.stride;
  const out = new Float64Array(n * stride);
  for (let t = 0; t < n; t++) runTrial(plan, sc, 4, t, out, t * stride, { volumeMultiplier: v });
  return out;
}

describe('the per-SKU pass memo', () => {
  for (const [what, n] of [['12 SKUs, inputs recorded one by one', 12], ['60 SKUs, inputs recorded by group', 60]] as const) {
    it(`a break-even run resuming remembered trials gives a fresh worker's records bit for bit (${what})`, async () => {
      const plan = await catalogue(n, { shareUncertainty: { skus: 50 } } as Partial<ScenarioFile>);
      expect(plan.layout.inputGroups.length > 0).toBe(n > 12);
      const sc = makeScratch(plan);
      records(plan, 0.5, 20, sc); // the worker has run these trials at half the volume
      for (const v of [1, 4]) {
        const resumed = records(plan, v, 20, sc);
        const fresh = records(plan, v, 20);
        expect(Buffer.from(resumed.buffer).equals(Buffer.from(fresh.buffer)), `volume ×${v}`).toBe(true);
      }
      // and the main run (no volume multiplier) is unaffected by the memo
      const main = new Float64Array(plan.layout.stride);
      const main2 = new Float64Array(plan.layout.stride);
      runTrial(plan, sc, 4, 3, main, 0, {});
      runTrial(plan, makeScratch(plan), 4, 3, main2, 0, {});
      expect(Buffer.from(main.buffer).equals(Buffer.from(main2.buffer))).toBe(true);
    });
  }

  it('a swing run (every input fixed, certain mix) copies its first trial\'s pass into the others: records bit for bit those of fresh workers', async () => {
    const plan = await catalogue(60);
    const stride = plan.layout.stride;
    const inputs = plan.scenario.inputs;
    for (const q of [0.1, 0.9]) {
      const fixed = Float64Array.from(inputs, (x) => x.dist.quantile(q));
      const sc = makeScratch(plan);
      const shared = new Float64Array(10 * stride);
      const fresh = new Float64Array(10 * stride);
      for (let t = 0; t < 10; t++) {
        runTrial(plan, sc, 4, t, shared, t * stride, { fixedInputs: fixed });
        runTrial(plan, makeScratch(plan), 4, t, fresh, t * stride, { fixedInputs: fixed });
      }
      expect(Buffer.from(shared.buffer).equals(Buffer.from(fresh.buffer)), `P${q * 100}`).toBe(true);
    }
  });
});

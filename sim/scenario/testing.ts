/**
 * Test factory for scenarios (json-rules-engine's rule-factory idea): a small valid scenario with
 * any field overridden, written to a temporary file — instead of JSON pasted into every test.
 */
import { writeFile } from 'node:fs/promises';
import { tempDir } from '../testing/fixtures.ts';
import { join } from 'node:path';
import type { ScenarioFile } from './schema.ts';

/** One destination (ES), one 0.5 kg SKU, 10 orders/day, API sync, one month: every value fixed (rate multipliers 1: no rate uncertainty; EUR at 8 CNY: no FX uncertainty). */
export function scenarioSpec(over: Partial<ScenarioFile> = {}): ScenarioFile {
  return {
    name: 'test-scenario',
    description: { en: 'test', zh: '测试' },
    startDate: '2025-01-01',
    horizonMonths: 1,
    newSeller: false,
    demand: { ordersPerDay: 10 },
    destinations: [{ country: 'ES', share: 1, service: 'standard' }],
    skus: [{ id: 'sku-1', category: 'apparel', share: 1, weightKg: 0.5, unitCostCny: 40, priceCny: 100, jitTagged: true }],
    returns: { jitRate: 0.01 },
    sync: { mode: 'api' },
    jit: { designatedBox: false, nonPreferredShare: 0 },
    rateCards: { jitLogistics: { multiplier: 1 }, direct: { multiplier: 1 }, warehouseLastMile: { multiplier: 1 }, warehouseHeadhaul: { multiplier: 1 } },
    currency: { rates: { EUR: 8 } },
    ...over,
  };
}

/** Writes a scenario (an object, or raw text) to a temporary file and returns its path. */
export async function writeScenario(s: ScenarioFile | string, name = 'scenario.json'): Promise<string> {
  const dir = await tempDir('jitsim-scenario-');
  const p = join(dir, name);
  await writeFile(p, typeof s === 'string' ? s : JSON.stringify(s, null, 2) + '\n');
  return p;
}

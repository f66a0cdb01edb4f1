import { tempDir } from '../testing/fixtures.ts';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors.ts';
import { PROJECT_DIR } from '../testing/fixtures.ts';
import { dataAssumptions, loadDataSet, readDataSet, warehouseParams } from './data-set.ts';
import { emitDataSchemas } from './schema-emit.ts';

async function copyData(edit: (modes: any, warehouse: any) => void): Promise<string> {
  const root = await tempDir('jitsim-data-');
  await cp(join(PROJECT_DIR, 'data'), join(root, 'data'), { recursive: true });
  const modes = JSON.parse(await readFile(join(root, 'data/modes.json'), 'utf8'));
  const warehouse = JSON.parse(await readFile(join(root, 'data/warehouse.json'), 'utf8'));
  edit(modes, warehouse);
  await writeFile(join(root, 'data/modes.json'), JSON.stringify(modes, null, 2));
  await writeFile(join(root, 'data/warehouse.json'), JSON.stringify(warehouse, null, 2));
  return root;
}

describe('data files', () => {
  it('load, every figure with a basis, and the published schemas are current', async () => {
    const data = await loadDataSet(PROJECT_DIR, ['data/rates/jit-logistics.csv']);
    expect(data.modeValues.jitReturnReductionVsDirect).toBe(0.41);
    expect(dataAssumptions(data).length).toBeGreaterThan(10);
    for (const [name, text] of emitDataSchemas()) expect(await readFile(join(PROJECT_DIR, 'data/schema', name), 'utf8'), name).toBe(text);
  });

  it('fill a market from the defaults and let a client override any param', async () => {
    const data = await loadDataSet(PROJECT_DIR);
    const es = warehouseParams(data, 'ES');
    expect(es.rentCnyPerM3Month).toBe(45);
    expect(es.capitalRateYear).toBe(data.warehouse.defaults.capitalRateYear!.value);
    expect(warehouseParams(data, 'ES', { rentCnyPerM3Month: 50 })).toMatchObject({ rentCnyPerM3Month: 50 });
    expect(es.startupCny).toBeGreaterThanOrEqual(50_000); // the articles' floor
  });

  it('report a missing param, a param no model reads, a fraction above 1, an unknown market and a basis without its prefix', async () => {
    const root = await copyData((modes, warehouse) => {
      delete modes.params.quotePriceCny;
      modes.params.jitAvgFulfilmentDays = { value: 7.2, unit: 'days', basis: 'source:[ENABLE]' };
      warehouse.defaults.capitalRateYear.value = 10;
      warehouse.markets.XX = {};
      warehouse.markets.ES.rentRate = { value: 1, basis: 'assumption:x' };
    });
    const { dataSet, diagnostics } = await readDataSet(root);
    expect(dataSet).toBeUndefined();
    const text = diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(text).toMatch(/modes\.json:\d+:\d+ \(\/params\): missing param "quotePriceCny"/);
    expect(text).toMatch(/modes\.json:\d+:\d+ \(\/params\/jitAvgFulfilmentDays\): "jitAvgFulfilmentDays" is not read by any model — remove it \(keep facts for reading in data\/README\.md\)/);
    expect(text).toMatch(/warehouse\.json:\d+:\d+ \(\/defaults\/capitalRateYear\/value\): "capitalRateYear" is a fraction but is 10 — rates are fractions/);
    expect(text).toMatch(/\(\/markets\/XX\): "XX" is not an ISO 3166-1 alpha-2 country code/);
    expect(text).toMatch(/\(\/markets\/ES\/rentRate\): unknown warehouse param "rentRate"/);
    const bad = await copyData((_m, warehouse) => (warehouse.markets.ES.rentCnyPerM3Month.basis = 'because'));
    const b = await readDataSet(bad);
    expect(b.diagnostics.map((d) => formatDiagnostic(d)).join('\n')).toMatch(/\(\/markets\/ES\/rentCnyPerM3Month\/basis\): value does not match the pattern/);
  });
});

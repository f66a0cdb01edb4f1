import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules, tempDir } from '../testing/fixtures.ts';
import { loadCostContext } from './context.ts';
import { loadCostContextSnapshot, snapshotKey, validateProjectSnapshot } from './context-snapshot.ts';
import { quote, type QuoteInput } from './quote.ts';

const input: QuoteInput = { dest: 'ES', weightKg: 0.5, service: 'standard', designatedBox: false, nonPreferredWarehouse: false, oversize: false, newSeller: false, countryDailyOrders: 20 };
const saved = process.env.JITSIM_CACHE_DIR;
let cacheDir: string;
const entries = async () => (await readdir(cacheDir)).filter((f) => f.endsWith('.bin')).length;

beforeAll(async () => {
  cacheDir = await tempDir('jitsim-snapshot-');
  process.env.JITSIM_CACHE_DIR = cacheDir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.JITSIM_CACHE_DIR;
  else process.env.JITSIM_CACHE_DIR = saved;
});

describe('cost context snapshot (jitsim quote)', () => {
  it('a hit gives the same context and quote as the full load; a changed rule file is a miss that shows the change', async () => {
    const { rulesDir } = await copyRules();
    const full = await loadCostContext(rulesDir);
    const first = await loadCostContextSnapshot(rulesDir, 'test-build');
    expect(await entries()).toBe(1);
    const hit = await loadCostContextSnapshot(rulesDir, 'test-build');
    expect(await entries()).toBe(1);
    expect(hit.rules.fingerprint).toBe(full.rules.fingerprint);
    expect(hit.data.fingerprint).toBe(full.data.fingerprint);
    expect(quote(hit, input)).toEqual(quote(full, input));
    expect(quote(first, input)).toEqual(quote(full, input));
    expect([...hit.schedules.keys()]).toEqual([...full.schedules.keys()]);
    // the rule documents are re-read on demand, with their locations
    expect(hit.rules.docs.fees.locate('/schedules/0').line).toBe(full.rules.docs.fees.locate('/schedules/0').line);

    // one byte of a rule file changes the key: the edit is seen at once
    const fees = join(rulesDir, 'fees.json');
    const json = JSON.parse(await readFile(fees, 'utf8'));
    json.schedules[0].monthlyFees[0].feeCny += 1;
    await writeFile(fees, JSON.stringify(json, null, 2));
    const edited = await loadCostContextSnapshot(rulesDir, 'test-build');
    expect(edited.rules.fingerprint).not.toBe(full.rules.fingerprint);
    expect(edited.rules.fingerprint).toBe((await loadCostContext(rulesDir)).rules.fingerprint);
    expect(await entries()).toBe(2);
  });

  it('a data file, the build and the working folder are part of the key; no build id (TypeScript sources) stores nothing', async () => {
    const { rulesDir } = await copyRules();
    // a project of its own: copyRules links the real data/, which must not be touched
    const project = await tempDir('jitsim-snapshot-project-');
    await cp(join(PROJECT_DIR, 'data'), join(project, 'data'), { recursive: true, filter: (f) => !/[\\/](samples|scenarios)$/.test(f) });
    await cp(rulesDir, join(project, 'rules'), { recursive: true });
    const own = join(project, 'rules');
    const key = snapshotKey(own, 'b1')!;
    expect(key).not.toBe(snapshotKey(rulesDir, 'b1'));
    expect(snapshotKey(own, 'b2')).not.toBe(key);
    await writeFile(join(project, 'data', 'fx.json'), (await readFile(join(project, 'data', 'fx.json'), 'utf8')) + '\n');
    expect(snapshotKey(own, 'b1')).not.toBe(key);
    const before = await entries();
    await loadCostContextSnapshot(rulesDir, undefined);
    expect(await entries()).toBe(before);
  });

  it('rules validate: an invalid file gives the same located problems from the snapshot, and fixing it is seen', async () => {
    const { rulesDir } = await copyRules();
    const fees = join(rulesDir, 'fees.json');
    const good = await readFile(fees, 'utf8');
    await writeFile(fees, good.replace('"schedules"', '"schedulez"'));
    const bad1 = await validateProjectSnapshot(rulesDir, {}, 'test-build');
    const bad2 = await validateProjectSnapshot(rulesDir, {}, 'test-build');
    expect(bad1.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(bad2).toEqual(bad1);
    expect(bad2.fingerprint).toBeUndefined();
    await writeFile(fees, good);
    const ok = await validateProjectSnapshot(rulesDir, {}, 'test-build');
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ok.fingerprint).toBe((await loadCostContext(rulesDir)).rules.fingerprint);
  });
});

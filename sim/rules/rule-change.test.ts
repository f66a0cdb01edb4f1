/**
 * Rules are the single source of truth: for each rule file, change one value in a copy of the
 * folder and the verdict changes, with no code change.
 */
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../checks/catalog.ts';
import { checkExit } from '../checks/exit.ts';
import { checkReentry } from '../checks/reentry.ts';
import { checkRouting } from '../checks/routing.ts';
import { checkStore } from '../checks/store.ts';
import { RULES_DIR, copyRules, exitInput, reentryInput, routingInput, ruleById, storeInput, type MutableRules } from '../testing/fixtures.ts';
import { loadRuleSet, type RuleSet } from './rule-set.ts';

async function before(): Promise<RuleSet> {
  return loadRuleSet(RULES_DIR);
}
async function after(mutate: (f: MutableRules) => void): Promise<RuleSet> {
  return loadRuleSet((await copyRules(mutate)).rulesDir);
}

const sku = (category: string, over: Record<string, unknown> = {}) => ({ sku: 'T-1', category, jitTagged: true, weightKg: 0.5, hasCompositionLabel: false, ceFccCert: '', hasCeFccCert: false, medicalCert: false, containsLithiumBattery: false, line: 2, ...over });

describe('changing a rule file changes the verdict', () => {
  it('admission.json: ADM-3 from 0.95 to 0.97 fails a store at 96 %', async () => {
    const input = storeInput({ positiveRate90d: 0.96 });
    expect((await checkStore(await before(), input, '2024-07-01')).ok).toBe(true);
    const changed = await after((f) => (ruleById(f.admission, 'ADM-3').params.minPositiveRate = 0.97));
    const r = await checkStore(changed, input, '2024-07-01');
    expect(r.ok).toBe(false);
    expect(r.findings.map((x) => x.rule)).toEqual(['ADM-3']);
    expect(r.findings[0]!.remedy.en).toContain('97%');
  });

  it('admission.json: ADM-6 freezeDays from 30 to 45 moves the end of the freeze', async () => {
    const input = storeInput({ failedReviews: 3, lastFailedReviewOn: '2024-06-01' });
    expect((await checkStore(await before(), input, '2024-07-05')).ok).toBe(true);
    const r = await checkStore(await after((f) => (ruleById(f.admission, 'ADM-6').params.freezeDays = 45)), input, '2024-07-05');
    expect(r.frozenUntil).toBe('2024-07-16');
  });

  it('catalogue.json: adding "beauty" to the banned list bans a beauty SKU', async () => {
    expect((await checkCatalog(await before(), [sku('beauty')])).ok).toBe(true);
    const changed = await after((f) =>
      f.catalogue.bannedCategories.push({ ...f.catalogue.bannedCategories[0], id: 'BAN-5', category: 'beauty', name: { en: 'Beauty banned', zh: '美妆禁售' } }),
    );
    const r = await checkCatalog(changed, [sku('beauty')]);
    expect(r.ok).toBe(false);
    expect(r.skus[0]!.banned).toEqual(['BAN-5']);
  });

  it('catalogue.json: FIT-1 from 2 kg to 1 kg turns a 1.5 kg SKU into advice', async () => {
    expect((await checkCatalog(await before(), [sku('home', { weightKg: 1.5 })])).skus[0]!.status).toBe('ok');
    const r = await checkCatalog(await after((f) => (ruleById(f.catalogue, 'FIT-1').params.maxLightKg = 1)), [sku('home', { weightKg: 1.5 })]);
    expect(r.skus[0]!.status).toBe('advisory');
  });

  it('routing.json: SYNC-LATE from 4 h to 6 h routes 5-hourly uploads to JIT', async () => {
    const input = routingInput({ syncMode: 'manual', uploadIntervalHours: 5 });
    expect((await checkRouting(await before(), input)).route).toBe('direct');
    expect((await checkRouting(await after((f) => (ruleById(f.routing, 'SYNC-LATE').params.maxUploadIntervalHours = 6)), input)).route).toBe('jit');
  });

  it('billing.json: payByDay from 10 to 15 makes a bill unpaid on the 12th not yet overdue', async () => {
    const input = routingInput({ billOverdue: undefined, unpaidBillMonth: '2024-06', asOf: '2024-07-12' });
    expect((await checkRouting(await before(), input)).findings.map((x) => x.rule)).toEqual(['UNPAID']);
    expect((await checkRouting(await after((f) => (f.billing.cycle.payByDay = 15)), input)).ok).toBe(true);
  });

  it('exit.json: EXIT-2 from 72 h to 48 h makes a 60-hour pickup stuck', async () => {
    const input = exitInput({ orders: [{ id: 'P1', status: 'awaiting_pickup', hoursSinceCreated: 60 }] });
    expect((await checkExit(await before(), input, '2024-07-01T00:00:00Z')).findings.map((x) => x.rule)).toEqual(['EXIT-1']);
    const r = await checkExit(await after((f) => (ruleById(f.exit, 'EXIT-2').params.stuckAfterHours = 48)), input, '2024-07-01T00:00:00Z');
    expect(r.findings.map((x) => x.rule)).toEqual(['EXIT-1', 'EXIT-2']);
    expect(r.stuckOrders).toEqual([{ id: 'P1', hoursSinceCreated: 60 }]);
  });

  it('reentry.json: RE-1 from 4.7 to 4.8 refuses a store at 4.75', async () => {
    const input = reentryInput({ dsr30d: 4.75 });
    expect((await checkReentry(await before(), input)).ok).toBe(true);
    expect((await checkReentry(await after((f) => (ruleById(f.reentry, 'RE-1').params.minDsr = 4.8)), input)).ok).toBe(false);
  });
});

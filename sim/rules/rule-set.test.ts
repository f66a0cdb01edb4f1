import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../errors.ts';
import { RULES_DIR, copyRules, ruleById, writeRuleText } from '../testing/fixtures.ts';
import { loadRuleSet, readRuleSet } from './rule-set.ts';
import { emitRuleSchemas } from './schema/emit.ts';

async function problems(mutate: Parameters<typeof copyRules>[0]) {
  const { rulesDir } = await copyRules(mutate);
  const { ruleSet, diagnostics } = await readRuleSet(rulesDir);
  return { ruleSet, messages: diagnostics.map((d) => formatDiagnostic(d)), diagnostics };
}

describe('the shipped rule files', () => {
  it('are valid', async () => {
    const { diagnostics, ruleSet } = await readRuleSet(RULES_DIR);
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(ruleSet?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('match the published JSON Schemas (run `npm run schemas` after changing sim/rules/schema)', async () => {
    for (const [name, text] of emitRuleSchemas()) {
      expect(await readFile(join(RULES_DIR, 'schema', name), 'utf8'), name).toBe(text);
    }
  });

  it('each name their schema with $schema', async () => {
    const rs = await loadRuleSet(RULES_DIR);
    for (const [kind, f] of Object.entries(rs.files)) expect((f as { $schema: string }).$schema).toBe(`./schema/${kind}.schema.json`);
  });

  it('have a fingerprint that ignores formatting and key order', async () => {
    const a = await loadRuleSet(RULES_DIR);
    const { rulesDir } = await copyRules((f) => {
      const { rules, ...rest } = f.admission;
      f.admission = { rules, ...rest };
    });
    const b = await loadRuleSet(rulesDir);
    expect(b.fingerprint).toBe(a.fingerprint);
  });
});

describe('rules validate finds every mistake, located', () => {
  it('reports malformed JSON with line and column', async () => {
    const { rulesDir } = await copyRules();
    await writeRuleText(rulesDir, 'billing', '{\n  "kind": "billing",\n  "title": { "en": "x" "zh": "y" }\n}\n');
    const { diagnostics } = await readRuleSet(rulesDir);
    expect(diagnostics[0]?.location).toMatchObject({ line: 3, col: 24 });
    expect(formatDiagnostic(diagnostics[0]!)).toMatch(/billing\.json:3:24 \(\/\): malformed JSON: CommaExpected — add the missing comma/);
  });

  it('reports a wrong type at the field, with its JSON pointer', async () => {
    const { messages } = await problems((f) => {
      ruleById(f.admission, 'ADM-3').params.minPositiveRate = '95%';
    });
    expect(messages.join('\n')).toMatch(/admission\.json:\d+:\d+ \(\/rules\/2\/params\/minPositiveRate\): wrong type: expected number — write a number here without quotes/);
  });

  it('reports every error, not just the first, across files', async () => {
    const { messages, ruleSet } = await problems((f) => {
      f.fees.schedules[0].bandedFees[0].bands[1].feeCny = -1;
      f.exit.rules[0].severity = 'fatal';
      f.reentry.rules[0].id = 'RE-2';
    });
    expect(ruleSet).toBeUndefined();
    expect(messages.some((m) => m.includes('fees.json') && m.includes('/feeCny') && m.includes('>= 0'))).toBe(true);
    expect(messages.some((m) => m.includes('exit.json') && m.includes('/rules/0/severity'))).toBe(true);
    expect(messages.some((m) => m.includes('reentry.json') && m.includes('duplicate id "RE-2"'))).toBe(true);
  });

  it.each([
    ['overlapping bands', (f: any) => (f.fees.schedules[0].bandedFees[0].bands[1].fromLitres = 0.5), /bandedFees\/0\/bands\/1\/fromLitres\): band 2 overlaps band 1/],
    ['a gap between bands', (f: any) => (f.fees.schedules[0].bandedFees[0].bands[1].fromLitres = 2), /band 2 .*gap|gap between bands 1 and 2/],
    ['unsorted bands', (f: any) => f.fees.schedules[0].bandedFees[0].bands.reverse(), /not sorted|open-ended but is not the last/],
    ['a last band with an upper bound', (f: any) => (f.fees.schedules[0].bandedFees[0].bands[3].toLitres = 50), /last band ends at 50/],
    ['a negative fee', (f: any) => (f.fees.schedules[0].monthlyFees[0].feeCny = -300), /monthlyFees\/0\/feeCny\): value must be >= 0 — amounts, counts and rates cannot be negative/],
    ['a discount factor above 1', (f: any) => (f.fees.adjustments[1].effect.factor = 1.1), /factor 1\.1 is outside \(0, 1\]/],
    ['a discount factor of 0', (f: any) => (f.fees.ladders[0].steps[0].factor = 0), /factor 0 is outside \(0, 1\]/],
    ['a duplicate id', (f: any) => (f.catalogue.rules[1].id = 'BAN-1'), /duplicate id "BAN-1"/],
    ['a duplicate banned category', (f: any) => f.catalogue.bannedCategories.push({ ...f.catalogue.bannedCategories[0], id: 'BAN-9' }), /category "prescription-drug" is banned twice/],
    ['a banned category that is not a category', (f: any) => (f.catalogue.bannedCategories[0].category = 'drugs'), /banned category "drugs" is not in "categories"/],
    ['an unknown fact', (f: any) => (ruleById(f.admission, 'ADM-3').conditions.all[0].fact = 'positiveRate'), /\/rules\/2\/conditions\/all\/0\/fact\): unknown fact "positiveRate" — use one of: .*positiveRate90d/],
    ['an unknown operator', (f: any) => (ruleById(f.admission, 'ADM-3').conditions.all[0].operator = 'atLeast'), /unknown operator "atLeast"/],
    ['an operator that does not fit the fact', (f: any) => (ruleById(f.admission, 'ADM-1').conditions.all[0].operator = 'greaterThan'), /operator "greaterThan" does not apply to enum fact "storeType"/],
    ['an enum value that does not exist', (f: any) => (ruleById(f.admission, 'ADM-1').conditions.all[0].value = 'enterprize'), /"enterprize" is not a value of "storeType"/],
    ['a rate written as a percentage', (f: any) => (f.fees.adjustments[1].conditions.all[0].value = 1.8), /value 1\.8 is outside the range of "returnRate" \[0, 1\] — rates are fractions/],
    ['a dangling param', (f: any) => delete ruleById(f.exit, 'EXIT-2').params, /param "stuckAfterHours" is not defined/],
    ['a placeholder without a param', (f: any) => (ruleById(f.reentry, 'RE-1').message.en = 'DSR below {minDSR}'), /placeholder \{minDSR\} names no param/],
    ['an unknown ISO country code', (f: any) => f.routing.network.overseasWarehouseCountries.push('XX'), /"XX" is not an ISO 3166-1 alpha-2 country code/],
    ['a lower-case country code', (f: any) => f.routing.network.overseasWarehouseCountries.push('es'), /"es" is not an ISO 3166-1/],
    ['a dangling reference to another file', (f: any) => (ruleById(f.routing, 'UNPAID').ref = 'BIL-9'), /"BIL-9" is not defined in any rule file/],
    ['an exit step requiring an unknown rule', (f: any) => f.exit.steps[0].requires.push('EXIT-9'), /step requires "EXIT-9"/],
    ['an adjustment for an unknown schedule', (f: any) => f.fees.adjustments[0].schedules.push('C'), /schedule "C" is not defined/],
    ['a missing rate card', (f: any) => (f.fees.schedules[0].logistics.rateCard = 'data/rates/nope.csv'), /rate card "data\/rates\/nope\.csv" does not exist/],
    ['an unknown field (typo)', (f: any) => (ruleById(f.admission, 'ADM-2').remedey = ruleById(f.admission, 'ADM-2').remedy), /unknown field "remedey"/],
    ['a missing remedy', (f: any) => delete ruleById(f.admission, 'ADM-2').remedy, /missing required field "remedy"/],
    ['a bad effective date', (f: any) => (ruleById(f.admission, 'ADM-2').effective = '2024-13-01'), /\/effective\): value is not a valid date — write the date as YYYY-MM-DD/],
    ['a path in a condition', (f: any) => (ruleById(f.admission, 'ADM-3').conditions.all[0].path = '$.x'), /"path" is not allowed/],
    ['a fact-valued comparison', (f: any) => (ruleById(f.admission, 'ADM-3').conditions.all[0].value = { fact: 'disputeRate' }), /fact-to-fact comparisons cannot be tabulated/],
    ['a fee condition the compiler cannot tabulate (fact-to-fact)', (f: any) => (f.fees.adjustments[1].conditions.all[0].value = { fact: 'countryDailyOrders' }), /fees\.json:\d+:\d+ \(\/adjustments\/1\/conditions\/all\/0\/value\): .*cannot be tabulated/],
    ['a fee condition on a fact the fee model does not know', (f: any) => (f.fees.adjustments[0].conditions.all[0].fact = 'storeType'), /\/adjustments\/0\/conditions\/all\/0\/fact\): unknown fact "storeType" — use one of: warehouseRegion/],
    ['a forEach over an unknown collection', (f: any) => (ruleById(f.admission, 'ADM-5').forEach = 'suppliers'), /unknown collection "suppliers"/],
  ])('reports %s', async (_what, mutate, expected) => {
    const { messages, ruleSet } = await problems(mutate);
    expect(ruleSet).toBeUndefined();
    expect(messages.join('\n')).toMatch(expected);
    for (const m of messages) expect(m).toMatch(/^.+\.json:\d+:\d+ \(.*\): .+ — .+$/);
  });

  it('reports semantic errors of a file that also has a schema error', async () => {
    const { messages } = await problems((f) => {
      f.fees.schedules[0].bandedFees[0].bands[1].fromLitres = 2; // gap
      f.fees.schedules[1].perOrderFees[0].feeCny = -0.3; // schema: negative fee
    });
    const text = messages.join('\n');
    expect(text).toMatch(/\/schedules\/1\/perOrderFees\/0\/feeCny\): value must be >= 0/);
    expect(text).toMatch(/\/schedules\/0\/bandedFees\/0\/bands\/1\/fromLitres\): gap between bands 1 and 2/);
  });

  it('reports a missing rule file and an unexpected one', async () => {
    const { rulesDir } = await copyRules();
    const { rm, writeFile } = await import('node:fs/promises');
    await rm(join(rulesDir, 'billing.json'));
    await writeFile(join(rulesDir, 'extra.json'), '{}');
    const { diagnostics } = await readRuleSet(rulesDir);
    const text = diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(text).toMatch(/missing rule file billing\.json/);
    expect(text).toMatch(/unexpected rule file extra\.json/);
  });
});

describe('catalogue csv section', () => {
  it('rejects a header name given to two columns, a word that is both yes and no, and a bad certificate pattern', async () => {
    const { rulesDir } = await copyRules((f) => {
      f.catalogue.csv.headers.category.push('SKU编码');
      f.catalogue.csv.no.push('是');
      f.catalogue.csv.certificateNumber.example = '???';
    });
    const { diagnostics } = await readRuleSet(rulesDir);
    const texts = diagnostics.map((d) => `${d.location.pointer}: ${d.message.en}`);
    expect(texts).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/csv\/headers\/category\/\d+: header name "SKU编码" is also a name of the column sku/),
      expect.stringMatching(/^\/csv\/no\/\d+: "是" is listed both as yes and as no/),
      '/csv/certificateNumber/example: the example "???" does not match the pattern',
    ]));
  });
});

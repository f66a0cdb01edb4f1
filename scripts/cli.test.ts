import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules, ruleById, tempFile } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const COMMANDS = [['rules', 'validate'], ['rules', 'test'], ['check', 'store'], ['check', 'catalog'], ['check', 'exit'], ['check', 'reentry'], ['quote'], ['diff'], ['merge'], ['serve-worker']];

describe('jitsim CLI manners', () => {
  it.each([[], ['rules'], ['check'], ...COMMANDS])('has --help for "%s"', async (...cmd) => {
    const r = await cli(...(cmd as string[]), '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: jitsim/);
  });

  it('rejects an unknown command and an unknown flag with exit 2', async () => {
    const a = await cli('frobnicate');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown command 'frobnicate'/);
    const b = await cli('check', 'store', 'data/samples/store.json', '--colour');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unknown option '--colour'/);
    const c = await cli('check', 'store', 'x.json', '--lang', 'fr');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/Allowed choices are en, zh/);
  });

  it('answers the four checks on the bundled samples, in text and JSON, in both languages', async () => {
    const cases: [string, string, number][] = [
      ['store', 'data/samples/store.json', 0],
      ['store', 'data/samples/store-frozen.json', 1],
      ['catalog', 'data/samples/skus.csv', 1],
      ['exit', 'data/samples/exit-state.json', 1],
      ['exit', 'data/samples/exit-ready.json', 0],
      ['reentry', 'data/samples/reentry-state.json', 1],
    ];
    for (const [check, file, code] of cases) {
      for (const lang of ['en', 'zh']) {
        const text = await cli('check', check, file, '--lang', lang);
        expect(text.code, `${check} ${file} ${lang}`).toBe(code);
        expect(text.stdout).toMatch(lang === 'zh' ? /[检查]/ : /check/i);
        const json = await cli('check', check, file, '--json', '--lang', lang);
        expect(json.code).toBe(code);
        const out = JSON.parse(json.stdout);
        expect(out.ok).toBe(code === 0);
        for (const f of out.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'message', 'remedy', 'source']));
      }
    }
  });

  it('says in JSON until when a frozen store is frozen', async () => {
    const out = JSON.parse((await cli('check', 'store', 'data/samples/store-frozen.json', '--json')).stdout);
    expect(out.frozenUntil).toBe('2026-12-10');
    expect(out.findings.map((f: { rule: string }) => f.rule)).toEqual(['ADM-3', 'ADM-5', 'ADM-6']);
  });

  it('reports bad input as file:line:col (pointer): what — how, exit 2, no stack trace', async () => {
    const bad = await tempFile('store.json', '{\n  "storeType": "enterprise",\n  "realNameVerified": "yes",\n  "positiveRate90d": 95,\n  "disputeRate": 0.001,\n  "providers": [],\n  "failedReviews": 0\n}\n');
    const r = await cli('check', 'store', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/store\.json:3:3 \(\/realNameVerified\): wrong type: expected boolean — write a boolean here/);
    expect(r.stderr).toMatch(/store\.json:4:3 \(\/positiveRate90d\): value must be <= 1 — rates are fractions: write 95 % as 0\.95/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const malformed = await tempFile('s.json', '{ "storeType": "enterprise", }');
    const m = await cli('check', 'store', malformed, '--json');
    expect(m.code).toBe(2);
    expect(JSON.parse(m.stdout).error.diagnostics[0]).toMatchObject({ line: 1, col: 30, message: 'malformed JSON: PropertyNameExpected' });
    const missing = await cli('check', 'catalog', 'nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: ENOENT/);
  });

  it('rules validate: 0 when clean, 2 with located messages on a broken copy, 2 when unreadable', async () => {
    expect((await cli('rules', 'validate')).code).toBe(0);
    const { rulesDir } = await copyRules((f) => {
      ruleById(f.admission, 'ADM-3').params.minPositiveRate = 9.5;
      f.fees.schedules[0].bandedFees[1].bands[2].fromLitres = 4;
    });
    const broken = await cli('rules', 'validate', rulesDir, '--json');
    expect(broken.code).toBe(2);
    const out = JSON.parse(broken.stdout);
    expect(out.errors).toBeGreaterThanOrEqual(2);
    expect(out.diagnostics.map((d: { text: string }) => d.text).join('\n')).toMatch(/fees\.json:\d+:\d+ \(\/schedules\/0\/bandedFees\/1\/bands\/2\/fromLitres\): band 3 overlaps band 2/);
    expect((await cli('rules', 'validate', '/nonexistent/rules')).code).toBe(2);
  });

  it('rules test: one line per case and a summary; exit 1 when a rule change breaks a case', async () => {
    const ok = await cli('rules', 'test');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(Number(/^(\d+) passed/m.exec(ok.stdout)![1])).toBeGreaterThanOrEqual(40);
    const { rulesDir } = await copyRules((f) => (ruleById(f.admission, 'ADM-3').params.minPositiveRate = 0.96));
    const bad = await cli('rules', 'test', rulesDir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL admission\.test\.json › ADM-3: exactly 95 % passes \(boundary\)\n\s+expected: ok=true failing=\[\]\n\s+actual:\s+ok=false failing=\[ADM-3\]/);
    expect(bad.stdout).toMatch(/^\d+ passed, [1-9]\d* failed$/m);
  });

  it('runs as the package bin through tsx (npx jitsim)', async () => {
    const { stdout } = await promisify(execFile)('./scripts/jitsim.ts', ['rules', 'validate', '--json'], { cwd: PROJECT_DIR, env: { ...process.env, PATH: `${PROJECT_DIR}/node_modules/.bin:${process.env.PATH}` } });
    expect(JSON.parse(stdout).ok).toBe(true);
  });
});

import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR, copyRules, ruleById, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { EXIT } from './exit-codes.ts';
import { memoryIo } from './io.ts';

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every command, as a user would call it with `--rules <dir>` (or the rule folder as its argument). */
function everyCommand(rulesDir: string, out: string): [string, string[]][] {
  return [
    ['rules validate', ['rules', 'validate', rulesDir]],
    ['rules test', ['rules', 'test', rulesDir]],
    ['check store', ['check', 'store', 'data/samples/store.json', '--rules', rulesDir]],
    ['check catalog', ['check', 'catalog', 'data/samples/skus.csv', '--rules', rulesDir]],
    ['check exit', ['check', 'exit', 'data/samples/exit-state.json', '--rules', rulesDir]],
    ['check reentry', ['check', 'reentry', 'data/samples/reentry-state.json', '--rules', rulesDir]],
    ['quote', ['quote', '--dest', 'ES', '--weight', '0.5', '--rules', rulesDir]],
    ['simulate', ['simulate', 'data/scenarios/apparel-europe.json', '--trials', '20', '--workers', '1', '--no-break-even', '--no-sensitivity', '--out', join(out, 'sim'), '--rules', rulesDir]],
    ['report', ['report', 'data/scenarios/apparel-europe.json', '--trials', '20', '--workers', '1', '--out', join(out, 'rep'), '--rules', rulesDir]],
    ['diff (base)', ['diff', rulesDir, 'rules']],
    ['diff (head)', ['diff', 'rules', rulesDir]],
    ['impact (base)', ['impact', rulesDir, 'rules', 'data/scenarios/apparel-europe.json', '--trials', '20', '--workers', '1', '--break-even-trials', '0']],
    ['impact (head)', ['impact', 'rules', rulesDir, 'data/scenarios/apparel-europe.json', '--trials', '20', '--workers', '1', '--break-even-trials', '0']],
  ];
}

describe('exit codes: one table, applied by every command', () => {
  it('every command exits 2 (bad input, no stack trace) on the same broken rule set', async () => {
    const { rulesDir } = await copyRules((f) => {
      ruleById(f.admission, 'ADM-3').params.minPositiveRate = 'ninety-five';
      f.fees.schedules[0].bandedFees[1].bands[2].fromLitres = 4;
    });
    const out = await tempDir();
    for (const [name, argv] of everyCommand(rulesDir, out)) {
      for (const json of [false, true]) {
        const r = await cli(...argv, ...(json && name !== 'report' ? ['--json'] : []));
        expect(r.code, `${name}${json ? ' --json' : ''}\n${r.stderr}`).toBe(EXIT.badInput);
        expect(r.stderr + r.stdout, name).toMatch(/admission\.json:\d+:\d+ \(\/rules\/2\/params\/minPositiveRate\)/);
        expect(r.stderr, name).not.toMatch(/internal error|\n\s+at /);
      }
    }
    // nothing was written for the failed simulate and report runs
    expect(await readdir(out)).toEqual([]);
  });

  it('every command lists the exit-code table in its --help', async () => {
    const commands = [[], ['rules'], ['rules', 'validate'], ['rules', 'test'], ['check'], ['check', 'store'], ['check', 'catalog'], ['check', 'exit'], ['check', 'reentry'], ['quote'], ['simulate'], ['report'], ['diff'], ['impact'], ['calibrate'], ['backtest'], ['init']];
    for (const cmd of commands) {
      const r = await cli(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      for (const line of [/0\s+ok/, /1\s+a rule, rule test or check failed/, /2\s+bad input/, /3\s+internal error/]) expect(r.stdout, cmd.join(' ')).toMatch(line);
      const zh = await cli(...cmd, '--help', '--lang', 'zh');
      expect(zh.code, cmd.join(' ')).toBe(0);
      for (const line of [/退出码/, /0\s+成功/, /1\s+规则/, /2\s+输入有误/, /3\s+内部错误/]) expect(zh.stdout, cmd.join(' ')).toMatch(line);
    }
  });

  it('the README states the same table', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(join(PROJECT_DIR, 'README.md'), 'utf8');
    expect(readme).toMatch(/\| 0 \| ok/);
    expect(readme).toMatch(/\| 1 \| a rule, rule test or check failed/);
    expect(readme).toMatch(/\| 2 \| bad input/);
    expect(readme).toMatch(/\| 3 \| internal error/);
  });
});

describe('rules validate outside the repository', () => {
  it('checks a lone rules folder against the shipped data and reports only its own errors', async () => {
    const dir = await tempDir('jitsim-lone-');
    const rulesDir = join(dir, 'draft');
    await cp(join(PROJECT_DIR, 'rules'), rulesDir, { recursive: true });
    const clean = await cli('rules', 'validate', rulesDir, '--json');
    expect(clean.code).toBe(0);
    const { writeFile, readFile } = await import('node:fs/promises');
    const adm = join(rulesDir, 'admission.json');
    await writeFile(adm, (await readFile(adm, 'utf8')).replace('"minPositiveRate": 0.95', '"minPositiveRate": "x"'));
    const broken = await cli('rules', 'validate', rulesDir);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/admission\.json/);
    expect(broken.stdout).not.toMatch(/cannot read|data\/rates|modes\.json|warehouse\.json/);
    expect(broken.stdout).toMatch(/✗ .*: 2 errors/);
  });

  it('takes --data <dir> (the data folder or its project), and rejects a folder that is neither', async () => {
    const dir = await tempDir('jitsim-lone-');
    await cp(join(PROJECT_DIR, 'rules'), join(dir, 'r'), { recursive: true });
    expect((await cli('rules', 'validate', join(dir, 'r'), '--data', 'data')).code).toBe(0);
    expect((await cli('rules', 'validate', join(dir, 'r'), '--data', '.')).code).toBe(0);
    const bad = await cli('rules', 'validate', join(dir, 'r'), '--data', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a data folder/);
  });
});

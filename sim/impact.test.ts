import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/cli.ts';
import { memoryIo } from '../scripts/io.ts';
import { PROJECT_DIR, copyRules, ruleById } from './testing/fixtures.ts';

const SCENARIO = join(PROJECT_DIR, 'data/scenarios/apparel-europe.json');

async function repo() {
  const { root, rulesDir } = await copyRules();
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe', env });
  git('init', '-q');
  git('add', 'rules');
  git('commit', '-qm', 'base');
  const edit = async (kind: string, f: (j: any) => void) => {
    const p = join(rulesDir, `${kind}.json`);
    const j = JSON.parse(await readFile(p, 'utf8'));
    f(j);
    await writeFile(p, JSON.stringify(j, null, 2));
  };
  const impact = async (...args: string[]) => {
    const io = memoryIo(root);
    const code = await main(['impact', ...args, SCENARIO, '--trials', '30', '--break-even-trials', '0', '--workers', '1', '--json'], io);
    return { code, out: code === 0 ? JSON.parse(io.stdout) : null, stderr: io.stderr };
  };
  return { git, edit, impact };
}

describe('jitsim impact', () => {
  it('--portfolio (a list file) with --shard k/n: every scenario is run by exactly one shard, and only by it', async () => {
    const { root } = await copyRules();
    const list = join(root, 'portfolio.txt');
    const files = ['home-latam.json', 'beauty-middle-east.json'];
    await writeFile(list, files.map((f) => join(PROJECT_DIR, 'data/scenarios', f)).join('\n') + '\n');
    const seen: string[] = [];
    for (const k of [1, 2]) {
      const io = memoryIo(root);
      expect(await main(['impact', '.', '--portfolio', list, '--shard', `${k}/2`, '--trials', '2', '--break-even-trials', '0', '--workers', '1', '--json'], io), io.stderr).toBe(0);
      const out = JSON.parse(io.stdout) as { shard: string; scenarios: { file: string }[] };
      expect(out.shard).toBe(`${k}/2`);
      expect(out.scenarios).toHaveLength(1);
      seen.push(...out.scenarios.map((x) => x.file.split('/').at(-1)!));
    }
    expect(seen.sort()).toEqual([...files].sort());
  });

  it('a fee increase raises JIT with a CI that excludes 0, and leaves the other modes exactly unchanged', async () => {
    const r = await repo();
    await r.edit('fees', (j) => (j.adjustments.find((a: { id: string }) => a.id === 'SUR-2').effect.amountCny = 0.8));
    const { code, out } = await r.impact('HEAD');
    expect(code).toBe(0);
    const s = out.scenarios[0];
    expect(s.modes.jit.diff.mean).toBeGreaterThan(0);
    expect(s.modes.jit.diff.ciLow).toBeGreaterThan(0);
    expect(s.modes.jit.significant).toBe(true);
    expect(s.modes.warehouse.diff.mean).toBe(0);
    expect(s.modes.direct.significant).toBe(false);
  });

  it('a no-op change (formatting only) has an impact of exactly 0', async () => {
    const r = await repo();
    await r.edit('fees', (j) => j); // rewritten with other whitespace
    const { out } = await r.impact('HEAD');
    expect(out.ruleChanges).toBe(0);
    for (const m of ['jit', 'warehouse', 'direct']) {
      expect(out.scenarios[0].modes[m].diff.mean).toBe(0);
      expect(out.scenarios[0].modes[m].significant).toBe(false);
    }
  });

  it('reports lost eligibility when an admission threshold moves', async () => {
    const r = await repo();
    await r.edit('admission', (j) => (ruleById(j, 'ADM-3').params.minPositiveRate = 0.97));
    const { out } = await r.impact('HEAD');
    expect(out.scenarios[0].eligibility).toMatchObject({ base: true, head: false, headFailures: ['ADM-3'] });
    // the order flows are the same under both rule sets, so modes the rule does not touch do not move
    expect(out.scenarios[0].modes.warehouse.diff.mean).toBe(0);
    expect(out.scenarios[0].modes.direct.diff.mean).toBe(0);
  });

  it('stops with the validation messages (exit 2) when the change breaks a rule file', async () => {
    const r = await repo();
    await r.edit('fees', (j) => (j.schedules[0].bandedFees[0].bands[1].fromLitres = 0.5));
    const bad = await r.impact('HEAD');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/fees\.json:\d+:\d+ \(\/schedules\/0\/bandedFees\/0\/bands\/1\/fromLitres\): band 2 overlaps band 1/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('jitsim impact with a new fee component', () => {
  it('pairs trials correctly when the head rules add a surcharge the base does not have', async () => {
    const r = await repo();
    await r.edit('fees', (j) =>
      j.adjustments.push({ ...j.adjustments.find((a: { id: string }) => a.id === 'SUR-1'), id: 'SUR-9', name: { en: 'Peak surcharge', zh: '旺季附加费' }, conditions: { all: [{ fact: 'designatedBox', operator: 'equal', value: true }] }, effect: { kind: 'perOrder', component: 'peakSurcharge', amountCny: 1 } }),
    );
    const { code, out } = await r.impact('HEAD');
    expect(code).toBe(0);
    const jit = out.scenarios[0].modes.jit;
    expect(jit.diff.mean).toBeGreaterThan(0);
    expect(jit.significant).toBe(true);
    expect(out.scenarios[0].modes.direct.diff.mean).toBe(0);
    expect(out.scenarios[0].modes.warehouse.diff.mean).toBe(0);
  });
});

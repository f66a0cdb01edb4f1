import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { copyRules, ruleById } from '../testing/fixtures.ts';

/** A temporary git repository whose first commit holds the shipped rules. */
async function repo() {
  const { root, rulesDir } = await copyRules();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q');
  git('add', 'rules');
  git('commit', '-qm', 'base');
  const edit = async (kind: string, f: (j: any) => void, format = (j: unknown) => JSON.stringify(j, null, 2)) => {
    const p = join(rulesDir, `${kind}.json`);
    const j = JSON.parse(await readFile(p, 'utf8'));
    f(j);
    await writeFile(p, format(j));
  };
  const diff = async (...args: string[]) => {
    const io = memoryIo(root);
    const code = await main(['diff', ...args, '--json'], io);
    return { code, out: code === 0 ? JSON.parse(io.stdout) : null, stderr: io.stderr };
  };
  return { root, rulesDir, git, edit, diff };
}

describe('jitsim diff', () => {
  it('names exactly the changed rules, with before → after', async () => {
    const r = await repo();
    await r.edit('admission', (j) => (ruleById(j, 'ADM-3').params.minPositiveRate = 0.97));
    await r.edit('fees', (j) => (j.schedules[0].bandedFees[1].bands[1].feeCny = 3.2));
    await r.edit('catalogue', (j) => j.bannedCategories.push({ ...j.bannedCategories[0], id: 'BAN-5', category: 'beauty' }));
    const { code, out } = await r.diff('HEAD');
    expect(code).toBe(0);
    expect(out.changes.map((c: { id: string; kind: string }) => `${c.id}:${c.kind}`)).toEqual(['ADM-3:changed', 'BAN-5:added', 'FEE-A3:changed']);
    expect(out.changes[0].changes[0].text).toBe('params.minPositiveRate: 0.95 → 0.97');
    expect(out.changes[2].changes[0].text).toBe('band 2 feeCny: 2.7 → 3.2');
  });

  it('is empty for formatting-only changes (key order, whitespace)', async () => {
    const r = await repo();
    await r.edit('admission', (j) => j.rules.reverse().reverse(), (j) => JSON.stringify(Object.fromEntries(Object.entries(j as object).reverse())));
    const { out } = await r.diff('HEAD');
    expect(out.changes).toEqual([]);
  });

  it('reports a source or effective-date change, and compares two commits', async () => {
    const r = await repo();
    await r.edit('exit', (j) => (ruleById(j, 'EXIT-2').effective = '2025-01-01'));
    r.git('commit', '-qam', 'head');
    const { out } = await r.diff('HEAD~1', 'HEAD');
    expect(out.changes).toEqual([expect.objectContaining({ id: 'EXIT-2', kind: 'changed', changes: [expect.objectContaining({ path: 'effective', before: '2024-05-01', after: '2025-01-01' })] })]);
  });

  it('stops with the validation messages (exit 2) when a side does not validate, and on an unknown revision', async () => {
    const r = await repo();
    await r.edit('admission', (j) => (ruleById(j, 'ADM-3').params.minPositiveRate = 'high'));
    const bad = await r.diff('HEAD');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/admission\.json:\d+:\d+ \(\/rules\/2\/params\/minPositiveRate\): wrong type/);
    expect((await r.diff('no-such-rev')).stderr).toMatch(/"no-such-rev" is neither a folder nor a git revision/);
  });
});

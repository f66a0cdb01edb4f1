/**
 * The editor's server without a browser: token and Origin checks, the rules folder as the only
 * place read or written (symbolic links included), save refused while invalid or when another
 * program changed the file, the smallest change on save, history and revert, and the CLI's exit
 * codes (bad folder, port in use).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as runEdit } from '../../scripts/commands/edit.ts';
import { processIo } from '../../scripts/io.ts';
import { main } from '../../scripts/cli.ts';
import { memoryIo } from '../../scripts/io.ts';
import { PROJECT_DIR, copyRules, tempDir } from '../testing/fixtures.ts';
import { startEditor, type RunningEditor } from './server.ts';
import { scenarioImpact } from '../impact.ts';

const git = promisify(execFile);
const KINDS = ['admission', 'catalogue', 'fees', 'routing', 'billing', 'exit', 'reentry'];

/** A git repository with the shipped rules, byte for byte. */
async function repo(): Promise<{ root: string; rulesDir: string }> {
  const { root, rulesDir } = await copyRules();
  for (const k of KINDS) await writeFile(join(rulesDir, `${k}.json`), await readFile(join(PROJECT_DIR, 'rules', `${k}.json`)));
  const g = (...a: string[]) => git('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: root });
  await g('init', '-q');
  await g('add', 'rules');
  await g('commit', '-qm', 'rules');
  return { root, rulesDir };
}

let editor: RunningEditor | undefined;
afterEach(async () => {
  await editor?.close();
  editor = undefined;
});

async function call(e: RunningEditor, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await e.app.inject({ method, url, headers: { host: `127.0.0.1:${e.port}`, 'x-jitsim-token': e.token, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) });
  return { status: r.statusCode, json: () => r.json() as any, body: r.body, headers: r.headers };
}

const withThreshold = (file: any, v: unknown) => {
  const next = structuredClone(file);
  next.rules[2].params.minPositiveRate = v;
  return next;
};

describe('jitsim edit server', () => {
  it('requires the token, its own Origin and its own Host', async () => {
    const { rulesDir } = await repo();
    editor = await startEditor(rulesDir, 'rules', { impact: { quickTrials: 4, refinedTrials: 8 } });
    const e = editor;
    const page = await e.app.inject({ method: 'GET', url: `/?token=${e.token}`, headers: { host: `127.0.0.1:${e.port}` } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // self-contained: no external script, stylesheet or font
    expect(page.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|unpkg|jsdelivr|cdnjs|googleapis/);
    expect((await e.app.inject({ method: 'GET', url: '/', headers: { host: `127.0.0.1:${e.port}` } })).statusCode).toBe(401);
    expect((await call(e, 'GET', '/api/state', undefined, { 'x-jitsim-token': 'x'.repeat(e.token.length) })).status).toBe(401);
    expect((await call(e, 'GET', '/api/state', undefined, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(e, 'POST', '/api/save', {}, { origin: `http://127.0.0.1:${e.port + 1}` })).status).toBe(403);
    expect((await call(e, 'GET', '/api/state', undefined, { host: `evil.example:${e.port}` })).status).toBe(403);
    expect((await call(e, 'GET', '/api/disk', undefined, { origin: `http://127.0.0.1:${e.port}` })).status).toBe(200);
  });

  it('saves the smallest change, refuses an invalid draft and a file changed on disk, reverts a rule', async () => {
    const { root, rulesDir } = await repo();
    editor = await startEditor(rulesDir, 'rules', { impact: { quickTrials: 4, refinedTrials: 8, breakEvenTrials: 4, seed: 5 } });
    const e = editor;
    const state = (await call(e, 'GET', '/api/state')).json();
    expect(state.check.valid).toBe(true);
    expect(state.params['admission/rules/2/params/minPositiveRate']).toMatchObject({ fact: 'positiveRate90d', min: 0, max: 1, unit: { en: 'fraction, 0.95 = 95 %', zh: '小数，0.95 = 95%' } });
    // the conditions form's vocabulary: the validator's facts with their units, the operators per type
    expect(state.facts.admission.facts.positiveRate90d).toMatchObject({ type: { kind: 'number', min: 0, max: 1 }, description: { zh: '近90天好评率（小数）' } });
    expect(state.facts.exit.collections.orders.status.type.kind).toBe('enum');
    expect(state.operators.greaterThanInclusive).toEqual(['number']);
    expect(state.seed).toBe(5);

    // a wrong type: a located schema error; save refused, the file untouched
    let r = (await call(e, 'POST', '/api/draft', { kind: 'admission', value: withThreshold(state.files.admission, '95%') })).json();
    expect(r.check.valid).toBe(false);
    expect(r.check.problems[0]).toMatchObject({ kind: 'admission', file: join('rules', 'admission.json'), pointer: '/rules/2/params/minPositiveRate' });
    expect(r.check.problems[0].line).toBeGreaterThan(1);
    const refused = await call(e, 'POST', '/api/save');
    expect(refused.status).toBe(422);
    expect((await git('git', ['status', '--porcelain', 'rules'], { cwd: root })).stdout).toBe('');

    // valid: the diff in words, the rule test that now fails
    r = (await call(e, 'POST', '/api/draft', { kind: 'admission', value: withThreshold(state.files.admission, 0.97) })).json();
    expect(r.check.valid).toBe(true);
    expect(r.check.diff).toEqual([expect.objectContaining({ id: 'ADM-3', changes: [{ en: 'params.minPositiveRate: 0.95 → 0.97', zh: 'params.minPositiveRate：0.95 → 0.97' }] })]);
    expect(r.check.tests.failed.map((t: any) => t.name)).toEqual(['ADM-3: exactly 95 % passes (boundary)']);
    await e.impact.settled();
    const impact = (await call(e, 'GET', `/api/impact?fingerprint=${r.check.fingerprint}`)).json();
    expect(impact.stage).toBe('done');
    expect(impact.scenarios.map((s: any) => s.eligibilityChange?.en).filter(Boolean)).toEqual(['apparel-europe-2026 loses JIT (ADM-3)', 'apparel-europe loses JIT (ADM-3)', 'beauty-middle-east loses JIT (ADM-3)']);
    // the refined figures are jitsim impact's, for the editor's seed, with the break-even search
    expect(impact).toMatchObject({ seed: 5, trials: 8 });
    const latam = impact.scenarios.find((s: any) => s.scenario === 'home-latam');
    const { eligibilityChange, ...refined } = latam;
    expect(eligibilityChange).toBeNull();
    expect(refined.breakEven.length).toBeGreaterThan(0);
    expect(refined).toEqual(JSON.parse(JSON.stringify(await scenarioImpact(rulesDir, e.workspace.draftDir, join(e.workspace.projectDir, 'data', 'scenarios', 'home-latam.json'), { seed: 5, trials: 8, workers: 1, breakEvenTrials: 4 }))));

    // another program changes the file: detected, never overwritten
    const file = join(rulesDir, 'admission.json');
    const theirs = (await readFile(file, 'utf8')).replace('"maxDisputeRate": 0.005', '"maxDisputeRate": 0.006');
    await writeFile(file, theirs);
    expect((await call(e, 'GET', '/api/disk')).json().changed).toEqual(['admission']);
    const conflict = await call(e, 'POST', '/api/save');
    expect(conflict.status).toBe(409);
    expect(conflict.json().files).toEqual(['admission.json']);
    expect(await readFile(file, 'utf8')).toBe(theirs);

    // reload takes their version; the edit again; save: one line
    await call(e, 'POST', '/api/reload', { kind: 'admission' });
    await git('git', ['checkout', '--', 'rules'], { cwd: root });
    await call(e, 'POST', '/api/reload', { kind: 'admission' });
    const fresh = (await call(e, 'GET', '/api/state')).json();
    await call(e, 'POST', '/api/draft', { kind: 'admission', value: withThreshold(fresh.files.admission, 0.97) });
    const saved = await call(e, 'POST', '/api/save');
    expect(saved.status).toBe(200);
    expect((await git('git', ['diff', '--numstat'], { cwd: root })).stdout.trim()).toBe('1\t1\trules/admission.json');

    // history since the last commit, and revert of one rule (a draft, then saved)
    const history = (await call(e, 'GET', '/api/history')).json();
    expect(history.git).toBe(true);
    expect(history.saved.map((d: any) => d.id)).toEqual(['ADM-3']);
    const reverted = (await call(e, 'POST', '/api/revert', { id: 'ADM-3' })).json();
    expect(reverted.kind).toBe('admission');
    expect(reverted.check.diff.map((d: any) => d.id)).toEqual(['ADM-3']);
    expect((await call(e, 'POST', '/api/save')).status).toBe(200);
    expect((await git('git', ['status', '--porcelain', 'rules'], { cwd: root })).stdout).toBe('');
  });

  it('never reads or writes outside the rules folder', async () => {
    const { rulesDir } = await repo();
    const outside = await tempDir('jitsim-outside-');
    await writeFile(join(outside, 'admission.json'), '{"secret": true}\n');
    // a rule file that is a link to a file outside the folder
    await rm(join(rulesDir, 'billing.json'));
    await symlink(join(outside, 'admission.json'), join(rulesDir, 'billing.json'));
    const temps = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('jitsim-edit-')).sort();
    const before = await temps();
    await expect(startEditor(rulesDir, 'rules')).rejects.toThrow(/outside the rules folder/);
    expect(await temps()).toEqual(before); // its temporary copy is removed
    await rm(join(rulesDir, 'billing.json'));
    await writeFile(join(rulesDir, 'billing.json'), await readFile(join(PROJECT_DIR, 'rules', 'billing.json')));
    editor = await startEditor(rulesDir, 'rules', { impact: { quickTrials: 4, refinedTrials: 8 } });
    // a kind is one of the seven rule files, never a path
    for (const kind of ['../admission', '/etc/passwd', 'tests/admission.test']) expect((await call(editor, 'POST', '/api/draft', { kind, value: {} })).status).toBe(400);
    expect((await call(editor, 'POST', '/api/reload', { kind: '../../x' })).status).toBe(400);
    expect((await call(editor, 'GET', '/api/../../etc/passwd')).status).toBeGreaterThanOrEqual(400);
  });

  it('CLI: bad folder and port in use exit 2; --help in both languages', async () => {
    const io = memoryIo(PROJECT_DIR);
    expect(await main(['edit', 'no/such/folder', '--no-open'], io)).toBe(2);
    expect(io.stderr).toMatch(/no\/such\/folder is not a folder that can be read/);
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const port = (busy.address() as { port: number }).port;
    const io2 = memoryIo(PROJECT_DIR);
    expect(await main(['edit', 'rules', '--no-open', '--port', String(port)], io2)).toBe(2);
    expect(io2.stderr).toMatch(new RegExp(`port ${port} is already in use`));
    busy.close();
    const io3 = memoryIo(PROJECT_DIR);
    expect(await main(['edit', '--port', 'abc'], io3)).toBe(2);
    const io4 = memoryIo(PROJECT_DIR);
    expect(await main(['edit', '--help'], io4)).toBe(0);
    expect(io4.stdout).toMatch(/--no-open[^]*rule editor in the browser|rule editor in the browser[^]*--no-open/);
    const io5 = memoryIo(PROJECT_DIR);
    expect(await main(['edit', '--help', '--lang', 'zh'], io5)).toBe(0);
    expect(io5.stdout).toMatch(/浏览器中的规则编辑器[^]*只输出带访问令牌的网址/);
  });

  it("the page's Stop button ends jitsim edit (POST /api/stop, token required): no terminal needed", async () => {
    const io = memoryIo(PROJECT_DIR);
    let url = '';
    const never = () => new Promise<void>(() => {});
    const done = runEdit(Object.assign(io, { openUrl: async (u: string) => ((url = u), true) }), ['rules'], { lang: 'en', json: false, open: true }, never);
    for (let i = 0; i < 200 && !url; i++) await new Promise((r) => setTimeout(r, 25));
    const { origin, searchParams } = new URL(url);
    // without the token: refused, the editor keeps running
    expect((await fetch(`${origin}/api/stop`, { method: 'POST' })).status).toBe(401);
    const r = await fetch(`${origin}/api/stop`, { method: 'POST', headers: { 'x-jitsim-token': searchParams.get('token')! } });
    expect(r.status).toBe(200);
    expect(await done).toBe(0);
    expect(io.stderr).toMatch(/Editor stopped/);
    await expect(fetch(`${origin}/api/state`)).rejects.toThrow();
  });

  it('CLI: opens the browser on a terminal; --no-open, or no terminal, only prints the URL with its token', async () => {
    const base = { lang: 'en' as const, json: false };
    const openUrl = vi.fn(async (_url: string) => true);
    // a terminal: the page is opened, at the printed URL (token included)
    const io = Object.assign(memoryIo(PROJECT_DIR), { openUrl });
    expect(await runEdit(io, ['rules'], { ...base, open: true }, async () => {})).toBe(0);
    expect(openUrl).toHaveBeenCalledTimes(1);
    const url = openUrl.mock.calls[0]![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(io.stdout).toContain(url);
    expect(io.stderr).toMatch(/Opened in your browser/);
    // --no-open: not opened, the URL printed
    const io2 = Object.assign(memoryIo(PROJECT_DIR), { openUrl });
    expect(await runEdit(io2, ['rules'], { ...base, open: false }, async () => {})).toBe(0);
    expect(openUrl).toHaveBeenCalledTimes(1);
    expect(io2.stdout).toMatch(/\?token=[\w-]{32}/);
    expect(io2.stderr).toMatch(/Open the URL above in a browser \(it holds the access token/);
    // no terminal (memoryIo has no openUrl): the URL printed; --json says it was not opened
    const io3 = memoryIo(PROJECT_DIR);
    expect(await runEdit(io3, ['rules'], { ...base, json: true, open: true }, async () => {})).toBe(0);
    expect(JSON.parse(io3.stdout)).toMatchObject({ url: expect.stringMatching(/\?token=/), opened: false, rulesDir: 'rules' });
    // a browser that cannot be started: the URL is still printed, in Chinese too
    const io4 = Object.assign(memoryIo(PROJECT_DIR), { openUrl: async () => false });
    expect(await runEdit(io4, ['rules'], { ...base, lang: 'zh', open: true }, async () => {})).toBe(0);
    expect(io4.stdout).toMatch(/\?token=/);
    expect(io4.stderr).toMatch(/请在浏览器中打开上面的网址（含令牌/);
    // the real streams offer the opener only on a terminal outside CI
    const tty = (v: boolean | undefined) => {
      Object.defineProperty(process.stdin, 'isTTY', { value: v, configurable: true });
      Object.defineProperty(process.stdout, 'isTTY', { value: v, configurable: true });
    };
    const was = [process.stdin.isTTY, process.stdout.isTTY];
    try {
      vi.stubEnv('CI', '');
      tty(true);
      expect(typeof processIo().openUrl).toBe('function');
      vi.stubEnv('CI', 'true');
      expect(processIo().openUrl).toBeUndefined();
      vi.stubEnv('CI', '');
      tty(undefined);
      expect(processIo().openUrl).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
      Object.defineProperty(process.stdin, 'isTTY', { value: was[0], configurable: true });
      Object.defineProperty(process.stdout, 'isTTY', { value: was[1], configurable: true });
    }
  });
});

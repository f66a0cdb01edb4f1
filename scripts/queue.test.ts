/**
 * The queue runner end to end: a real redis-server (started here, on a free loopback port), two
 * `jitsim serve-worker` processes, and `jitsim simulate … --queue`: the merged files equal the local
 * run byte for byte — also when a worker is killed in the middle of a shard (the shard is retried by
 * the other worker). Without redis-server the tests fail under CI=true (and are skipped elsewhere).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_DIR, tempDir } from '../sim/testing/fixtures.ts';
import { main } from './cli.ts';
import { memoryIo } from './io.ts';

const HAVE_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const CI = process.env.CI === 'true';
const SCENARIO = 'data/scenarios/home-latam.json';
const FILES = ['summary.json', 'trials.csv', 'monthly.csv', 'skus.csv'];
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess & { log: string } {
  const c = spawn(cmd, args, { cwd: PROJECT_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { log: string };
  c.log = '';
  c.stdout!.on('data', (d) => (c.log += String(d)));
  c.stderr!.on('data', (d) => (c.log += String(d)));
  children.push(c);
  return c;
}

async function until(what: string, ok: () => boolean, ms = 150_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function cli(...argv: string[]) {
  const io = memoryIo(PROJECT_DIR);
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const worker = (url: string, env: Record<string, string> = {}) => start(process.execPath, [inject('jitsimBundle'), 'serve-worker', '--queue', url, '--workers', '1'], { JITSIM_QUEUE_LOCK_MS: '3000', ...env });

describe('queue runner (BullMQ on redis-server)', () => {
  // in CI a missing redis-server fails these tests (beforeAll throws); elsewhere they are skipped
  describe.skipIf(!HAVE_REDIS && !CI)('with redis-server', () => {
    let url = '';
    beforeAll(async () => {
      if (!HAVE_REDIS) throw new Error('redis-server is not installed: .ci/run installs the Debian package redis-server');
      const port = await freePort();
      const dir = await tempDir();
      const redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes']);
      await until('redis-server', () => /Ready to accept connections/.test(redis.log), 20_000);
      url = `redis://127.0.0.1:${port}`;
    }, 30_000);
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    }, 30_000);

    it('two workers: the merged result equals the local run byte for byte, even when a worker is killed mid-shard', async () => {
      const dir = await tempDir();
      // break-even and tornado travel in the partial exactly as with --shard (scripts/shard.test.ts covers them)
      const run = ['--trials', '400', '--seed', '9', '--no-break-even', '--no-sensitivity'];
      const local = await cli('simulate', SCENARIO, ...run, '--workers', '1', '--out', join(dir, 'local'));
      expect(local.code).toBe(0);
      const want = await Promise.all(FILES.map((f) => readFile(join(dir, 'local', f), 'utf8')));

      // a holds each shard 1 s after announcing it, so that it is killed mid-shard however fast the machine
      const a = worker(url, { JITSIM_TEST_HOLD_SHARD_MS: '1000' });
      const b = worker(url);
      await until('two workers', () => /waiting for shard jobs/.test(a.log) && /waiting for shard jobs/.test(b.log));
      const q = await cli('simulate', SCENARIO, ...run, '--queue', url, '--shards', '3', '--out', join(dir, 'queue'));
      expect(q.code, q.stderr).toBe(0);
      for (const [i, f] of FILES.entries()) expect(await readFile(join(dir, 'queue', f), 'utf8'), f).toBe(want[i]);
      expect(a.log + b.log).toMatch(/shard 1\/3/);

      // kill worker a as soon as it starts a shard; worker b takes the shard over once a's lock expires
      a.log = '';
      b.log = '';
      const pending = cli('simulate', SCENARIO, ...run, '--queue', url, '--shards', '2', '--out', join(dir, 'killed'));
      await until('worker a to start a shard', () => /\(job (\S+), attempt/.test(a.log));
      a.kill('SIGKILL');
      const job = /\(job (\S+), attempt/.exec(a.log)![1]!;
      const k = await pending;
      expect(k.code, k.stderr).toBe(0);
      expect(b.log).toContain(`(job ${job},`); // the killed shard ran again, on b
      for (const [i, f] of FILES.entries()) expect(await readFile(join(dir, 'killed', f), 'utf8'), f).toBe(want[i]);
    }, 420_000);

    it('rejects a URL that is not redis://', async () => {
      const r = await cli('simulate', SCENARIO, '--trials', '10', '--queue', 'http://127.0.0.1:1');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a redis:\/\/ URL/);
    });
  });
});

/** `jitsim serve-worker --queue redis://…`: runs simulation shards from the queue until stopped (SIGINT/SIGTERM). */
import { availableParallelism } from 'node:os';
import { serveWorker } from '../../sim/queue.ts';
import { EXIT } from '../exit-codes.ts';
import type { CommonOptions, Io } from '../io.ts';
import { resolveRulesDir, wholeNumber } from './shared.ts';
import { M } from './messages.ts';

export interface ServeWorkerCliOptions extends CommonOptions {
  queue: string;
  workers?: string;
  rules?: string;
}

export async function run(io: Io, _args: string[], o: ServeWorkerCliOptions): Promise<number> {
  const zh = o.lang === 'zh';
  const workers = o.workers !== undefined ? wholeNumber('--workers', o.workers, 1) : availableParallelism();
  const lockDurationMs = io.env.JITSIM_QUEUE_LOCK_MS !== undefined ? wholeNumber('JITSIM_QUEUE_LOCK_MS', io.env.JITSIM_QUEUE_LOCK_MS, 1000) : undefined;
  const { stop } = await serveWorker(o.queue, { rulesDir: resolveRulesDir(io, o.rules), workers, ...(lockDurationMs ? { lockDurationMs } : {}), log: (en, zhText) => io.err(zh ? zhText : en) });
  io.err(M.workerWaiting(o.queue)[zh ? 'zh' : 'en']);
  if (o.json) io.out(JSON.stringify({ ok: true, queue: o.queue, pid: process.pid }));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();
  return EXIT.ok;
}

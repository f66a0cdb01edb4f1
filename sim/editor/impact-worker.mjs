// Impact worker entry (plain ESM, so that worker_threads can start it under tsx, vitest or plain
// node): registers tsx's loader in this thread, then imports the TypeScript task. The editor runs
// its impact simulations here so that the server stays responsive while they run.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./impact-task.ts');
export default mod.default;

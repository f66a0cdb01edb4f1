// Worker entry (plain ESM, so that worker_threads can start it under tsx, vitest or plain node):
// it registers tsx's loader in this thread, then imports the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker-task.ts');
export default mod.default;

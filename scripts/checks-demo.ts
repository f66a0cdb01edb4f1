/** `npm run checks`: the four eligibility checks on the bundled samples in data/samples/. */
import { main } from './cli.ts';
import { processIo } from './io.ts';

const io = processIo();
const lang = process.env.JITSIM_LANG === 'zh' ? 'zh' : 'en';
let worst = 0;
for (const job of [
  ['rules', 'validate'],
  ['check', 'store', 'data/samples/store.json'],
  ['check', 'store', 'data/samples/store-frozen.json'],
  ['check', 'catalog', 'data/samples/skus.csv'],
  ['check', 'exit', 'data/samples/exit-state.json'],
  ['check', 'reentry', 'data/samples/reentry-state.json'],
]) {
  io.out(`\n$ jitsim ${job.join(' ')} --lang ${lang}`);
  const code = await main([...job, '--lang', lang], io);
  if (code >= 2) worst = code; // a failing rule in a sample is an answer, not an error
}
process.exitCode = worst;

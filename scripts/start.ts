/**
 * `npm start`: the main job on the bundled samples. Until the report issue lands, it runs the four
 * eligibility checks on data/samples/ and prints their verdicts (exit 0 unless the input is bad:
 * a failing rule in a sample is an answer, not an error).
 */
import { main } from './cli.ts';
import { processIo } from './io.ts';

const io = processIo();
const lang = process.argv.includes('--lang=zh') || process.env.JITSIM_LANG === 'zh' ? 'zh' : 'en';
const jobs: string[][] = [
  ['rules', 'validate'],
  ['check', 'store', 'data/samples/store.json'],
  ['check', 'store', 'data/samples/store-frozen.json'],
  ['check', 'catalog', 'data/samples/skus.csv'],
  ['check', 'exit', 'data/samples/exit-state.json'],
  ['check', 'reentry', 'data/samples/reentry-state.json'],
];
let worst = 0;
for (const job of jobs) {
  io.out(`\n$ jitsim ${job.join(' ')} --lang ${lang}`);
  const code = await main([...job, '--lang', lang], io);
  if (code >= 2) worst = code;
}
process.exitCode = worst;

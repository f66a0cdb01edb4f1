/**
 * The CI steps, in one place: `.github/workflows/reports.yml` calls `npx tsx scripts/ci.ts <step>`
 * for each, and a test checks the workflow and this list agree and runs the quick steps, so the
 * workflow cannot silently rot.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReports } from './build-reports.ts';
import { main } from './cli.ts';
import { processIo, type Io } from './io.ts';

/** Step name → what it runs. `pr-summary` takes the base revision (the pull request's target branch). */
export const STEPS = {
  validate: (io: Io) => main(['rules', 'validate'], io),
  'rules-test': (io: Io) => main(['rules', 'test'], io),
  test: () => spawnSync('npm', ['test'], { stdio: 'inherit' }).status ?? 1,
  reports: (io: Io) => buildReports(io, io.cwd),
  'pr-summary': async (io: Io, base?: string) => {
    if (!base) {
      io.err('pr-summary needs the base revision, e.g. origin/main');
      return 2;
    }
    io.out('# jitsim: rule changes and their cost impact\n');
    const diff = await main(['diff', base, '--lang', 'en'], io);
    io.out('');
    const impact = await main(['impact', base, '--lang', 'en'], io);
    return Math.max(diff, impact);
  },
} as const satisfies Record<string, (io: Io, arg?: string) => number | Promise<number>>;

export type Step = keyof typeof STEPS;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [step, arg] = process.argv.slice(2);
  const io = processIo();
  if (!step || !(step in STEPS)) {
    io.err(`usage: tsx scripts/ci.ts <${Object.keys(STEPS).join('|')}> [base]`);
    process.exitCode = 2;
  } else process.exitCode = await STEPS[step as Step](io, arg);
}

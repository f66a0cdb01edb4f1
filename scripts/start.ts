/**
 * `npm start`: the main job on the bundled sample — simulate the default scenario
 * (data/scenarios/apparel-europe.json, 10,000 simulations) and write its report in English and
 * Chinese to reports/out/apparel-europe/, then print the headline (recommended mode and why, mean cost
 * per mode with its 95 % CI) and the path of its index.html.
 * Extra arguments go to `jitsim report` (e.g. `npm start -- --trials 2000 --lang zh`).
 */
import { main } from './cli.ts';
import { processIo } from './io.ts';
import { installSignalCleanup } from '../sim/io/output-folder.ts';

export const DEFAULT_SCENARIO = 'data/scenarios/apparel-europe.json';

// Ctrl-C / kill: remove this run's working folders before exiting
installSignalCleanup((line) => process.stderr.write(line + '\n'));
process.exitCode = await main(['report', DEFAULT_SCENARIO, ...process.argv.slice(2)], processIo());

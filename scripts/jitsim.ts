#!/usr/bin/env tsx
/** Entry point of the `jitsim` command (package bin). */
import { main } from './cli.ts';
import { processIo } from './io.ts';
import { installSignalCleanup } from '../sim/io/output-folder.ts';

// Ctrl-C / kill: remove this run's working folders before exiting
installSignalCleanup((line) => process.stderr.write(line + '\n'));
process.exitCode = await main(process.argv.slice(2), processIo());

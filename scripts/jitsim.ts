#!/usr/bin/env tsx
/** Entry point of the `jitsim` command (package bin). */
import { main } from './cli.ts';
import { endQuietlyOnClosedPipe, processIo } from './io.ts';
import { cleanUpWorkNow, installSignalCleanup } from '../sim/io/output-folder.ts';

// Ctrl-C / kill: remove this run's working folders before exiting
installSignalCleanup((line) => process.stderr.write(line + '\n'));
// `jitsim … | head`: the reader has what it wanted; exit 0 without a stack trace
endQuietlyOnClosedPipe(cleanUpWorkNow);
process.exitCode = await main(process.argv.slice(2), processIo());
